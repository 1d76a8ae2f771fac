import { describe, expect, it } from 'vitest'

import { availableFilters, INDEX_FILTER, mergeHits, pagefindLoader, prepareQuery, ranked, search, type LoadBundle, type PagefindBundle, type PagefindModule } from './engine'

/**
 * Pagefind instances over fixed indexes (locale → url → title), as `pagefindLoader` makes them:
 * one per reader locale (kept), other indexes merged in, each search asking the index its
 * `INDEX_FILTER` names. A page matches when its title's search keys contain the query's. A
 * locale missing from `indexes` cannot be loaded (offline, not saved).
 */
function fakeSite(indexes: Record<string, Record<string, string>>, filters: Record<string, FilterCounts> = {}) {
  const queries: { index: string; query: string; filters: Record<string, string> }[] = []
  const merges: string[] = []
  const loads: string[] = []
  const opened = new Map<string, PagefindBundle>()
  const load: LoadBundle = async (reader) => {
    loads.push(reader)
    if (!(reader in indexes)) throw new Error(`offline: ${reader}`)
    if (opened.has(reader)) return opened.get(reader)!
    const merged = [reader]
    const bundle: PagefindBundle = {
      filters: async () => Object.assign({}, ...merged.map((l) => filters[l] ?? {})),
      search: async (query, options) => {
        const { [INDEX_FILTER]: index = '', ...rest } = options.filters
        queries.push({ index, query, filters: rest })
        if (!merged.includes(index)) return { results: [] }
        const results = Object.entries(indexes[index]!)
          .filter(([, title]) => prepareQuery(title, index).includes(query))
          // The page text is its title, all of it matched: the excerpt is the title marked.
          .map(([url, title]) => ({ id: url, score: 1, data: async () => ({ url, excerpt: '', meta: { title }, raw_content: title, weighted_locations: [{ location: 0, balanced_score: 1 }] }) }))
        return { results }
      },
      merge: async (other) => {
        merges.push(`${reader}+${other}`)
        if (!(other in indexes)) throw new Error(`offline: ${other}`)
        merged.push(other)
      },
    }
    opened.set(reader, bundle)
    return bundle
  }
  return { load, queries, merges, loads }
}
type FilterCounts = Record<string, Record<string, number>>

const german = {
  '/de/offers/integrationskurs/': 'Integrationskurs',
  '/de/offers/sprachkurs/': 'Sprachkurs',
  '/de/info/notruf/': 'Notruf Straftat',
}

