/**
 * The CMS's side of the warm renderer (scripts/src/site/renderer.ts), which renders single pages
 * of the site for the preview. Started on the first preview and kept while editors use it; it
 * ends, whatever it does:
 *
 * - when it was not asked for `IDLE_MS` (it holds the site's bundle, about 300 MB);
 * - when a page takes longer than `RENDER_TIMEOUT_MS`, or it is not ready within `WARM_UP_MS`
 *   (it hangs): SIGTERM to its process group, SIGKILL after `STOP_GRACE_MS`, and the next
 *   preview starts a fresh one;
 * - when the CMS stops (a stop hook, as for the deploys) or exits (SIGKILL from the exit
 *   handler), and on its own when its IPC channel closes (the CMS was killed).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import path from 'node:path'

import { findRoot } from '../lib/env'
import { STOP_HOOKS } from '../publish/job'
import { holdHost, signalGroup, STOP_GRACE_MS, stopGroup } from '../publish/processGroup'
import { parseMessage, type RendererMessage, RendererMessageSchema, type RendererRequest } from '../publish/protocol'

/** Bundling the site takes about 4.5 s at seed size on two cores, more under load. */
const WARM_UP_MS = 120_000
/** One page takes well under a second (its route's paths and one render); 30 s means it hangs. */
const RENDER_TIMEOUT_MS = 30_000
/** An unused renderer ends after this long. */
const IDLE_MS = 10 * 60_000

interface Renderer {
  child: ChildProcess
  ready: Promise<void>
  waiting: Map<string, (m: RendererMessage | Error) => void>
  exited: Promise<void>
  output: string
  idle?: NodeJS.Timeout
}

let current: Renderer | null = null
let stopping = false

/** SIGTERM to the renderer's group, SIGKILL after `graceMs`; resolves once it has exited. */
function stopRenderer(r: Renderer, graceMs = STOP_GRACE_MS): Promise<void> {
  if (current === r) current = null
  return stopGroup(r.child, r.exited, graceMs)
}

const tail = (r: Renderer) => r.output.trim().split('\n').slice(-5).join(' | ')

function start(): Renderer {
  const child = spawn(/*turbopackIgnore: true*/ process.env.LOTSE_NODE ?? process.execPath, ['--import', 'tsx', path.join(findRoot(), 'scripts/src/cli.ts'), 'renderer'], {
    cwd: findRoot(),
    // Every locale (a share of them is only for the parallel full build).
    env: { ...process.env, LOTSE_LOG_LEVEL: 'warn', DISABLE_PAYLOAD_HMR: 'true', LOTSE_BUILD_SHARE: undefined },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: true,
  })
  const r: Renderer = { child, ready: null!, waiting: new Map(), exited: null!, output: '' }
  const keep = (chunk: Buffer) => (r.output = (r.output + chunk.toString()).slice(-20_000))
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  r.exited = new Promise((resolve) => {
    child.once('error', (err) => {
      if (child.pid === undefined) {
        for (const answer of r.waiting.values()) answer(new Error(`the renderer could not be started: ${err.message}`))
        resolve()
      }
    })
    child.once('exit', (code, signal) => {
      signalGroup(child, 'SIGKILL')
      if (current === r) current = null
      const why = new Error(`the renderer ended (${signal ?? `exit code ${code}`}) before it answered${r.output ? `: ${tail(r)}` : ''}`)
      for (const answer of r.waiting.values()) answer(why)
      r.waiting.clear()
      resolve()
    })
  })
  r.ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`the renderer was not ready within ${WARM_UP_MS / 1000} s${r.output ? `: ${tail(r)}` : ''}`))
      void stopRenderer(r)
    }, WARM_UP_MS)
    void r.exited.then(() => reject(new Error(`the renderer ended while it started${r.output ? `: ${tail(r)}` : ''}`)))
    child.on('message', (raw) => {
      const parsed = parseMessage(RendererMessageSchema, raw)
      if (!parsed.ok) {
        keep(Buffer.from(`message outside the protocol: ${parsed.error}\n`))
        void stopRenderer(r)
        return
      }
      const m = parsed.value
      if (m.type === 'ready') {
        clearTimeout(timer)
        resolve()
      } else {
        r.waiting.get(m.id)?.(m)
        r.waiting.delete(m.id)
      }
      // An idle renderer does not keep the CMS (or a test) alive; a request in flight does.
      holdHost(child, r.waiting.size > 0)
    })
  })
  r.ready.catch(() => undefined)
  holdHost(child, true)
  void r.ready.then(() => holdHost(child, r.waiting.size > 0))
  return r
}

/**
 * Renders one page of the site from the snapshot in `snapshotDir`: its HTML as the site would
 * serve it (stylesheets inlined), or status 404 when the site has no page at `pagePath`.
 * Throws, saying why, when the renderer cannot answer.
 */
export async function renderPage(snapshotDir: string, pagePath: string): Promise<{ status: number; html: string }> {
  if (stopping) throw new Error('the CMS is stopping')
  const r = (current ??= start())
  clearTimeout(r.idle)
  r.idle = setTimeout(() => void stopRenderer(r), IDLE_MS)
  r.idle.unref()
  await r.ready
  const id = randomUUID()
  const answer = await new Promise<RendererMessage | Error>((resolve) => {
    const timer = setTimeout(() => {
      resolve(new Error(`the renderer did not answer within ${RENDER_TIMEOUT_MS / 1000} s and was stopped`))
      void stopRenderer(r)
    }, RENDER_TIMEOUT_MS)
    r.waiting.set(id, (m) => {
      clearTimeout(timer)
      resolve(m)
    })
    const request: RendererRequest = { type: 'render', id, snapshotDir, path: pagePath }
    holdHost(r.child, true)
    r.child.send(request, (err) => {
      if (err) r.waiting.get(id)?.(new Error(`the renderer could not be asked: ${err.message}`))
    })
  })
  r.waiting.delete(id)
  if (answer instanceof Error) throw answer
  if (answer.type === 'render-failed') throw new Error(answer.reason)
  if (answer.type !== 'rendered') throw new Error(`the renderer answered "${answer.type}" to a render request`)
  return { status: answer.status, html: answer.html }
}

/** Ends the renderer (the CMS stops); no new one starts after this. */
export async function stopRenderers({ graceMs = STOP_GRACE_MS }: { graceMs?: number } = {}): Promise<{ stopped: number }> {
  stopping = true
  const r = current
  if (!r) return { stopped: 0 }
  await stopRenderer(r, graceMs)
  return { stopped: 1 }
}

/** For tests: the renderer's process id, if one runs. */
export const rendererPid = () => current?.child.pid

;((globalThis as { [STOP_HOOKS]?: Set<typeof stopRenderers> })[STOP_HOOKS] ??= new Set()).add(stopRenderers)

// However the CMS ends, the renderer does not outlive it.
process.once('exit', () => {
  if (current) signalGroup(current.child, 'SIGKILL')
})
