/**
 * The host's side of the deploy process (the CMS, `npm run worker`, the benchmark, tests): it
 * starts `scripts/src/cli.ts deploy`, the publisher, as a long-lived child, asks it for one build
 * at a time over the protocol of protocol.ts, and makes sure it ends, whatever it does:
 *
 * - a watchdog bounds every build (`LOTSE_BUILD_TIMEOUT`, default 10 min): on expiry the deploy's
 *   whole process group gets SIGTERM, then SIGKILL after `STOP_GRACE_MS`;
 * - a deploy that stops sending heartbeats for `LEASE_MS` is stopped the same way (it hangs);
 *   the build job tries a build whose deploy hung or died once more, in a new one (job.ts);
 * - a deploy that has answered waits, warm, for the next build; one that ended (it does when
 *   the code it was started with changed) or was stopped is replaced by a new one at the next
 *   build, which reads the live release's state from disk;
 * - `stopRunningDeploys()` ends every deploy of this host within `STOP_GRACE_MS` (+ 1 s), and
 *   from then on none is started; when the host exits, whatever is left gets SIGKILL, and a
 *   deploy whose host is gone ends itself (its IPC channel closes).
 *
 * Each deploy leads its own process group (`detached`), so one signal reaches the Astro builds
 * and Pagefind's binary it started, and a Ctrl+C in the host's terminal does not hit it twice.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'

import { findRoot } from '../lib/env'
import { LEASE_MS } from './lease'
import { holdHost, signalGroup, STOP_GRACE_MS, stopGroup } from './processGroup'
import { type BuildRequest, type DeployMessage, DeployMessageSchema, deploySettingsKey, parseMessage, type PublishMode, type PublishTrigger, type ReleaseExpectations } from './protocol'

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
  | { ok: true; release: string; phases: Record<string, number>; log: string; mode: PublishMode | null; note?: string }
  | {
      ok: false
      reason: string
      phases: Record<string, number>
      log: string
      interrupted: boolean
      /** The deploy process died or hung (it did not report a failure of the build itself): a new one may try again. */
      processFailed: boolean
    }

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
  /** Everything it printed, the last 200 KB (the admin shows the tail of each build's part). */
  output: string
  /** Set by `stop()`: why this process is being stopped. */
  stopReason: string | null
  /** It has answered a build, and so may hold that build's warm state. */
  served: boolean
}

/** Deploys of this host, each the leader of its own process group. */
const running = new Set<DeployProcess>()
let idle: DeployProcess | undefined
/** Set by `stopRunningDeploys()`: the host is stopping and starts no deploy ahead any more. */
let stopping = false

export const isStopping = () => stopping

/**
 * The young generation of the publisher's heap, in MB per semi-space. Between publishes it holds
 * the site's Astro build warm (about 1.6 GB at 1,000 offers), beside the CMS; V8 would let the
 * young generation grow to 32 MB per semi-space there. At 8 MB (the full build's Astro processes
 * have the same, scripts/src/site/build.ts) the warm publisher took 1,386 MB instead of 1,568–1,576
 * in `npm run bench:publish -- 1000 4`, and everything running peaked at 2,812 MB instead of
 * 2,980–3,082, over the 3 GB bound; publishes took as long (p95 3.7 s; 3.4–4.0 s before).
 */
const SEMI_SPACE_MB = 8

/**
 * The command that builds and deploys the site (scripts/src/cli.ts deploy). A child process, so
 * the build's memory never burdens the CMS and a crash of the build cannot take the CMS down.
 * `LOTSE_DEPLOY_COMMAND` replaces it, run by `/bin/sh` (tests inject failing and hanging builds;
 * such a command may speak the protocol on fd 3).
 */
