import { renameSync, rmSync } from 'node:fs'
import path from 'node:path'

import { phaseTimer } from '../lib/phases'
import { buildSite, siteDir } from '../site/build'
import { exportContent } from './export'

/**
 * `npm run build:site`: the whole data path once, into `site/dist`: database ready (migrated,
 * seeded on first run) → export → Astro → Pagefind → offline manifests → link check. Built into
 * a temporary folder first, so a failed build leaves the previous `site/dist` as it was.
 */
export async function buildSiteTask(): Promise<void> {
  const { phases, time } = phaseTimer()
  const snapshotDir = await time('export', exportContent)
  const dist = path.join(siteDir, 'dist')
  const tmp = `${dist}.tmp-${process.pid}`
  rmSync(tmp, { recursive: true, force: true })
  try {
    await buildSite(snapshotDir, tmp, time)
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true })
    throw err
  }
  rmSync(dist, { recursive: true, force: true })
  renameSync(tmp, dist)
  console.log(
    `[lotse] site built into ${dist}: ${Object.entries(phases)
      .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
      .join(', ')}`,
  )
}
