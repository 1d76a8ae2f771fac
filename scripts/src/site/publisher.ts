/**
 * The publisher: from a snapshot to a live release, rendering only the pages a change affects.
 *
 * A **full build** (the first one, the nightly one, after a change of code, UI strings, the
 * locale table or settings, and whenever the state below cannot be trusted) runs Astro's own
 * build (build.ts), which also writes what every page read (site/src/lib/deps.ts). It is checked
 * and switched live before its compressed copies are made, which the job then makes in the live
 * release (meanwhile the servers send each file as it is). Every release keeps, in `.lotse/`
 * (hidden from the web), the snapshot it was built from and that dependency map.
 *
 * An **incremental publish** then keeps warm what does not change between publishes: the
 * site's Astro build paused before page generation (renderer.ts), the map, the value of every
 * key the pages read, and one Pagefind index per locale. For a new snapshot it
 * 1. asks the site for the new list of pages (each route's `getStaticPaths`; the site parses
 *    only the documents whose text changed, site/src/lib/snapshot.ts) and for the value of every
 *    key under the new snapshot, skipping the keys of documents whose text is unchanged: a page
 *    is rendered again when one of its keys changed or it is new, and removed when it is gone;
 * 2. renders those pages, recording what they read, as Astro's build would (same request, same
 *    file names, the same island-script rewrite);
 * 3. makes the new release of hard links to the live one (releaseFiles.ts), replacing only the
 *    changed files, re-adds the changed pages to the kept Pagefind indexes (Pagefind replaces a
 *    page by its URL; a removed page is replaced by one without content, which Pagefind
 *    leaves out) and writes the bundles of the affected locales, the offline manifests, and
 *    the compressed copies of what changed;
 * 4. checks and switches it live like a full build.
 * The clock is the full build's (`now` in the state): an incremental release equals a full build
 * made at that moment, byte for byte outside Pagefind (tests/site/incremental.test.ts); the
 * nightly full build moves the clock on.
 */
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { localeCodes, type LocaleCode } from '@lotse/translations'

import { checkRelease, internalNotes, type ReleaseExpectations } from '../deploy/checks'
import type { LocalReleases } from '../deploy/releases'
import { type DeployTarget, LocalTarget } from '../deploy/targets'
import { root } from '../lib/paths'
import { runsElsewhere } from '../lib/proc'
import { buildSite, fileOfUrl, type PageReads, siteDir } from './build'
import { precompress } from './compress'
import { checkPages, failOnProblems, isPage } from './linkcheck'
import { generatedAtOf, updateOfflineManifests } from './offline'
import {
  type BundleFiles,
  bundleOf,
  closeIndexes,
  filesOf,
  forEachLocale,
  indexLocale,
  isSearchable,
  placeBundle,
  searchablePages,
  type SearchIndexes,
  shardCount,
  shardDir,
  shardOf,
} from './pagefind'
import { removeFile, replaceFile, linkTree } from './releaseFiles'
import { type Prerenderer, rendererDir, warmUp } from './renderer'

import type { PublishMode } from '@lotse/cms/publish/protocol'

export type Timed = <T>(phase: string, fn: () => Promise<T>) => Promise<T>

export interface PublishOptions {
  snapshotDir: string
  expectations: ReleaseExpectations
  /** Why this build must be full (a manual or nightly build), or null to publish incrementally where possible. */
  full: string | null
  timed: Timed
  /** Called the moment the release is live (before old releases are deleted). */
  live?: (release: string) => void
}

/** The state folder of a release (hidden: serving.ts refuses every path with a dot segment). */
const STATE = '.lotse'
/** What a release made from the live one does not take over from it: its state and its went-live marker. */
const NOT_LINKED = new Set([STATE, '.lotse-release.json'])
/** The name of a begun release's folder, before the pid (`Publisher.spare`). */
const SPARE = '.next-'
/** A publish that would render more than this share of the pages is done as a full build (which uses every core). */
const FULL_BUILD_SHARE = 0.5

