import { getPayload } from 'payload'

import { stopRunningDeploys } from '@lotse/cms/publish/job'
import { recoverInterruptedBuilds } from '@lotse/cms/publish/recover'

import { exportCmsEnv } from '../lib/cmsEnv'

/**
 * `npm run worker`: the job worker on its own (site rebuilds, machine translation), for
 * production setups that run the CMS with `LOTSE_JOBS=off`. Same database, same jobs queue;
 * first it re-queues builds a crash interrupted. Runs until stopped (SIGTERM/Ctrl+C).
 */
export async function worker(): Promise<void> {
  exportCmsEnv()
  process.env.LOTSE_JOBS = 'on'
  const { default: config } = await import('@lotse/cms/config')
  const payload = await getPayload({ config, cron: true, key: 'worker' })
  const { requeued } = await recoverInterruptedBuilds(payload)
  console.log(`[lotse] worker running (site builds, machine translation)${requeued ? `; re-queued ${requeued} interrupted build(s)` : ''}. Stop with Ctrl+C.`)
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  // A build in progress stops with the worker (the next start re-queues it), and so does the
  // deploy process started ahead for the next publish.
  await stopRunningDeploys()
  await payload.destroy()
}
