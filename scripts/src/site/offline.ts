import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs'
import path from 'node:path'

import { getLocale, localeCodes } from '@lotse/translations'

import { replaceFile } from './releaseFiles'
import { ENCODINGS } from './serving'

/**
 * Writes `/{locale}/offline.json` for "save this language for offline use": every page of the
 * locale, its search bundle, the shared styles and scripts, and the font of its script, with
 * the total size, so the site can say how big the download is before it starts.
 */
export interface OfflineManifest {
  locale: string
  generatedAt: string
  pages: number
  bytes: number
  files: string[]
}

/**
 * When the snapshot in `snapshotDir` was made, for the manifests. The export writes `generatedAt`
 * first, so its first bytes say it; only a snapshot written otherwise is parsed whole (145 MB at
 * 5,000 offers: seconds on every publish).
 */
export function generatedAtOf(snapshotDir: string): string {
  const file = path.join(snapshotDir, 'snapshot.json')
  const head = Buffer.alloc(128)
  const fd = openSync(file, 'r')
  try {
    readSync(fd, head, 0, head.length, 0)
  } finally {
    closeSync(fd)
  }
  const first = /^\{"generatedAt":"([0-9TZ:.+-]+)"[,}]/.exec(head.toString('latin1'))
  return first ? first[1]! : (JSON.parse(readFileSync(file, 'utf8')) as { generatedAt: string }).generatedAt
}

/** The precompressed copies beside files (`.br`, `.gz`): the same file to a browser, never listed. */
const isCopy = (name: string) => ENCODINGS.some((e) => name.endsWith(e.suffix))

function walk(dir: string, base: string, out: { url: string; bytes: number }[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) walk(full, base, out)
    else if (!isCopy(entry.name)) out.push({ url: '/' + path.relative(base, full).split(path.sep).join('/'), bytes: statSync(full).size })
  }
}

/** The URL a file of a locale's own folder or search bundle is listed as, or null when it is not listed. */
const listedAs = (url: string): string | null => (/\/offline\.json$|\.ics$|\.xml$|\.webmanifest$/.test(url) ? null : url.replace(/index\.html$/, ''))

/** Whether a shared file is saved with a locale: of the fonts only the one the locale table names. */
const sharedFor = (code: string, url: string) => {
  const font = getLocale(code as never).font
  return !url.startsWith('/fonts/') || (font !== null && url.startsWith(`/fonts/${font}-`))
}

export function writeOfflineManifests(outDir: string, generatedAt: string): Record<string, OfflineManifest> {
  const shared: { url: string; bytes: number }[] = []
  for (const dir of ['_astro', 'fonts']) {
    try {
      walk(path.join(outDir, dir), outDir, shared)
    } catch {
      // A site without scripts or fonts has no such folder.
    }
  }
  const result: Record<string, OfflineManifest> = {}
  for (const code of localeCodes) {
    const own: { url: string; bytes: number }[] = []
    walk(path.join(outDir, code), outDir, own)
    walk(path.join(outDir, 'pagefind', code), outDir, own)
    const files = [
      ...own.flatMap((f) => {
        const url = listedAs(f.url)
        return url === null ? [] : [{ ...f, url }]
      }),
      ...shared.filter((f) => sharedFor(code, f.url)),
    ]
    const manifest: OfflineManifest = {
      locale: code,
      generatedAt,
      pages: own.filter((f) => f.url.endsWith('index.html')).length,
      bytes: files.reduce((sum, f) => sum + f.bytes, 0),
      files: files.map((f) => f.url).sort(),
    }
    replaceFile(path.join(outDir, code, 'offline.json'), JSON.stringify(manifest))
    result[code] = manifest
  }
  return result
}

/**
 * The same manifests for a release made from the live one (the incremental publisher): each
 * live manifest with the files that changed (`written`, `removed`, relative to the release:
 * pages, search bundle files; new shared scripts go into every locale's), so only those are
 * looked at, not the 60,000 files of a large release. Equal to what `writeOfflineManifests`
 * gives for the new release (tests/site/incremental.test.ts).
 */
export function updateOfflineManifests(liveDir: string, outDir: string, generatedAt: string, changes: { written: string[]; removed: string[] }): void {
  const size = (root: string, url: string) => statSync(path.join(root, url)).size
  for (const code of localeCodes) {
    const manifest = JSON.parse(readFileSync(path.join(liveDir, code, 'offline.json'), 'utf8')) as OfflineManifest
    const files = new Set(manifest.files)
    let { bytes, pages } = manifest
    const drop = (url: string, file: string) => {
      if (!files.delete(url)) return
      bytes -= size(liveDir, file)
      if (file.endsWith('index.html')) pages--
    }
    // The locale's own folder and its search bundle.
    const isOwn = (relative: string) => relative.startsWith(`${code}/`) || relative.startsWith(`pagefind/${code}/`)
    for (const relative of changes.removed) {
      const url = listedAs(`/${relative}`)
      if (url !== null && isOwn(relative)) drop(url, `/${relative}`)
    }
    for (const relative of changes.written) {
      const file = `/${relative}`
      const own = isOwn(relative)
      const url = own ? listedAs(file) : relative.startsWith('_astro/') && sharedFor(code, file) ? file : null
      if (url === null) continue
      if (existsSync(path.join(liveDir, file))) drop(url, file)
      files.add(url)
      bytes += size(outDir, file)
      if (own && file.endsWith('index.html')) pages++
    }
    const updated: OfflineManifest = { locale: code, generatedAt, pages, bytes, files: [...files].sort() }
    replaceFile(path.join(outDir, code, 'offline.json'), JSON.stringify(updated))
  }
}
