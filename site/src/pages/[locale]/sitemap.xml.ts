import type { APIRoute } from 'astro'

import { localeCodes } from '@lotse/translations'

import { content } from '../../lib/content'
import { absolute, href, localeParams, paths } from '../../lib/urls'

/**
 * One locale's sitemap: every page once (ended offers excepted, see below), each with its
 * `hreflang` alternates (all locales plus x-default), so search engines show newcomers the page
 * in their language. One file per locale keeps each under the protocol's 50,000 URLs and 50 MB
 * (a single file for all locales passes 50,000 URLs at about 3,000 offers), and lets each build
 * process write only its own locales.
 */
export const getStaticPaths = localeParams

export const GET: APIRoute = ({ params }) => {
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
    // Current offers only. An ended offer's page stays so old links keep working, but it is
    // dropped here (and marked noindex): a search engine should no more send a newcomer to a
    // course that is over than the site's own search does. When the county republishes the
    // offer with new dates, it is back in the next build's sitemap.
    ...c.currentOffers.map((o) => paths.offer(o.slug)),
    ...c.contacts.map((k) => paths.contact(k.slug)),
    ...c.events.map((e) => paths.event(e.slug)),
    ...c.reports.map((r) => paths.report(r.slug)),
    ...c.pages.map((p) => paths.page(p.slug)),
  ]
  const alternates = (path: string) =>
    localeCodes.map((code) => `<xhtml:link rel="alternate" hreflang="${code}" href="${absolute(href(code, path))}"/>`).join('') +
    `<xhtml:link rel="alternate" hreflang="x-default" href="${absolute(href('de', path))}"/>`
  const urls = all.map((path) => `<url><loc>${absolute(href(params.locale!, path))}</loc>${alternates(path)}</url>`)
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">${urls.join('')}</urlset>\n`
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } })
}
