import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import * as pagefind from 'pagefind'

import { type LocaleCode, localeCodes } from '@lotse/translations'

import { removeFile, replaceFile } from './releaseFiles'

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

/**
 * One Pagefind bundle per locale at `/pagefind/{locale}/`, each forced to its language (so
 * Arabic is stemmed as Arabic, Tigrinya split on its own words) and each small enough to save
 * for offline use on its own. The search page loads its locale's bundle and, when nothing is
 * found, the German one.
 */
export async function indexSite(outDir: string, keep?: SearchIndexes): Promise<Record<string, number>> {
  const pages: Record<string, number> = {}
  const indexLocale = async (code: LocaleCode) => {
    const index = await openIndex(code)
    const added = await index.addDirectory({ path: outDir, glob: `${code}/**/*.html` })
    if (added.errors.length > 0) throw new Error(`Pagefind failed on ${code}: ${added.errors.join('; ')}`)
    const { files } = placeBundle(path.join(outDir, 'pagefind', code), await bundleOf(index, code), null)
    pages[code] = added.page_count
    if (keep) keep.set(code, { index, files })
    else await index.deleteIndex()
  }
  try {
    await forEachLocale(localeCodes, indexLocale)
  } finally {
    // The publisher keeps its indexes, and with them Pagefind's services.
    if (!keep) await closeIndexes()
  }
  return pages
}

/** A file name in a bundle (`fragment/de_1a2b3c4.pf_fragment`) → a hash of its bytes. */
export type BundleFiles = Map<string, string>

/** A locale's index kept alive between publishes, and what the live release's bundle of it holds. */
export interface KeptIndex {
  index: pagefind.PagefindIndex
  files: BundleFiles
}

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
 * One locale's bundle as Pagefind makes it, in memory (file name → bytes), without the parts
 * the site does not use. Pagefind compresses every file of it each time (about 330 ms per
 * locale at 1,000 offers); that is the price of an index that changed.
 */
export async function bundleOf(index: pagefind.PagefindIndex, code: string): Promise<Map<string, Uint8Array>> {
  const got = await index.getFiles()
  if (got.errors.length > 0) throw new Error(`Pagefind could not write the ${code} index: ${got.errors.join('; ')}`)
  const names = got.files.map((f) => f.path)
  return new Map(got.files.filter((f) => !isUnused(f.path, names)).map((f) => [f.path, f.content]))
}

/**
 * Puts a bundle into `bundleDir`. With `before`, what the folder holds now (hard links to the
 * live release's bundle), only files whose bytes changed are written, as new files, never
 * through a link, and files the bundle no longer has are removed with their compressed copies:
 * a publish that changed a few pages writes a few of the 1,400 files a locale has at 1,000
 * offers, the rest and their compressed copies stay links. Returns what the folder now holds
 * and the files written (which need compressed copies).
 */
export function placeBundle(bundleDir: string, bundle: Map<string, Uint8Array>, before: BundleFiles | null): { files: BundleFiles; written: string[] } {
  const files: BundleFiles = new Map([...bundle].map(([name, data]) => [name, hashBytes(data)]))
  const written: string[] = []
  const made = new Set<string>()
  for (const [name, data] of bundle) {
    if (before?.get(name) === files.get(name)) continue
    const file = path.join(bundleDir, name)
    if (before) replaceFile(file, data)
    else {
      // A fresh folder: its few subfolders made once, not once per file (1,400 per locale at 1,000 offers).
      if (!made.has(path.dirname(file))) mkdirSync(path.dirname(file), { recursive: true })
      made.add(path.dirname(file))
      writeFileSync(file, data)
    }
    written.push(file)
  }
  for (const name of before?.keys() ?? []) if (!files.has(name)) removeFile(bundleDir, path.join(bundleDir, name))
  return { files, written }
}

/** What a bundle written earlier holds (after a restart, read from the live release). */
export function filesOf(bundleDir: string): BundleFiles {
  const files: BundleFiles = new Map()
  for (const entry of readdirSync(bundleDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || /\.(br|gz)$/.test(entry.name)) continue
    const file = path.join(entry.parentPath, entry.name)
    files.set(path.relative(bundleDir, file).split(path.sep).join('/'), hashBytes(readFileSync(file)))
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
function isUnused(name: string, names: string[]): boolean {
  // Languages without a stemmer (fa, ps, ku, ti, uk …) search with the "unknown" wasm.
  const ownWasm = names.some((f) => /^wasm\.[a-z-]+\.pagefind$/.test(f) && f !== 'wasm.unknown.pagefind')
  return /^pagefind-(component-ui|modular-ui|ui|highlight)\.(js|css)$/.test(name) || (ownWasm && name === 'wasm.unknown.pagefind')
}
