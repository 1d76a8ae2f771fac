/**
 * The search engine behind the search island, without any UI: loads a locale's Pagefind bundle
 * (`/pagefind/{locale}/pagefind.js`, only when first needed), runs the query through
 * `prepareQuery` (the one place a query is changed before Pagefind sees it), asks the German
 * index too when the reader wants it or their own language finds little, and merges both into
 * one list: the reader's language first, each page once.
 */

import { visibleExcerpt, type ExcerptSource } from '../lib/searchExcerpt'
import { queryVariants } from '../lib/searchText'

/** One Pagefind result before its data is loaded (Pagefind loads fragments lazily). */
export interface PagefindResult {
  data: () => Promise<ExcerptSource & { url: string; excerpt: string; meta: { title?: string } }>
}

/** The part of Pagefind's browser API the engine uses. */
export interface PagefindBundle {
  filters: () => Promise<Record<string, Record<string, number>>>
  search: (query: string, options?: { filters?: Record<string, string> }) => Promise<{ results: PagefindResult[] } | null>
}

/** Loads (once) the bundle of one locale. */
export type LoadBundle = (locale: string) => Promise<PagefindBundle>

/** A result as the island shows it. */
export interface Hit {
  url: string
  title: string
  /** Pagefind's excerpt: its own escaped text with `<mark>` around the matched words. */
  excerpt: string
  /** The locale of the index that found it: the reader's, or `de` for the German fallback. */
  locale: string
}

export interface SearchRequest {
  query: string
  /** Filter values by filter name (`kind`, `topic`, `municipality`), in the reader's locale. */
  filters: Record<string, string>
  /** The reader asked for German results even when their own language finds enough. */
  alsoGerman: boolean
}

export interface SearchOutcome {
  /** Own results first, then German ones whose page was not found in the reader's language. */
  hits: Hit[]
  /** The German index was wanted but could not be loaded (offline without it, typically). */
  germanUnavailable: boolean
}

/**
 * Below this many results the German index is asked too. Pagefind also returns near misses
 * (words sharing a prefix), so "nothing found" is rarely exactly zero.
 */
export const FEW = 3

/** At most this many results per index are loaded and shown. */
export const LIMIT = 20

/** The locale whose index every text exists in. */
export const SOURCE_LOCALE = 'de'

/**
 * The query as Pagefind gets it, for the reader's locale. Every search goes through here, so
 * spelling variants and other query-side matching have exactly one place to live.
 */
export function prepareQuery(query: string, locale: string): string {
  return queryVariants(query.trim(), locale)
}

/** Whether the German index belongs to this locale's search (not for German itself). */
export function hasGermanFallback(locale: string): boolean {
  return locale !== SOURCE_LOCALE
}

/** A page's path below its locale (`/ar/offers/x/` → `offers/x/`): the same page in every language. */
export function pageKey(url: string): string {
  return url.replace(/^\/[^/]+\//, '')
}

/** One list from the reader's results and the German ones: own first, a page found in both only once. */
export function mergeHits(own: Hit[], german: Hit[]): Hit[] {
  const seen = new Set(own.map((h) => pageKey(h.url)))
  return [...own, ...german.filter((h) => !seen.has(pageKey(h.url)))]
}

/** Asks one locale's index: the only place a query reaches Pagefind, through `prepareQuery`. */
async function ask(load: LoadBundle, locale: string, query: string, filters?: Record<string, string>): Promise<Hit[]> {
  const found = await (await load(locale)).search(prepareQuery(query, locale), { filters })
  const data = await Promise.all((found?.results ?? []).slice(0, LIMIT).map((r) => r.data()))
  // Not Pagefind's own excerpt: it may quote the page's hidden search terms (searchExcerpt.ts).
  return data.map((d) => ({ url: d.url, title: d.meta.title ?? d.url, excerpt: visibleExcerpt(d), locale }))
}

/** The filters the reader's index holds, with their values sorted for the reader. */
export async function availableFilters(load: LoadBundle, locale: string, names: readonly string[]): Promise<Record<string, string[]>> {
  const all = await (await load(locale)).filters()
  const out: Record<string, string[]> = {}
  for (const name of names) {
    const values = Object.keys(all[name] ?? {}).sort((a, b) => a.localeCompare(b, locale))
    if (values.length > 0) out[name] = values
  }
  return out
}

/**
 * Runs one search. Filter values are the reader's locale's words, which the German index does
 * not know: with a filter chosen, German results are not added.
 */
export async function search(load: LoadBundle, locale: string, request: SearchRequest): Promise<SearchOutcome> {
  if (request.query.trim() === '') return { hits: [], germanUnavailable: false }
  const filters = Object.keys(request.filters).length > 0 ? request.filters : undefined
  const own = await ask(load, locale, request.query, filters)
  const wantGerman = hasGermanFallback(locale) && !filters && (request.alsoGerman || own.length < FEW)
  if (!wantGerman) return { hits: own, germanUnavailable: false }
  let german: Hit[]
  try {
    german = await ask(load, SOURCE_LOCALE, request.query)
  } catch {
    return { hits: own, germanUnavailable: true }
  }
  return { hits: mergeHits(own, german), germanUnavailable: false }
}

/** Pagefind's module as `pagefind.js` exports it. */
interface PagefindModule extends PagefindBundle {
  options: (o: Record<string, unknown>) => Promise<void>
  init: () => Promise<void>
}

const bundles = new Map<string, Promise<PagefindBundle>>()

/**
 * The browser's loader: imports `/pagefind/{locale}/pagefind.js` once per locale. A failed load
 * (offline, locale not saved) is forgotten, so the next search tries again.
 */
export const loadPagefind: LoadBundle = (locale) => {
  let bundle = bundles.get(locale)
  if (!bundle) {
    const url = `/pagefind/${locale}/pagefind.js`
    bundle = (import(/* @vite-ignore */ url) as Promise<PagefindModule>).then(async (pf) => {
      await pf.options({ baseUrl: '/' })
      await pf.init()
      return pf
    })
    bundle.catch(() => bundles.delete(locale))
    bundles.set(locale, bundle)
  }
  return bundle
}
