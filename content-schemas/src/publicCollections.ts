/**
 * The collections whose documents are written in every locale: German first, the others
 * translated (by people or machine translation), each with its translation state. Their
 * published documents are on the site.
 */
export const TRANSLATED_COLLECTIONS = ['offers', 'contacts', 'events', 'reports', 'pages', 'measures'] as const
export type TranslatedCollection = (typeof TRANSLATED_COLLECTIONS)[number]

/**
 * Every collection the export reads (as the anonymous reader does) and whose published changes
 * rebuild the site: the translated ones and what they refer to.
 */
export const PUBLIC_COLLECTIONS = [...TRANSLATED_COLLECTIONS, 'organizations', 'municipalities', 'topics', 'media', 'search-terms'] as const
export type PublicCollection = (typeof PUBLIC_COLLECTIONS)[number]

/**
 * The collections whose documents have a page of their own on the public site, and the path
 * segment of that page (`/{locale}/{segment}/{slug}/`). One table for everything that maps a
 * document to its page: the deploy's release checks, the CMS's preview, the build status. The
 * site's own URL scheme (site/src/lib/urls.ts) writes the same segments; a test holds the two
 * together.
 */
export const PAGE_SEGMENTS = {
  offers: 'offers',
  contacts: 'contacts',
  events: 'events',
  reports: 'reports',
  pages: 'info',
} as const

export type PagedCollection = keyof typeof PAGE_SEGMENTS

export const PAGED_COLLECTIONS = Object.keys(PAGE_SEGMENTS) as PagedCollection[]

export const isPagedCollection = (slug: string): slug is PagedCollection => Object.hasOwn(PAGE_SEGMENTS, slug)

/** The path of a document's page in one locale: `/de/offers/deutschkurs/`. */
export const documentPagePath = (collection: PagedCollection, locale: string, slug: string) => `/${locale}/${PAGE_SEGMENTS[collection]}/${slug}/`
