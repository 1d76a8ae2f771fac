/**
 * Taking back site builds whose host is gone (lease.ts explains the leases). Two moments:
 *
 * - `recoverInterruptedBuilds` when a worker starts (`npm start`, `npm run worker`): with one
 *   worker per database, every build still marked running was interrupted (a crash, a kill).
 * - `reclaimExpiredBuilds` at any time, on the job worker's tick: a build whose lease ran out
 *   (its host died, or lost track of it) goes back to the queue without waiting for a restart.
 *
 * Either way the build's stuck job (`processing: true`, which would block every later build
 * behind its exclusive concurrency key) is removed and a fresh job queued; a build tried
 * `MAX_ATTEMPTS` times is given up with a reason instead. The live site was never touched: a
 * release goes live only after its checks, by one atomic switch.
 */
import type { Payload, Where } from 'payload'

import { LEASE_MS, MAX_ATTEMPTS, ownDeploys, ownJobs } from './lease'
import { NO_REBUILD_CONTEXT } from './trigger'

const context = { [NO_REBUILD_CONTEXT]: true }

interface Reclaimed {
  /** Builds put back in the queue. */
  requeued: number
  /** Builds given up after `MAX_ATTEMPTS` tries. */
  failed: number
}

async function reclaim(payload: Payload, { expiredOnly, now }: { expiredOnly: boolean; now: Date }): Promise<Reclaimed> {
  const expired: Where = {
    or: [
      { leaseUntil: { less_than: now.toISOString() } },
      // Claimed before builds had leases: dead once it is older than a lease.
      { and: [{ leaseUntil: { exists: false } }, { startedAt: { less_than: new Date(now.getTime() - LEASE_MS).toISOString() } }] },
    ],
  }
  const where: Where = expiredOnly ? { and: [{ status: { equals: 'running' } }, expired] } : { status: { equals: 'running' } }
  const found = await payload.find({ collection: 'deploys', where, limit: 0, pagination: false, depth: 0 })
  const dead = found.docs.filter((d) => !ownDeploys.has(String(d.id)))
  const result: Reclaimed = { requeued: 0, failed: 0 }
  for (const d of dead) {
    const attempts = d.attempts ?? 0
    const who = d.worker ?? 'an unknown process'
    if (attempts >= MAX_ATTEMPTS) {
      await payload.update({
        collection: 'deploys',
        id: d.id,
        data: {
          status: 'failed',
          finishedAt: now.toISOString(),
          leaseUntil: null,
          reason: `Aufgegeben nach ${attempts} Versuchen: der bauende Prozess (zuletzt ${who}) hat jedes Mal aufgehört, sich zu melden. Die Website bleibt, wie sie war; die nächste Veröffentlichung baut neu.`,
        },
        context,
      })
      result.failed++
    } else {
      const since = d.heartbeatAt ? ` seit ${new Date(d.heartbeatAt).toISOString().slice(11, 19)} UTC` : ''
      const reason = expiredOnly ? `Unterbrochen: ${who} hat sich${since} nicht mehr gemeldet – wird wiederholt.` : 'Unterbrochen (Neustart) – wird wiederholt.'
      await payload.update({ collection: 'deploys', id: d.id, data: { status: 'queued', leaseUntil: null, reason }, context })
      result.requeued++
    }
  }

  // With no build alive, a build job still marked processing belongs to a dead runner and blocks
  // the queue. Not one this process runs, and on the tick not one claimed moments ago (Payload
  // marks a job processing just before its handler claims the deploy record).
  const alive = await payload.count({ collection: 'deploys', where: { status: { equals: 'running' } } })
  if (alive.totalDocs === 0) {
    const stuck: Where[] = [{ taskSlug: { equals: 'rebuildSite' } }, { processing: { equals: true } }]
    if (ownJobs.size > 0) stuck.push({ id: { not_in: [...ownJobs] } })
    if (expiredOnly) stuck.push({ updatedAt: { less_than: new Date(now.getTime() - LEASE_MS).toISOString() } })
    if ((await payload.count({ collection: 'payload-jobs', where: { and: stuck } })).totalDocs > 0) {
      const removed = await payload.delete({ collection: 'payload-jobs', where: { and: stuck }, context })
      if (dead.length === 0) payload.logger.warn(`Removed ${removed.docs.length} site build job(s) left processing by a process that is gone`)
    }
  }
  // One job builds everything queued; another one waiting would be superseded anyway.
  const queued = await payload.count({ collection: 'deploys', where: { status: { equals: 'queued' } } })
  const pending = await payload.count({
    collection: 'payload-jobs',
    where: { and: [{ taskSlug: { equals: 'rebuildSite' } }, { completedAt: { exists: false } }, { hasError: { not_equals: true } }] },
  })
  if (queued.totalDocs > 0 && pending.totalDocs === 0) await payload.jobs.queue({ task: 'rebuildSite', input: { reason: 'recovery' } })
  return result
}

/** When a worker starts: every build marked running was interrupted; it is queued again. */
export async function recoverInterruptedBuilds(payload: Payload): Promise<Reclaimed> {
  return reclaim(payload, { expiredOnly: false, now: new Date() })
}

/** At any time: builds whose lease ran out go back to the queue (or are given up). */
export async function reclaimExpiredBuilds(payload: Payload, now = new Date()): Promise<Reclaimed> {
  return reclaim(payload, { expiredOnly: true, now })
}

const TICK_STATE = Symbol.for('lotse.reclaimTick')

/**
 * For the job worker's tick (`shouldAutoRun` in buildConfig.ts, every 2 s): at most every 5 s,
 * builds with an expired lease are taken back (five indexed counts when nothing is wrong). A
 * failure is logged, never thrown: it must not stop the worker from running jobs. The tick does
 * not run while this process runs a job (Payload's cron waits for the previous tick), so it
 * never sees its own build; a dead host's build it sees within a lease and 5 s.
 */
export async function reclaimOnTick(payload: Payload): Promise<void> {
  const state = ((globalThis as { [k: symbol]: { last: number } | undefined })[TICK_STATE] ??= { last: 0 })
  if (Date.now() - state.last < 5_000) return
  state.last = Date.now()
  try {
    const { requeued, failed } = await reclaimExpiredBuilds(payload)
    if (requeued + failed > 0) payload.logger.warn(`Site builds whose worker stopped answering: ${requeued} re-queued, ${failed} given up after ${MAX_ATTEMPTS} attempts`)
  } catch (err) {
    payload.logger.error({ err, msg: 'Could not check the site builds for expired leases' })
  }
}
