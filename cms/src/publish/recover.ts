import type { Payload } from 'payload'

import { NO_REBUILD_CONTEXT } from './trigger'

/**
 * After a crash or a kill in the middle of a build (the worker process gone, its job left
 * "processing" and its deploy record "running"), nothing would ever build those publishes.
 * Called whenever a worker starts (`npm start`, `npm run worker`): the interrupted deploy goes
 * back to "queued" with its triggers, the dead job is removed, and one fresh build job is
 * queued. The live site was never touched: a release goes live only after its checks.
 */
export async function recoverInterruptedBuilds(payload: Payload): Promise<{ requeued: number }> {
  const context = { [NO_REBUILD_CONTEXT]: true }
  const running = await payload.find({ collection: 'deploys', where: { status: { equals: 'running' } }, limit: 0, pagination: false, depth: 0 })
  for (const d of running.docs) {
    await payload.update({ collection: 'deploys', id: d.id, data: { status: 'queued', reason: 'Unterbrochen (Neustart) – wird wiederholt.' }, context })
  }
  await payload.delete({ collection: 'payload-jobs', where: { and: [{ taskSlug: { equals: 'rebuildSite' } }, { processing: { equals: true } }] }, context })
  const queued = await payload.count({ collection: 'deploys', where: { status: { equals: 'queued' } } })
  const pending = await payload.count({ collection: 'payload-jobs', where: { and: [{ taskSlug: { equals: 'rebuildSite' } }, { completedAt: { exists: false } }, { hasError: { not_equals: true } }] } })
  if (queued.totalDocs > 0 && pending.totalDocs === 0) await payload.jobs.queue({ task: 'rebuildSite', input: { reason: 'publish' } })
  return { requeued: running.docs.length }
}
