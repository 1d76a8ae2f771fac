import type { Payload, PayloadRequest } from 'payload'

/**
 * Who runs the job queue in this process, one run at a time: the cron's tick every 2 s
 * (buildConfig.ts hands its tick here and lets Payload's own run skip) and a publish, which
 * starts its build the moment its transaction commits instead of waiting for the next tick.
 * One chain, because two runs of Payload 3's queue at once can claim the same job (it finds,
 * then marks; PLAN "Job queue").
 */
let chain: Promise<unknown> = Promise.resolve()

export function runJobsNow(payload: Payload): Promise<void> {
  const run = chain.then(() => payload.jobs.run({ queue: 'default', limit: 10 }))
  chain = run.catch((err: unknown) => payload.logger.error({ err, msg: 'Running the job queue failed' }))
  return chain.then(() => undefined)
}

/** How long a publish's transaction may take to commit before its build is left to the next tick. */
const COMMIT_WAIT_MS = 30_000

/**
 * Runs the queue once the request's transaction has ended (Payload removes `transactionID` when
 * it commits or rolls back; a rolled-back publish left no job, and the run finds nothing). Only
 * where this process runs jobs (its cron is on: `npm start`'s CMS, `npm run worker`): a process
 * without one (a test, a script) leaves the job to whoever runs the queue.
 */
export function runJobsAfterCommit(req: PayloadRequest): void {
  const { payload } = req
  if (process.env.LOTSE_JOBS === 'off' || !(payload as { crons?: unknown[] }).crons?.length) return
  const until = Date.now() + COMMIT_WAIT_MS
  const check = () => {
    if (req.transactionID === undefined || req.transactionID === null) void runJobsNow(payload)
    else if (Date.now() < until) setTimeout(check, 5).unref()
  }
  check()
}
