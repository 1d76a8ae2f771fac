import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'

import * as pagefind from 'pagefind'

import { type LocaleCode, localeCodes } from '@lotse/translations'

import { SHARDS_FILE, shardFolder } from '../../../site/src/search/engine'
import { removeFile, replaceFileAsync } from './releaseFiles'

/**
 * Pagefind's Node API runs one service process per instance of its module, and that process
 * answers one request at a time (its `service/mod.rs` awaits each message before the next), so
 * two locales indexed "side by side" in one service take as long as one after the other. A
 * second instance of the module, imported under another URL, starts a second service: the two
 * build and compress (gzip at its best level, every file) two locales at once, one per core of a
 * two-core machine. Each locale always uses the same service (its kept index lives there).
 */
const services: Promise<typeof pagefind>[] = [Promise.resolve(pagefind), import(`${import.meta.resolve('pagefind')}?service=2`) as Promise<typeof pagefind>]

const serviceOf = (code: LocaleCode) => services[localeCodes.indexOf(code) % services.length]!

/**
 * Runs `work` for each locale: the locales of one service one after the other, the services side
 * by side. The first failure is thrown once every service has stopped.
 */
export async function forEachLocale(codes: Iterable<LocaleCode>, work: (code: LocaleCode) => Promise<void>): Promise<void> {
  const all = [...codes]
  const queues = services.map((service) => all.filter((code) => serviceOf(code) === service))
  const settled = await Promise.allSettled(
    queues.map(async (queue) => {
      for (const code of queue) await work(code)
    }),
  )
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')
  if (failed) throw failed.reason
}

export { SHARDS_FILE }

/**
 * A locale's index is split into shards of about this many pages, because Pagefind remakes and
 * compresses every file of an index whenever one page of it changed (about 360 ms for the 1,400
 * pages of a locale at 1,000 offers, 60 ms for 160, 45 ms for 85; `getFiles`, one core): a
 * publish remakes the shards holding its changed pages, and the search page merges the shards
 * (Pagefind's `mergeIndex`, site/src/search/engine.ts). At seed size a locale is one shard.
 * Each shard costs a reader two small requests more on the first query; 200 pages per shard
 * keeps that to 7 shards at 1,000 offers. `LOTSE_SEARCH_SHARD_PAGES` overrides it (tests use
 * small shards to split the seed), read at each use.
 */
const shardPages = () => Number(process.env.LOTSE_SEARCH_SHARD_PAGES) || 200

/** A page's place among the shards: a hash of its path below the locale (`offers/x/index.html`), so it is the same in every locale and every build. */
const pageHash = (sourcePath: string) =>
  createHash('sha1')
    .update(sourcePath.slice(sourcePath.indexOf('/') + 1))
    .digest()
    .readUInt32BE(0)

/** The shard a page (`ar/offers/x/index.html`) belongs in, of `count`. */
export const shardOf = (sourcePath: string, count: number) => pageHash(sourcePath) % count

/**
 * How many shards a locale's searchable pages make: shards of about `shardPages()` pages, fewer
 * if one would be empty (Pagefind's search cannot open an index without pages). Depends on the
 * pages alone, so a publish and a full build of the same pages share them out alike.
 */
export function shardCount(pages: Iterable<string>): number {
  const hashes = [...pages].map(pageHash)
  for (let count = Math.ceil(hashes.length / shardPages()); count > 1; count--) {
    if (new Set(hashes.map((h) => h % count)).size === count) return count
  }
  return 1
}

/** The folder of a shard (the first holds Pagefind's scripts), as the search page looks for it (`shardFolder`). */
export const shardDir = (bundleDir: string, shard: number) => path.join(bundleDir, shardFolder(shard), '.')

/** Whether Pagefind indexes the page: the site marks what it indexes with `data-pagefind-body`; other pages (lists, filters) stay out of every index. */
export const isSearchable = (html: string | Buffer) => html.includes('data-pagefind-body')

/**
 * One Pagefind bundle per locale at `/pagefind/{locale}/`, each forced to its language (so
 * Arabic is stemmed as Arabic, Tigrinya split on its own words) and each small enough to save
 * for offline use on its own. The search page loads its locale's bundle and, when nothing is
 * found, the German one. `searchable`: the searchable pages (source paths) as the build
 * reported them; without it they are found by reading every page (`searchablePages`).
 */
export async function indexSite(outDir: string, keep?: SearchIndexes, searchable?: string[]): Promise<Record<string, number>> {
  const pages: Record<string, number> = {}
  // Each locale's bundles are written while its service goes on to the next locale.
  const placing: Promise<unknown>[] = []
  const indexOne = async (code: LocaleCode) => {
    const sources = searchable ? searchable.filter((p) => p.startsWith(`${code}/`)).sort() : searchablePages(outDir, code)
    const { kept, bundles } = await indexLocale(code, outDir, sources)
    for (const [shard, bundle] of bundles) {
      const placed = placeBundle(shardDir(path.join(outDir, 'pagefind', code), shard), bundle, null).then(({ files }) => (kept[shard]!.files = files))
      placed.catch(() => undefined)
      placing.push(placed)
    }
    pages[code] = sources.length
    if (keep) keep.set(code, kept)
    else await Promise.all(kept.map((s) => s.index.deleteIndex()))
  }
  try {
    await forEachLocale(localeCodes, indexOne)
    await Promise.all(placing)
  } finally {
    // No bundle is still being written once this has ended, failed or not.
    await Promise.allSettled(placing)
    // The publisher keeps its indexes, and with them Pagefind's services.
    if (!keep) await closeIndexes()
  }
  return pages
}

