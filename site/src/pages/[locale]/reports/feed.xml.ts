import type { APIRoute } from 'astro'

import { getLocale } from '@lotse/translations'

import { content } from '../../../lib/content'
import { translator } from '../../../lib/i18n'
import { escapeHtml, renderRichText } from '../../../lib/richtext'
import { pick } from '../../../lib/text'
import { absolute, href, localeParams, paths } from '../../../lib/urls'

/** The Atom feed of a locale's reports (newest 30), full text in the reader's language. */
export const getStaticPaths = localeParams

export const GET: APIRoute = ({ params }) => {
  const code = getLocale(params.locale!).code
  const t = translator(code)
  const reports = content().reports.slice(0, 30)
  const self = absolute(href(code, paths.reportsFeed()))
  const updated = reports.reduce((max, r) => (r.updatedAt > max ? r.updatedAt : max), content().snapshot.generatedAt)
  const entries = reports.map((r) => {
    const title = pick(r, r.title, code)!
    const summary = pick(r, r.summary, code)
    const body = pick(r, r.body, code)
    const url = absolute(href(code, paths.report(r.slug)))
    return `<entry><id>${url}</id><title xml:lang="${title.lang}">${escapeHtml(title.value)}</title><link href="${url}"/><published>${new Date(r.publishedDate).toISOString()}</published><updated>${new Date(r.updatedAt).toISOString()}</updated>${summary ? `<summary xml:lang="${summary.lang}">${escapeHtml(summary.value)}</summary>` : ''}${body ? `<content type="html" xml:lang="${body.lang}">${escapeHtml(renderRichText(body.value))}</content>` : ''}</entry>`
  })
  const xml = `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${code}"><id>${self}</id><title>${escapeHtml(`${t('site.name')} – ${t('reports.title')}`)}</title><link rel="self" href="${self}"/><link href="${absolute(href(code, paths.reports()))}"/><updated>${new Date(updated).toISOString()}</updated><author><name>Landkreis Wittmund</name></author>${entries.join('')}</feed>\n`
  return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } })
}
