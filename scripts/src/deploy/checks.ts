import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { isPagedCollection, PAGE_SEGMENTS } from '@lotse/content-schemas'
import { localeCodes } from '@lotse/translations'

import type { ReleaseExpectations } from '@lotse/cms/publish/protocol'
import { turns } from '../lib/turns'
import { isPage } from '../site/linkcheck'
import { SHARDS_FILE, shardDir } from '../site/pagefind'

export type { ReleaseExpectations }

/** Every file below `dir` (one listing of the tree, not a stat per file: a release at 1,000 offers has 77,000). */
const files = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))

/**
 * The texts that must appear in no file of a release (contacts' internal notes); those under 8
 * characters are left out, as they would match ordinary words.
 */
export const internalNotes = (expect: ReleaseExpectations): string[] => expect.secrets.filter((s) => s.trim().length >= 8)

/**
 * Checks a built release before it goes live; returns the problems in plain words (empty when
 * it may go live): every locale has its home page and its search index, the triggering
 * document's page exists, no draft has a page, and no internal note appears in any file but the
 * pages (of `changedFiles` when given: the files an incremental publish wrote). The pages are
 * searched by the page checks, which read every page anyway (`checkPages` of site/linkcheck.ts,
 * given `internalNotes`): both run on every release.
 */
export async function checkRelease(dir: string, expect: ReleaseExpectations, changedFiles?: string[]): Promise<string[]> {
  const problems: string[] = []
  for (const code of localeCodes) {
    if (!existsSync(path.join(dir, code, 'index.html'))) problems.push(`the ${code} home page is missing (/${code}/)`)
  }
  for (const code of localeCodes) {
    const bundle = path.join(dir, 'pagefind', code)
    const list = path.join(bundle, SHARDS_FILE)
    const shards = existsSync(list) ? (JSON.parse(readFileSync(list, 'utf8')) as { shards: number }).shards : 0
    if (!(shards >= 1)) problems.push(`the ${code} search index is missing (/pagefind/${code}/${SHARDS_FILE})`)
    for (let shard = 0; shard < shards; shard++) {
      const entry = path.join(shardDir(bundle, shard), 'pagefind-entry.json')
      if (!existsSync(entry)) problems.push(`the ${code} search index is missing (/pagefind/${code}/, shard ${shard})`)
      else if (!Object.keys((JSON.parse(readFileSync(entry, 'utf8')) as { languages?: Record<string, unknown> }).languages ?? {}).length)
        problems.push(`the ${code} search index is empty (shard ${shard})`)
    }
  }
  const page = (d: { collection: string; slug: string }) => (isPagedCollection(d.collection) ? path.join(dir, 'de', PAGE_SEGMENTS[d.collection], d.slug, 'index.html') : null)
  for (const doc of expect.mustExist) {
    const file = page(doc)
    if (file && !existsSync(file)) problems.push(`the page of the published ${doc.collection} "${doc.slug}" is missing`)
  }
  for (const doc of expect.mustNotExist) {
    const file = page(doc)
    if (file && existsSync(file)) problems.push(`the unpublished ${doc.collection} "${doc.slug}" has a public page`)
  }
  // Searched for as UTF-8 bytes, the way every text file of the release is written: the files
  // are not decoded (which took as long as reading them).
  const secrets = internalNotes(expect).map((s) => Buffer.from(s, 'utf8'))
  if (secrets.length > 0) {
    // An incremental release: only its new files can carry a note the live one did not.
    const turn = turns()
    for (const file of changedFiles ?? files(dir)) {
      if (!/\.(html|json|xml|ics|txt|js)$/.test(file) || isPage(dir, file)) continue
      await turn()
      const bytes = readFileSync(file)
      const leaked = secrets.find((s) => bytes.includes(s))
      if (leaked) {
        problems.push(`an internal note appears in ${path.relative(dir, file)}`)
        break
      }
    }
  }
  return problems
}
