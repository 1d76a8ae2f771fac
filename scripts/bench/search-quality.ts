/**
 * Benchmark: search quality (issue 10). Builds the seed plus generated content, then runs the
 * search-quality set against the real Pagefind bundles through the search page's engine, then
 * the bytes a first query downloads per locale.
 *
 *   node --import tsx scripts/bench/search-quality.ts [offers]     (npm run bench:search [-- 1000])
 *
 * With `offers`, also the first-query bytes on a build of that many synthetic offers in all
 * locales (the budget: ≤ 150 KB per locale at 1,000 offers).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { writeFixture } from '../../tests/helpers/snapshot'
import { searchSnapshot } from '../../tests/site/search/corpus'
import { tuningRecall } from '../../tests/site/search/cases'
import { firstQueryBytes, measure, openSearch } from '../../tests/site/search/harness'
import { buildSite } from '../src/site/build'
import { onStop } from './lib'
import { syntheticSnapshot } from './synthetic'

const offers = Number(process.argv[2] ?? 0)
if (!Number.isInteger(offers) || offers < 0) {
  console.error(`[bench] usage: npm run bench:search -- [offers ≥ 0], got "${process.argv.slice(2).join(' ')}"`)
  process.exit(2)
}
const work = mkdtempSync(path.join(tmpdir(), 'lotse-bench-search-'))
onStop(() => rmSync(work, { recursive: true, force: true }))
try {
  process.env.LOTSE_NOW ??= '2026-11-25T08:00:00.000Z'
  writeFixture(path.join(work, 'export'), searchSnapshot())
  await buildSite(path.join(work, 'export'), path.join(work, 'dist'), (_, fn) => fn())
  const session = await openSearch(path.join(work, 'dist'))
  const m = await measure(path.join(work, 'dist'), session)
  console.log(
    `overall recall@5 ${m.overall.recall.toFixed(3)} MRR ${m.overall.mrr.toFixed(3)} (n=${m.overall.n}); tuning ${m.tuning.recall.toFixed(3)} (n=${m.tuning.n}), held-out ${m.heldOut.recall.toFixed(3)} (n=${m.heldOut.n})`,
  )
  const table = (rows: Record<string, { recall: number; mrr: number; n: number }>) =>
    console.table(Object.fromEntries(Object.entries(rows).map(([k, s]) => [k, { recall5: +s.recall.toFixed(3), mrr: +s.mrr.toFixed(3), n: s.n }])))
  table(m.byCategory)
  table(m.byLocale)
  console.log(`precision: ${m.precision.cases - m.precision.leaks.length}/${m.precision.cases} clean`, m.precision.leaks)
  console.log('misses:', m.misses)
  console.log(`excerpts of top-five results showing hidden search terms: Pagefind's ${m.excerpts.pagefindLeaks}, visibleExcerpt's ${m.excerpts.visibleLeaks} (of ${m.excerpts.results})`)
  session.close()
  console.log('\nbytes a first query downloads per locale (pagefind.js and its worker gzip, wasm, meta, filters, index, fragments; the German index too where it falls back):')
  console.table(firstQueryBytes(path.join(work, 'dist'), tuningRecall))
  if (offers > 0) {
    writeFixture(path.join(work, `export-${offers}`), syntheticSnapshot(offers))
    await buildSite(path.join(work, `export-${offers}`), path.join(work, `dist-${offers}`), (_, fn) => fn())
    console.log(`\nbytes a first query downloads per locale at ${offers} synthetic offers (the same queries):`)
    console.table(firstQueryBytes(path.join(work, `dist-${offers}`), tuningRecall))
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
