import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Endpoint } from 'payload'

import { documentPagePath, type PagedCollection } from '@lotse/content-schemas'
import { localeCodes } from '@lotse/translations'

import { buildSnapshot, type Doc, ExportError } from '../export/snapshot'
import { routeDocId } from '../lib/relations'
import { renderPage } from './renderer'

/** The admin's "Preview" button of a collection (`admin.preview`): in the locale being edited. */
export const previewUrl =
  (collection: PagedCollection) =>
  (doc: Record<string, unknown>, { locale }: { locale: string }): string | null =>
    doc.id ? `/api/${collection}/${String(doc.id)}/preview?locale=${locale}` : null

/** Where the live site is: `SITE_URL`, else the site server of `npm start`. */
export const publicSiteUrl = () => (process.env.SITE_URL ?? `http://localhost:${process.env.SITE_PORT ?? 4321}`).replace(/\/$/, '')

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * The page as the renderer made it, made a preview: a notice on top that this is not public, no
 * indexing, no scripts (reading pages need none; the search island is not previewed), and a
 * `<base>` at the live site, so images and links lead there.
 */
export function previewDocument(html: string, { siteUrl, savedAt }: { siteUrl: string; savedAt: string | null }): string {
  const when = savedAt ? new Date(savedAt).toLocaleString('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' }) : null
  const notice =
    `<div role="note" lang="de" dir="ltr" style="position:sticky;top:0;z-index:1000;background:#fff3bf;color:#1a1a1a;border-bottom:2px solid #b08800;padding:.6rem 1rem;font:600 1rem/1.4 system-ui,sans-serif" data-preview-notice>` +
    `Vorschau – nicht veröffentlicht. So zeigt die Website diese Seite nach dem Veröffentlichen${when ? ` (Stand: ${escapeHtml(when)})` : ''}.</div>`
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<head>/, `<head><base href="${escapeHtml(siteUrl)}/"><meta name="robots" content="noindex, nofollow">`)
    .replace(/<body([^>]*)>/, (body) => `${body}${notice}`)
}

/** What the preview answers may load and do: inlined styles and fonts, images from the site, nothing else. */
const previewPolicy = (siteUrl: string) =>
  [`default-src 'none'`, `style-src 'unsafe-inline'`, `font-src data:`, `img-src ${siteUrl} data:`, `base-uri ${siteUrl}`, `form-action 'none'`, `frame-ancestors 'self'`].join('; ')

const problem = (status: number, message: string, field?: string) => Response.json({ errors: [{ message, ...(field ? { field } : {}) }] }, { status, headers: { 'Cache-Control': 'no-store' } })

/**
 * `GET /api/<collection>/:id/preview?locale=de` — the document's latest version (a draft, or
 * what is published) as the public site will show it in that locale: rendered by the site's own
 * templates and CSS (the warm renderer) from the published content with this version in place
 * of the published one. Only with a CMS session, and only for who may read the draft (the
 * collection's read rule); never cached, never indexed.
 */
export function previewEndpoint(collection: PagedCollection): Endpoint {
  return {
    path: '/:id/preview',
    method: 'get',
    handler: async (req) => {
      if (!req.user) return problem(401, 'Bitte im CMS anmelden, um die Vorschau zu sehen.')
      const locale = req.searchParams.get('locale') ?? 'de'
      if (!(localeCodes as readonly string[]).includes(locale)) return problem(400, `locale: "${locale.slice(0, 20)}" ist keine Sprache der Website (${localeCodes.join(', ')}).`, 'locale')
      const id = routeDocId(String(req.routeParams?.id ?? ''))
      let doc: Doc
      try {
        doc = (await req.payload.findByID({ collection, id, draft: true, locale: 'all', depth: 0, overrideAccess: false, user: req.user, disableErrors: true })) as unknown as Doc
      } catch (error) {
        const status = (error as { status?: number }).status
        if (status === 403 || status === 404) return problem(404, 'Nicht gefunden.')
        throw error
      }
      if (!doc) return problem(404, 'Nicht gefunden.')
      const slug = typeof doc.slug === 'string' ? doc.slug : ''
      if (!slug) return problem(409, 'slug: Der Eintrag hat noch keine Adresse (Slug). Bitte zuerst speichern.', 'slug')
      const dir = mkdtempSync(path.join(tmpdir(), 'lotse-preview-'))
      try {
        const { snapshot } = await buildSnapshot(req.payload, { overlay: { collection, doc } })
        writeFileSync(path.join(dir, 'snapshot.json'), JSON.stringify(snapshot))
        const page = await renderPage(dir, documentPagePath(collection, locale, slug))
        if (page.status === 404) return problem(404, 'Die Website hätte für diesen Eintrag keine eigene Seite.')
        if (page.status !== 200) return problem(502, `Die Vorschau konnte nicht erzeugt werden (Status ${page.status}).`)
        const siteUrl = publicSiteUrl()
        return new Response(previewDocument(page.html, { siteUrl, savedAt: typeof doc.updatedAt === 'string' ? doc.updatedAt : null }), {
          status: 200,
          headers: {
            'Content-Type': 'text/html; charset=utf-8',
            'Cache-Control': 'no-store',
            'X-Robots-Tag': 'noindex, nofollow',
            'Content-Security-Policy': previewPolicy(siteUrl),
            'Referrer-Policy': 'no-referrer',
            'X-Content-Type-Options': 'nosniff',
          },
        })
      } catch (error) {
        // A draft the contract refuses names its field, as a publish would be refused.
        if (error instanceof ExportError) return problem(422, `${error.field}: ${error.message}`, error.field)
        req.payload.logger.error({ err: error, msg: `preview of ${collection} ${id} failed` })
        return problem(502, `Die Vorschau konnte nicht erzeugt werden: ${(error as Error).message}`)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
