/**
 * The warm renderer: renders single pages of the site, with the site's own templates and CSS,
 * from a snapshot named per request. The CMS's preview starts it (cms/src/preview/renderer.ts)
 * and speaks the renderer messages of cms/src/publish/protocol.ts with it over IPC.
 *
 * How it stays warm: it runs Astro's own build once, programmatically, with the site's config
 * and one more integration that replaces Astro's prerenderer by a wrapper around the default
 * one (the `astro:build:start` hook's `setPrerenderer`). When Astro asks the wrapper for the
 * paths to generate, the bundling is done and the default prerenderer has loaded the page
 * bundle; the wrapper never answers, so the build stays paused there for the life of the
 * process, and each request is rendered by the default prerenderer's `render`, the function
 * the build itself would call, for the route Astro's own router matches (so only that route's
 * `getStaticPaths` runs). Warm-up about 4 s at seed size; then a page takes about 0.1 s there
 * (`npm run bench:preview`).
 *
 * The snapshot of a request is read through `LOTSE_SNAPSHOT_DIR` (site/src/lib/snapshot.ts
 * reads it again when it names another file), and Astro's route cache, which holds the static
 * paths and their props, is cleared before each request.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { type RendererMessage, RendererMessageSchema, type RendererRequest, RendererRequestSchema, parseMessage } from '@lotse/cms/publish/protocol'

import { endGroup } from '../deploy/channel'
import { isRunning } from '../lib/proc'
import { siteDir } from './build'

/** What of Astro's default prerenderer the renderer uses (astro/dist/core/build/default-prerenderer.js). */
export interface Prerenderer {
  setup?: () => Promise<void>
  getStaticPaths: () => Promise<{ pathname: string; route: unknown }[]>
  render: (request: Request, options: { routeData: unknown }) => Promise<{ response: Response } | Response>
  app: { routeCache: { clearAll(): void }; match(request: Request, allowPrerenderedRoutes: boolean): unknown }
}

/** Each renderer builds into a folder of its own, named by its process id (gone with it). */
const renderersDir = path.join(siteDir, '.renderer')

/**
 * The folder a warm renderer of this process builds into (`site/.renderer/<name>-<pid>`),
 * emptied now and removed when the process exits; folders of processes that are gone are
 * deleted on the way.
 */
export function rendererDir(name: string): string {
  mkdirSync(renderersDir, { recursive: true })
  for (const old of readdirSync(renderersDir)) {
    const pid = Number(old.replace(/^[a-z]+-/, ''))
    if (!isRunning(pid)) rmSync(path.join(renderersDir, old), { recursive: true, force: true })
  }
  const outDir = path.join(renderersDir, `${name}-${process.pid}`)
  rmSync(outDir, { recursive: true, force: true })
  process.once('exit', () => rmSync(outDir, { recursive: true, force: true }))
  return outDir
}

/** Starts Astro's build and resolves once it is paused before page generation. */
export async function warmUp(outDir: string): Promise<Prerenderer> {
  const require = createRequire(path.join(siteDir, 'package.json'))
  // Astro is the site's dependency, not this package's: loaded from there, typed as used here.
  const { build } = (await import(pathToFileURL(require.resolve('astro')).href)) as { build: (config: Record<string, unknown>) => Promise<void> }
  let paused!: (p: Prerenderer) => void
  const ready = new Promise<Prerenderer>((resolve) => (paused = resolve))
  const pause = {
    name: 'lotse-warm-renderer',
    hooks: {
      'astro:build:start': ({ setPrerenderer }: { setPrerenderer: (f: (d: Prerenderer) => Omit<Prerenderer, 'app'> & { name: string }) => void }) => {
        setPrerenderer((defaults) => ({
          name: 'lotse-warm-renderer',
          setup: () => defaults.setup?.() ?? Promise.resolve(),
          getStaticPaths: () => {
            paused(defaults)
            return new Promise(() => undefined)
          },
          render: (request, options) => defaults.render(request, options),
        }))
      },
    },
  }
  const failed = build({ root: siteDir, outDir, logLevel: 'warn', integrations: [pause as never] }).then(() => {
    throw new Error('the site build ended instead of pausing before page generation')
  })
  return Promise.race([ready, failed])
}

/**
 * The page's stylesheets from the build, inlined, and the self-hosted fonts they name as data
 * URLs: the preview is served by the CMS, on another origin than the site, and browsers load
 * fonts across origins only with CORS headers the site does not send (nor needs to). The build's
 * files do not change while the renderer lives: each stylesheet is read and inlined once.
 */