describe('search engine', () => {
  it('sends Pagefind the search keys of the words, so a plural finds the singular', () => {
    expect(prepareQuery('  Integrationskurse \n', 'de')).toBe(prepareQuery('Integrationskurs', 'de'))
    expect(prepareQuery('Integrationskurse', 'de')).not.toBe('Integrationskurse')
  })

  it('orders results of equal score by page id, whatever order the index returns them in', () => {
    const result = (id: string, score: number) => ({ id, score, data: async () => ({ url: id, excerpt: '', meta: {}, raw_content: '', weighted_locations: [] }) })
    const order = (results: ReturnType<typeof result>[]) => ranked(results).map((r) => r.id)
    expect(order([result('de_b', 1), result('de_c', 2), result('de_a', 1)])).toEqual(['de_c', 'de_a', 'de_b'])
    expect(order([result('de_a', 1), result('de_b', 1), result('de_c', 2)])).toEqual(['de_c', 'de_a', 'de_b'])
  })

  it('lists the reader’s results first and a page found in both languages once', () => {
    const own = [{ url: '/ar/offers/sprachkurs/', title: 'دورة', excerpt: '', locale: 'ar' }]
    const de = [
      { url: '/de/offers/sprachkurs/', title: 'Sprachkurs', excerpt: '', locale: 'de' },
      { url: '/de/offers/integrationskurs/', title: 'Integrationskurs', excerpt: '', locale: 'de' },
    ]
    expect(mergeHits(own, de).map((h) => h.url)).toEqual(['/ar/offers/sprachkurs/', '/de/offers/integrationskurs/'])
  })

  it('adds German results when the reader’s language finds fewer than three', async () => {
    const site = fakeSite({ en: { '/en/info/notruf/': 'Emergency Straftat' }, de: german })
    const out = await search(site.load, 'en', { query: 'Straftat', filters: {}, alsoGerman: false })
    expect(out.hits.map((h) => [h.url, h.locale])).toEqual([['/en/info/notruf/', 'en']])
    const kurs = await search(site.load, 'en', { query: 'kurs', filters: {}, alsoGerman: false })
    expect(kurs.hits.map((h) => h.locale)).toEqual(['de', 'de'])
  })

  it('merges the German index into the reader’s Pagefind instance once, instead of loading a second Pagefind', async () => {
    const site = fakeSite({ ar: {}, de: german })
    await search(site.load, 'ar', { query: 'kurs', filters: {}, alsoGerman: false })
    await search(site.load, 'ar', { query: 'Notruf', filters: {}, alsoGerman: false })
    expect(site.merges).toEqual(['ar+de'])
    expect(site.loads.filter((l) => l === 'de')).toEqual([])
    // After the merge each search still asks one index at a time: own results stay the reader's.
    expect(site.queries.map((q) => q.index)).toEqual(['ar', 'de', 'ar', 'de'])
  })

  it('asks German when the reader turns it on, even with enough results of their own', async () => {
    const site = fakeSite({ uk: { '/uk/a/': 'kurs a', '/uk/b/': 'kurs b', '/uk/c/': 'kurs c' }, de: { '/de/d/': 'Kurs d' } })
    expect((await search(site.load, 'uk', { query: 'kurs', filters: {}, alsoGerman: false })).hits).toHaveLength(3)
    expect(site.merges).toEqual([])
    expect((await search(site.load, 'uk', { query: 'kurs', filters: {}, alsoGerman: true })).hits.map((h) => h.url)).toEqual(['/uk/a/', '/uk/b/', '/uk/c/', '/de/d/'])
  })

  it('passes the chosen filters to the reader’s index and leaves German out then', async () => {
    const site = fakeSite({ fa: {}, de: { '/de/x/': 'Kurs' } })
    await search(site.load, 'fa', { query: 'Kurs', filters: { kind: 'رویدادها' }, alsoGerman: true })
    expect(site.queries).toEqual([{ index: 'fa', query: prepareQuery('Kurs', 'fa'), filters: { kind: 'رویدادها' } }])
    expect(site.merges).toEqual([])
  })

  it('loads no index for an empty query', async () => {
    const site = fakeSite({ ar: {}, de: german })
    const out = await search(site.load, 'ar', { query: '   ', filters: {}, alsoGerman: true })
    expect(out.hits).toEqual([])
    expect(site.loads).toEqual([])
  })

  it('never asks German for German readers', async () => {
    const site = fakeSite({ de: {} })
    const out = await search(site.load, 'de', { query: 'nichts', filters: {}, alsoGerman: true })
    expect(out).toEqual({ hits: [], germanUnavailable: false })
    expect(site.queries).toHaveLength(1)
    expect(site.merges).toEqual([])
  })

  it('keeps the reader’s results and says so when the German index cannot be loaded', async () => {
    const site = fakeSite({ ti: { '/ti/info/gesundheit/': 'ሓኪም' } })
    const out = await search(site.load, 'ti', { query: 'ሓኪም', filters: {}, alsoGerman: false })
    expect(out).toEqual({ hits: [{ url: '/ti/info/gesundheit/', title: 'ሓኪም', excerpt: '<mark>ሓኪም</mark>', locale: 'ti' }], germanUnavailable: true })
  })

  it('tries the German merge again on the next search after one failed', async () => {
    const indexes: Record<string, Record<string, string>> = { ti: {} }
    const site = fakeSite(indexes)
    expect((await search(site.load, 'ti', { query: 'kurs', filters: {}, alsoGerman: false })).germanUnavailable).toBe(true)
    indexes.de = german // back online
    const out = await search(site.load, 'ti', { query: 'kurs', filters: {}, alsoGerman: false })
    expect(out).toMatchObject({ germanUnavailable: false, hits: [{ locale: 'de' }, { locale: 'de' }] })
    expect(site.merges).toEqual(['ti+de', 'ti+de'])
  })

  it('offers only the named filters the index holds, values sorted for the reader', async () => {
    const site = fakeSite({ de: {} }, { de: { kind: { Termine: 2, Angebote: 5 }, topic: {}, other: { x: 1 } } })
    expect(await availableFilters(site.load, 'de', ['kind', 'topic', 'municipality'])).toEqual({ kind: ['Angebote', 'Termine'] })
  })

  it('offers the reader’s filter values only, also once German is merged', async () => {
    const site = fakeSite({ en: {}, de: german }, { en: { kind: { Offers: 1 } }, de: { kind: { Angebote: 3 } } })
    await search(site.load, 'en', { query: 'kurs', filters: {}, alsoGerman: true })
    expect(site.merges).toEqual(['en+de'])
    expect(await availableFilters(site.load, 'en', ['kind'])).toEqual({ kind: ['Offers'] })
  })

  it('opens a fresh Pagefind instance after a merge failed, because Pagefind keeps the broken index', async () => {
    const created: { basePath: string; mergeFilter: Record<string, string>; destroyed: boolean }[] = []
    let online = false
    const pf: PagefindModule = {
      createInstance: (options) => {
        const made = { ...options, destroyed: false }
        created.push(made)
        return {
          init: async () => undefined,
          destroy: async () => void (made.destroyed = true),
          filters: async () => ({}),
          search: async () => ({ results: [] }),
          mergeIndex: async (basePath) => {
            if (!online) throw new Error(`offline: ${basePath}`)
          },
        }
      },
    }
    const imported: string[] = []
    const load = pagefindLoader(
      '/pagefind/',
      async (url) => (imported.push(url), pf),
      async () => ({ shards: 1 }),
    )
    const first = await load('ar')
    expect(await load('ar')).toBe(first)
    await expect(first.merge('de')).rejects.toThrow('offline')
    online = true
    const second = await load('ar')
    expect(second).not.toBe(first)
    await second.merge('de')
    expect(created).toEqual([
      { basePath: '/pagefind/ar/', baseUrl: '/', mergeFilter: { [INDEX_FILTER]: 'ar' }, destroyed: true },
      { basePath: '/pagefind/ar/', baseUrl: '/', mergeFilter: { [INDEX_FILTER]: 'ar' }, destroyed: false },
    ])
    expect(imported).toEqual(['/pagefind/ar/pagefind.js', '/pagefind/ar/pagefind.js'])
  })

  it('merges every shard of the reader’s index, then every shard of the German one, each with its locale’s filter', async () => {
    const merged: [string, string, Record<string, string>][] = []
    const pf: PagefindModule = {
      createInstance: () => ({
        init: async () => undefined,
        destroy: async () => undefined,
        filters: async () => ({}),
        search: async () => ({ results: [] }),
        mergeIndex: async (basePath, options) => void merged.push([basePath, options.language, options.mergeFilter]),
      }),
    }
    const asked: string[] = []
    const shards: Record<string, number> = { '/pagefind/ar/shards.json': 3, '/pagefind/de/shards.json': 2 }
    const load = pagefindLoader(
      '/pagefind/',
      async () => pf,
      async (url) => (asked.push(url), { shards: shards[url] }),
    )
    const bundle = await load('ar')
    expect(merged).toEqual([
      ['/pagefind/ar/1/', 'ar', { [INDEX_FILTER]: 'ar' }],
      ['/pagefind/ar/2/', 'ar', { [INDEX_FILTER]: 'ar' }],
    ])
    await bundle.merge('de')
    expect(merged.slice(2)).toEqual([
      ['/pagefind/de/', 'de', { [INDEX_FILTER]: 'de' }],
      ['/pagefind/de/1/', 'de', { [INDEX_FILTER]: 'de' }],
    ])
    expect(asked).toEqual(['/pagefind/ar/shards.json', '/pagefind/de/shards.json'])
  })
})
