/**
 * The supervisor behind `npm start` and `npm run dev`: it runs each part of the system (the
 * Next.js CMS, the static site server, the one-off admin build) as a child process and answers
 * for all of them.
 *
 * - Every part runs through launcher.ts, which leads its own process group and holds an IPC
 *   channel to this process: if the supervisor is killed outright (SIGKILL), every part ends
 *   on its own within the launcher's grace (12 s), nothing is left as an orphan.
 * - A part that dies unexpectedly is restarted after a back-off (1, 2, 4, 8 s …) and the
 *   console says what died, how (exit code or signal), when, and when it comes back. After
 *   `maxCrashes` crashes within `windowMs` (5 in 2 minutes) the supervisor stops everything and
 *   exits non-zero, saying why: a part that cannot stay up needs a person, not a loop.
 * - A stop (Ctrl+C, SIGTERM, SIGHUP, a fatal crash, an error in the supervisor itself) sends
 *   SIGTERM to every group, waits up to `stopTimeoutMs` (15 s) for everything to end, then
 *   sends SIGKILL to every group it started and to every process that still carries its
 *   marker, and exits. The marker (`LOTSE_SUPERVISED=<pid>/<part>`, inherited by whatever a
 *   part starts) also finds what a part started in groups of its own (the CMS's site builds).
 *
 * Hand-written instead of a process manager from the registry (pm2, supervisord-like
 * libraries): those run as a daemon beside the app and outlive their caller by design, which
 * is the opposite of what `npm start` must do.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { processesWithEnv } from '../lib/proc'

export interface PartSpec {
  /** For messages: "CMS (Next.js)", "site server". */
  name: string
  command: string
  args: string[]
  cwd?: string
  env?: NodeJS.ProcessEnv
  /** Answers once the part serves (after a restart the console says when it is back). */
  ready?: () => Promise<void>
  /** Runs before every restart, e.g. to re-queue a site build the crash interrupted. */
  beforeRestart?: () => Promise<void>
}

export interface Policy {
  /** Delay before the restart after the 1st, 2nd, … crash within the window (the last repeats). */
  backoffMs: number[]
  /** This many crashes of one part within `windowMs` stop everything. */
  maxCrashes: number
  windowMs: number
  /** A stop waits this long for every process to end, then kills what is left. */
  stopTimeoutMs: number
}

export const DEFAULT_POLICY: Policy = { backoffMs: [1000, 2000, 4000, 8000, 16_000], maxCrashes: 5, windowMs: 120_000, stopTimeoutMs: 15_000 }

/**
 * Exit code a part uses for "wrong configuration" (sysexits.h EX_CONFIG: the port is taken,
 * a setting is missing): restarting cannot help, so the supervisor stops everything at once.
 */
export const EXIT_CONFIG = 78

const launcher = path.join(path.dirname(fileURLToPath(import.meta.url)), 'launcher.ts')

/**
 * Node runs launcher.ts and cmsProcess.ts without tsx; type stripping is on by default from
 * Node 22.18 and 23.6 (run.mjs guarantees at least 22.12).
 */
export function stripTypesFlag(version = process.versions.node): string[] {
  const [major = 0, minor = 0] = version.split('.').map(Number)
  return major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18) ? [] : ['--experimental-strip-types']
}

const describeExit = (code: number | null, signal: NodeJS.Signals | null) => (signal ? `signal ${signal}` : `exit code ${code}`)
const clock = () => new Date().toTimeString().slice(0, 8)
const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')

interface Running {
  spec: PartSpec
  child: ChildProcess
  exited: Promise<void>
}

export class Supervisor {
  private readonly parts = new Map<string, Running>()
  private readonly crashes = new Map<string, number[]>()
  private readonly restarts = new Set<NodeJS.Timeout>()
  /** Every process group this supervisor started (each launcher leads one). */
  private readonly groups = new Set<number>()
  private stopping: Promise<never> | null = null

