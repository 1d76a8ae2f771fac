/**
 * The host's side of the deploy process (the CMS, `npm run worker`, the benchmark, tests): it
 * starts `scripts/src/cli.ts deploy` as a child, asks for one build over the protocol of
 * protocol.ts, and makes sure the process ends, whatever it does:
 *
 * - a watchdog bounds every build (`LOTSE_BUILD_TIMEOUT`, default 10 min): on expiry the deploy's
 *   whole process group gets SIGTERM, then SIGKILL after `STOP_GRACE_MS`;
 * - a deploy that stops sending heartbeats for `LEASE_MS` is stopped the same way (it hangs);
 * - a deploy that has sent its result gets `EXIT_GRACE_MS` to end on its own, then is stopped
 *   (on main one printed its release and never ended, and the queue waited behind it for good);
 * - `stopRunningDeploys()` ends every deploy of this host within `STOP_GRACE_MS` (+ 1 s), and
 *   from then on no deploy is started ahead; when the host exits, whatever is left gets SIGKILL,
 *   and a deploy whose host is gone ends itself (its IPC channel closes).
 *
 * Each deploy leads its own process group (`detached`), so one signal reaches the Astro builds
 * and Pagefind's binary it started, and a Ctrl+C in the host's terminal does not hit it twice.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'

import { findRoot } from '../lib/env'
import { LEASE_MS } from './lease'
import { holdHost, signalGroup, STOP_GRACE_MS, stopGroup } from './processGroup'
import { type BuildRequest, type DeployMessage, DeployMessageSchema, deploySettingsKey, parseMessage, type PublishTrigger } from './protocol'

/** A deploy that has sent its result has this long to end before it is stopped. */
const EXIT_GRACE_MS = 5_000

/**
 * Default bound of one build: a full build of 1,044 offers × 13 locales took 33 s on two cores
 * (`npm run bench:publish -- 1000 5`: p50 33.6 s, p95 34.3 s, publish to live), issue 9 measured
 * 22–29 s elsewhere, and 5,000 offers take a few minutes. 10 minutes (18 times the 1,000-offer
 * build) is far beyond any healthy build and still lets the next publish out within minutes.
 */
const DEFAULT_TIMEOUT_S = 600

/** `LOTSE_BUILD_TIMEOUT` (seconds) in ms; a value that is not a positive number is an error naming it. */
export function buildTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.LOTSE_BUILD_TIMEOUT
  if (raw === undefined || raw === '') return DEFAULT_TIMEOUT_S * 1000
  const seconds = Number(raw)
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`LOTSE_BUILD_TIMEOUT must be a number of seconds greater than 0 (e.g. 600), got "${raw}"`)
  return seconds * 1000
}

/** How a build ended, as the build job records it. */
export type BuildOutcome =
  { ok: true; release: string; phases: Record<string, number>; log: string; note?: string } | { ok: false; reason: string; phases: Record<string, number>; log: string; interrupted: boolean }

interface DeployProcess {
  child: ChildProcess
  /** `deploySettingsKey()` when it was started: a process started ahead under others is not used. */
  settings: string
  /** Resolves when the process has exited (or could not be started). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: string }>
  /** The current build's listener. */
  listener: ((m: DeployMessage) => void) | null
  /** A message outside the protocol, with what was wrong with it. */
  protocolError: string | null
  lastHeartbeat: number | null
  /** Everything it printed, the last 200 KB (the admin shows the tail). */
  output: string
  /** Set by `stop()`: why this process is being stopped. */
  stopReason: string | null
}

/** Deploys of this host, each the leader of its own process group. */
const running = new Set<DeployProcess>()
let prestarted: DeployProcess | undefined
/** Set by `stopRunningDeploys()`: the host is stopping and starts no deploy ahead any more. */
let stopping = false

export const isStopping = () => stopping

/**
 * The command that builds and deploys the site (scripts/src/cli.ts deploy). A child process, so
 * the build's memory never burdens the CMS and a crash of the build cannot take the CMS down.
 * `LOTSE_DEPLOY_COMMAND` replaces it, run by `/bin/sh` (tests inject failing and hanging builds;
 * such a command may speak the protocol on fd 3).
 */
function deployCommand(): { cmd: string; args: string[] } {
  const custom = process.env.LOTSE_DEPLOY_COMMAND
  if (custom) return { cmd: '/bin/sh', args: ['-c', custom] }
  return { cmd: process.env.LOTSE_NODE ?? process.execPath, args: ['--import', 'tsx', path.join(findRoot(), 'scripts/src/cli.ts'), 'deploy'] }
}

const alive = (p: DeployProcess) => p.child.exitCode === null && p.child.signalCode === null

