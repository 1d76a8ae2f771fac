/**
 * The search engine behind the search island, without any UI: loads a locale's Pagefind bundle
 * (`/pagefind/{locale}/pagefind.js`, only when first needed), runs the query through
 * `prepareQuery` (the one place a query is changed before Pagefind sees it), asks the German
 * index too when the reader wants it or their own language finds little (merged into the
 * reader's Pagefind instance), and merges both into one list: the reader's language first,
 * each page once.
 */

import { visibleExcerpt, type ExcerptSource } from '../lib/searchExcerpt'
import { queryVariants } from '../lib/searchText'

/** One Pagefind result before its data is loaded (Pagefind loads fragments lazily). */
export interface PagefindResult {
  /** The page's id in the index: a hash of what Pagefind indexed of it, the same in every build. */
  id: string
  score: number
  data: () => Promise<ExcerptSource & { url: string; excerpt: string; meta: { title?: string; overdue?: string } }>
}

/**
 * One Pagefind instance as the engine uses it: a locale's index, and the indexes merged into it
 * (Pagefind's `mergeIndex`). A merged index is searched with the instance's own WebAssembly, so
 * adding German costs German's index only, not a second copy of Pagefind (its pagefind.js,
 * worker and wasm, about 84 KB, which put a first query with the German fallback over the
 * 150 KB budget). Every page carries the filter `INDEX_FILTER: <locale of its index>`, so each
 * search asks one index.
 */
export interface PagefindBundle {
  filters: () => Promise<Record<string, Record<string, number>>>
  search: (query: string, options: { filters: Record<string, string> }) => Promise<{ results: PagefindResult[] } | null>
  /** Adds `locale`'s index to this instance. */
  merge: (locale: string) => Promise<void>
}

/** Loads (once) the bundle of one locale. */
export type LoadBundle = (locale: string) => Promise<PagefindBundle>

/** The filter Pagefind gives every page of an index (`mergeFilter`): the locale of that index. */
export const INDEX_FILTER = 'index'

/**
 * Where a locale's index lives, in shards (scripts/src/site/pagefind.ts writes them): this file
 * in the locale's bundle folder says how many there are, and each has its folder below it.
 */
export const SHARDS_FILE = 'shards.json'

/** A shard's folder below its locale's bundle folder: the first shard is that folder itself. */
export const shardFolder = (shard: number) => (shard === 0 ? '' : `${shard}/`)

