import { readdirSync, statSync } from 'node:fs'
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

/** The precompressed copies beside files (`.br`, `.gz`): the same file to a browser, never listed. */
const isCopy = (name: string) => ENCODINGS.some((e) => name.endsWith(e.suffix))

function walk(dir: string, base: string, out: { url: string; bytes: number }[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) walk(full, base, out)
    else if (!isCopy(entry.name)) out.push({ url: '/' + path.relative(base, full).split(path.sep).join('/'), bytes: statSync(full).size })
  }
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
    const locale = getLocale(code)
    const own: { url: string; bytes: number }[] = []
    walk(path.join(outDir, code), outDir, own)
    walk(path.join(outDir, 'pagefind', code), outDir, own)
    const files = [
      ...own.filter((f) => !/\/offline\.json$|\.ics$|\.xml$|\.webmanifest$/.test(f.url)).map((f) => ({ ...f, url: f.url.replace(/index\.html$/, '') })),
      // Shared assets, and of the fonts only the one the locale table names for this locale.
      ...shared.filter((f) => !f.url.startsWith('/fonts/') || (locale.font !== null && f.url.startsWith(`/fonts/${locale.font}-`))),
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