/** Stops a deploy: SIGTERM to its group, SIGKILL after `graceMs`; resolves once it has exited. */
function stop(p: DeployProcess, reason: string, graceMs = STOP_GRACE_MS): Promise<void> {
  p.stopReason ??= reason
  return stopGroup(p.child, p.exited, graceMs)
}

function startProcess(): DeployProcess {
  const { cmd, args } = deployCommand()
  // The CMS's settings as they are now; no hot-reload socket (see scripts/src/cli.ts), quiet logs.
  const env = { ...process.env, LOTSE_LOG_LEVEL: 'warn', DISABLE_PAYLOAD_HMR: 'true' }
  const child = spawn(/*turbopackIgnore: true*/ cmd, args, { cwd: findRoot(), env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], detached: true })
  const p: DeployProcess = { child, settings: deploySettingsKey(), exited: null!, listener: null, protocolError: null, lastHeartbeat: null, output: '', stopReason: null }
  running.add(p)
  const keep = (chunk: Buffer) => (p.output = (p.output + chunk.toString()).slice(-200_000))
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  child.on('message', (raw) => {
    const parsed = parseMessage(DeployMessageSchema, raw)
    if (!parsed.ok) {
      p.protocolError ??= parsed.error
      void stop(p, `was stopped: its deploy process sent a message outside the protocol`)
      return
    }
    if (parsed.value.type === 'heartbeat') p.lastHeartbeat = Date.now()
    p.listener?.(parsed.value)
  })
  p.exited = new Promise((resolve) => {
    child.on('error', (err) => {
      // Spawning failed (no such command): there is no process to wait for. Later errors (a
      // message that could not be sent) surface where it was sent.
      if (child.pid === undefined) {
        running.delete(p)
        resolve({ code: 127, signal: null, error: err.message })
      }
    })
    child.once('exit', (code, signal) => {
      // Whatever it started and left behind in its group ends with it.
      signalGroup(p.child, 'SIGKILL')
      const done = () => {
        running.delete(p)
        resolve({ code, signal })
      }
      // Its last words may still be in the pipes ('close'); a second at most.
      const late = setTimeout(done, 1_000)
      child.once('close', () => {
        clearTimeout(late)
        done()
      })
    })
  })
  return p
}

/**
 * The deploy process started ahead, if it can serve a build now: loading the CMS config takes
 * the deploy about 2.4 s (measured), a tenth of publish-to-live at 1,000 offers and a third at
 * seed size, so after a build the host starts the next process at once, and it waits (loaded,
 * database open) for its request. It reads the database only when asked, so it builds what is
 * committed then. About 400 MB resident while waiting (measured).
 */
function takePrestarted(): DeployProcess | undefined {
  const ready = prestarted
  prestarted = undefined
  if (!ready) return undefined
  if (alive(ready) && ready.child.connected && ready.settings === deploySettingsKey() && !process.env.LOTSE_DEPLOY_COMMAND) {
    holdHost(ready.child, true)
    return ready
  }
  void stop(ready, 'was not used: it was started under other settings')
  return undefined
}

/**
 * Starts the next deploy ahead: only after a build (a CMS that never builds keeps no idle
 * process), never for a custom command, never while the host stops (`stopRunningDeploys()`,
 * or the supervisor setting `LOTSE_JOBS`/`LOTSE_DEPLOY_PRESTART` to `off`, read on every call).
 */
function prestartNext(): void {
  if (stopping || prestarted || process.env.LOTSE_DEPLOY_COMMAND || process.env.LOTSE_DEPLOY_PRESTART === 'off' || process.env.LOTSE_JOBS === 'off') return
  prestarted = startProcess()
  holdHost(prestarted.child, false)
}

const describeExit = (e: { code: number | null; signal: NodeJS.Signals | null; error?: string }) =>
  e.error ? `could not be started (${e.error})` : e.signal ? `was ended by ${e.signal}` : `ended with exit code ${e.code}`

/** The last lines the process printed, for a reason that says something. */
function lastLines(output: string, n = 3): string {
  return output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('{"level"'))
    .slice(-n)
    .join(' · ')
}

export interface BuildOptions {
  deployId: string
  triggers: PublishTrigger[]
  /** The watchdog: the build is stopped after this long (`buildTimeoutMs()`). */
  timeoutMs: number
  /** Called on every message, for the lease and the phases shown while building. */
  onProgress?: (progress: { phases: Record<string, number>; lastHeartbeat: number | null; phase: string | null }) => void
}

/**
 * Runs one build in a deploy process (the one started ahead, or a new one) and returns how it
 * ended; never throws, never waits longer than `timeoutMs` + `STOP_GRACE_MS` + `EXIT_GRACE_MS`.
 */
