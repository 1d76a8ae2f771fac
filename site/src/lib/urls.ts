import { createHash } from 'node:crypto'

import { PAGE_SEGMENTS } from '@lotse/content-schemas'
import { localeCodes, type LocaleCode } from '@lotse/translations'

/**
 * The URL scheme (other parts rely on it: the deploy checks, the link check, feeds):
 * `/{locale}/offers/{slug}/`, `/{locale}/contacts/{slug}/`, `/{locale}/interpreters/`,
 * `/{locale}/events/{slug}/`, `/{locale}/reports/{slug}/`, `/{locale}/concept/`,
 * `/{locale}/search/`, `/{locale}/info/{slug}/`. Paths are locale-free below the locale, so
 * the language switcher swaps only the first segment. A document's own page lies under the
 * segment of the shared table (`PAGE_SEGMENTS`), which the deploy checks and the CMS's preview use too.
 */
export const paths = {
  home: () => '',
  offers: () => 'offers/',
  offer: (slug: string) => `${PAGE_SEGMENTS.offers}/${slug}/`,
  offersByTopic: (topic: string) => `offers/topic/${topic}/`,
  offersIn: (municipality: string) => `offers/in/${municipality}/`,
  contacts: () => 'contacts/',
  contact: (slug: string) => `${PAGE_SEGMENTS.contacts}/${slug}/`,
  interpreters: () => 'interpreters/',
  events: () => 'events/',
  event: (slug: string) => `${PAGE_SEGMENTS.events}/${slug}/`,
  eventIcs: (slug: string) => `events/${slug}.ics`,
  eventsFeed: () => 'events.ics',
  reports: () => 'reports/',
  report: (slug: string) => `${PAGE_SEGMENTS.reports}/${slug}/`,
  reportsFeed: () => 'reports/feed.xml',
  concept: () => 'concept/',
  search: () => 'search/',
  info: () => 'info/',
  page: (slug: string) => `${PAGE_SEGMENTS.pages}/${slug}/`,
} as const

/** An absolute path on the site: `/{locale}/{path}`. */
export const href = (locale: LocaleCode, path: string) => `/${locale}/${path}`

/** An absolute URL for canonical links, feeds and calendars (from `SITE_URL`). */
export function absolute(url: string): string {
  const base = (process.env.SITE_URL ?? 'http://localhost:4321').replace(/\/$/, '')
  return `${base}${url}`
}

/**
 * Whether this build renders a page: all pages, unless `LOTSE_BUILD_SHARE` is `i/n`. A full build
 * runs one Astro process per core (scripts/src/site/build.ts), each rendering the pages whose
 * key (locale and document or value) hashes to its share, and merges what they wrote. Shared out
 * by locale instead, 13 locales on two processes made 9,779 pages against 8,382 at 1,000 offers,
 * and in one of two builds measured one process ended 7.4 s after the other; shared by page, the
 * two ended within 1.5 s of each other in six builds. Pages without a locale are rendered by
 * every share and come out identical.
 */
function inBuildShare(key: string): boolean {
  const share = /^(\d+)\/(\d+)$/.exec(process.env.LOTSE_BUILD_SHARE ?? '')
  if (!share) return true
  return createHash('sha1').update(key).digest().readUInt32BE(0) % Number(share[2]) === Number(share[1])
}

/** Static paths of one page per locale (`[locale]/…`), e.g. the offer list. */
export const localeParams = () => localeCodes.filter((locale) => inBuildShare(locale)).map((locale) => ({ params: { locale } }))

/**
 * Static paths of one page per document per locale (`[locale]/<kind>/[slug]`). Each page gets
 * its document as `Astro.props.doc`: searching the list for it on every page would grow with
 * the square of the content (13 locales × 5,000 offers × 5,000 comparisons).
 */
export const documentPaths = <T extends { slug: string }>(docs: readonly T[]) =>
  localeCodes.flatMap((locale) => docs.filter((doc) => inBuildShare(`${locale}/${doc.slug}`)).map((doc) => ({ params: { locale, slug: doc.slug }, props: { doc } })))

/** Static paths of one page per value per locale (`[locale]/…/[key]`), e.g. offers of a topic. */
export const valuePaths = (key: string, values: readonly string[]) =>
  localeCodes.flatMap((locale) => values.filter((value) => inBuildShare(`${locale}/${key}/${value}`)).map((value) => ({ params: { locale, [key]: value } })))
