import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

import { visibleExcerpt, type ExcerptSource } from '../../../site/src/lib/searchExcerpt'
import { availableFilters, search as engineSearch, pagefindLoader, type LoadBundle, type PagefindBundle, type PagefindModule } from '../../../site/src/search/engine'
import { heldOutPrecision, heldOutRecall } from './cases.heldout'
import { tuningPrecision, tuningRecall } from './cases'
import type { PrecisionCase, RecallCase } from './types'

/**
 * Runs the search-quality set against the real Pagefind bundles of a built site, through the
 * search page's own engine (`search` and `pagefindLoader` of site/src/search/engine.ts): the
 * built `pagefind.js` of each locale, loaded in Node, fetching its index over HTTP as a browser
 * would, the German index merged in when the reader's language finds fewer than three.
 */
export async function openSearch(dist: string) {
  /** Bytes served per locale's bundle (`/pagefind/{locale}/…`). */
  const served = new Map<string, number>()
  const count = (locale: string, bytes: number) => served.set(locale, (served.get(locale) ?? 0) + bytes)
  const server = http.createServer((req, res) => {
    const file = path.join(dist, decodeURIComponent((req.url ?? '/').split('?')[0]!))
    try {
      const body = readFileSync(file)
      count(/^\/pagefind\/([^/]+)\//.exec(req.url ?? '')?.[1] ?? '', body.length)
      res.setHeader('connection', 'close')
      res.end(body)
    } catch {
      res.statusCode = 404
      res.end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const gzipped = (file: string) => statSync(existsSync(`${file}.gz`) ? `${file}.gz` : file).size
  const load = pagefindLoader(`${origin}/pagefind/`, (url) => {
    const dir = path.join(dist, path.dirname(new URL(url).pathname))
    // What a browser downloads before Pagefind fetches anything itself, gzip-compressed as
    // served: pagefind.js and the worker script it starts (Node searches without a worker).
    count(path.basename(dir), gzipped(path.join(dir, 'pagefind.js')) + gzipped(path.join(dir, 'pagefind-worker.js')))
    return import(`${pathToFileURL(path.join(dir, 'pagefind.js')).href}?${origin}`) as Promise<PagefindModule>
  })
  const excerpts = { results: 0, pagefindLeaks: 0, visibleLeaks: 0 }
  /** Whether an excerpt (marks removed) shows words of the page's hidden search terms. */
  const leaks = (excerpt: string, d: ExcerptSource) => {
    const words = d.raw_content.split(/[^\S\uFEFF]+/g)
    const visible = words.slice(0, words.length - (Number(d.meta.searchTerms) || 0)).join(' ')
    return !visible.includes(excerpt.replace(/<\/?mark>/g, '').trim())
  }
  /** The loader, counting how often the top five results' excerpts would show hidden terms: Pagefind's own, and `visibleExcerpt`'s. */
  const bundles = new Map<string, Promise<PagefindBundle>>()
  const watched: LoadBundle = (locale) => {
    let bundle = bundles.get(locale)
    if (!bundle) {
      bundle = load(locale).then((b) => ({
        ...b,
        search: async (query, options) => {
          const found = await b.search(query, options)
          const results = (found?.results ?? []).map((r, i) => ({
            id: r.id,
            score: r.score,
            data: async () => {
              const d = await r.data()
              if (i < 5) {
                excerpts.results++
                if (leaks(d.excerpt, d)) excerpts.pagefindLeaks++
                if (leaks(visibleExcerpt(d), d)) excerpts.visibleLeaks++
              }
              return d
            },
          }))
          return { results }
        },
      }))
      bundles.set(locale, bundle)
    }
    return bundle
  }
  /** The results the reader sees, in order, as the search page shows them (its filters asked first, as the page does). */
  const hits = async (locale: string, query: string) => {
    await availableFilters(watched, locale, ['kind'])
    return (await engineSearch(watched, locale, { query, filters: {}, alsoGerman: false })).hits
  }
  /** The slugs of those results. */
  const search = async (locale: string, query: string) => (await hits(locale, query)).map((h) => h.url.split('/').filter(Boolean).at(-1)!)
  return { search, hits, served, excerpts, close: () => server.close() }
}

export interface Scores {
  recall: number
  mrr: number
  n: number
}
const score = (ranks: (number | null)[]): Scores => ({
  n: ranks.length,
  recall: ranks.length ? ranks.filter((r) => r !== null && r < 5).length / ranks.length : 1,
  mrr: ranks.length ? ranks.reduce<number>((s, r) => s + (r !== null && r < 5 ? 1 / (r + 1) : 0), 0) / ranks.length : 1,
})

/** Measures the set; pass one `openSearch` session to measure twice (Pagefind keeps one instance per process). */
export async function measure(dist: string, session?: Awaited<ReturnType<typeof openSearch>>) {
  const s = session ?? (await openSearch(dist))
  try {
    const rankOf = async (c: RecallCase) => {
      const got = await s.search(c.locale, c.query)
      const i = got.findIndex((slug) => c.expect.includes(slug))
      return i < 0 ? null : i
    }
    const leaks = async (c: PrecisionCase) => (await s.search(c.locale, c.query)).includes(c.mustNot)
    const run = async (cases: RecallCase[]) => {
      const out: { c: RecallCase; rank: number | null }[] = []
      for (const c of cases) out.push({ c, rank: await rankOf(c) })
      return out
    }
    const tuning = await run(tuningRecall)
    const heldOut = await run(heldOutRecall)
    const precision: { c: PrecisionCase; leak: boolean }[] = []
    for (const c of [...tuningPrecision, ...heldOutPrecision]) precision.push({ c, leak: await leaks(c) })
    const by = (rows: typeof tuning, key: (c: RecallCase) => string) => {
      const groups = new Map<string, (number | null)[]>()
      for (const r of rows) groups.set(key(r.c), [...(groups.get(key(r.c)) ?? []), r.rank])
      return Object.fromEntries([...groups].sort().map(([k, ranks]) => [k, score(ranks)]))
    }
    const all = [...tuning, ...heldOut]
    return {
      overall: score(all.map((r) => r.rank)),
      tuning: score(tuning.map((r) => r.rank)),
      heldOut: score(heldOut.map((r) => r.rank)),
      byCategory: by(all, (c) => c.category),
      byLocale: by(all, (c) => c.locale),
      misses: all.filter((r) => r.rank === null || r.rank >= 5).map((r) => `${r.c.locale} ${r.c.category} "${r.c.query}"`),
      precision: { cases: precision.length, leaks: precision.filter((p) => p.leak).map((p) => `${p.c.locale} "${p.c.query}" returned ${p.c.mustNot}`) },
      firstQueryBytes: Object.fromEntries([...s.served].filter(([l]) => l)),
      /** Top-five results over the set whose excerpt shows hidden search terms: Pagefind's own, and `visibleExcerpt`'s. */
      excerpts: { ...s.excerpts },
    }
  } finally {
    if (!session) s.close()
  }
}

/** What one first query downloaded: from the reader's bundle, from German's (merged in), and both. */
export interface FirstQuery {
  query: string
  own: number
  german: number
  total: number
}

/**
 * The bytes a reader's first query downloads on the search page, per locale: for the locale's
 * first case, and for its first German-fallback case (the most a first query can cost). Each in
 * a fresh Node process, because Pagefind keeps what it loaded for the whole process. pagefind.js
 * and its worker script gzip-compressed as served; the WebAssembly, metadata, filters, index
 * chunks and fragments as stored (Pagefind compresses them itself).
 */
export function firstQueryBytes(dist: string, cases: RecallCase[]): Record<string, FirstQuery> {
  const bytes: Record<string, FirstQuery> = {}
  const measureOne = (row: string, c: RecallCase) => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./firstQuery.ts', import.meta.url)), dist, c.locale, c.query], { encoding: 'utf8' })
    const served = JSON.parse(out) as Record<string, number>
    const own = served[c.locale] ?? 0
    const german = c.locale === 'de' ? 0 : (served.de ?? 0)
    bytes[row] = { query: c.query, own, german, total: own + german }
  }
  for (const c of cases) if (!(c.locale in bytes)) measureOne(c.locale, c)
  for (const c of cases) if (c.category === 'fallback' && !(`${c.locale} fallback` in bytes)) measureOne(`${c.locale} fallback`, c)
  return bytes
}