/**
 * The searchable pages of a locale in a built site (source paths, `de/offers/x/index.html`), in
 * file order. Read synchronously: 1,400 pages of a locale take about 0.16 s so, and three times
 * that as 1,400 asynchronous reads (each an open, a stat, a read and a close in libuv's pool);
 * their bytes are searched, not decoded (decoding took as long as reading).
 */
export function searchablePages(root: string, code: LocaleCode): string[] {
  return (readdirSync(path.join(root, code), { recursive: true }) as string[])
    .filter((file) => file.endsWith('.html'))
    .sort()
    .filter((file) => isSearchable(readFileSync(path.join(root, code, file))))
    .map((file) => `${code}/${file.split(path.sep).join('/')}`)
}

/**
 * A glob (Pagefind's, the `wax` crate's syntax) that matches exactly the given paths: their
 * common folder, then one alternative per path, metacharacters escaped. The common folder
 * comes first because Pagefind walks only below a glob's literal start: `{de/a,de/b}` walks the
 * whole release (77,000 files at 1,000 offers), `de/{a,b}` one locale.
 */
export function globOf(paths: string[]): string {
  const escape = (text: string) => text.replace(/[\\?*$:<>()[\]{},]/g, '\\$&')
  let common = paths[0]!.slice(0, paths[0]!.lastIndexOf('/') + 1)
  for (const p of paths) while (!p.startsWith(common)) common = common.slice(0, common.lastIndexOf('/', common.length - 2) + 1)
  return `${escape(common)}{${paths.map((p) => escape(p.slice(common.length))).join(',')}}`
}

/**
 * A new index of one locale's searchable pages, in shards. Pagefind reads the pages from `root`
 * (a release) itself, a shard's pages picked out by a glob (`addDirectory` reads a locale's
 * pages in a third of the time that sending them one by one takes); a page given in `contents`
 * is sent as it is (a publish's changed page, not yet in `root`). Returns the shards and their
 * bundles (shard → file name → bytes).
 */
export async function indexLocale(
  code: LocaleCode,
  root: string,
  pages: Iterable<string>,
  contents: Map<string, Uint8Array> = new Map(),
): Promise<{ kept: KeptIndex; bundles: Map<number, Map<string, Uint8Array>> }> {
  const all = new Set([...pages, ...contents.keys()])
  const count = shardCount(all)
  const shards = Array.from({ length: count }, () => new Set<string>())
  for (const sourcePath of all) shards[shardOf(sourcePath, count)]!.add(sourcePath)
  const kept: KeptIndex = []
  const bundles = new Map<number, Map<string, Uint8Array>>()
  try {
    for (const [shard, members] of shards.entries()) {
      const index = await openIndex(code)
      kept.push({ index, files: new Map(), pages: members })
      const onDisk = [...members].filter((sourcePath) => !contents.has(sourcePath))
      if (onDisk.length > 0) {
        const added = await index.addDirectory({ path: root, glob: globOf(onDisk) })
        if (added.errors.length > 0) throw new Error(`Pagefind failed on ${code}: ${added.errors.join('; ')}`)
        // A page missing from `root` would otherwise be left out of the index without a word.
        if (added.page_count !== onDisk.length) throw new Error(`Pagefind indexed ${added.page_count} of the ${onDisk.length} pages of ${code} shard ${shard} in ${root}`)
      }
      for (const sourcePath of members) {
        const content = contents.get(sourcePath)
        if (!content) continue
        const added = await index.addHTMLFile({ sourcePath, content: new TextDecoder().decode(content) })
        if (added.errors.length > 0) throw new Error(`Pagefind failed on ${sourcePath}: ${added.errors.join('; ')}`)
      }
      bundles.set(shard, await bundleOf(index, code, shard, count))
    }
    return { kept, bundles }
  } catch (err) {
    await Promise.all(kept.map((s) => s.index.deleteIndex().catch(() => undefined)))
    throw err
  }
}

/** A file name in a bundle (`fragment/de_1a2b3c4.pf_fragment`) → a hash of its bytes. */
export type BundleFiles = Map<string, string>

/** One shard of a locale's index kept alive between publishes, what the live release's bundle of it holds, and its pages (source paths). */
export interface KeptShard {
  index: pagefind.PagefindIndex
  files: BundleFiles
  pages: Set<string>
}

/** A locale's index kept alive between publishes: its shards, in order. */
export type KeptIndex = KeptShard[]

/** Indexes kept alive between publishes, one per locale (scripts/src/site/publisher.ts). */
export type SearchIndexes = Map<LocaleCode, KeptIndex>

