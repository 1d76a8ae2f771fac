import { spawn, type SpawnOptions } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { connect } from 'node:net'

/** Runs a command to completion with inherited output; rejects naming the command on failure. */
export function run(cmd: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit', ...options })
    child.on('error', reject)
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${[cmd, ...args].join(' ')} failed (${signal ?? `exit ${code}`})`))))
  })
}

/** Waits until a URL answers with a status below 500, or throws after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last = ''
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { redirect: 'manual' })
      if (res.status < 500) return
      last = `HTTP ${res.status}`
    } catch (err) {
      last = (err as Error).message
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s (last: ${last})`)
}

/** Waits until a TCP port accepts connections, or throws after `timeoutMs`. */
export async function waitForPort(port: number, host: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, host)
      const done = (ok: boolean) => {
        socket.destroy()
        resolve(ok)
      }
      socket.once('connect', () => done(true))
      socket.once('error', () => done(false))
      socket.setTimeout(1000, () => done(false))
    })
    if (open) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`nothing listens on ${host}:${port} after ${Math.round(timeoutMs / 1000)} s`)
}

export interface ProcessInfo {
  pid: number
  /** The command line, shortened. */
  command: string
}

/**
 * Running processes whose environment holds an entry starting with `entry` (append `\0` to
 * match a whole entry). Children inherit the environment, so a marker set on a process finds
 * everything it started, however deep and in whatever process group. Reads Linux's /proc (a
 * few ms for 300 processes); elsewhere it finds nothing and callers rely on process groups.
 */
export function processesWithEnv(entry: string): ProcessInfo[] {
  let pids: string[]
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)
  } catch {
    return []
  }
  const needle = `\0${entry}`
  const found: ProcessInfo[] = []
  for (const pid of pids) {
    try {
      if (!`\0${readFileSync(`/proc/${pid}/environ`, 'latin1')}`.includes(needle)) continue
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim().slice(0, 160)
      found.push({ pid: Number(pid), command })
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found
}

/** Whether a process of this id exists (signal 0 checks without sending anything; EPERM: it exists, owned by another user). */
export function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Whether a folder made by the process of this id is still another's to use: that process is not
 * this one and still runs. What this process or an ended one left is a leftover.
 */
export const runsElsewhere = (pid: number): boolean => pid !== process.pid && isRunning(pid)
