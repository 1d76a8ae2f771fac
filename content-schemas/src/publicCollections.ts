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
