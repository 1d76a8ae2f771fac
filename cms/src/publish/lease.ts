/**
 * Leases on site builds. Payload 3.x has none for jobs: a runner that dies or loses its promise
 * leaves its job `processing: true` forever (upstream issue #17645; leases arrive in Payload 4),
 * and with the build's exclusive concurrency key every later build waits behind it. So each
 * running build holds a lease on its `deploys` record: the host renews `leaseUntil` every
 * `RENEW_MS` while the build is alive, and a lease that ran out means its host is gone; the
 * worker then takes the build back (recover.ts). Claiming a job is not atomic across processes
 * in 3.x either: run one worker per database (the CMS with its jobs, or `npm run worker`).
 */
import { hostname } from 'node:os'

import { HEARTBEAT_MS } from './protocol'

/** A lease lasts six renewals: a host that misses that many is gone, not slow. */
export const LEASE_MS = 30_000

/** How often a running build's host renews its lease (with the deploy's heartbeat rhythm). */
export const RENEW_MS = HEARTBEAT_MS

/** Tries per build before it is given up with a reason (a build that kills its worker each time). */
export const MAX_ATTEMPTS = 3

/** Who holds a lease, for the admin and the logs. */
export const HOST_ID = `${hostname()} pid ${process.pid}`

/**
 * The builds and jobs this process is running right now. On `globalThis`, because Next.js may
 * bundle this module more than once into the CMS; the worker never takes back its own build.
 */
const own = ((globalThis as { [k: symbol]: unknown })[Symbol.for('lotse.ownBuilds')] ??= { deploys: new Set<string>(), jobs: new Set<string>() }) as {
  deploys: Set<string>
  jobs: Set<string>
}
export const ownDeploys = own.deploys
export const ownJobs = own.jobs

/** The lease fields for a build that is alive now. */
export function leaseFrom(now = new Date()): { leaseUntil: string; heartbeatAt: string } {
  return { leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(), heartbeatAt: now.toISOString() }
}
