/**
 * `npm run worker`: the job worker on its own (site rebuilds, machine translation), for
 * production setups that run the CMS with `LOTSE_JOBS=off`. Same database, same jobs queue. Run
 * one worker per database: Payload 3.x claims jobs without a lock, so two workers could take the
 * same build (cms/src/publish/lease.ts).
 */
import { getPayload } from 'payload'

import { stopRunningDeploys } from '@lotse/cms/publish/job'
import { recoverInterruptedBuilds } from '@lotse/cms/publish/recover'

import { exportCmsEnv } from '../lib/cmsEnv'

/**
 * A stop (SIGTERM, Ctrl+C) ends the worker within this bound: the build in progress gets
 * SIGTERM, SIGKILL 5 s later, its record goes back to the queue, the database closes; whatever
 * is still open then is forced (the process exits).
 */
const STOP_BOUND_MS = 15_000

/**
 * First re-queues builds a crash interrupted; then runs jobs until stopped (every 2 s, and on
 * each tick it also takes back builds whose lease expired, see cms/src/publish/recover.ts).
 */
export async function worker(): Promise<void> {
  exportCmsEnv()
  process.env.LOTSE_JOBS = 'on'
  const { default: config } = await import('@lotse/cms/config')
  const payload = await getPayload({ config, cron: true, key: 'worker' })
  const { requeued } = await recoverInterruptedBuilds(payload)
  console.log(`[lotse] worker running (site builds, machine translation)${requeued ? `; re-queued ${requeued} interrupted build(s)` : ''}. Stop with Ctrl+C.`)
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  const started = Date.now()
  const force = setTimeout(() => {
    console.error(`[lotse] worker: not stopped within ${STOP_BOUND_MS / 1000} s of ${signal} (still open: ${process.getActiveResourcesInfo().join(', ')}); ending now`)
    process.exit(1)
  }, STOP_BOUND_MS)
  force.unref()
  // A second Ctrl+C means now; the exit handler still kills the deploy processes.
  for (const again of ['SIGINT', 'SIGTERM'] as const) process.on(again, () => process.exit(1))
  // No new job from now on; the build in progress and the deploy started ahead end.
  process.env.LOTSE_JOBS = 'off'
  const { stopped } = await stopRunningDeploys()
  await payload.destroy()
  console.log(`[lotse] worker stopped in ${((Date.now() - started) / 1000).toFixed(1)} s${stopped ? ` (${stopped} deploy process(es) ended)` : ''}`)
  // Everything this worker opened is closed; what a library left open must not keep it alive.
  process.exit(0)
}
