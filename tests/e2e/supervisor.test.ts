import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

import type { PartSpec, Policy } from '../../scripts/src/supervisor/supervise'
import { isAlive, killProcessesFor, processesFor, waitForNoProcesses } from '../helpers/processes'

/**
 * The supervisor behind `npm start` (scripts/src/supervisor/supervise.ts, with its launcher)
 * hosting small real processes instead of Next.js, so each promise is checked in seconds:
 * restart with back-off, giving up on a crash loop, a stop that ends within 15 s even when a
 * part ignores SIGTERM, and nothing left behind when the supervisor itself is killed. Every
 * process here carries `LOTSE_DATA_DIR=<its own folder>`, which is how leftovers are found.
 * tests/e2e/start.test.ts checks the same promises with the real CMS.
 */
const root = path.resolve(import.meta.dirname, '../..')
const folders: string[] = []
const hosts: ChildProcess[] = []

afterAll(() => {
  for (const host of hosts) if (host.exitCode === null && host.signalCode === null) host.kill('SIGKILL')
  for (const folder of folders) {
    killProcessesFor(folder)
    rmSync(folder, { recursive: true, force: true })
  }
})

/** A part running a line of Node. */
const node = (name: string, script: string): PartSpec => ({ name, command: process.execPath, args: ['-e', script] })
/** Stays up and appends its pid to `file`. */
const staying = (name: string, file: string) => node(name, `require('fs').appendFileSync(${JSON.stringify(file)}, process.pid + '\\n'); setInterval(() => {}, 1000)`)
/**
 * Ignores SIGTERM; with `grandchild`, also starts a SIGTERM-ignoring process in a group of its own
 * (as the CMS starts site builds). Each writes a line to `ready` once it ignores SIGTERM: a
 * signal that came earlier (a slow start on a loaded machine) would end it at once.
 */
const stubborn = (name: string, ready: string, grandchild = false) => {
  const ignore = `process.on('SIGTERM', () => {}); require('fs').appendFileSync(${JSON.stringify(ready)}, 'x\\n');`
  return node(
    name,
    `${ignore} ${grandchild ? `require('child_process').spawn(process.execPath, ['-e', ${JSON.stringify(`${ignore} setInterval(() => {}, 1000)`)}], { detached: true, stdio: 'ignore' }).unref();` : ''} setInterval(() => {}, 1000)`,
  )
}
const readyLines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0)

interface Host {
  child: ChildProcess
  folder: string
  output: () => string
  ready: Promise<void>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>
}

function startHost(config: { parts: PartSpec[]; policy?: Partial<Policy>; throwAfterMs?: number }, folder = mkdtempSync(path.join(tmpdir(), 'lotse-supervisor-'))): Host {
  if (!folders.includes(folder)) folders.push(folder)
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'tests/helpers/superviseHost.ts'), JSON.stringify(config)], {
    cwd: root,
    env: { ...process.env, LOTSE_DATA_DIR: folder },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  hosts.push(child)
  let output = ''
  let markReady: () => void
  const ready = new Promise<void>((resolve) => (markReady = resolve))
  const onData = (chunk: Buffer) => {
    output += chunk.toString()
    if (output.includes('host ready')) markReady()
  }
  child.stdout!.on('data', onData)
  child.stderr!.on('data', onData)
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })))
  return { child, folder, output: () => output, ready, exited }
}

