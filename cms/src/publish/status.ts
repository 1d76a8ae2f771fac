import type { Endpoint, Payload, PayloadRequest } from 'payload'

import { TRANSLATED_COLLECTIONS } from '@lotse/content-schemas'

import { checkRole } from '../access/roles'
import { queueRebuild } from './trigger'

/** A deploy as the editors see it. */
export interface DeployView {
  status: 'queued' | 'running' | 'success' | 'failed'
  summary: string | null
  queuedAt: string | null
  startedAt: string | null
  finishedAt: string | null
  durationMs: number | null
  reason: string | null
  /** How it was built: "incremental (N pages)" or "full (reason)". */
  mode: string | null
  triggers: number
}

/** Where a document stands on the public site. */
export type DocumentSiteState = 'live' | 'building' | 'queued' | 'failed' | 'unpublished'

export interface SiteStatus {
  lastSuccess: DeployView | null
  running: DeployView | null
  queued: number
  /** The newest failure, when it is newer than the last success (the site is behind). */
  lastFailure: DeployView | null
  document?: DocumentSiteState
}

const view = (d: Record<string, unknown>): DeployView => ({
  status: d.status as DeployView['status'],
  summary: (d.summary as string) ?? null,
  queuedAt: (d.queuedAt as string) ?? null,
  startedAt: (d.startedAt as string) ?? null,
  finishedAt: (d.finishedAt as string) ?? null,
  durationMs: (d.durationMs as number) ?? null,
  reason: (d.reason as string) ?? null,
  mode: (d.mode as string) ?? null,
  triggers: Array.isArray(d.triggers) ? d.triggers.length : 0,
})

/**
 * The state of the public site, and optionally of one document on it. A document is live when
 * a successful build started after its last publish (the build read committed data from then
 * on); building when the running build started after it; failed when the newest build after it
 * failed; queued otherwise.
 */
export async function siteStatus(payload: Payload, doc?: { collection: string; id: string }): Promise<SiteStatus> {
  const find = async (status: DeployView['status'], sort = '-startedAt') =>
    (await payload.find({ collection: 'deploys', where: { status: { equals: status } }, sort, limit: 1, depth: 0 })).docs[0] as Record<string, unknown> | undefined
  const [success, running, failed] = await Promise.all([find('success', '-finishedAt'), find('running'), find('failed', '-finishedAt')])
  const queued = (await payload.count({ collection: 'deploys', where: { status: { equals: 'queued' } } })).totalDocs
  const status: SiteStatus = {
    lastSuccess: success ? view(success) : null,
    running: running ? view(running) : null,
    queued,
    lastFailure: failed && (!success || String(failed.finishedAt) > String(success.finishedAt)) ? view(failed) : null,
  }
  if (doc) {
    // The published version (main row); collections differ, the two fields read are common.
    const found = (await payload.findByID({ collection: doc.collection as 'offers', id: doc.id, depth: 0, draft: false, overrideAccess: true }).catch(() => null)) as unknown as {
      updatedAt: string
      _status?: string | null
    } | null
    if (!found || found._status === 'draft') status.document = 'unpublished'
    else {
      const changed = String(found.updatedAt)
      const after = (d: DeployView | null) => !!d?.startedAt && d.startedAt >= changed
      status.document = after(status.lastSuccess) ? 'live' : after(status.running) ? 'building' : status.lastFailure && String(status.lastFailure.startedAt) >= changed ? 'failed' : 'queued'
    }
  }
  return status
}

/** `GET /api/deploys/site-status[?collection=offers&id=5]`: for every signed-in member of staff. */
export const siteStatusEndpoint: Endpoint = {
  path: '/site-status',
  method: 'get',
  handler: async (req: PayloadRequest) => {
    if (!req.user) return Response.json({ error: 'Please log in.' }, { status: 401 })
    const collection = typeof req.query?.collection === 'string' ? req.query.collection : undefined
    const id = typeof req.query?.id === 'string' ? req.query.id : undefined
    if (collection && !(TRANSLATED_COLLECTIONS as readonly string[]).includes(collection)) {
      return Response.json({ error: `collection: "${collection}" has no public page` }, { status: 400 })
    }
    return Response.json(await siteStatus(req.payload, collection && id ? { collection, id } : undefined))
  },
}

/** `POST /api/deploys/rebuild`: the press office and admins rebuild the site by hand. */
export const rebuildEndpoint: Endpoint = {
  path: '/rebuild',
  method: 'post',
  handler: async (req: PayloadRequest) => {
    if (!checkRole(req.user, ['admin', 'press'])) return Response.json({ error: 'Only the press office and administrators may rebuild the website.' }, { status: 403 })
    const name = String((req.user as { name?: string; email?: string }).name ?? req.user!.email ?? '')
    await queueRebuild(req, { collection: '-', id: '-', title: `Manuell (${name})`, action: 'manual' })
    return Response.json({ queued: true }, { status: 202 })
  },
}
