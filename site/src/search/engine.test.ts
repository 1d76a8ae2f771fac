import { describe, expect, it } from 'vitest'

import { availableFilters, mergeHits, prepareQuery, search, type LoadBundle, type PagefindBundle } from './engine'

/** A Pagefind bundle of `locale` over a fixed list of pages: a page matches when its title's search keys contain the query's (as `prepareQuery` sends it). */
function fakeBundle(urls: Record<string, string>, filters: Record<string, Record<string, number>> = {}, locale = 'de') {
  const queries: { query: string; filters?: Record<string, string> }[] = []
  const bundle: PagefindBundle = {
    filters: async () => filters,
    search: async (query, options) => {
      queries.push({ query, filters: options?.filters })
      const results = Object.entries(urls)
        .filter(([, title]) => prepareQuery(title, locale).includes(query))
        // The page text is its title, all of it matched: the excerpt is the title marked.
        .map(([url, title]) => ({ data: async () => ({ url, excerpt: '', meta: { title }, raw_content: title, weighted_locations: [{ location: 0, balanced_score: 1 }] }) }))
      return { results }
    },
  }
  return { bundle, queries }
}

function loader(bundles: Record<string, PagefindBundle>): LoadBundle {
  return async (locale) => bundles[locale] ?? Promise.reject(new Error(`offline: ${locale}`))
}

const german = fakeBundle({
  '/de/offers/integrationskurs/': 'Integrationskurs',
  '/de/offers/sprachkurs/': 'Sprachkurs',
  '/de/info/notruf/': 'Notruf Straftat',
})

describe('search engine', () => {
  it('sends Pagefind the search keys of the words, so a plural finds the singular', () => {
    expect(prepareQuery('  Integrationskurse \n', 'de')).toBe(prepareQuery('Integrationskurs', 'de'))
    expect(prepareQuery('Integrationskurse', 'de')).not.toBe('Integrationskurse')
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
    const en = fakeBundle({ '/en/info/notruf/': 'Emergency Straftat' }, {}, 'en')
    const out = await search(loader({ en: en.bundle, de: german.bundle }), 'en', { query: 'Straftat', filters: {}, alsoGerman: false })
    expect(out.hits.map((h) => [h.url, h.locale])).toEqual([['/en/info/notruf/', 'en']])
    const kurs = await search(loader({ en: en.bundle, de: german.bundle }), 'en', { query: 'kurs', filters: {}, alsoGerman: false })
    expect(kurs.hits.map((h) => h.locale)).toEqual(['de', 'de'])
  })

  it('asks German when the reader turns it on, even with enough results of their own', async () => {
    const uk = fakeBundle({ '/uk/a/': 'kurs a', '/uk/b/': 'kurs b', '/uk/c/': 'kurs c' }, {}, 'uk')
    const de = fakeBundle({ '/de/d/': 'Kurs d' })
    const load = loader({ uk: uk.bundle, de: de.bundle })
    expect((await search(load, 'uk', { query: 'kurs', filters: {}, alsoGerman: false })).hits).toHaveLength(3)
    expect(de.queries).toEqual([])
    expect((await search(load, 'uk', { query: 'kurs', filters: {}, alsoGerman: true })).hits.map((h) => h.url)).toEqual(['/uk/a/', '/uk/b/', '/uk/c/', '/de/d/'])
  })

  it('passes the chosen filters to the reader’s index and leaves German out then', async () => {
    const fa = fakeBundle({}, {}, 'fa')
    const de = fakeBundle({ '/de/x/': 'Kurs' })
    await search(loader({ fa: fa.bundle, de: de.bundle }), 'fa', { query: 'Kurs', filters: { kind: 'رویدادها' }, alsoGerman: true })
    expect(fa.queries).toEqual([{ query: prepareQuery('Kurs', 'fa'), filters: { kind: 'رویدادها' } }])
    expect(de.queries).toEqual([])
  })

  it('loads no index for an empty query', async () => {
    const loaded: string[] = []
    const out = await search(async (locale) => (loaded.push(locale), german.bundle), 'ar', { query: '   ', filters: {}, alsoGerman: true })
    expect(out.hits).toEqual([])
    expect(loaded).toEqual([])
  })

  it('never asks German for German readers', async () => {
    const de = fakeBundle({})
    const out = await search(loader({ de: de.bundle }), 'de', { query: 'nichts', filters: {}, alsoGerman: true })
    expect(out).toEqual({ hits: [], germanUnavailable: false })
    expect(de.queries).toHaveLength(1)
  })

  it('keeps the reader’s results and says so when the German index cannot be loaded', async () => {
    const ti = fakeBundle({ '/ti/info/gesundheit/': 'ሓኪም' }, {}, 'ti')
    const out = await search(loader({ ti: ti.bundle }), 'ti', { query: 'ሓኪም', filters: {}, alsoGerman: false })
    expect(out).toEqual({ hits: [{ url: '/ti/info/gesundheit/', title: 'ሓኪም', excerpt: '<mark>ሓኪም</mark>', locale: 'ti' }], germanUnavailable: true })
  })

  it('offers only the named filters the index holds, values sorted for the reader', async () => {
    const de = fakeBundle({}, { kind: { Termine: 2, Angebote: 5 }, topic: {}, other: { x: 1 } })
    expect(await availableFilters(loader({ de: de.bundle }), 'de', ['kind', 'topic', 'municipality'])).toEqual({ kind: ['Angebote', 'Termine'] })
  })
})