/** What the publisher knows about the live release it made or read. */
interface State {
  release: string
  /** The clock the release was built with (ISO 8601). */
  now: string
  /** The code and settings it was built with (`codeKey()`). */
  code: string
  /** Each page's URL → the keys it read. */
  pages: Map<string, string[]>
  /** Each key's value under the release's snapshot; null until worked out (needs the warm site). */
  values: Map<string, string> | null
  /** The fingerprints of the kinds of keys that have one (`kindFingerprints` of deps.ts), with `values`. */
  prints: Record<string, string>
  /** The fingerprints of the parts of the snapshot keys read (`partFingerprints` of deps.ts: each document), with `values`. */
  parts: Map<string, string>
  /** One kept Pagefind index per locale, holding the release's pages; null until built. */
  indexes: SearchIndexes | null
}

/** The URL Astro's build requests a static path with (its `getUrlForPath` for this site's settings). */
function urlOfPath(pathname: string, route: { type: string }): string {
  if (pathname === '/' || pathname === '') return '/'
  if (route.type === 'endpoint') return /\.[a-z0-9]+$/i.test(pathname) ? pathname : `${pathname}/`
  return `${pathname.replace(/\/$/, '')}/`
}

/**
 * A fingerprint of everything besides content a page depends on: the site's code, styles and
 * assets, the UI strings and the locale table, the content contract, the installed versions,
 * and the settings a page shows (`SITE_URL`). A release made under another fingerprint is
 * rebuilt in full.
 */
export function codeKey(): string {
  const hash = createHash('sha256')
  const walk = (dir: string) => {
    if (!existsSync(dir)) return
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else hash.update(path.relative(root, full)).update(readFileSync(full))
    }
  }
  for (const dir of ['site/src', 'site/public', 'translations/ui', 'translations/easy', 'translations/src', 'content-schemas/src']) walk(path.join(root, dir))
  for (const file of ['site/astro.config.mjs', 'site/islandScripts.mjs', 'pnpm-lock.yaml']) if (existsSync(path.join(root, file))) hash.update(file).update(readFileSync(path.join(root, file)))
  hash.update(`SITE_URL=${process.env.SITE_URL ?? ''}`)
  return hash.digest('hex').slice(0, 16)
}

/** The site's hook into its own module graph (site/src/lib/deps.ts), present once a page of the warm build was loaded. */
interface SiteDependencies {
  valueOf(key: string): string
  kindFingerprints(): Record<string, string>
  partFingerprints(): Map<string, string>
  partOf(key: string): string | undefined
  recordReads<T>(fn: () => Promise<T>): Promise<{ result: T; keys: Set<string> }>
}
const siteDependencies = () => (globalThis as Record<symbol, SiteDependencies | undefined>)[Symbol.for('lotse.siteDependencies')]

/** A release begun from the live release `of` (`Publisher.spare`). */
interface Spare {
  of: string
  name: string
  dir: string
  linking: Promise<void>
}

/** A locale's shards a publish remade (shard → file name → bytes), and what each shard of the live bundle holds. */
interface NewBundles {
  bundles: Map<number, Map<string, Uint8Array>>
  before: BundleFiles[]
}

/** A page of the site the warm build can render. */
interface StaticPath {
  pathname: string
  /** Astro's route: `component` is the page file (one per kind of page). */
  route: { type: string; component: string }
}

export class Publisher {
  private state: State | null = null
  private site: Prerenderer | null = null
  /**
   * The next release, begun while the publisher waits: hard links to every file of the live
   * release `of` (about 60,000 at 1,000 offers, 5 s on this disk), so a publish finds them made.
   * Its folder is hidden (`.next-…`, not a release to list, roll back to or clean up) until the
   * publish that takes it names it as a release, just before the switch.
   */
  private spare: Spare | null = null
  private begun = 0
  /** The code fingerprint when this publisher started: its warm build was made from that code. */
  private readonly startedWith = codeKey()

  constructor(
    readonly releases: LocalReleases,
    /** Where a checked release goes live (the local deploy folder, or a server by rsync). */
    readonly target: DeployTarget = new LocalTarget(releases),
  ) {}

  /** Makes a checked release live on the target; the local folder keeps the record of what went out. */
  private async switchLive(release: { name: string; dir: string }): Promise<void> {
    await this.target.publish(release.name, release.dir)
    if (!(this.target instanceof LocalTarget)) this.releases.activate(release.name)
  }

  /** The code fingerprint at the last publish (read from disk once per publish: about 12 ms). */
  private codeAtLastPublish = this.startedWith

