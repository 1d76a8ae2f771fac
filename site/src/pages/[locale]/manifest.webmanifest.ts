import type { APIRoute } from 'astro'

import { getLocale } from '@lotse/translations'

import { translator } from '../../lib/i18n'
import { localeParams } from '../../lib/urls'

/** The installable web app, one per locale: it opens in the reader's language. */
export const getStaticPaths = localeParams

export const GET: APIRoute = ({ params }) => {
  const locale = getLocale(params.locale!)
  const t = translator(locale.code)
  const manifest = {
    name: t('site.name'),
    short_name: 'Lotse',
    description: t('site.tagline'),
    lang: locale.code,
    dir: locale.dir,
    start_url: `/${locale.code}/`,
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#0b5394',
    icons: [
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  }
  return new Response(JSON.stringify(manifest), { headers: { 'Content-Type': 'application/manifest+json' } })
}