export async function runBuild({ deployId, triggers, timeoutMs, onProgress }: BuildOptions): Promise<BuildOutcome> {
  const p = takePrestarted() ?? startProcess()
  const phases: Record<string, number> = {}
  let phase: string | null = null
  let live: string | null = null
  let last: Extract<DeployMessage, { type: 'result' | 'failure' }> | null = null
  let answered!: () => void
  const answer = new Promise<void>((resolve) => (answered = resolve))
  p.listener = (m) => {
    if (m.type === 'phase') {
      if (m.ms === undefined) phase = m.phase
      else phases[m.phase] = m.ms
    } else if (m.type === 'live') live = m.release
    else if (m.type === 'result' || m.type === 'failure') {
      last = m
      answered()
    }
    onProgress?.({ phases: { ...phases }, lastHeartbeat: p.lastHeartbeat, phase })
  }
  const request: BuildRequest = { type: 'build', deployId, triggers, settings: { key: deploySettingsKey() } }
  if (p.child.connected) {
    p.child.send(request, (err) => {
      // Mostly a process that is ending anyway (EPIPE): its exit says more than this error.
      if (err) setTimeout(() => alive(p) && void stop(p, `was stopped: its request could not be sent (${err.message})`), 1_000).unref()
    })
  } else void stop(p, 'was stopped: its deploy process had no channel to receive the request')

  const watchdog = setTimeout(() => void stop(p, `took longer than ${Math.round(timeoutMs / 1000)} s (LOTSE_BUILD_TIMEOUT) and was stopped${phase ? ` in its ${phase} phase` : ''}`), timeoutMs)
  // Heartbeats come every 5 s; none for a lease's length means the process hangs, not works. The
  // deploy's longest synchronous step (the link check reading every page) took 1.1 s at 1,044
  // offers, so a busy deploy is never silent that long.
  const stall = setInterval(() => {
    if (p.lastHeartbeat !== null && Date.now() - p.lastHeartbeat > LEASE_MS) void stop(p, `stopped answering (no heartbeat for ${LEASE_MS / 1000} s) and was stopped`)
  }, 1_000)
  try {
    await Promise.race([answer, p.exited])
    const done = last as Extract<DeployMessage, { type: 'result' | 'failure' }> | null
    let note: string | undefined
    if (done) {
      // Its work is done; it ends on its own (cli.ts exits), or it is made to.
      const ended = await Promise.race([p.exited.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), EXIT_GRACE_MS).unref())])
      if (!ended) {
        note = `The deploy process did not end within ${EXIT_GRACE_MS / 1000} s of reporting and was stopped.`
        await stop(p, note)
      }
    }
    const exit = await p.exited
    const log = `${p.output.trim().slice(-20_000)}${note ? `\n[lotse] ${note}` : ''}`
    if (done?.type === 'result') return { ok: true, release: done.release, phases: done.phases, log, note }
    // Stopped after its release went live (say, while deleting old releases): it is live.
    const wentLive = live as string | null
    if (wentLive) return { ok: true, release: wentLive, phases, log, note: `The release went live, then the build ${p.stopReason ?? `ended early (its process ${describeExit(exit)})`}.` }
    if (done?.type === 'failure') return { ok: false, reason: done.reason, phases: done.phases, log, interrupted: false }
    if (p.protocolError) return { ok: false, reason: `The deploy process sent a message outside the protocol: ${p.protocolError}`, phases, log, interrupted: false }
    if (p.stopReason) return { ok: false, reason: `The build ${p.stopReason}. The live site is unchanged.`, phases, log, interrupted: stopping }
    const printed = lastLines(p.output)
    return { ok: false, reason: `The deploy process ${describeExit(exit)} without a result${printed ? `: ${printed}` : '.'}`, phases, log, interrupted: false }
  } finally {
    clearTimeout(watchdog)
    clearInterval(stall)
    p.listener = null
    prestartNext()
  }
}

/**
 * Stops every deploy of this host, the one started ahead included, and starts none ahead from
 * now on: SIGTERM to each process group, SIGKILL after `graceMs`. Resolves once all have exited,
 * within `graceMs` + about a second. For hosts that stop (the worker, the benchmark); the CMS
 * under `npm start` is covered by its exit handler below and by the supervisor.
 */
export async function stopRunningDeploys({ graceMs = STOP_GRACE_MS }: { graceMs?: number } = {}): Promise<{ stopped: number }> {
  stopping = true
  prestarted = undefined
  const all = [...running]
  await Promise.all(all.map((p) => stop(p, 'was interrupted: its host stopped', graceMs)))
  return { stopped: all.length }
}

// However the host ends, nothing it started outlives it. An exit handler cannot wait, so this
// is SIGKILL at once: a killed build leaves at most an incomplete release folder, which the next
// build deletes, and the live site is switched by one atomic rename or not at all.
process.once('exit', () => {
  stopping = true
  for (const p of running) signalGroup(p.child, 'SIGKILL')
})