  /** Whether the code on disk had changed at the last publish: this publisher's warm build is then old, and it should be replaced. */
  get stale(): boolean {
    return this.codeAtLastPublish !== this.startedWith
  }

  /**
   * Builds, checks and switches one release; returns its name and how it was made. Throws naming
   * what failed (the live site is then unchanged).
   *
   * A publisher whose site build is warm does not build in full: it returns `handOver`, why the
   * build must be full, and its host has a fresh publisher build it (`handover` in the protocol).
   * A full build renders every page in Astro processes of its own and reuses nothing warm, and
   * beside the warm build (about 1.6 GB at 1,044 offers) and the CMS those came to 4.2 GB
   * (`npm run bench:publish -- 1000 4`, its nightly build), over the 3 GB bound.
   */
  async publish(options: PublishOptions): Promise<{ release: string; mode: PublishMode } | { handOver: string }> {
    this.codeAtLastPublish = codeKey()
    let why = options.full ?? this.fullBuildReason()
    if (why === null) {
      const made = await this.incremental(options)
      if (typeof made !== 'string') return made
      why = made
    }
    if (this.site) return { handOver: why }
    return this.fullBuild(options, why)
  }

  /** Why the next publish cannot be incremental, or null when it can (as far as can be known before the diff). */
  private fullBuildReason(): string | null {
    const live = this.releases.live()
    if (!live) return 'there is no live release yet'
    if (this.stale) return 'the code, UI strings or settings changed since the publisher started'
    if (this.state?.release !== live) {
      const state = this.readState(live)
      if (typeof state === 'string') return state
      this.state = state
    }
    if (this.state.code !== this.startedWith) return `the live release ${live} was built from other code, UI strings or settings`
    return null
  }

