import type { APIRoute } from 'astro'

import { localeCodes } from '@lotse/translations'

import { content } from '../lib/content'
import { absolute, href, paths } from '../lib/urls'

/**
 * The sitemap: every page once per locale, each with its `hreflang` alternates (RFC: all
 * locales plus x-default), so search engines show newcomers the page in their language.
 */
export const GET: APIRoute = () => {
  const c = content()
  const all: string[] = [
    paths.home(),
    paths.offers(),
    paths.contacts(),
    paths.interpreters(),
    paths.events(),
    paths.reports(),
    paths.concept(),
    paths.info(),
    ...c.topics.map((tp) => paths.offersByTopic(tp.slug)),
    ...c.municipalities.map((m) => paths.offersIn(m.slug)),
    ...c.offers.map((o) => paths.offer(o.slug)),
    ...c.contacts.map((k) => paths.contact(k.slug)),
    ...c.events.map((e) => paths.event(e.slug)),
    ...c.reports.map((r) => paths.report(r.slug)),
    ...c.pages.map((p) => paths.page(p.slug)),
  ]
  const alternates = (path: string) =>
    localeCodes.map((code) => `<xhtml:link rel="alternate" hreflang="${code}" href="${absolute(href(code, path))}"/>`).join('') +
    `<xhtml:link rel="alternate" hreflang="x-default" href="${absolute(href('de', path))}"/>`
  const urls = all.flatMap((path) => localeCodes.map((code) => `<url><loc>${absolute(href(code, path))}</loc>${alternates(path)}</url>`))
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">${urls.join('')}</urlset>\n`
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } })
}