async function until<T>(fn: () => T | undefined | null | false, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    const value = fn()
    if (value) return value
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`)
}

const pidsIn = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number) : [])
const alive = isAlive

describe('the npm start supervisor', () => {
  it('restarts a part that was killed after a back-off of 1 s, saying what died, how and when', { timeout: 60_000 }, async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'lotse-supervisor-'))
    const pids = path.join(folder, 'pids')
    const host = startHost({ parts: [staying('worker part', pids)] }, folder)
    const [first] = await until(() => (pidsIn(pids).length === 1 ? pidsIn(pids) : null), 20_000, 'the part to start')
    const killedAt = Date.now()
    process.kill(first!, 'SIGKILL')
    const second = await until(() => pidsIn(pids)[1], 20_000, 'the part to be restarted')
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(900)
    expect(alive(second)).toBe(true)
    expect(host.output()).toMatch(/worker part died unexpectedly at \d\d:\d\d:\d\d \(signal SIGKILL\); restarting in 1 s \(crash 1 of 5 allowed within 120 s\)/)
    expect(host.output()).toMatch(/worker part restarted at \d\d:\d\d:\d\d/)
    host.child.kill('SIGTERM')
    expect((await host.exited).code).toBe(0)
    expect(await waitForNoProcesses(folder, 5000)).toEqual([])
  })

  it('stops everything and exits non-zero, saying why, when a part keeps dying', { timeout: 60_000 }, async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'lotse-supervisor-'))
    const host = startHost(
      { parts: [node('flaky part', 'setTimeout(() => process.exit(3), 100)'), staying('bystander', path.join(folder, 'pids'))], policy: { backoffMs: [100, 200], maxCrashes: 3, windowMs: 60_000 } },
      folder,
    )
    const { code } = await host.exited
    expect(code).toBe(1)
    expect(host.output()).toMatch(/flaky part died unexpectedly at .* \(exit code 3\); restarting in 0.1 s/)
    expect(host.output()).toMatch(/flaky part died unexpectedly at .* \(exit code 3\); restarting in 0.2 s/)
    expect(host.output()).toContain('stopping: flaky part died 3 times within 60 s (last: exit code 3); not restarting it again')
    expect(await waitForNoProcesses(folder, 5000)).toEqual([])
  })

  it('does not restart a part that reports a configuration error (exit code 78) and stops at once', { timeout: 60_000 }, async () => {
    const host = startHost({ parts: [node('site server', 'process.exit(78)')] })
    const { code } = await host.exited
    expect(code).toBe(1)
    expect(host.output()).toContain('stopping: site server cannot start with this configuration (exit code 78)')
    expect(host.output()).not.toContain('restarting in')
    expect(await waitForNoProcesses(host.folder, 5000)).toEqual([])
  })

  it('stops everything in order when its own code throws an error nothing catches', { timeout: 60_000 }, async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'lotse-supervisor-'))
    const pids = path.join(folder, 'pids')
    const host = startHost({ parts: [staying('worker part', pids)], throwAfterMs: 1500 }, folder)
    await until(() => pidsIn(pids).length === 1, 20_000, 'the part to start')
    const { code } = await host.exited
    expect(code).toBe(1)
    expect(host.output()).toContain('stopping: internal error: Error: a bug in the supervisor')
    expect(host.output()).toMatch(/stopped \(\d+\.\d s\)/)
    expect(await waitForNoProcesses(folder, 5000)).toEqual([])
  })

  // The two slow ones (each waits out a real deadline) run side by side.
  describe.concurrent('deadlines', () => {
    it('ends on SIGTERM within 15 s although a part and a process it started in its own group ignore SIGTERM, and names what it killed', { timeout: 60_000 }, async () => {
      const folder = mkdtempSync(path.join(tmpdir(), 'lotse-supervisor-'))
      const pids = path.join(folder, 'pids')
      const ready = path.join(folder, 'ready')
      const host = startHost({ parts: [stubborn('stubborn part', ready, true), staying('polite part', pids)] }, folder)
      await host.ready
      // Both parts, the grandchild, two launchers and the host; the stubborn ones ignoring SIGTERM.
      await until(() => processesFor(folder).length >= 6 && readyLines(ready) >= 2, 20_000, 'every process to start')
      const stoppedAt = Date.now()
      host.child.kill('SIGTERM')
      const { code, at } = await host.exited
      expect(at - stoppedAt).toBeLessThan(17_000) // 15 s, plus a loaded machine's slack
      expect(code).toBe(1) // forced: the operator is told something had to be killed
      expect(host.output()).toContain('not ended after 15 s, killed (SIGKILL)')
      expect(host.output()).toContain('stubborn part')
      expect(await waitForNoProcesses(folder, 2000)).toEqual([])
    })

    it('leaves no process behind when the supervisor itself is killed with SIGKILL, even one that ignores SIGTERM', { timeout: 60_000 }, async () => {
      const folder = mkdtempSync(path.join(tmpdir(), 'lotse-supervisor-'))
      const ready = path.join(folder, 'ready')
      const host = startHost({ parts: [stubborn('stubborn part', ready), staying('polite part', path.join(folder, 'pids'))] }, folder)
      await host.ready
      await until(() => processesFor(folder).length >= 5 && readyLines(ready) >= 1, 20_000, 'every process to start')
      const killedAt = Date.now()
      host.child.kill('SIGKILL')
      // The launcher's grace is 12 s; then it kills its group.
      expect(await waitForNoProcesses(folder, 16_000)).toEqual([])
      expect(Date.now() - killedAt).toBeGreaterThan(10_000) // the stubborn part did need the deadline
    })
  })
})