const inlined = new Map<string, string>()
function inlineStylesheets(html: string, outDir: string): string {
  const fontsDir = path.join(siteDir, 'node_modules', '@fontsource')
  const font = (name: string) => {
    for (const pkg of existsSync(fontsDir) ? readdirSync(fontsDir) : []) {
      const file = path.join(fontsDir, pkg, 'files', name)
      if (existsSync(file)) return `data:font/woff2;base64,${readFileSync(file).toString('base64')}`
    }
    return null
  }
  const style = (file: string) => {
    const css = path.join(outDir, file)
    if (!existsSync(css)) return null
    const text = readFileSync(css, 'utf8').replace(/url\(["']?\/fonts\/([\w.-]+\.woff2)["']?\)/g, (url, name: string) => {
      const data = font(name)
      return data ? `url(${data})` : url
    })
    return `<style>${text}</style>`
  }
  return html.replace(/<link rel="stylesheet" href="\/(_astro\/[^"]+\.css)">/g, (whole, file: string) => {
    if (!inlined.has(file)) inlined.set(file, style(file) ?? whole)
    return inlined.get(file)!
  })
}

/** Snapshot folders of earlier requests: the site reads a folder once, so one used again is refused. */
const usedFolders = new Set<string>()

async function render(prerenderer: Prerenderer, outDir: string, request: Extract<RendererRequest, { type: 'render' }>): Promise<RendererMessage> {
  if (usedFolders.has(request.snapshotDir))
    return { type: 'render-failed', id: request.id, reason: `the snapshot folder ${request.snapshotDir} was used by an earlier request; each request brings a folder of its own` }
  usedFolders.add(request.snapshotDir)
  process.env.LOTSE_SNAPSHOT_DIR = request.snapshotDir
  prerenderer.app.routeCache.clearAll()
  const page = new Request(new URL(request.path, 'http://localhost/'))
  const route = prerenderer.app.match(page, true)
  if (!route) return { type: 'rendered', id: request.id, status: 404, html: '' }
  // The route's own `getStaticPaths` (not every route's) decides whether the page exists: a
  // slug it does not list is Astro's NoMatchingStaticPathFound.
  const rendered = await prerenderer.render(page, { routeData: route }).catch((err: unknown) => {
    if ((err as { name?: string }).name === 'NoMatchingStaticPathFound') return null
    throw err
  })
  if (!rendered) return { type: 'rendered', id: request.id, status: 404, html: '' }
  const response = rendered instanceof Response ? rendered : rendered.response
  return { type: 'rendered', id: request.id, status: response.status, html: inlineStylesheets(await response.text(), outDir) }
}

/** `cli.ts renderer`: only as a child of the CMS, which talks to it over IPC. */
export async function renderer(): Promise<void> {
  if (!process.send) throw new Error('the renderer is started by the CMS for previews and talks to it over IPC; it has nothing to do on its own')
  const send = (message: RendererMessage) => {
    const checked = parseMessage(RendererMessageSchema, message)
    if (process.connected) process.send!(checked.ok ? checked.value : { type: 'render-failed', id: 'id' in message ? message.id : '-', reason: checked.error })
  }
  process.once('disconnect', () => endGroup('the CMS that started it stopped', 'renderer'))

  const outDir = rendererDir('renderer')

  // Requests are answered one after another: the snapshot of a request is a process setting.
  let queue = Promise.resolve()
  const requests: RendererRequest[] = []
  let warm: Prerenderer | null = null
  const handle = (request: RendererRequest) => {
    if (request.type === 'stop') return endGroup('the CMS asked it to stop', 'renderer')
    queue = queue.then(() => render(warm!, outDir, request).then(send, (err: unknown) => send({ type: 'render-failed', id: request.id, reason: err instanceof Error ? err.message : String(err) })))
  }
  process.on('message', (raw) => {
    const parsed = parseMessage(RendererRequestSchema, raw)
    if (!parsed.ok) {
      const id = (raw as { id?: unknown })?.id
      return send({ type: 'render-failed', id: typeof id === 'string' && id ? id : '-', reason: `the renderer could not read the request: ${parsed.error}` })
    }
    if (warm || parsed.value.type === 'stop') handle(parsed.value)
    else requests.push(parsed.value)
  })

  warm = await warmUp(outDir)
  send({ type: 'ready' })
  for (const request of requests.splice(0)) handle(request)
  // Stays up until the CMS stops it or goes away (the paused build holds no timer of its own).
  await new Promise(() => undefined)
}