  constructor(
    private readonly policy: Policy = DEFAULT_POLICY,
    private readonly log: (line: string) => void = (line) => console.log(line),
    private readonly exit: (code: number) => never = (code) => process.exit(code),
  ) {}

  /**
   * What `processesWithEnv` looks for: the marker entry of one part, or (without a name) the
   * start of every marker of this supervisor.
   */
  marker(name?: string): string {
    return name ? `LOTSE_SUPERVISED=${process.pid}/${slug(name)}\0` : `LOTSE_SUPERVISED=${process.pid}/`
  }

  get isStopping(): boolean {
    return this.stopping !== null
  }

  /**
   * Stops everything on SIGINT, SIGTERM and SIGHUP, and on an error nothing else caught (it
   * may have left the supervisor in any state: stopping in order is the one safe answer).
   */
  installHandlers(): void {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      // Ctrl+C reaches this process twice (from the terminal and forwarded by run.mjs): a stop
      // in progress goes on; its own deadline forces what does not end.
      process.on(signal, () => void this.stop(`${signal} received`, 0))
    }
    // `npm start` runs this through scripts/run.mjs: when that process is killed outright, this
    // one is handed to init (its parent pid changes) and stops everything as on a signal.
    const parent = process.ppid
    setInterval(() => {
      if (process.ppid !== parent) void this.stop('the npm start process above this one was killed', 1)
    }, 1000).unref()
    process.on('uncaughtException', (err) => void this.stop(`internal error: ${err.stack ?? err.message}`, 1))
    process.on('unhandledRejection', (reason) => void this.stop(`internal error: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`, 1))
  }

  /** Starts a part and keeps it running (restarts with back-off) until the supervisor stops. */
  keep(spec: PartSpec): void {
    if (this.stopping) return // a stop came while starting: nothing new
    const running = this.spawnPart(spec)
    running.child.once('exit', (code, signal) => {
      if (this.parts.get(spec.name) === running) this.parts.delete(spec.name)
      if (!this.stopping) void this.crashed(spec, code, signal)
    })
  }

  /**
   * Runs a part to completion (the admin build); a stop ends it like any other part. Rejects,
   * naming the part and how it ended, when it fails.
   */
  async runStep(spec: PartSpec): Promise<void> {
    if (this.stopping) throw new Error(`${spec.name} not started: stopping`)
    const running = this.spawnPart(spec)
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => running.child.once('exit', (c, s) => resolve([c, s])))
    this.parts.delete(spec.name)
    if (code !== 0) throw new Error(`${spec.name} failed (${describeExit(code, signal)})`)
  }

  private spawnPart(spec: PartSpec): Running {
    const child = spawn(process.execPath, [...stripTypesFlag(), launcher, spec.command, ...spec.args], {
      cwd: spec.cwd,
      env: { ...(spec.env ?? process.env), LOTSE_LAUNCH_NAME: spec.name, LOTSE_SUPERVISED: `${process.pid}/${slug(spec.name)}` },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      detached: true,
    })
    const pid = child.pid
    if (pid) this.groups.add(pid)
    const exited = new Promise<void>((resolve) =>
      child.once('exit', () => {
        // Whatever the part left in its group goes with it (the launcher is gone; the group id
        // stays valid while any member lives).
        if (pid) {
          killGroup(pid, 'SIGKILL')
          this.groups.delete(pid)
        }
        resolve()
      }),
    )
    child.on('error', (err) => this.log(`[lotse] ${spec.name} could not be started: ${err.message}`))
    const running = { spec, child, exited }
    this.parts.set(spec.name, running)
    return running
  }

  private async crashed(spec: PartSpec, code: number | null, signal: NodeJS.Signals | null): Promise<void> {
    const how = describeExit(code, signal)
    // What the dead part started outside its group (a site build of the CMS) must not live on
    // into its next life: the restarted CMS re-queues that build.
    for (const leftover of processesWithEnv(this.marker(spec.name))) killPid(leftover.pid, 'SIGKILL')
    if (code === EXIT_CONFIG) return void this.stop(`${spec.name} cannot start with this configuration (${how}); see its message above`, 1)
    const now = Date.now()
    const recent = [...(this.crashes.get(spec.name) ?? []), now].filter((t) => now - t <= this.policy.windowMs)
    this.crashes.set(spec.name, recent)
    const window = `${Math.round(this.policy.windowMs / 1000)} s`
    if (recent.length >= this.policy.maxCrashes) {
      return void this.stop(`${spec.name} died ${recent.length} times within ${window} (last: ${how}); not restarting it again`, 1)
    }
    const delay = this.policy.backoffMs[Math.min(recent.length, this.policy.backoffMs.length) - 1] ?? 1000
    this.log(`[lotse] ${spec.name} died unexpectedly at ${clock()} (${how}); restarting in ${delay / 1000} s (crash ${recent.length} of ${this.policy.maxCrashes} allowed within ${window})`)
    const timer = setTimeout(async () => {
      this.restarts.delete(timer)
      if (this.stopping) return
      try {
        await spec.beforeRestart?.()
      } catch (err) {
        this.log(`[lotse] before restarting ${spec.name}: ${(err as Error).message}`)
      }
      if (this.stopping) return
      const started = Date.now()
      this.keep(spec)
      this.log(`[lotse] ${spec.name} restarted at ${clock()}`)
      if (spec.ready) {
        spec.ready().then(
          () => this.log(`[lotse] ${spec.name} is back (answering after ${((Date.now() - started) / 1000).toFixed(1)} s)`),
          () => undefined, // it died again or the stop came first: reported on its own
        )
      }
    }, delay)
    this.restarts.add(timer)
  }

  /**
   * Stops everything in order and exits with `code`: SIGTERM to every part, up to
   * `stopTimeoutMs` for all of them and whatever they started, then SIGKILL for the rest.
   * Calling it again while a stop runs returns the same stop.
   */
  stop(reason: string, code: number): Promise<never> {
    this.stopping ??= this.stopAll(reason, code)
    return this.stopping
  }

  private async stopAll(reason: string, code: number): Promise<never> {
    const started = Date.now()
    const deadline = started + this.policy.stopTimeoutMs
    this.log(`[lotse] stopping: ${reason}`)
    for (const timer of this.restarts) clearTimeout(timer)
    const parts = [...this.parts.values()]
    for (const part of parts) killGroup(part.child.pid!, 'SIGTERM')
    const timeLeft = () => Math.max(0, deadline - Date.now())
    await Promise.race([Promise.all(parts.map((p) => p.exited)), sleep(timeLeft())])
    // The parts' own children in groups of their own (site builds) were stopped by their
    // parents on the way out; they get the rest of the time.
    const everything = this.marker()
    while (processesWithEnv(everything).length > 0 && timeLeft() > 0) await sleep(Math.min(100, timeLeft()))
    const forced = [
      ...parts.filter((p) => p.child.exitCode === null && p.child.signalCode === null).map((p) => `${p.spec.name} (pid ${p.child.pid})`),
      ...processesWithEnv(everything).map((p) => `${p.pid} ${p.command}`),
    ]
    for (const group of this.groups) killGroup(group, 'SIGKILL')
    for (const leftover of processesWithEnv(everything)) killPid(leftover.pid, 'SIGKILL')
    const took = `${((Date.now() - started) / 1000).toFixed(1)} s`
    if (forced.length > 0) {
      this.log(`[lotse] not ended after ${this.policy.stopTimeoutMs / 1000} s, killed (SIGKILL): ${[...new Set(forced)].join('; ')}`)
      return this.exit(code || 1)
    }
    this.log(`[lotse] stopped (${took})`)
    return this.exit(code)
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  killPid(-pid, signal)
}

function killPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal)
  } catch {
    // gone already
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
