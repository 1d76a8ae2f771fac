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
  // By slug (`content().slugs`): a renamed offer that moves in the lists does not change the sitemaps.
  const { slugs } = content()
  const all: string[] = [
    paths.home(),
    paths.offers(),
    paths.contacts(),
    paths.interpreters(),
    paths.events(),
    paths.reports(),
    paths.concept(),
    paths.info(),
    ...slugs.topics.map(paths.offersByTopic),
    ...slugs.municipalities.map(paths.offersIn),
    // Current offers only. An ended offer's page stays so old links keep working, but it is
    // dropped here (and marked noindex): a search engine should no more send a newcomer to a
    // course that is over than the site's own search does. When the county republishes the
    // offer with new dates, it is back in the next build's sitemap.
    ...slugs.offers.map(paths.offer),
    ...slugs.contacts.map(paths.contact),
    ...slugs.events.map(paths.event),
    ...slugs.reports.map(paths.report),
    ...slugs.pages.map(paths.page),
  ]
  const alternates = (path: string) =>
    localeCodes.map((code) => `<xhtml:link rel="alternate" hreflang="${code}" href="${absolute(href(code, path))}"/>`).join('') +
    `<xhtml:link rel="alternate" hreflang="x-default" href="${absolute(href('de', path))}"/>`
  const urls = all.map((path) => `<url><loc>${absolute(href(params.locale!, path))}</loc>${alternates(path)}</url>`)
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">${urls.join('')}</urlset>\n`
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } })
}