  /** The state a release left in `.lotse/`, or why it cannot be used. */
  private readState(release: string): State | string {
    const file = path.join(this.releases.releasesDir, release, STATE, 'pages.json')
    if (!existsSync(file)) return `the live release ${release} has no dependency map (it was made before incremental publishing, by hand, or its map could not be written)`
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { now: string; code: string; keys: string[]; pages: [string, number[]][] }
      const pages = new Map(saved.pages.map(([url, keys]) => [url, keys.map((k) => saved.keys[k]!)]))
      return { release, now: saved.now, code: saved.code, pages, values: null, prints: {}, parts: new Map(), indexes: null }
    } catch (err) {
      return `the dependency map of the live release ${release} cannot be read (${(err as Error).message})`
    }
  }

  /**
   * A new release folder with the snapshot it is built from in its `.lotse/`: the site reads a
   * snapshot folder once (site/src/lib/snapshot.ts), and this one is new with every release.
   */
  private createRelease(snapshotDir: string, spare?: Spare): { name: string; dir: string; snapshot: string } {
    const release = spare ?? this.releases.create()
    const snapshot = path.join(release.dir, STATE)
    mkdirSync(snapshot)
    copyFileSync(path.join(snapshotDir, 'snapshot.json'), path.join(snapshot, 'snapshot.json'))
    return { ...release, snapshot }
  }

  /** Writes the dependency map of a release into its `.lotse/` folder. */
  private writeState(dir: string, state: Pick<State, 'now' | 'code' | 'pages'>): void {
    const folder = path.join(dir, STATE)
    const keys = [...new Set([...state.pages.values()].flat())].sort()
    const index = new Map(keys.map((k, i) => [k, i]))
    const pages = [...state.pages].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([url, read]) => [url, read.map((k) => index.get(k)!)])
    writeFileSync(path.join(folder, 'pages.json'), JSON.stringify({ now: state.now, code: state.code, keys, pages }))
  }

  private async fullBuild({ snapshotDir, expectations, timed, live: wentLive }: PublishOptions, reason: string): Promise<{ release: string; mode: PublishMode }> {
    // The build's clock: the operator's (tests freeze it with LOTSE_NOW) or now, the same for every page.
    const now = process.env.LOTSE_NOW || new Date().toISOString()
    await this.dropSpare()
    const release = this.createRelease(snapshotDir)
    try {
      await this.dropIndexes()
      const indexes: SearchIndexes = new Map()
      // Astro builds into a fresh folder and the result moves into the release beside its `.lotse/`.
      const built = `${release.dir}.build`
      const live = this.releases.live()
      const previous = live ? path.join(this.releases.releasesDir, live) : undefined
      const reads = await withEnv({ LOTSE_NOW: now }, () => buildSite(snapshotDir, built, timed, { indexes, expectations, compress: false }))
      for (const entry of readdirSync(built)) renameSync(path.join(built, entry), path.join(release.dir, entry))
      rmSync(built, { recursive: true, force: true })
      this.writeState(release.dir, { now, code: this.startedWith, pages: reads })
      await timed('switch', () => this.switchLive(release))
      this.state = { release: release.name, now, code: this.startedWith, pages: reads, values: null, prints: {}, parts: new Map(), indexes }
      wentLive?.(release.name)
      // The compressed copies after the switch, as the job's last step (the next publish links
      // them from this release): readers get the new site sooner (at 1,000 offers compressing
      // took 9.5–11.6 s of a first build, beside the checks), and meanwhile the servers send each
      // file as it is. A page the build left as it was (most of them, in a nightly build) keeps
      // the previous release's copies. Failing that is no failed build: the site is live.
      await timed('compress', async () => {
        await precompress(release.dir, { previous })
        await this.target.update(release.name, release.dir)
      }).catch((err: Error) => console.error(`[lotse] release ${release.name} is live, but without all its compressed copies (the servers send those files as they are): ${err.message}`))
      return { release: release.name, mode: { kind: 'full', reason } }
    } catch (err) {
      if (this.releases.live() !== release.name) this.releases.discard(release.name)
      throw err
    }
  }

  /** Begins the next release from the live one, unless it is begun already. */
  private beginSpare(): void {
    const live = this.state?.release
    if (!live || this.spare?.of === live) return
    this.discardBegun()
    // A new name each time: the site caches the snapshot it loaded by its folder's path.
    const name = `${SPARE}${process.pid}-${++this.begun}`
    const release = { name, dir: path.join(this.releases.releasesDir, name) }
    mkdirSync(release.dir)
    const linking = linkTree(path.join(this.releases.releasesDir, live), release.dir, NOT_LINKED)
    linking.catch(() => undefined)
    this.spare = { of: live, ...release, linking }
  }

  /**
   * Deletes, once a release is live, what is no longer needed: the releases beyond those kept
   * for rollback, releases a killed build left incomplete, and releases begun by publishers that
   * ended. After the switch, not before the build: the nightly full build starts in a fresh
   * publisher, and deleting the begun release the warm one left (18,500 folders at 1,000
   * offers) held it back (`npm run bench:publish -- 1000 4`: the nightly build went live 3.4 s
   * after the sum of its phases when the deletion came first, 0.2–0.3 s after in two runs with
   * it here, where it made the prune step 2.7 s longer). Returns the releases deleted.
   */
  prune(): string[] {
    const removed = [...this.releases.discardIncomplete(), ...this.releases.prune()]
    this.discardBegun(this.spare?.name)
    return removed
  }

  /**
   * Deletes begun releases but `except`: this publisher's unused ones, and those of publishers
   * that ended. Not those of another running publisher (the CMS's, while `npm run deploy` runs by
   * hand): it may be making their links now.
   */
  private discardBegun(except?: string): void {
    if (!existsSync(this.releases.releasesDir)) return
    for (const name of readdirSync(this.releases.releasesDir)) {
      if (!name.startsWith(SPARE) || name === except) continue
      const pid = Number(name.slice(SPARE.length).split('-')[0])
      if (runsElsewhere(pid)) continue
      rmSync(path.join(this.releases.releasesDir, name), { recursive: true, force: true })
    }
  }

  /**
   * The begun release when it was made from the live release `of` and is still there (a deploy
   * by hand deletes unfinished releases); any other is deleted.
   */
  private async takeSpare(of: string): Promise<Spare | undefined> {
    const spare = this.spare
    this.spare = null
    if (!spare) return undefined
    // Taken while its links may still be made: the publish waits for them before it writes.
    if (spare.of === of && existsSync(spare.dir)) return spare
    await spare.linking.catch(() => undefined)
    this.releases.discard(spare.name)
    return undefined
  }

  private async dropSpare(): Promise<void> {
    await this.takeSpare('')
  }

  private async dropIndexes(): Promise<void> {
    if (this.state?.indexes) {
      this.state.indexes = null
      await closeIndexes()
    }
  }

  /** The warm site build, started on first use (about 4 s at seed size, 10 s at 1,000 offers). */
  private async warmSite(timed: Timed): Promise<Prerenderer> {
    this.site ??= await timed('warm', () => warmUp(rendererDir('publisher')))
    return this.site
  }

  /** Every page the snapshot now in `LOTSE_SNAPSHOT_DIR` has, by URL. */
  private async pathsOf(site: Prerenderer): Promise<Map<string, StaticPath>> {
    site.app.routeCache.clearAll()
    const paths = new Map<string, StaticPath>()
    for (const p of (await site.getStaticPaths()) as StaticPath[]) {
      const url = urlOfPath(p.pathname, p.route)
      if (!paths.has(url)) paths.set(url, p)
    }
    return paths
  }

  /** Renders one page as Astro's build would, with what it read. */
  private async renderPage(site: Prerenderer, url: string, p: StaticPath): Promise<{ body: Buffer; keys: string[] }> {
    const origin = new URL(process.env.SITE_URL ?? 'http://localhost:4321').origin
    const deps = siteDependencies()
    const render = async () => {
      const rendered = await site.render(new Request(new URL(url, origin)), { routeData: p.route })
      const response = rendered instanceof Response ? rendered : rendered.response
      // Astro writes what a page answers, the 404 page's 404 too; the site has no redirects.
      if (response.status >= 300 && response.status < 400) throw new Error(`${url} answered a redirect (${response.status}), which the publisher does not write`)
      return Buffer.from(await response.arrayBuffer())
    }
    if (!deps) throw new Error('the site did not register its dependency hook (site/src/lib/deps.ts)')
    const { result, keys } = await deps.recordReads(render)
    return { body: result, keys: [...keys].sort() }
  }

  /**
   * Makes the next incremental publish fast: the warm site build started, and the value of
   * every key of the live release worked out (after a full build or a restart). Called by the
   * deploy process while it waits for its next request; a publish finishes what is undone.
   */
  async prepare(): Promise<void> {
    if (this.fullBuildReason() !== null) return
    await this.warmState((_, fn) => fn())
    this.beginSpare()
  }

  /** What `prepare` makes ready, for the state `fullBuildReason` has just accepted. */
  private async warmState(timed: Timed): Promise<void> {
    const state = this.state!
    const site = await this.warmSite(timed)
    if (state.values) return
    const liveDir = path.join(this.releases.releasesDir, state.release)
    await withEnv({ LOTSE_NOW: state.now, LOTSE_SNAPSHOT_DIR: path.join(liveDir, STATE) }, () =>
      timed('load', async () => {
        // The site's modules load with its first page; each kind of page loads its own with its
        // first render (about 1 s over all kinds at 1,000 offers, which the first publish after
        // a full build or a restart would otherwise wait for): one page of each kind, unused.
        if (!siteDependencies()) {
          const kinds = new Map<string, [string, StaticPath]>()
          for (const [url, p] of await this.pathsOf(site)) if (!kinds.has(p.route.component)) kinds.set(p.route.component, [url, p])
          for (const [url, p] of kinds.values()) await this.renderPage(site, url, p)
        }
        const deps = siteDependencies()!
        const keys = new Set([...state.pages.values()].flat())
        state.values = new Map([...keys].map((k) => [k, deps.valueOf(k)]))
        state.prints = deps.kindFingerprints()
        state.parts = deps.partFingerprints()
      }),
    )
  }

  /**
   * The incremental publish; when the change is too large for it, why (the caller builds in
   * full and says so). Throws when something fails (the live site is then unchanged).
   */
  private async incremental({ snapshotDir, expectations, timed, live }: PublishOptions): Promise<{ release: string; mode: PublishMode } | string> {
    await this.warmState(timed)
    const state = this.state!
    const liveDir = path.join(this.releases.releasesDir, state.release)
    const site = this.site!
    const spare = await this.takeSpare(state.release)
    return withEnv({ LOTSE_NOW: state.now }, async () => {
      let release = this.createRelease(snapshotDir, spare)
      let linking: Promise<void> = spare?.linking ?? Promise.resolve()
      try {
        // The new snapshot's pages (it is loaded and checked against the contract on the way).
        const paths = await timed('paths', async () => {
          process.env.LOTSE_SNAPSHOT_DIR = release.snapshot
          return this.pathsOf(site)
        })
        const { render, removed, changedKeys, prints, parts } = await timed('diff', async () => {
          const deps = siteDependencies()!
          const changedKeys = new Map<string, string>()
          // Kinds whose fingerprint is unchanged cannot have changed keys (the vocabulary, mostly),
          // nor can keys reading a part whose fingerprint is unchanged (every document but the edited ones).
          const prints = deps.kindFingerprints()
          const unchanged = new Set(Object.keys(prints).filter((kind) => prints[kind] === state.prints[kind]))
          const parts = deps.partFingerprints()
          for (const [key, was] of state.values!) {
            if (unchanged.has(key.slice(0, key.indexOf(':')))) continue
            const part = deps.partOf(key)
            if (part !== undefined && parts.has(part) && parts.get(part) === state.parts.get(part)) continue
            const now = deps.valueOf(key)
            if (now !== was) changedKeys.set(key, now)
          }
          const render = [...paths.keys()].filter((url) => {
            const read = state.pages.get(url)
            return !read || read.some((k) => changedKeys.has(k))
          })
          const removed = [...state.pages.keys()].filter((url) => !paths.has(url))
          return { render, removed, changedKeys, prints, parts }
        })
        if (render.length + removed.length > paths.size * FULL_BUILD_SHARE) {
          await linking.catch(() => undefined)
          this.releases.discard(release.name)
          return `the change touches ${render.length + removed.length} of ${paths.size} pages`
        }
        const rendered = new Map<string, { body: Buffer; keys: string[] }>()
        await timed('render', async () => {
          for (const url of render) rendered.set(url, await this.renderPage(site, url, paths.get(url)!))
        })

        // The new files, in memory: each page as Astro's build writes it (island scripts moved
        // out), unless its bytes are the live ones (then the file and its compressed copies stay).
        const { externalizeIslandScripts } = (await import(path.join(siteDir, 'islandScripts.mjs'))) as {
          externalizeIslandScripts: (html: string, write: (name: string, code: string) => void) => string
        }
        const outputs = new Map<string, Buffer>()
        for (const [url, { body }] of rendered) {
          const data = fileOfUrl(url).endsWith('.html')
            ? Buffer.from(
                externalizeIslandScripts(body.toString('utf8'), (name, code) => {
                  if (!existsSync(path.join(liveDir, '_astro', name))) outputs.set(`_astro/${name}`, Buffer.from(code))
                }),
              )
            : body
          const old = path.join(liveDir, fileOfUrl(url))
          if (!(existsSync(old) && readFileSync(old).equals(data))) outputs.set(fileOfUrl(url), data)
        }
        const pages = new Map(state.pages)
        for (const url of removed) pages.delete(url)
        for (const [url, { keys }] of rendered) pages.set(url, keys)

        // Unless begun while waiting, the release of hard links grows while Pagefind works (it runs in its own process).
        if (!spare) {
          linking = linkTree(liveDir, release.dir, NOT_LINKED)
          linking.catch(() => undefined)
        }
        const newBundles = await timed('index', () => this.reindex(state, outputs, removed))
        const changed: string[] = []
        const bundles: string[] = []
        const bundlesRemoved: string[] = []
        await timed('write', async () => {
          await linking
          for (const [file, data] of outputs) {
            replaceFile(path.join(release.dir, file), data)
            changed.push(path.join(release.dir, file))
          }
          for (const url of removed) removeFile(release.dir, path.join(release.dir, fileOfUrl(url)))
          syncMedia(path.join(snapshotDir, 'media'), path.join(release.dir, 'media'))
          const placed = await this.placeBundles(release.dir, state, newBundles)
          bundles.push(...placed.written)
          bundlesRemoved.push(...placed.removed)
        })

        await timed('offline', async () => {
          const relative = (files: string[]) => files.map((file) => path.relative(release.dir, file).split(path.sep).join('/'))
          updateOfflineManifests(liveDir, release.dir, generatedAtOf(snapshotDir), {
            written: [...outputs.keys(), ...relative(bundles)],
            removed: [...removed.map(fileOfUrl), ...relative(bundlesRemoved)],
          })
        })
        failOnProblems(
          await timed('linkcheck', async () =>
            checkPages(
              release.dir,
              changed.filter((f) => isPage(release.dir, f)),
              internalNotes(expectations),
            ),
          ),
        )
        await timed('compress', async () => {
          const offline = localeCodes.map((code) => path.join(release.dir, code, 'offline.json'))
          await precompress(release.dir, { only: [...changed, ...offline, ...bundles] })
        })
        const problemsOfRelease = await timed('check', async () => checkRelease(release.dir, expectations, [...changed, ...bundles]))
        if (problemsOfRelease.length > 0) throw new Error(`the new site failed its checks: ${problemsOfRelease.join('; ')}`)
        if (spare) {
          // The begun release gets its name now (a rename: the links stay as they are).
          const named = this.releases.create()
          renameSync(release.dir, named.dir)
          release = { ...named, snapshot: path.join(named.dir, STATE) }
        }
        await timed('switch', () => this.switchLive(release))
        // The dependency map of the release, once it is live (about 0.3 s at 1,000 offers, which no
        // reader need wait for). Only a restart reads it: a release without one is rebuilt in full.
        try {
          this.writeState(release.dir, { now: state.now, code: state.code, pages })
        } catch (err) {
          console.error(`[publish] the dependency map of ${release.name} could not be written (${(err as Error).message}); after a restart its next publish is a full build`)
        }
        // The state follows the release: new values for the keys that changed, and for keys first read now.
        const deps = siteDependencies()!
        for (const [key, value] of changedKeys) state.values!.set(key, value)
        for (const { keys } of rendered.values()) for (const key of keys) if (!state.values!.has(key)) state.values!.set(key, deps.valueOf(key))
        Object.assign(state, { release: release.name, pages, prints, parts })
        live?.(release.name)
        return { release: release.name, mode: { kind: 'incremental', pages: rendered.size, removed: removed.length } satisfies PublishMode }
      } catch (err) {
        await linking.catch(() => undefined)
        if (this.releases.live() !== release.name) this.releases.discard(release.name)
        // The kept indexes may hold pages of the failed release: the next publish builds them again.
        await this.dropIndexes()
        throw err
      }
    })
  }

  /**
   * Brings the kept index of every locale with changed searchable pages up to date and returns
   * the new bundles of its changed shards, in memory (placed once the release's links are made,
   * `placeBundles`). A locale whose pages now share out into another number of shards is
   * indexed anew, as a full build would index it.
   */
  private async reindex(state: State, outputs: Map<string, Buffer>, removed: string[]): Promise<Map<LocaleCode, NewBundles>> {
    const liveDir = path.join(this.releases.releasesDir, state.release)
    const live = (code: LocaleCode) => path.join(liveDir, 'pagefind', code)
    const result = new Map<LocaleCode, NewBundles>()
    /** The live bundle's shards: what each holds (a restart reads them from disk). */
    const liveShards = (code: LocaleCode): BundleFiles[] => {
      const kept = state.indexes?.get(code)
      if (kept) return kept.map((s) => s.files)
      const numbered = readdirSync(live(code)).filter((name) => /^\d+$/.test(name)).length
      return Array.from({ length: numbered + 1 }, (_, shard) => filesOf(shardDir(live(code), shard)))
    }
    /** A locale indexed anew: its pages as the live release has them, but those in `contents`. */
    const fresh = async (code: LocaleCode, pages: Iterable<string>, contents?: Map<string, Uint8Array>) => {
      const before = result.get(code)?.before ?? liveShards(code)
      const old = state.indexes?.get(code)
      const { kept, bundles } = await indexLocale(code, liveDir, pages, contents)
      if (old) await Promise.all(old.map((s) => s.index.deleteIndex()))
      state.indexes!.set(code, kept)
      result.set(code, { bundles, before })
    }
    if (!state.indexes) {
      // After a restart: the indexes again from the live release's pages (the cost of a full index, once).
      await closeIndexes()
      state.indexes = new Map()
      await forEachLocale(localeCodes, async (code) => fresh(code, searchablePages(liveDir, code)))
    }
    // Each locale's changed searchable pages: the new HTML, or null for a page that left the
    // index (removed, or no longer marked searchable). Other pages (lists, filters) are in no index.
    const changes = new Map<LocaleCode, Map<string, string | null>>()
    const localeOf = (relative: string) => localeCodes.find((c) => relative.startsWith(`${c}/`))
    const change = (relative: string, html: string | null) => {
      const code = localeOf(relative)
      if (!code || !relative.endsWith('.html')) return
      const searchable = html !== null && isSearchable(html)
      if (!searchable && !state.indexes!.get(code)!.some((s) => s.pages.has(relative))) return
      changes.set(code, (changes.get(code) ?? new Map()).set(relative, searchable ? html : null))
    }
    for (const [file, data] of outputs) change(file, data.toString('utf8'))
    for (const url of removed) change(fileOfUrl(url), null)
    const indexes = state.indexes
    await forEachLocale(changes.keys(), async (code) => {
      const kept = indexes.get(code)!
      const pages = new Set(kept.flatMap((s) => [...s.pages]))
      for (const [page, html] of changes.get(code)!) {
        if (html === null) pages.delete(page)
        else pages.add(page)
      }
      const count = shardCount(pages)
      if (count !== kept.length) {
        const contents = new Map<string, Uint8Array>()
        for (const [page, html] of changes.get(code)!) if (html !== null) contents.set(page, Buffer.from(html))
        await fresh(code, pages, contents)
        return
      }
      const bundles = new Map<number, Map<string, Uint8Array>>()
      const remade = new Set<number>()
      for (const [page, html] of changes.get(code)!) {
        const number = shardOf(page, count)
        const shard = kept[number]!
        // Pagefind has no removal: a page without `data-pagefind-body` is left out of an index whose other pages have it.
        const added = await shard.index.addHTMLFile({ sourcePath: page, content: html ?? '<html><body></body></html>' })
        if (added.errors.length > 0) throw new Error(`Pagefind failed on ${page}: ${added.errors.join('; ')}`)
        if (html === null) shard.pages.delete(page)
        else shard.pages.add(page)
        remade.add(number)
      }
      for (const shard of remade) bundles.set(shard, await bundleOf(kept[shard]!.index, code, shard, count))
      const before = result.get(code)?.before ?? liveShards(code)
      result.set(code, { bundles: new Map([...(result.get(code)?.bundles ?? []), ...bundles]), before })
    })
    // In the locale table's order, whichever service finished first.
    return new Map(localeCodes.filter((code) => result.has(code)).map((code) => [code, result.get(code)!]))
  }

  /**
   * Puts the new bundles into the release (made of links to the live one): only changed files
   * are written; shards the locale no longer has are removed. Returns the files written.
   */
  private async placeBundles(dir: string, state: State, newBundles: Map<LocaleCode, NewBundles>): Promise<{ written: string[]; removed: string[] }> {
    const written: string[] = []
    const removed: string[] = []
    for (const [code, { bundles, before }] of newBundles) {
      const kept = state.indexes!.get(code)!
      const bundleDir = path.join(dir, 'pagefind', code)
      for (const [shard, bundle] of bundles) {
        const placed = await placeBundle(shardDir(bundleDir, shard), bundle, before[shard] ?? null)
        kept[shard]!.files = placed.files
        written.push(...placed.written)
        removed.push(...placed.removed)
      }
      // The shards the locale no longer has: their folders go.
      for (const [shard, files] of before.entries()) {
        if (shard < kept.length) continue
        for (const name of files.keys()) {
          const file = path.join(shardDir(bundleDir, shard), name)
          removeFile(bundleDir, file)
          removed.push(file)
        }
      }
    }
    return { written, removed }
  }

  /** Ends what the publisher keeps (the begun release, Pagefind's services; the warm build ends with the process). */
  async close(): Promise<void> {
    await this.dropSpare()
    await closeIndexes()
  }
}

/** Makes `media/` of the release hold exactly the snapshot's media (names carry their content hash). */
function syncMedia(from: string, to: string): void {
  const wanted = existsSync(from) ? new Set(readdirSync(from)) : new Set<string>()
  const have = existsSync(to) ? new Set(readdirSync(to)) : new Set<string>()
  for (const name of have) if (!wanted.has(name)) rmSync(path.join(to, name), { force: true })
  if (wanted.size > 0) mkdirSync(to, { recursive: true })
  for (const name of wanted) if (!have.has(name)) copyFileSync(path.join(from, name), path.join(to, name))
}

/** Runs `fn` with the given environment variables set, restoring them after. */
async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]))
  Object.assign(process.env, vars)
  try {
    return await fn()
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
}

export type { PageReads }
