/**
 * The database work of `npm start`, as a short-lived child of the supervisor:
 * `node --import tsx prepare.ts start|recover <result.json>`.
 *
 * - `start`: migrations, seed once, first user, re-queue builds the last run was in the middle
 *   of, queue a first build when no release is live.
 * - `recover`: before the supervisor restarts a CMS that died, re-queue the build it was running
 *   (without it the build would wait for its lease to run out).
 *
 * A process of its own rather than inside the supervisor: loading Payload and its config keeps
 * its memory in a process for good (measured: the supervisor held 518 MB resident with it, 120 MB
 * without), and nothing Payload leaves running can throw inside the process that must stop
 * everything in order. Its result goes to the file named by the supervisor, checked by
 * `PrepareResult` (prepareResult.ts) on both sides.
 */
import { existsSync, writeFileSync } from 'node:fs'
import { createLocalReq, getPayload, type Payload } from 'payload'

import { prepareDatabase } from '@lotse/cms/prepare'
import { recoverInterruptedBuilds } from '@lotse/cms/publish/recover'
import { queueRebuild } from '@lotse/cms/publish/trigger'

import { exportCmsEnv, wantsDemo } from '../lib/cmsEnv'
import { deployDir } from '../tasks/deploy'
import { PrepareResult } from './prepareResult'

async function requeue(payload: Payload): Promise<number> {
  // A separate worker (LOTSE_JOBS=off) recovers its own builds when it starts.
  if (process.env.LOTSE_JOBS === 'off') return 0
  return (await recoverInterruptedBuilds(payload)).requeued
}

async function main(): Promise<void> {
  const [mode, resultFile] = process.argv.slice(2)
  if ((mode !== 'start' && mode !== 'recover') || !resultFile) throw new Error('usage: prepare.ts start|recover <result.json>')
  const env = exportCmsEnv()
  const liveDir = deployDir(env.dataDir)
  const { default: config } = await import('@lotse/cms/config')
  const payload = await getPayload({ config })
  let result: PrepareResult
  try {
    if (mode === 'recover') {
      result = { requeued: await requeue(payload), firstBuild: false, liveDir }
    } else {
      const prepared = await prepareDatabase(payload, { dataDir: env.dataDir, production: env.production, demo: wantsDemo(env) })
      const requeued = await requeue(payload)
      // No live site yet (first start, or DEPLOY_DIR emptied): the worker in the CMS builds one.
      const firstBuild = !existsSync(liveDir)
      if (firstBuild) await queueRebuild(await createLocalReq({}, payload), { collection: 'site', id: 'start', title: 'Erster Start', action: 'manual' })
      result = { seeded: { concept: prepared.seed.concept === 'seeded', demo: prepared.seed.demo === 'seeded' }, users: prepared.users, requeued, firstBuild, liveDir }
    }
  } finally {
    await payload.destroy()
  }
  writeFileSync(resultFile, JSON.stringify(PrepareResult.parse(result)))
}

// Ends explicitly either way: whatever a library leaves open must not keep the start waiting.
main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`[lotse] ${err instanceof Error ? err.message : String(err)}`)
    if (process.env.LOTSE_DEBUG && err instanceof Error) console.error(err.stack)
    process.exit(1)
  },
)