/** A result as the island shows it. */
export interface Hit {
  url: string
  title: string
  /** Pagefind's excerpt: its own escaped text with `<mark>` around the matched words. */
  excerpt: string
  /** The locale of the index that found it: the reader's, or `de` for the German fallback. */
  locale: string
  /** Nobody has confirmed the offer or contact for too long (the page's `overdue` metadata): the result says so. */
  overdue?: true
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

/**
 * Pagefind's results by score, pages of equal score by their id. Pagefind itself leaves equal
 * scores in the order the pages came into its index: a full build adds them in the order the file
 * system lists them, a publish adds a new page last (scripts/src/site/publisher.ts). Two offers
 * with the same text would then swap places, or one drop below the limit, from one publish to the
 * next; the id is a hash of the page's indexed content and URL, so the order holds in every build.
 */
export function ranked(results: PagefindResult[]): PagefindResult[] {
  return [...results].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** Asks one index of the bundle: the only place a query reaches Pagefind, through `prepareQuery`. */
async function ask(bundle: PagefindBundle, locale: string, query: string, filters: Record<string, string> = {}): Promise<Hit[]> {
  const found = await bundle.search(prepareQuery(query, locale), { filters: { ...filters, [INDEX_FILTER]: locale } })
  const data = await Promise.all(
    ranked(found?.results ?? [])
      .slice(0, LIMIT)
      .map((r) => r.data()),
  )
  // Not Pagefind's own excerpt: it may quote the page's hidden search terms (searchExcerpt.ts).
  return data.map((d) => ({ url: d.url, title: d.meta.title ?? d.url, excerpt: visibleExcerpt(d), locale, ...(d.meta.overdue ? { overdue: true as const } : {}) }))
}

type FilterCounts = Record<string, Record<string, number>>
const ownFilters = new WeakMap<PagefindBundle, Promise<FilterCounts>>()

/** The bundle's filters as they were before anything was merged into it (Pagefind adds a merged index's values). */
function filtersOf(bundle: PagefindBundle): Promise<FilterCounts> {
  let filters = ownFilters.get(bundle)
  if (!filters) {
    filters = bundle.filters()
    filters.catch(() => ownFilters.delete(bundle))
    ownFilters.set(bundle, filters)
  }
  return filters
}

const withGerman = new WeakMap<PagefindBundle, Promise<void>>()

/** Merges the German index into the reader's bundle, once, after the bundle's own filters are known. */
function mergeGerman(bundle: PagefindBundle): Promise<void> {
  let merged = withGerman.get(bundle)
  if (!merged) {
    merged = filtersOf(bundle)
      .catch(() => undefined)
      .then(() => bundle.merge(SOURCE_LOCALE))
    merged.catch(() => withGerman.delete(bundle))
    withGerman.set(bundle, merged)
  }
  return merged
}

/** The filters the reader's index holds, with their values sorted for the reader. */
export async function availableFilters(load: LoadBundle, locale: string, names: readonly string[]): Promise<Record<string, string[]>> {
  const all = await filtersOf(await load(locale))
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
  const bundle = await load(locale)
  const own = await ask(bundle, locale, request.query, filters)
  const wantGerman = hasGermanFallback(locale) && !filters && (request.alsoGerman || own.length < FEW)
  if (!wantGerman) return { hits: own, germanUnavailable: false }
  let german: Hit[]
  try {
    await mergeGerman(bundle)
    german = await ask(bundle, SOURCE_LOCALE, request.query)
  } catch {
    return { hits: own, germanUnavailable: true }
  }
  return { hits: mergeHits(own, german), germanUnavailable: false }
}

/** One instance of Pagefind's browser API, as `createInstance` of `pagefind.js` (Pagefind ≥ 1.5) returns it. */
interface PagefindInstance {
  init: () => Promise<void>
  destroy: () => Promise<void>
  filters: () => Promise<FilterCounts>
  search: PagefindBundle['search']
  mergeIndex: (basePath: string, options: { language: string; mergeFilter: Record<string, string> }) => Promise<void>
}

/** The part of `pagefind.js`'s exports the loader uses. */
export interface PagefindModule {
  createInstance: (options: { basePath: string; baseUrl: string; mergeFilter: Record<string, string> }) => PagefindInstance
}

/**
 * A loader of the bundles below `base` (`/pagefind/`, holding `{locale}/pagefind.js`): one
 * Pagefind instance per reader locale, created when first needed. A locale's index comes in
 * shards (`{locale}/shards.json` says how many; scripts/src/site/pagefind.ts): the first at
 * `{locale}/`, the others at `{locale}/1/`, `{locale}/2/` …, all merged into the one instance
 * with the locale's filter, so a search of a locale asks all its shards. A failed load is
 * forgotten, and so is an instance whose merge failed (offline, German not saved), so the next
 * search starts afresh.
 */
export function pagefindLoader(base: string, importModule: (url: string) => Promise<PagefindModule>, fetchJson: (url: string) => Promise<unknown> = fetchJsonOf): LoadBundle {
  const bundles = new Map<string, Promise<PagefindBundle>>()
  /** The folders of a locale's shards, the first one's (with `pagefind.js`) first. */
  const shardsOf = async (locale: string) => {
    const { shards } = (await fetchJson(`${base}${locale}/${SHARDS_FILE}`)) as { shards: number }
    return Array.from({ length: Math.max(1, shards) }, (_, shard) => `${base}${locale}/${shardFolder(shard)}`)
  }
  const open = async (locale: string): Promise<PagefindBundle> => {
    const [pf, [, ...own]] = await Promise.all([importModule(`${base}${locale}/pagefind.js`), shardsOf(locale)])
    const instance = pf.createInstance({ basePath: `${base}${locale}/`, baseUrl: '/', mergeFilter: { [INDEX_FILTER]: locale } })
    await instance.init()
    const mergeShards = (locale: string, folders: string[]) => Promise.all(folders.map((folder) => instance.mergeIndex(folder, { language: locale, mergeFilter: { [INDEX_FILTER]: locale } })))
    try {
      await mergeShards(locale, own)
    } catch (error) {
      void instance.destroy().catch(() => undefined)
      throw error
    }
    return {
      filters: () => instance.filters(),
      search: (query, options) => instance.search(query, options),
      merge: async (other) => {
        try {
          await mergeShards(other, await shardsOf(other))
        } catch (error) {
          // Pagefind keeps the index that failed to load, and every later search would fail on it.
          bundles.delete(locale)
          void instance.destroy().catch(() => undefined)
          throw error
        }
      },
    }
  }
  return (locale) => {
    let bundle = bundles.get(locale)
    if (!bundle) {
      bundle = open(locale)
      bundle.catch(() => bundles.delete(locale))
      bundles.set(locale, bundle)
    }
    return bundle
  }
}

/** The browser's way to read a small JSON file of a bundle (`shards.json`). */
async function fetchJsonOf(url: string): Promise<unknown> {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`${url} answered ${response.status}`)
  return response.json()
}

/** The browser's loader: `/pagefind/{locale}/pagefind.js`, imported when a search first needs it. */
export const loadPagefind: LoadBundle = pagefindLoader('/pagefind/', (url) => import(/* @vite-ignore */ url) as Promise<PagefindModule>)
