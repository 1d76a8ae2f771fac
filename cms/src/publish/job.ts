/**
 * The site build as a job: `rebuildSite` claims the waiting deploy records (every publish since
 * the last build), runs one build in a deploy process (deployProcess.ts, speaking protocol.ts)
 * under a lease it renews while the build is alive (lease.ts), and records how it ended;
 * `dailyRebuild` queues a build every night. A failure or a hang leaves the live site as it was
 * and never blocks the queue: the build is bounded, and a build whose host died is taken back by
 * the worker (recover.ts).
 */
import { rmSync } from 'node:fs'
import path from 'node:path'
import type { Payload, PayloadRequest, TaskConfig } from 'payload'

import { buildSnapshot, ExportCache, writeSnapshot } from '../export/snapshot'
import { readEnv } from '../lib/env'
import { buildTimeoutMs, type BuildOutcome, isStopping, replaceWarmPublisher, runBuild, stopRunningDeploys as stopDeployProcesses } from './deployProcess'
import { releaseExpectations } from './expectations'
import { HOST_ID, leaseFrom, ownDeploys, ownJobs, RENEW_MS } from './lease'
import { describeMode, type PublishTrigger } from './protocol'
import { NO_REBUILD_CONTEXT, queueRebuild, summarize } from './trigger'

const ctx = { [NO_REBUILD_CONTEXT]: true }

/** Build jobs of this process in progress (a stop waits for them to write how they ended). */
const inFlight = new Set<Promise<unknown>>()
/** What the last export of this process made of the large collections: a publish reads and maps only what changed since. */
const exportCache = new ExportCache()

/**
 * Stops every build of this host within `graceMs` (+ about a second): each deploy process group
 * gets SIGTERM, then SIGKILL; no deploy is started ahead from now on; the interrupted build is
 * put back in the queue (the next start runs it). Resolves once the processes have ended and the
 * build job has written that down (at most 5 s more). Call it before `payload.destroy()`.
 */
export async function stopRunningDeploys(options: { graceMs?: number } = {}): Promise<{ stopped: number }> {
  const result = await stopDeployProcesses(options)
  await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, 5_000).unref())])
  return result
}

/**
 * The same stop, for code outside this bundle: `npm start`'s CMS process wrapper
 * (scripts/src/supervisor/cmsProcess.ts) runs before Next.js loads this module and cannot import
 * it, so every copy of this module registers its stop here; call each on SIGTERM.
 */
export const STOP_HOOKS = Symbol.for('lotse.stopRunningDeploys')
;((globalThis as { [STOP_HOOKS]?: Set<typeof stopRunningDeploys> })[STOP_HOOKS] ??= new Set()).add(stopRunningDeploys)

/**
 * Takes every waiting deploy record: the oldest becomes the build, the others merge into it.
 * Every build is requested through a record (publish, daily, manual, recovery); none waiting
 * means an earlier build claimed them and contains them.
 */
async function claimWaiting(payload: Payload): Promise<{ id: string; triggers: PublishTrigger[]; startedAt: Date; attempts: number } | null> {
  const waiting = await payload.find({ collection: 'deploys', where: { status: { equals: 'queued' } }, sort: 'queuedAt', limit: 0, pagination: false, depth: 0 })
  const [deploy, ...others] = waiting.docs
  if (!deploy) return null
  const triggers = [deploy, ...others].flatMap((d) => (d.triggers as PublishTrigger[] | null) ?? [])
  if (others.length > 0) await payload.delete({ collection: 'deploys', where: { id: { in: others.map((o) => o.id) } }, context: ctx })
  const startedAt = new Date()
  const attempts = (deploy.attempts ?? 0) + 1
  await payload.update({
    collection: 'deploys',
    id: deploy.id,
    data: { status: 'running', startedAt: startedAt.toISOString(), triggers, summary: summarize(triggers), reason: null, attempts, worker: HOST_ID, ...leaseFrom(startedAt) },
    context: ctx,
  })
  return { id: String(deploy.id), triggers, startedAt, attempts }
}

/** Writes how the build ended; the lease ends with it. */
async function record(payload: Payload, { id, startedAt, attempts }: { id: string; startedAt: Date; attempts: number }, outcome: BuildOutcome): Promise<void> {
  const finishedAt = new Date()
  const done = { finishedAt: finishedAt.toISOString(), durationMs: finishedAt.getTime() - startedAt.getTime(), phases: outcome.phases, log: outcome.log, leaseUntil: null }
  if (outcome.ok) {
    await payload.update({
      collection: 'deploys',
      id,
      data: { ...done, status: 'success', release: outcome.release, reason: outcome.note ?? null, mode: outcome.mode ? describeMode(outcome.mode) : null },
      context: ctx,
    })
  } else if (outcome.interrupted) {
    // The host is stopping: the build goes back to the queue, and the next start runs it. A
    // stop is no failed try of the build.
    await payload.update({
      collection: 'deploys',
      id,
      data: { status: 'queued', reason: 'Unterbrochen (Neustart) – wird wiederholt.', leaseUntil: null, attempts: attempts - 1, log: outcome.log },
      context: ctx,
    })
  } else {
    await payload.update({ collection: 'deploys', id, data: { ...done, status: 'failed', reason: outcome.reason }, context: ctx })
  }
}

