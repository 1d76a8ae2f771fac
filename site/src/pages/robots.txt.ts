import type { APIRoute } from 'astro'

import { absolute } from '../lib/urls'

export const GET: APIRoute = () => new Response(`User-agent: *\nAllow: /\nDisallow: /pagefind/\nSitemap: ${absolute('/sitemap.xml')}\n`, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
