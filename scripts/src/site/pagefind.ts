import { readdirSync, rmSync } from 'node:fs'
import path from 'node:path'

import * as pagefind from 'pagefind'

import { type LocaleCode, localeCodes } from '@lotse/translations'

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
    await writeIndex(index, code, path.join(outDir, 'pagefind', code))
    pages[code] = added.page_count
    if (keep) keep.set(code, index)
    else await index.deleteIndex()
  }
  try {
    // One after the other: Pagefind's service already uses the cores; indexing two languages
    // at once measured slower (13.3 s instead of 8.8 s at 1,000 offers × 13 locales).
    for (const code of localeCodes) await indexLocale(code)
  } finally {
    // The publisher keeps its indexes, and with them Pagefind's service.
    if (!keep) await pagefind.close()
  }
  return pages
}

/** Indexes kept alive between publishes, one per locale (scripts/src/site/publisher.ts). */
export type SearchIndexes = Map<LocaleCode, pagefind.PagefindIndex>

/** A new, empty index of one locale's pages. */
export async function openIndex(code: LocaleCode): Promise<pagefind.PagefindIndex> {
  // Private-use variants (Leichte Sprache, de-x-ls) are searched with their base language's stemmer.
  const { index, errors } = await pagefind.createIndex({ forceLanguage: code.split('-x-')[0], rootSelector: 'html' })
  if (!index) throw new Error(`Pagefind could not start the ${code} index: ${errors.join('; ')}`)
  return index
}

/** Writes one locale's bundle into `bundleDir` (a fresh folder) without the parts the site does not use. */
export async function writeIndex(index: pagefind.PagefindIndex, code: string, bundleDir: string): Promise<void> {
  const written = await index.writeFiles({ outputPath: bundleDir })
  if (written.errors.length > 0) throw new Error(`Pagefind could not write the ${code} index: ${written.errors.join('; ')}`)
  pruneUnused(bundleDir)
}

/** Ends Pagefind's service (and every index kept in it). */
export const closeIndexes = () => pagefind.close()

/**
 * Pagefind also writes its ready-made UIs (about 430 KB per bundle) and, next to a language's
 * own stemming wasm, the generic one; the site uses its own small search script, so these
 * would only make the offline download bigger.
 */
function pruneUnused(bundleDir: string): void {
  const files = readdirSync(bundleDir)
  // Languages without a stemmer (fa, ps, ku, ti, uk …) search with the "unknown" wasm.
  const ownWasm = files.some((f) => /^wasm\.[a-z-]+\.pagefind$/.test(f) && f !== 'wasm.unknown.pagefind')
  for (const file of files) {
    if (/^pagefind-(component-ui|modular-ui|ui|highlight)\.(js|css)$/.test(file) || (ownWasm && file === 'wasm.unknown.pagefind')) rmSync(path.join(bundleDir, file))
  }
}