function deployCommand(): { cmd: string; args: string[] } {
  const custom = process.env.LOTSE_DEPLOY_COMMAND
  if (custom) return { cmd: '/bin/sh', args: ['-c', custom] }
  return { cmd: process.env.LOTSE_NODE ?? process.execPath, args: [`--max-semi-space-size=${SEMI_SPACE_MB}`, '--import', 'tsx', path.join(findRoot(), 'scripts/src/cli.ts'), 'deploy'] }
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
  const p: DeployProcess = { child, settings: deploySettingsKey(), exited: null!, listener: null, protocolError: null, lastHeartbeat: null, output: '', stopReason: null, served: false }
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
 * The publisher waiting for its next build, if it can serve one now: it keeps warm what the next
 * publish reuses (the site's build paused before page generation, the dependency map, the search
 * indexes; scripts/src/site/publisher.ts): at 1,044 offers about 1.4 GB resident, and its two
 * Pagefind services about 250 MB each (`npm run bench:publish -- 1000 6`). A publisher started under other settings is stopped instead; one whose code
 * changed on disk ends itself after its build.
 */
function takeIdle(): DeployProcess | undefined {
  const ready = idle
  idle = undefined
  if (!ready) return undefined
  if (alive(ready) && ready.child.connected && ready.settings === deploySettingsKey() && !process.env.LOTSE_DEPLOY_COMMAND) {
    holdHost(ready.child, true)
    return ready
  }
  void stop(ready, 'was not used: it was started under other settings')
  return undefined
}

/**
 * Starts the publisher ahead, so its start-up (about a second; its warm-up, a few more, begins
 * with the first build) is not paid by the first publish: after a build whose publisher ended,
 * never for a custom command, never while the host stops (`stopRunningDeploys()`, or the
 * supervisor setting `LOTSE_JOBS`/`LOTSE_DEPLOY_PRESTART` to `off`, read on every call).
 */
function prestartNext(): void {
  if (stopping || idle || process.env.LOTSE_DEPLOY_COMMAND || process.env.LOTSE_DEPLOY_PRESTART === 'off' || process.env.LOTSE_JOBS === 'off') return
  idle = startProcess()
  holdHost(idle.child, false)
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
  /** The folder the host exported the snapshot to. */
  snapshotDir: string
  expectations: ReleaseExpectations
  /** Why the whole site must be built, or null (the publisher decides). */
  full: string | null
  /** The watchdog: the build is stopped after this long (`buildTimeoutMs()`). */
  timeoutMs: number
  /** Called on every message, for the lease and the phases shown while building. */
  onProgress?: (progress: { phases: Record<string, number>; lastHeartbeat: number | null; phase: string | null }) => void
}

/** A custom command (`LOTSE_DEPLOY_COMMAND`, the tests' stand-ins) serves one build: after answering it has this long to end. */
const EXIT_GRACE_MS = 5_000

/**
 * Called before the export of a build that will be full (the nightly or a manual one): an idle
 * publisher that has served a build is stopped, and a fresh one started in its place, which
 * loads while the CMS exports. The warm one would only hand the build over (`handover`), and
 * its memory (about 1.6 GB at 1,044 offers) beside the CMS exporting everything came to 3.4 GB
 * (`npm run bench:publish -- 1000 4`, its nightly build).
 */
export async function replaceWarmPublisher(): Promise<void> {
  const warm = idle
  if (!warm?.served) return
  idle = undefined
  await stop(warm, 'was replaced before a full build: a fresh publisher builds it')
  prestartNext()
}

/**
 * Runs one build in the publisher (the idle one, or a new one) and returns how it ended; never
 * throws, never waits longer than `timeoutMs` + `STOP_GRACE_MS` (+ `EXIT_GRACE_MS` for a custom
 * command) for each publisher it asks. The publisher stays for the next build. A warm publisher
 * hands a build that must be full over (`handover`): a fresh one then builds it, once.
 */
export async function runBuild(options: BuildOptions): Promise<BuildOutcome> {
  const first = await runBuildIn(takeIdle() ?? startProcess(), options)
  if (!('handOver' in first)) return first
  // The one started ahead when the first ended, if any: it is fresh.
  const second = await runBuildIn(takeIdle() ?? startProcess(), { ...options, full: first.handOver })
  if (!('handOver' in second)) return second
  return {
    ok: false,
    reason: `The fresh publisher handed the full build over again (${second.handOver}); it builds in full only when it is not warm.`,
    phases: {},
    log: '',
    interrupted: false,
    processFailed: false,
  }
}

/** Runs one build in the publisher `p`: how it ended, or why it must be full when `p` handed it over (`p` has then ended). */
async function runBuildIn(p: DeployProcess, { deployId, triggers, snapshotDir, expectations, full, timeoutMs, onProgress }: BuildOptions): Promise<BuildOutcome | { handOver: string }> {
  const from = p.output.length
  const phases: Record<string, number> = {}
  let phase: string | null = null
  let live: string | null = null
  let last: Extract<DeployMessage, { type: 'result' | 'failure' | 'handover' }> | null = null
  let answered!: () => void
  const answer = new Promise<void>((resolve) => (answered = resolve))
  p.listener = (m) => {
    if (m.type === 'phase') {
      if (m.ms === undefined) phase = m.phase
      else phases[m.phase] = m.ms
    } else if (m.type === 'live') live = m.release
    else if (m.type === 'result' || m.type === 'failure' || m.type === 'handover') {
      last = m
      answered()
    }
    onProgress?.({ phases: { ...phases }, lastHeartbeat: p.lastHeartbeat, phase })
  }
  const request: BuildRequest = { type: 'build', deployId, triggers, snapshotDir, expectations, full, settings: { key: deploySettingsKey() } }
  if (p.child.connected) {
    p.child.send(request, (err) => {
      // Mostly a process that is ending anyway (EPIPE): its exit says more than this error.
      if (err) setTimeout(() => alive(p) && void stop(p, `was stopped: its request could not be sent (${err.message})`), 1_000).unref()
    })
  } else void stop(p, 'was stopped: its deploy process had no channel to receive the request')

  // Stopped by the watchdog or for silence, the process hung: the build job tries once more in a new one.
  let hung = false
  const hang = (why: string) => {
    hung = true
    void stop(p, `${why}${phase ? ` in its ${phase} phase` : ''}`)
  }
  const watchdog = setTimeout(() => hang(`took longer than ${Math.round(timeoutMs / 1000)} s (LOTSE_BUILD_TIMEOUT) and was stopped`), timeoutMs)
  // Heartbeats come every 5 s; none for a lease's length means the process hangs, not works. The
  // deploy's long loops on its main thread (the checks reading every page) give its event loop a
  // turn every 100 ms (scripts/src/lib/turns.ts), so a busy deploy is never silent that long.
  const stall = setInterval(() => {
    if (p.lastHeartbeat !== null && Date.now() - p.lastHeartbeat > LEASE_MS) hang(`stopped answering (no heartbeat for ${LEASE_MS / 1000} s) and was stopped`)
  }, 1_000)
  let keep = false
  try {
    await Promise.race([answer, p.exited])
    const done = last as Extract<DeployMessage, { type: 'result' | 'failure' | 'handover' }> | null
    if (done?.type === 'handover') {
      // It ends by itself; stopped all the same, so its memory is free before the fresh one builds.
      await stop(p, 'handed a full build over to a fresh publisher')
      return { handOver: done.reason }
    }
    let note: string | undefined
    if (done && process.env.LOTSE_DEPLOY_COMMAND) {
      const ended = await Promise.race([p.exited.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), EXIT_GRACE_MS).unref())])
      if (!ended) {
        note = `The deploy process did not end within ${EXIT_GRACE_MS / 1000} s of reporting and was stopped.`
        await stop(p, note)
      }
    }
    // The publisher answered and waits for the next build (unless it ended: its code changed).
    keep = done !== null && alive(p) && !p.stopReason
    const exit = keep ? null : await p.exited
    const log = `${p.output.slice(from).trim().slice(-20_000)}${note ? `\n[lotse] ${note}` : ''}`
    if (done?.type === 'result') return { ok: true, release: done.release, phases: done.phases, log, mode: done.mode ?? null, note }
    // Stopped after its release went live (say, while deleting old releases): it is live.
    const wentLive = live as string | null
    if (wentLive) return { ok: true, release: wentLive, phases, log, mode: null, note: `The release went live, then the build ${p.stopReason ?? `ended early (its process ${describeExit(exit!)})`}.` }
    if (done?.type === 'failure') return { ok: false, reason: done.reason, phases: done.phases, log, interrupted: false, processFailed: false }
    if (p.protocolError) return { ok: false, reason: `The deploy process sent a message outside the protocol: ${p.protocolError}`, phases, log, interrupted: false, processFailed: false }
    if (p.stopReason) return { ok: false, reason: `The build ${p.stopReason}. The live site is unchanged.`, phases, log, interrupted: stopping, processFailed: hung && !stopping }
    const printed = lastLines(p.output.slice(from))
    return { ok: false, reason: `The deploy process ${describeExit(exit!)} without a result${printed ? `: ${printed}` : '.'}`, phases, log, interrupted: false, processFailed: true }
  } finally {
    clearTimeout(watchdog)
    clearInterval(stall)
    p.listener = null
    if (keep && !stopping && !idle) {
      p.served = true
      holdHost(p.child, false)
      idle = p
    } else if (keep) void stop(p, 'was not kept: another publisher is waiting')
    else prestartNext()
  }
}

/**
 * Stops every deploy of this host, the idle one included, and starts none ahead from
 * now on: SIGTERM to each process group, SIGKILL after `graceMs`. Resolves once all have exited,
 * within `graceMs` + about a second. For hosts that stop (the worker, the benchmark); the CMS
 * under `npm start` is covered by its exit handler below and by the supervisor.
 */
export async function stopRunningDeploys({ graceMs = STOP_GRACE_MS }: { graceMs?: number } = {}): Promise<{ stopped: number }> {
  stopping = true
  idle = undefined
  const all = [...running]
  await Promise.all(all.map((p) => stop(p, 'was interrupted: its host stopped', graceMs)))
  return { stopped: all.length }
}

// However the host ends, nothing it started outlives it. An exit handler cannot wait, so this
// is SIGKILL at once: a killed build leaves at most an incomplete release folder, which the next
// build deletes once its own release is live, and the live site is switched by one atomic rename
// or not at all.
process.once('exit', () => {
  stopping = true
  for (const p of running) signalGroup(p.child, 'SIGKILL')
})
