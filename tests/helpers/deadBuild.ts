import type { Payload } from 'payload'

export interface DeadBuild {
  /** When its lease ends (in the past: expired). */
  leaseUntil: string
  attempts: number
  /** The worker that held it. */
  worker: string
  /** The publish it was building. */
  trigger: { collection: string; id: string; title: string; action: string }
}

/**
 * Leaves what a worker killed in the middle of a build leaves (upstream Payload #17645): its
 * deploy record running under a lease it no longer renews, its job processing for ever, both
 * last touched two minutes ago (the tick's check leaves jobs younger than a lease alone: one
 * may be claimed right now). Clears every other build first.
 */
export async function leaveDeadBuild(payload: Payload, build: DeadBuild): Promise<{ deployId: number | string; jobId: number | string }> {
  await payload.delete({ collection: 'payload-jobs', where: { taskSlug: { equals: 'rebuildSite' } } })
  await payload.delete({ collection: 'deploys', where: { id: { exists: true } } })
  const at = new Date(Date.now() - 120_000).toISOString()
  const deploy = await payload.create({
    collection: 'deploys',
    data: {
      status: 'running',
      queuedAt: at,
      startedAt: at,
      heartbeatAt: at,
      leaseUntil: build.leaseUntil,
      attempts: build.attempts,
      worker: build.worker,
      triggers: [{ ...build.trigger, at }],
    },
  })
  const job = await payload.jobs.queue({ task: 'rebuildSite', input: { reason: 'publish' } })
  await payload.update({ collection: 'payload-jobs', id: job.id, data: { processing: true } })
  await payload.db.updateOne({ collection: 'payload-jobs', id: job.id, data: { updatedAt: at } })
  return { deployId: deploy.id, jobId: job.id }
}
