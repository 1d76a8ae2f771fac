import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import path from 'node:path'

import type { DepsLine } from '../../../site/src/lib/deps'
import { checkRelease, internalNotes, type ReleaseExpectations } from '../deploy/checks'
import { binOf, nodeBin, root } from '../lib/paths'
import { isRunning, run } from '../lib/proc'
import { precompress } from './compress'
import { checkPages, failOnProblems } from './linkcheck'
import { generatedAtOf, writeOfflineManifests } from './offline'
import { indexSite, type SearchIndexes } from './pagefind'

export const siteDir = path.join(root, 'site')

/**
 * From a snapshot to a finished static site in `outDir`: the Astro build, one Pagefind index
 * per locale, the offline manifests, the page checks (links resolve, no inline script), the
 * checks of the release against what it must and must not hold (`options.expectations`,
 * deploy/checks.ts; the page checks look for its internal notes on every page), and the
 * precompressed copies both servers send (linked from `options.previous`, the live release, for
 * every file that is byte for byte the same there). Returns what each page read; `time` gets the
 * time per phase (ms).
 *
 * `compress: false` leaves the copies to the caller: the publisher makes them after the switch
 * (`precompress` with the same `previous`), so that readers get a full build sooner (at 1,000
 * offers by 7–12 s for a first build, 2–3 s for a nightly one, `npm run bench:publish -- 1000 4`);
 * meanwhile both servers send each file as it is, as they do any file without copies.
 * Throws, naming what failed, when any step fails; `outDir` is then not fit to go live.
 */
export async function buildSite(
  snapshotDir: string,
  outDir: string,
  time: <T>(phase: string, fn: () => Promise<T>) => Promise<T>,
  options: { indexes?: SearchIndexes; expectations?: ReleaseExpectations; previous?: string; compress?: boolean } = {},
): Promise<PageReads> {
  const { reads, searchable } = await time('build', () => astroBuild(snapshotDir, outDir))
  // Images and PDFs the snapshot uses, with their resized copies, served from /media/.
  const media = path.join(snapshotDir, 'media')
  if (existsSync(media)) cpSync(media, path.join(outDir, 'media'), { recursive: true })
  await time('index', () => indexSite(outDir, options.indexes, searchable))
  await time('offline', async () => {
    writeOfflineManifests(outDir, generatedAtOf(snapshotDir))
  })
  // The copies are made beside the checks: the checks read pages and write nothing, the
  // compression reads pages and writes only the copies, which no check reads. The offline
  // manifests come first: they list the release without copies.
  const compressing = options.compress === false ? null : time('compress', () => precompress(outDir, { previous: options.previous }))
  const [checked, compressed] = await Promise.allSettled([
    time('check', async () => {
      // The pages are checked in worker threads (internal notes looked for on them there) while
      // this thread checks the release.
      const { expectations } = options
      const [pages, release] = await Promise.allSettled([
        checkPages(outDir, undefined, expectations ? internalNotes(expectations) : []),
        expectations ? checkRelease(outDir, expectations) : Promise.resolve([]),
      ])
      if (pages.status === 'rejected') throw pages.reason
      failOnProblems(pages.value)
      if (release.status === 'rejected') throw release.reason
      if (release.value.length > 0) throw new Error(`the new site failed its checks: ${release.value.join('; ')}`)
    }),
    compressing,
  ])
  if (checked.status === 'rejected') throw checked.reason
  if (compressed.status === 'rejected') throw compressed.reason
  return reads
}

/** What each page of a build read (its URL → the dependency keys, site/src/lib/deps.ts), for the incremental publisher. */
export type PageReads = Map<string, string[]>

/** The file a page is written to, as Astro names it (build.format 'directory', trailingSlash 'always'). */
export function fileOfUrl(url: string): string {
  if (url === '/') return 'index.html'
  if (url === '/404/' || url === '/500/') return `${url.slice(1, -1)}.html`
  return url.endsWith('/') ? `${url.slice(1)}index.html` : url.slice(1)
}

/**
 * How many Astro processes build at once: one per core (at most 4; each needs up to 2 GB at
 * 1,000 offers), one on a single core. `LOTSE_BUILD_WORKERS` overrides.
 */
function buildWorkers(): number {
  const wanted = Number(process.env.LOTSE_BUILD_WORKERS ?? Math.min(4, availableParallelism()))
  // Whole: a share is named `i/n` (site/src/lib/urls.ts), and "0/2.5" would render every page twice.
  return Number.isFinite(wanted) ? Math.max(1, Math.floor(wanted)) : 1
}

/**
 * The young generation of each Astro process's heap, in MB per semi-space. V8 lets it grow to 32
 * MB per semi-space when the heap is large, and pages make mostly short-lived garbage. Measured
 * on one locale share of the 1,000-offer build (7 locales, 9,781 pages, alone on 2 cores): peak
 * RSS 896 MB and 27.4 s by default, 759 MB and 28.7 s at 8, 766–794 MB and 30.8–32.8 s at 4.
 * Two processes build side by side, beside the CMS: this keeps the whole under 3 GB.
 */
const SEMI_SPACE_MB = 8

