import { readFileSync, statSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

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
  search: (q: string) => Promise<{ results: { data: () => Promise<{ url: string }> }[] } | null>
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
      served.set(locale, (served.get(locale) ?? 0) + statSync(js).size)
      p = (import(`${pathToFileURL(js).href}?${locale}-${port}`) as Promise<Pagefind>).then(async (pf) => {
        await pf.options({ basePath: `http://127.0.0.1:${port}/pagefind/${locale}/` })
        await pf.init()
        return pf
      })
      bundles.set(locale, p)
    }
    return p
  }
  const slugs = async (locale: string, query: string, variants: boolean) => {
    const found = await (await bundle(locale)).search(variants ? queryVariants(query, locale) : query)
    const data = await Promise.all((found?.results ?? []).slice(0, 10).map((r) => r.data()))
    return data.map((d) => d.url.split('/').filter(Boolean).at(-1)!)
  }
  /** The slugs the reader sees, in order: own language first, German added when few. */
  const search = async (locale: string, query: string, variants = true) => {
    const own = await slugs(locale, query, variants)
    if (own.length >= FEW || locale === 'de') return own
    const german = await slugs('de', query, variants)
    return [...own, ...german.filter((s) => !own.includes(s))]
  }
  return { search, served, close: () => server.close() }
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
    const counted = (rows: typeof tuning) => rows.filter((r) => !r.c.pending)
    const by = (rows: typeof tuning, key: (c: RecallCase) => string) => {
      const groups = new Map<string, (number | null)[]>()
      for (const r of rows) groups.set(key(r.c), [...(groups.get(key(r.c)) ?? []), r.rank])
      return Object.fromEntries([...groups].sort().map(([k, ranks]) => [k, score(ranks)]))
    }
    const all = [...tuning, ...heldOut]
    return {
      overall: score(counted(all).map((r) => r.rank)),
      tuning: score(counted(tuning).map((r) => r.rank)),
      heldOut: score(counted(heldOut).map((r) => r.rank)),
      byCategory: by(counted(all), (c) => c.category),
      byLocale: by(counted(all), (c) => c.locale),
      pending: score(all.filter((r) => r.c.pending).map((r) => r.rank)),
      misses: all.filter((r) => !r.c.pending && (r.rank === null || r.rank >= 5)).map((r) => `${r.c.locale} ${r.c.category} "${r.c.query}"`),
      precision: { cases: precision.length, leaks: precision.filter((p) => p.leak).map((p) => `${p.c.locale} "${p.c.query}" returned ${p.c.mustNot}`) },
      firstQueryBytes: Object.fromEntries([...s.served].filter(([l]) => l)),
    }
  } finally {
    if (!session) s.close()
  }
}
