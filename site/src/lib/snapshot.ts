import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { SnapshotSchema, type Snapshot } from '@lotse/content-schemas'

/**
 * The site is built from the export snapshot only (`npm run export` writes it), never from
 * the CMS directly: what passed the zod contract is all the site can show.
 */
export function snapshotDir(): string {
  return path.resolve(process.env.LOTSE_SNAPSHOT_DIR ?? path.join(process.cwd(), '..', 'data', 'export'))
}

/**
 * The snapshot read last, by its folder: a build reads it once (and asks for it on every page,
 * so the check is a string comparison, not a file-system call); the renderer that stays warm
 * between previews (scripts/src/site/renderer.ts) points `LOTSE_SNAPSHOT_DIR` at a folder of
 * its own for each request and gets that one.
 */
let cached: { dir: string; snapshot: Snapshot } | undefined

export function loadSnapshot(): Snapshot {
  const dir = snapshotDir()
  if (cached?.dir === dir) return cached.snapshot
  const file = path.join(dir, 'snapshot.json')
  if (!existsSync(file)) throw new Error(`No content snapshot at ${file}. Run "npm run export" first, or set LOTSE_SNAPSHOT_DIR.`)
  const parsed = SnapshotSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`The content snapshot ${file} does not match the contract at "${issue?.path.join('.')}": ${issue?.message}`)
  }
  cached = { dir, snapshot: parsed.data }
  return parsed.data
}

/**
 * "Now" for everything date-dependent (upcoming events, overdue measures). Tests freeze it
 * with `LOTSE_NOW`; a daily rebuild keeps the live site true.
 */
export function buildTime(): Date {
  const fixed = process.env.LOTSE_NOW
  if (fixed) {
    const d = new Date(fixed)
    if (Number.isNaN(d.getTime())) throw new Error(`LOTSE_NOW is not a date: "${fixed}"`)
    return d
  }
  return new Date()
}