/**
 * Runs the Astro build. Astro renders pages on one thread, so with more cores the pages are
 * shared out among several Astro processes (`LOTSE_BUILD_SHARE`, site/src/lib/urls.ts), each
 * building into its own folder; the shares are then merged. Every share also builds the
 * locale-free files (root pages, sitemap, assets), which come out identical.
 *
 * Astro keeps its prerender chunks in the output folder only when that lies inside the project
 * (else in site/.astro, shared): so each build gets its own folder under site/.builds, and
 * builds running at the same time (tests, a deploy and build:site) never collide.
 */
async function astroBuild(snapshotDir: string, outDir: string): Promise<{ reads: PageReads; searchable: string[] }> {
  const astro = binOf(siteDir, 'astro/bin/astro.mjs')
  const workers = buildWorkers()
  const builds = path.join(siteDir, '.builds')
  mkdirSync(builds, { recursive: true })
  // Left behind by a build that was killed (its process stopped mid-build): each folder is named
  // after the process that builds in it, and goes once that process has ended; any folder goes
  // after an hour (a number given to another process meanwhile, a name without one). Builds
  // running at the same time clean up side by side: a folder the other removed first is no
  // failure, and one that cannot be removed now waits for the next build.
  for (const old of readdirSync(builds)) {
    const dir = path.join(builds, old)
    const pid = Number(/^build-(\d+)-/.exec(old)?.[1])
    const builderEnded = pid > 0 && !isRunning(pid)
    const modified = statSync(dir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()
    if (!builderEnded && Date.now() - modified <= 3_600_000) continue
    try {
      rmSync(dir, { recursive: true, force: true })
    } catch {
      // Removed by the next build.
    }
  }
  const dirs = Array.from({ length: workers }, () => mkdtempSync(path.join(builds, `build-${process.pid}-`)))
  try {
    await Promise.all(
      dirs.map((dir, i) =>
        run(nodeBin, [`--max-semi-space-size=${SEMI_SPACE_MB}`, astro, 'build', '--outDir', dir, '--silent'], {
          cwd: siteDir,
          env: {
            ...process.env,
            NODE_ENV: 'production',
            LOTSE_SNAPSHOT_DIR: snapshotDir,
            ASTRO_TELEMETRY_DISABLED: '1',
            // Each page's reads, one JSON line per page (site/src/middleware.ts).
            LOTSE_DEPS_FILE: `${dir}.deps.jsonl`,
            ...(workers > 1 ? { LOTSE_BUILD_SHARE: `${i}/${workers}` } : {}),
          },
          stdio: ['ignore', 'ignore', 'inherit'],
        }),
      ),
    )
    // Every share renders the locale-free pages too (the same reads): the first share's count.
    // The publisher keeps the map: each key is held once, not once per page that read it (at
    // 1,000 offers 30,240 keys, 672,316 reads in a share of 9,746 pages: 8 MB of heap, not 38).
    const reads: PageReads = new Map()
    const held = new Map<string, string>()
    const hold = (key: string) => held.get(key) ?? (held.set(key, key), key)
    // The pages search indexes, as files of the release (`de/offers/x/index.html`): the index
    // need not read every page to find them (1,400 a locale at 1,000 offers).
    const searchable: string[] = []
    for (const dir of dirs) {
      for (const line of readFileSync(`${dir}.deps.jsonl`, 'utf8').split('\n')) {
        if (!line) continue
        const page = JSON.parse(line) as DepsLine
        if (reads.has(page.url)) continue
        reads.set(page.url, page.keys.map(hold))
        if (page.searchable) searchable.push(fileOfUrl(page.url))
      }
    }
    const [first, ...others] = dirs
    rmSync(path.join(first!, '.prerender'), { recursive: true, force: true })
    for (const dir of others) {
      rmSync(path.join(dir, '.prerender'), { recursive: true, force: true })
      moveMissing(dir, first!)
    }
    moveDir(first!, outDir)
    // The build folder came from mkdtemp (mode 0700): a web server running as another user
    // (nginx's www-data) could not read the release.
    chmodSync(outDir, 0o755)
    return { reads, searchable }
  } finally {
    for (const dir of dirs) {
      rmSync(dir, { recursive: true, force: true })
      rmSync(`${dir}.deps.jsonl`, { force: true })
    }
  }
}

/**
 * Moves into `to` what `from` has and `to` lacks: a folder `to` lacks as a whole (a page's own
 * folder), else file by file. What both have (the locale-free files every share builds) stays.
 */
function moveMissing(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name)
    const target = path.join(to, entry.name)
    if (!existsSync(target)) renameSync(source, target)
    else if (entry.isDirectory()) moveMissing(source, target)
  }
}

/** Moves a finished build to `to` (an absent or empty folder): a rename, or a copy across disks. */
function moveDir(from: string, to: string): void {
  if (existsSync(to)) {
    if (readdirSync(to).length > 0) throw new Error(`${to} is not empty; a build goes into a fresh folder.`)
    rmSync(to, { recursive: true })
  }
  mkdirSync(path.dirname(to), { recursive: true })
  try {
    renameSync(from, to)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err
    cpSync(from, to, { recursive: true })
  }
}
