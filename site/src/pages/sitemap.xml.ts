import type { APIRoute } from 'astro'

import { localeCodes } from '@lotse/translations'

import { absolute } from '../lib/urls'

/** The sitemap index (named in robots.txt): one sitemap per locale, `/{locale}/sitemap.xml`. */
export const GET: APIRoute = () => {
  const entries = localeCodes.map((code) => `<sitemap><loc>${absolute(`/${code}/sitemap.xml`)}</loc></sitemap>`)
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${entries.join('')}</sitemapindex>\n`
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } })
}
