import type { CollectionSlug, Endpoint } from 'payload'

import { isLocaleCode } from '@lotse/translations'

import { mayUpdateDocument } from '../access/hardening'
import { providerFromEnv } from './providers'
import { statesOf } from './status'

/**
 * `POST /api/<collection>/:id/machine-translate` with `{ "locales": ["ar", "uk"] }` (or none for
 * every missing or outdated locale): queues the machine-translation job and answers 202.
 */
export function machineTranslateEndpoint(collection: CollectionSlug): Endpoint {
  return {
    path: '/:id/machine-translate',
    method: 'post',
    handler: async (req) => {
      const id = String(req.routeParams?.id ?? '')
      if (!req.user) return Response.json({ error: 'Please log in.' }, { status: 401 })
      if (!providerFromEnv()) {
        return Response.json({ error: 'Machine translation is off. The administrator can enable it with MT_PROVIDER, MT_API_URL and MT_API_KEY.' }, { status: 409 })
      }
      // Machine translation writes non-German locales (translators' rule depends on the locale).
      if (!(await mayUpdateDocument(req, collection, id, 'en'))) return Response.json({ error: 'You may not edit this document.' }, { status: 403 })
      const body = (await req.json?.().catch(() => ({}))) as { locales?: unknown } | undefined
      const locales = Array.isArray(body?.locales) ? body.locales : []
      const bad = locales.filter((l) => !isLocaleCode(l) || l === 'de')
      if (bad.length > 0) return Response.json({ error: `locales: unknown or source locale ${bad.join(', ')}` }, { status: 400 })
      const job = await req.payload.jobs.queue({ task: 'machineTranslate', input: { collection, id, locales }, req })
      return Response.json({ queued: true, job: job.id }, { status: 202 })
    },
  }
}

/**
 * `GET /api/<collection>/:id/translation-status`: the state of every locale of a document
 * (original, reviewed, machine, outdated, missing), for the panel beside the editor. Read with
 * the user's access.
 */
export function translationStatusEndpoint(collection: CollectionSlug): Endpoint {
  return {
    path: '/:id/translation-status',
    method: 'get',
    handler: async (req) => {
      if (!req.user) return Response.json({ error: 'Please log in.' }, { status: 401 })
      const id = String(req.routeParams?.id ?? '')
      const doc = await req.payload
        .findByID({ collection, id: (/^\d+$/.test(id) ? Number(id) : id) as number, locale: 'all', depth: 0, draft: true, overrideAccess: false, user: req.user, req })
        .catch(() => null)
      if (!doc) return Response.json({ error: 'Not found.' }, { status: 404 })
      return Response.json({ states: statesOf(req.payload, collection, doc as unknown as Record<string, unknown>), machineTranslation: providerFromEnv() !== null })
    },
  }
}