/** A new, empty index of one locale's pages. */
export async function openIndex(code: LocaleCode): Promise<pagefind.PagefindIndex> {
  // Private-use variants (Leichte Sprache, de-x-ls) are searched with their base language's stemmer.
  const { index, errors } = await (await serviceOf(code)).createIndex({ forceLanguage: code.split('-x-')[0], rootSelector: 'html' })
  if (!index) throw new Error(`Pagefind could not start the ${code} index: ${errors.join('; ')}`)
  return index
}

/**
 * One shard's bundle as Pagefind makes it, in memory (file name → bytes), without the parts the
 * site does not use; the first shard's also names the number of shards (`SHARDS_FILE`). Pagefind
 * compresses every file of it each time: that is the price of a shard that changed.
 */
export async function bundleOf(index: pagefind.PagefindIndex, code: string, shard: number, count: number): Promise<Map<string, Uint8Array>> {
  const got = await index.getFiles()
  if (got.errors.length > 0) throw new Error(`Pagefind could not write the ${code} index: ${got.errors.join('; ')}`)
  const names = got.files.map((f) => f.path)
  const bundle = new Map(got.files.filter((f) => !isUnused(f.path, names, shard)).map((f) => [f.path, f.content]))
  if (shard === 0) bundle.set(SHARDS_FILE, new TextEncoder().encode(JSON.stringify({ shards: count })))
  return bundle
}

/**
 * Puts a bundle into `bundleDir`. With `before`, what the folder holds now (hard links to the
 * live release's bundle), only files whose bytes changed are written, as new files, never
 * through a link, and files the bundle no longer has are removed with their compressed copies:
 * a publish that changed a few pages writes a few of the 1,400 files a locale has at 1,000
 * offers, the rest and their compressed copies stay links. Returns what the folder now holds,
 * the files written (which need compressed copies) and the files removed.
 *
 * The files are written asynchronously, 16 at a time: a full build writes 18,000 of them, and
 * meanwhile the Pagefind services index the next locales (writing them one by one held up both
 * services for 5.7 s in all, on this disk).
 */
export async function placeBundle(bundleDir: string, bundle: Map<string, Uint8Array>, before: BundleFiles | null): Promise<{ files: BundleFiles; written: string[]; removed: string[] }> {
  const files: BundleFiles = new Map([...bundle].map(([name, data]) => [name, hashBytes(data)]))
  const changed = [...bundle.keys()].filter((name) => before?.get(name) !== files.get(name))
  // A bundle's few subfolders made once, not once per file.
  for (const folder of new Set(changed.map((name) => path.dirname(path.join(bundleDir, name))))) mkdirSync(folder, { recursive: true })
  const written = changed.map((name) => path.join(bundleDir, name))
  await inBatches(changed, (name) => (before ? replaceFileAsync : writeFile)(path.join(bundleDir, name), bundle.get(name)!))
  const removed = [...(before?.keys() ?? [])].filter((name) => !files.has(name)).map((name) => path.join(bundleDir, name))
  for (const file of removed) removeFile(bundleDir, file)
  return { files, written, removed }
}

/** Runs `work` for every item, 16 at a time (the file system's calls go to libuv's thread pool). */
async function inBatches<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += 16) await Promise.all(items.slice(i, i + 16).map(work))
}

/** What a shard's bundle written earlier holds (after a restart, read from the live release). */
export function filesOf(bundleDir: string): BundleFiles {
  const files: BundleFiles = new Map()
  for (const entry of readdirSync(bundleDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || /\.(br|gz)$/.test(entry.name)) continue
    const file = path.join(entry.parentPath, entry.name)
    const name = path.relative(bundleDir, file).split(path.sep).join('/')
    // The other shards' folders (`1/`, `2/` …) below the first shard's.
    if (/^\d+\//.test(name)) continue
    files.set(name, hashBytes(readFileSync(file)))
  }
  return files
}

const hashBytes = (data: Uint8Array) => createHash('sha1').update(data).digest('base64url')

/** Ends Pagefind's services (and every index kept in them). */
export async function closeIndexes(): Promise<void> {
  await Promise.all(services.map(async (service) => (await service).close()))
}

/**
 * Pagefind also makes its ready-made UIs (about 430 KB per bundle) and, next to a language's
 * own stemming wasm, the generic one; the site uses its own small search script, so these
 * would only make the offline download bigger.
 */
function isUnused(name: string, names: string[], shard: number): boolean {
  // The other shards are searched with the first one's scripts and WebAssembly (merged into its instance).
  if (shard > 0 && /^(pagefind[^/]*\.(js|css)|wasm\.[a-z-]+\.pagefind)$/.test(name)) return true
  // Languages without a stemmer (fa, ps, ku, ti, uk …) search with the "unknown" wasm.
  const ownWasm = names.some((f) => /^wasm\.[a-z-]+\.pagefind$/.test(f) && f !== 'wasm.unknown.pagefind')
  return /^pagefind-(component-ui|modular-ui|ui|highlight)\.(js|css)$/.test(name) || (ownWasm && name === 'wasm.unknown.pagefind')
}
