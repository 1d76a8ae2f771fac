/**
 * The two servers of a release, started the same way for the serving tests: the built-in one
 * (in a child process, so a crash is seen) and Debian's nginx with the generated config, on a
 * random port, its pid, logs and temp files in a temporary folder. Plus a raw-socket client
 * for requests no HTTP library would send.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { BROTLI_STATIC_MODULE, NGINX } from '@lotse/scripts/lib/nginx'
import { freePort } from '../helpers/ports'
import { nginxStandalone } from '@lotse/scripts/site/nginx'

const here = path.dirname(fileURLToPath(import.meta.url))
const repoRoot = path.resolve(here, '../..')

export interface RunningServer {
  name: string
  base: string
  port: number
  /** The server still runs (the built-in one did not crash). */
  alive: () => boolean
  /** What the server wrote to stderr (built-in) or its error log (nginx). */
  errors: () => string
  /** Descriptors the server process holds open (Linux /proc; built-in server only). */
  openFiles?: () => number
  stop: () => Promise<void>
}

async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

function ended(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null
}

async function stopChild(child: ChildProcess, signal: () => void, force: () => void): Promise<void> {
  if (ended(child)) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  signal()
  const timer = setTimeout(force, 5_000)
  await exited
  clearTimeout(timer)
}

/** The built-in server (`serveSite`) serving `liveDir`, in a child process. */
export async function startBuiltin(liveDir: string): Promise<RunningServer> {
  const child = fork(path.join(here, 'serveChild.ts'), [liveDir], { cwd: repoRoot, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] })
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
  child.stdout!.resume()
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port))
    child.once('exit', (code) => reject(new Error(`the site server exited (${code}) before listening: ${stderr}`)))
  })
  return {
    name: 'built-in server',
    base: `http://127.0.0.1:${port}`,
    port,
    alive: () => !ended(child),
    errors: () => stderr,
    openFiles: () => readdirSync(`/proc/${child.pid}/fd`).length,
    stop: () =>
      stopChild(
        child,
        () => child.kill('SIGTERM'),
        () => child.kill('SIGKILL'),
      ),
  }
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })

/**
 * Runs beside nginx in a process of its own (node -e): when the test process is gone while
 * nginx still runs (its pid file exists), it stops nginx's process group by the pid file,
 * SIGTERM then SIGKILL 5 s later, and removes nginx's folder. Ends by itself once nginx ended.
 */
const WATCHDOG = `
const { existsSync, readFileSync, rmSync } = require('node:fs')
const [testPid, pidFile, prefix] = process.argv.slice(1)
const alive = (pid) => { try { process.kill(pid, 0); return true } catch { return false } }
const signal = (pgid, sig) => { try { process.kill(-pgid, sig) } catch {} }
const timer = setInterval(() => {
  if (!existsSync(pidFile)) return clearInterval(timer)
  if (alive(Number(testPid))) return
  clearInterval(timer)
  const pgid = Number(readFileSync(pidFile, 'utf8'))
  signal(pgid, 'SIGTERM')
  setTimeout(() => { if (existsSync(pidFile)) signal(pgid, 'SIGKILL'); rmSync(prefix, { recursive: true, force: true }) }, 5000)
}, 1000)
`

/**
 * Debian's nginx serving `root` with the config `npm run nginx:config -- --standalone` writes.
 * It leads its own process group (master and worker), stopped as a group; a watchdog stops
 * it by its pid file should the test process die first.
 */
export async function startNginx(root: string): Promise<RunningServer> {
  if (!existsSync(NGINX) || !existsSync(BROTLI_STATIC_MODULE))
    throw new Error(`nginx (${NGINX}) with its brotli module (${BROTLI_STATIC_MODULE}) is missing: run the tests through npm test, which installs them.`)
  const prefix = mkdtempSync(path.join(tmpdir(), 'lotse-nginx-'))
  const pidFile = path.join(prefix, 'nginx.pid')
  const errorLog = path.join(prefix, 'error.log')
  for (let attempt = 1; ; attempt++) {
    const port = await freePort()
    writeFileSync(path.join(prefix, 'nginx.conf'), nginxStandalone({ root, port, listen: ['127.0.0.1'], brotli: true, prefix }))
    const child = spawn(NGINX, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-e', errorLog, '-g', 'daemon off;'], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
    try {
      await waitUntil(async () => ended(child) || (existsSync(pidFile) && (await accepts(port))), 10_000, 'nginx did not listen')
    } catch (err) {
      child.kill('SIGKILL')
      throw err
    }
    if (ended(child)) {
      // Another process took the port between the probe and nginx's bind: try another.
      if (attempt < 3 && /Address already in use/.test(stderr + (existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : ''))) continue
      throw new Error(`nginx did not start: ${stderr}`)
    }
    const watchdog = spawn(process.execPath, ['-e', WATCHDOG, String(process.pid), pidFile, prefix], { detached: true, stdio: 'ignore' })
    watchdog.unref()
    return {
      name: 'nginx',
      base: `http://127.0.0.1:${port}`,
      port,
      alive: () => !ended(child),
      errors: () => (existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : '') + stderr,
      stop: async () => {
        await stopChild(
          child,
          () => process.kill(-child.pid!, 'SIGTERM'),
          () => process.kill(-child.pid!, 'SIGKILL'),
        )
        rmSync(prefix, { recursive: true, force: true })
      },
    }
  }
}

export interface RawResponse {
  /** The status code, or 0 when the server closed (or the time ran out) without an answer. */
  status: number
  head: string
  body: Buffer
}

/**
 * Sends `request` as bytes (latin1) over a fresh TCP connection and collects the first answer:
 * until its Content-Length is complete, the server closes, or `timeoutMs` passes (then the
 * connection is dropped, as an impatient client would). The client does not half-close: a
 * browser never does, and Node's server stops answering a client that did.
 */
export function rawRequest(port: number, request: string | Buffer, timeoutMs = 3_000): Promise<RawResponse> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    let done = false
    const parse = () => {
      const data = Buffer.concat(chunks)
      const split = data.indexOf('\r\n\r\n')
      const head = (split === -1 ? data : data.subarray(0, split)).toString('latin1')
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0)
      return {
        status,
        head,
        body: split === -1 ? Buffer.alloc(0) : data.subarray(split + 4),
        complete: split !== -1 && Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? NaN) <= data.length - split - 4,
      }
    }
    const finish = () => {
      if (done) return
      done = true
      clearTimeout(timer)
      socket.destroy()
      const { status, head, body } = parse()
      resolve({ status, head, body })
    }
    const timer = setTimeout(finish, timeoutMs)
    socket.on('data', (d: Buffer) => {
      chunks.push(d)
      if (parse().complete) finish()
    })
    socket.on('error', () => undefined)
    socket.on('close', finish)
    socket.on('connect', () => socket.write(typeof request === 'string' ? Buffer.from(request, 'latin1') : request))
  })
}
