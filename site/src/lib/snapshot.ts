import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { SnapshotSchema, type Snapshot } from '@lotse/content-schemas'

import { hashOf, note, registerKeyKind } from './deps'

/**
 * The site is built from the export snapshot only (`npm run export` writes it), never from
 * the CMS directly: what passed the zod contract is all the site can show.
 */
export function snapshotDir(): string {
  return path.resolve(process.env.LOTSE_SNAPSHOT_DIR ?? path.join(process.cwd(), '..', 'data', 'export'))
}

/** The snapshot's lists of documents, and the field that names a document in each (its URL segment or file name). */
const DOCUMENT_LISTS = {
  offers: 'slug',
  contacts: 'slug',
  events: 'slug',
  reports: 'slug',
  pages: 'slug',
  measures: 'slug',
  organizations: 'slug',
  municipalities: 'slug',
  topics: 'slug',
  media: 'filename',
} as const satisfies Partial<Record<keyof Snapshot, string>>
type DocumentList = keyof typeof DOCUMENT_LISTS

const isDocumentList = (key: string): key is DocumentList => Object.hasOwn(DOCUMENT_LISTS, key)
const nameOf = (list: DocumentList, doc: object): string => String((doc as Record<string, unknown>)[DOCUMENT_LISTS[list]])

/**
 * The snapshot read last, by its folder: a build reads it once (and asks for it on every page,
 * so the check is a string comparison, not a file-system call); the renderer that stays warm
 * between previews and publishes (scripts/src/site/renderer.ts) points `LOTSE_SNAPSHOT_DIR` at
 * a folder of its own for each snapshot and gets that one.
 *
 * What pages get is the tracked snapshot (see deps.ts): each document notes the fields a page
 * reads (`doc:offers/deutschkurs/title`), the snapshot the parts read as a whole
 * (`snapshot:freshness`). `raw` is the parsed snapshot itself, for working out values.
 */
let cached: { dir: string; snapshot: Snapshot; raw: Snapshot; byName: Map<string, Record<string, unknown>> } | undefined

function load(): NonNullable<typeof cached> {
  const dir = snapshotDir()
  if (cached?.dir === dir) return cached
  const file = path.join(dir, 'snapshot.json')
  if (!existsSync(file)) throw new Error(`No content snapshot at ${file}. Run "npm run export" first, or set LOTSE_SNAPSHOT_DIR.`)
  const parsed = SnapshotSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`The content snapshot ${file} does not match the contract at "${issue?.path.join('.')}": ${issue?.message}`)
  }
  const raw = parsed.data
  const byName = new Map<string, Record<string, unknown>>()
  const lists: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(raw)) {
    if (!isDocumentList(key)) {
      lists[key] = value
      continue
    }
    lists[key] = (value as object[]).map((doc) => {
      const name = `${key}/${nameOf(key, doc)}`
      byName.set(name, doc as Record<string, unknown>)
      return new Proxy(doc, {
        get(target, field, receiver) {
          if (typeof field === 'string') note(`doc:${name}/${field}`)
          return Reflect.get(target, field, receiver)
        },
      })
    })
  }
  const snapshot = new Proxy(lists, {
    get(target, key, receiver) {
      if (typeof key === 'string') note(`snapshot:${key}`)
      return Reflect.get(target, key, receiver)
    },
  }) as Snapshot
  cached = { dir, snapshot, raw, byName }
  return cached
}

export function loadSnapshot(): Snapshot {
  return load().snapshot
}

// `doc:offers/deutschkurs/title`: the field's hash, `-` when the document is gone.
registerKeyKind('doc', (rest) => {
  const cut = rest.lastIndexOf('/')
  const doc = load().byName.get(rest.slice(0, cut))
  return doc ? hashOf(doc[rest.slice(cut + 1)]) : '-'
})
// `snapshot:offers`: a list of documents is worth its names in order; anything else its hash.
registerKeyKind('snapshot', (key) => {
  const value = (load().raw as Record<string, unknown>)[key]
  return isDocumentList(key) ? (value as object[]).map((d) => nameOf(key, d)).join('\n') : hashOf(value)
})

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
