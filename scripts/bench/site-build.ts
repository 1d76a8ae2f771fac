/**
 * Benchmark: how the site build grows with content. For 100, 1,000 and 5,000 offers (every
 * locale translated) it writes a synthetic snapshot, then runs the same build as a deploy
 * (Astro, Pagefind per locale, offline manifests, page checks beside the compressed copies) and
 * reports the time per phase, pages per second and the peak memory of the whole process tree.
 *
 *   node --import tsx scripts/bench/site-build.ts [sizes…]      (npm run bench:site)
 *
 * Target on a 2-core machine: 1,000 offers × 12 locales built and indexed in under 60 s.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { phaseTimer } from '../src/lib/phases'
import { buildSite } from '../src/site/build'
import { onStop, samplePeakRss, seconds } from './lib'
import { syntheticSnapshot } from './synthetic'

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0)
const results: Record<string, unknown>[] = []

const countHtml = (dir: string): number => readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? countHtml(path.join(dir, e.name)) : e.name.endsWith('.html') ? 1 : 0), 0)

/** The folder of the size being built. */
let current: string | undefined
onStop(() => current && rmSync(current, { recursive: true, force: true }))

for (const offers of sizes.length ? sizes : [100, 1000, 5000]) {
  const work = mkdtempSync(path.join(tmpdir(), `lotse-bench-${offers}-`))
  current = work
  try {
    const { phases, time } = phaseTimer()
    const stop = samplePeakRss()
    const started = Date.now()
    await time('snapshot', async () => {
      mkdirSync(path.join(work, 'export', 'media'), { recursive: true })
      writeFileSync(path.join(work, 'export', 'snapshot.json'), JSON.stringify(syntheticSnapshot(offers)))
    })
    await buildSite(path.join(work, 'export'), path.join(work, 'dist'), time)
    const total = Date.now() - started
    const pages = countHtml(path.join(work, 'dist'))
    const row = {
      offers,
      pages,
      total_s: seconds(total),
      build_s: seconds(phases.build ?? 0),
      index_s: seconds(phases.index ?? 0),
      // The page checks run beside the compression: their times overlap.
      compress_s: seconds(phases.compress ?? 0),
      check_s: seconds(phases.check ?? 0),
      other_s: seconds((phases.snapshot ?? 0) + (phases.offline ?? 0)),
      pages_per_s: Math.round(pages / ((phases.build ?? 1) / 1000)),
      peak_rss_mb: stop(),
    }
    results.push(row)
    console.log(JSON.stringify(row))
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
console.table(results)
