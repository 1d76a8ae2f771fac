import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

import { visibleExcerpt, type ExcerptSource } from '../../../site/src/lib/searchExcerpt'
import { queryVariants } from '../../../site/src/lib/searchText'
import { heldOutPrecision, heldOutRecall } from './cases.heldout'
import { tuningPrecision, tuningRecall } from './cases'
import type { PrecisionCase, RecallCase } from './types'

/**
 * Runs the search-quality set against the real Pagefind bundles of a built site: the built
 * `pagefind.js` of each locale, loaded in Node, fetching its index over HTTP as a browser
 * would, asked the way the search page asks (the locale's index, then German when it finds
 * fewer than three) with `queryVariants` applied.
 */
interface Pagefind {
  options: (o: Record<string, unknown>) => Promise<void>
  init: () => Promise<void>
  search: (q: string) => Promise<{ results: { data: () => Promise<{ url: string; excerpt: string } & ExcerptSource> }[] } | null>
}
const FEW = 3

export async function openSearch(dist: string) {
  const served = new Map<string, number>()
  const server = http.createServer((req, res) => {
    const file = path.join(dist, decodeURIComponent((req.url ?? '/').split('?')[0]!))
    try {
      const body = readFileSync(file)
      const locale = /^\/pagefind\/([^/]+)\//.exec(req.url ?? '')?.[1] ?? ''
      served.set(locale, (served.get(locale) ?? 0) + body.length)
      res.setHeader('connection', 'close')
      res.end(body)
    } catch {
      res.statusCode = 404
      res.end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const bundles = new Map<string, Promise<Pagefind>>()
  const bundle = (locale: string) => {
    let p = bundles.get(locale)
    if (!p) {
      const js = path.join(dist, 'pagefind', locale, 'pagefind.js')
      // pagefind.js as the server sends it, gzip-compressed (the budget counts gzip).
      served.set(locale, (served.get(locale) ?? 0) + statSync(existsSync(`${js}.gz`) ? `${js}.gz` : js).size)
      p = (import(`${pathToFileURL(js).href}?${locale}-${port}`) as Promise<Pagefind>).then(async (pf) => {
        await pf.options({ basePath: `http://127.0.0.1:${port}/pagefind/${locale}/` })
        await pf.init()
        return pf
      })
      bundles.set(locale, p)
    }
    return p
  }
  const excerpts = { results: 0, pagefindLeaks: 0, visibleLeaks: 0 }
  /** Whether an excerpt (marks removed) shows words of the page's hidden search terms. */
  const leaks = (excerpt: string, d: ExcerptSource) => {
    const words = d.raw_content.split(/[^\S\uFEFF]+/g)
    const visible = words.slice(0, words.length - (Number(d.meta.searchTerms) || 0)).join(' ')
    return !visible.includes(excerpt.replace(/<\/?mark>/g, '').trim())
  }
  const slugs = async (locale: string, query: string, variants: boolean) => {
    const found = await (await bundle(locale)).search(variants ? queryVariants(query, locale) : query)
    const data = await Promise.all((found?.results ?? []).slice(0, 10).map((r) => r.data()))
    for (const d of data.slice(0, 5)) {
      excerpts.results++
      if (leaks(d.excerpt, d)) excerpts.pagefindLeaks++
      if (leaks(visibleExcerpt(d), d)) excerpts.visibleLeaks++
    }
    return data.map((d) => d.url.split('/').filter(Boolean).at(-1)!)
  }
  /** The slugs the reader sees, in order: own language first, German added when few. */
  const search = async (locale: string, query: string, variants = true) => {
    const own = await slugs(locale, query, variants)
    if (own.length >= FEW || locale === 'de') return own
    const german = await slugs('de', query, variants)
    return [...own, ...german.filter((s) => !own.includes(s))]
  }
  return { search, served, excerpts, close: () => server.close() }
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
export async function measure(dist: string, variants = true, session?: Awaited<ReturnType<typeof openSearch>>) {
  const s = session ?? (await openSearch(dist))
  try {
    const rankOf = async (c: RecallCase) => {
      const got = await s.search(c.locale, c.query, variants)
      const i = got.findIndex((slug) => c.expect.includes(slug))
      return i < 0 ? null : i
    }
    const leaks = async (c: PrecisionCase) => (await s.search(c.locale, c.query, variants)).includes(c.mustNot)
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

/**
 * The bytes a reader's first query downloads, per locale (the locale's first case): each in a
 * fresh Node process, because Pagefind keeps what it loaded for the whole process. German is
 * counted too when the search falls back to it. pagefind.js gzip-compressed as served; the
 * WebAssembly, metadata, index chunks and fragments as stored (Pagefind compresses them itself).
 * Pagefind's worker script, which a browser also loads, is not counted: Node searches without it.
 */
export function firstQueryBytes(dist: string, cases: RecallCase[]): Record<string, { query: string; own: number; german: number }> {
  const bytes: Record<string, { query: string; own: number; german: number }> = {}
  for (const c of cases) {
    if (c.locale in bytes) continue
    const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./firstQuery.ts', import.meta.url)), dist, c.locale, c.query], { encoding: 'utf8' })
    const served = JSON.parse(out) as Record<string, number>
    bytes[c.locale] = { query: c.query, own: served[c.locale] ?? 0, german: c.locale === 'de' ? 0 : (served.de ?? 0) }
  }
  return bytes
}
