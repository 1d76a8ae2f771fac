import { renameSync, rmSync } from 'node:fs'
import path from 'node:path'
import { getPayload } from 'payload'

import { prepareDatabase } from '@lotse/cms/prepare'

import { buildSnapshot, writeSnapshot } from '../export/snapshot'
import { phaseTimer } from '../lib/phases'
import { exportCmsEnv, wantsDemo } from '../lib/cmsEnv'
import { buildSite, siteDir } from '../site/build'
import { exportDir } from './export'

/**
 * `npm run build:site`: the whole data path once, into `site/dist`: database ready (migrated,
 * seeded on first run) → export → Astro → Pagefind → offline manifests → link check. Built into
 * a temporary folder first, so a failed build leaves the previous `site/dist` as it was.
 */
export async function buildSiteTask(): Promise<void> {
  const env = exportCmsEnv()
  const { phases, time } = phaseTimer()
  const { default: config } = await import('@lotse/cms/config')
  const payload = await getPayload({ config })
  const snapshotDir = exportDir(env.dataDir)
  try {
    await prepareDatabase(payload, { dataDir: env.dataDir, production: env.production, demo: wantsDemo(env) })
    await time('export', async () => writeSnapshot(snapshotDir, path.join(env.dataDir, 'media'), await buildSnapshot(payload)))
  } finally {
    await payload.destroy()
  }
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
  console.log(`[lotse] site built into ${dist}: ${Object.entries(phases).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')}`)
}