/** One build job: claim, build under a lease, record. */
async function build(payload: Payload, jobId: string): Promise<{ output: Record<string, never> }> {
  ownJobs.add(jobId)
  let claimed: Awaited<ReturnType<typeof claimWaiting>> = null
  try {
    claimed = await claimWaiting(payload)
    if (!claimed) return { output: {} }
    const { id, triggers } = claimed
    ownDeploys.add(id)
    // The lease, renewed while the build is alive: by this host every RENEW_MS, with the
    // deploy's last heartbeat and the phases so far (the admin shows how far it got).
    let progress: { phases: Record<string, number>; lastHeartbeat: number | null } = { phases: {}, lastHeartbeat: null }
    let renewing: Promise<unknown> = Promise.resolve()
    const renew = setInterval(() => {
      const now = new Date()
      const beat = progress.lastHeartbeat ? new Date(progress.lastHeartbeat) : now
      renewing = payload
        .update({ collection: 'deploys', id, data: { leaseUntil: leaseFrom(now).leaseUntil, heartbeatAt: beat.toISOString(), phases: progress.phases }, context: ctx })
        .catch((err: unknown) => payload.logger.warn({ err, msg: `Could not renew the lease of site build ${id}` }))
    }, RENEW_MS)
    let outcome: BuildOutcome
    // The snapshot is exported here, where the CMS is loaded, into a folder of this build's own;
    // the publisher reads it during the build (and keeps a copy in the release).
    const { dataDir } = readEnv()
    const snapshotDir = path.join(dataDir, 'builds', `export-${id}`)
    try {
      // A manual or the nightly build renders everything (and exports everything afresh); a publish lets the publisher decide.
      const full = triggers.some((t) => t.action === 'daily') ? 'the nightly rebuild' : triggers.some((t) => t.action === 'manual') ? 'a rebuild asked for by hand' : null
      const exportStarted = Date.now()
      if (full) {
        exportCache.clear()
        await replaceWarmPublisher()
      }
      const result = await buildSnapshot(payload, { cache: exportCache })
      writeSnapshot(snapshotDir, path.join(dataDir, 'media'), result)
      const expectations = await releaseExpectations(payload, triggers)
      const exportMs = Date.now() - exportStarted
      progress = { ...progress, phases: { export: exportMs } }
      const build = () =>
        runBuild({ deployId: id, triggers, snapshotDir, expectations, full, timeoutMs: buildTimeoutMs(), onProgress: (p) => (progress = { ...p, phases: { export: exportMs, ...p.phases } }) })
      outcome = await build()
      // A publisher that died without an answer, or hung (stopped by the watchdog or for silence), is replaced, and the build tried once more.
      if (!outcome.ok && outcome.processFailed && !isStopping()) {
        const first = outcome
        outcome = await build()
        outcome = outcome.ok
          ? { ...outcome, note: `A first deploy process did not finish (${first.reason}); a new one built the release.` }
          : { ...outcome, reason: `${outcome.reason} (tried twice, each time in a new deploy process)`, log: `${first.log}\n${outcome.log}` }
      }
      outcome = { ...outcome, phases: { export: exportMs, ...outcome.phases } }
    } catch (err) {
      // The export failed (a document does not fit the contract), or LOTSE_BUILD_TIMEOUT is unreadable: the reason names it.
      outcome = { ok: false, reason: (err as Error).message, phases: progress.phases, log: '', interrupted: false, processFailed: false }
    } finally {
      clearInterval(renew)
      rmSync(snapshotDir, { recursive: true, force: true })
    }
    // A renewal still under way must not land after the outcome (it would extend the lease).
    await renewing
    await record(payload, claimed, outcome)
    if (!outcome.ok && !outcome.interrupted) throw new Error(`Site build failed: ${outcome.reason}`)
    return { output: {} }
  } finally {
    ownJobs.delete(jobId)
    if (claimed) ownDeploys.delete(claimed.id)
  }
}

/**
 * Rebuilds and redeploys the public site. A failure leaves the live site as it was and fails
 * the job (the admin lists it with its reason); the next publish tries again.
 */
export const rebuildSiteTask = {
  slug: 'rebuildSite',
  label: 'Website neu bauen',
  retries: 0,
  concurrency: { key: () => 'site-build', exclusive: true, supersedes: true },
  inputSchema: [{ name: 'reason', type: 'text' }],
  handler: async ({ req, job }: { req: PayloadRequest; job: { id: string | number } }) => {
    // A stopping host takes no build: the record stays queued and the next start builds it.
    if (isStopping()) return { output: {} }
    const work = build(req.payload, String(job.id))
    inFlight.add(work)
    try {
      return await work
    } finally {
      inFlight.delete(work)
    }
  },
  // Input is typed above; Payload types task configs through generated job types.
} as unknown as TaskConfig

/**
 * The daily rebuild, so past events drop off and recurring events roll forward even without a
 * publish. Its own task on purpose: a scheduled job waits until 03:15 (the server's time zone),
 * and sharing the build's concurrency key it would supersede (delete) a publish's build that is
 * waiting right now. It only queues a build, like a publish does.
 */
export const dailyRebuildTask = {
  slug: 'dailyRebuild',
  label: 'Täglicher Neubau der Website',
  retries: 0,
  schedule: [{ cron: '15 3 * * *', queue: 'default' }],
  handler: async ({ req }: { req: PayloadRequest }) => {
    await queueRebuild(req, { collection: '-', id: '-', title: 'Neubau für aktuelle Termine', action: 'daily' })
    return { output: {} }
  },
} as unknown as TaskConfig
