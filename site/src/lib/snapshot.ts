import { createHash } from 'node:crypto'
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
 * (`snapshot:freshness`). `raw` is the parsed snapshot itself, for working out values; `prints`
 * holds each document's fingerprint (a hash of its JSON text) by name, for the publisher to skip
 * the keys of unchanged documents (deps.ts, `partFingerprints`).
 */
let cached: { dir: string; snapshot: Snapshot; raw: Snapshot; byName: Map<string, Record<string, unknown>>; prints: Map<string, string> } | undefined

/** A document checked against its schema, its name (`offers/deutschkurs`) and its tracking proxy. */
interface Checked {
  doc: Record<string, unknown>
  name: string
  proxy: Record<string, unknown>
}

/**
 * The documents of the snapshot read last. A publish changes a few documents of thousands
 * (31 MB of JSON at 1,000 offers: 0.6–1.2 s to parse and check whole), so the next snapshot parses
 * and checks only the documents whose text is new and takes the others as they were: the same
 * text under the same schema gives the same document.
 */
let previous = new Map<string, Checked>()

function load(): NonNullable<typeof cached> {
  const dir = snapshotDir()
  if (cached?.dir === dir) return cached
  const file = path.join(dir, 'snapshot.json')
  if (!existsSync(file)) throw new Error(`No content snapshot at ${file}. Run "npm run export" first, or set LOTSE_SNAPSHOT_DIR.`)
  const bytes = readFileSync(file)
  const fail = (at: PropertyKey[], message: string): never => {
    throw new Error(`The content snapshot ${file} does not match the contract at "${at.join('.')}": ${message}`)
  }
  const split = splitDocuments(bytes)
  const parsed = SnapshotSchema.safeParse(JSON.parse(split?.skeleton ?? bytes.toString('utf8')))
  if (!parsed.success) fail(parsed.error.issues[0]?.path ?? [], parsed.error.issues[0]?.message ?? 'invalid')
  const raw = parsed.data!
  const byName = new Map<string, Record<string, unknown>>()
  const prints = new Map<string, string>()
  const checked = new Map<string, Checked>()
  const lists: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(raw)) {
    if (!isDocumentList(key)) {
      lists[key] = value
      continue
    }
    const tracked = (doc: Record<string, unknown>): Checked => {
      const name = `${key}/${nameOf(key, doc)}`
      // Each field's key made once (a page reads a document's fields many times): a new string
      // on every read was hashed again by the set it went into (`note` 420 ms against 233 ms in
      // a CPU profile of one Astro process at 1,000 offers).
      const keys = new Map<string, string>()
      const proxy = new Proxy(doc, {
        get(target, field, receiver) {
          if (typeof field === 'string') {
            let noted = keys.get(field)
            if (noted === undefined) keys.set(field, (noted = `doc:${name}/${field}`))
            note(noted)
          }
          return Reflect.get(target, field, receiver)
        },
      })
      return { doc, name, proxy }
    }
    const docs: Checked[] = split
      ? split.lists.get(key)!.map((json, i) => {
          const print = createHash('sha1').update(key).update('\n').update(json).digest('base64url').slice(0, 16)
          let known = checked.get(print) ?? previous.get(print)
          if (!known) {
            const one = SnapshotSchema.shape[key].element.safeParse(JSON.parse(json.toString('utf8')))
            if (!one.success) fail([key, i, ...(one.error.issues[0]?.path ?? [])], one.error.issues[0]?.message ?? 'invalid')
            known = tracked(one.data as Record<string, unknown>)
          }
          checked.set(print, known)
          prints.set(known.name, print)
          return known
        })
      : (value as Record<string, unknown>[]).map(tracked)
    ;(raw as Record<string, unknown>)[key] = docs.map((d) => d.doc)
    for (const { doc, name } of docs) byName.set(name, doc)
    lists[key] = docs.map((d) => d.proxy)
  }
  previous = checked
  const snapshot = new Proxy(lists, {
    get(target, key, receiver) {
      if (typeof key === 'string') note(`snapshot:${key}`)
      return Reflect.get(target, key, receiver)
    },
  }) as Snapshot
  cached = { dir, snapshot, raw, byName, prints }
  return cached
}

// The bytes `splitDocuments` follows: " \ { } [ ] ,
const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_OBJECT = 0x7b
const CLOSE_OBJECT = 0x7d
const OPEN_ARRAY = 0x5b
const CLOSE_ARRAY = 0x5d
const COMMA = 0x2c

/**
 * The snapshot's JSON cut into the JSON of each document of each list (`DOCUMENT_LISTS`), and
 * the rest with those lists left empty (`skeleton`), for `load` to parse each on its own. Works
 * on the file's bytes (decoding 25 MB of UTF-8 whole takes 0.2 s; a publish decodes only the
 * documents it has not seen) and follows only strings and brackets: these are ASCII, which
 * never occurs inside a UTF-8 sequence; a quote inside a JSON string is escaped, a bracket there
 * is text. Returns null for JSON it cannot cut (a list holding anything but objects, a
 * malformed one): that is parsed whole, which reports what is wrong with it.
 */
export function splitDocuments(bytes: Buffer): { skeleton: string; lists: Map<DocumentList, Buffer[]> } | null {
  const lists = new Map<DocumentList, Buffer[]>()
  const skeleton: Buffer[] = []
  let depth = 0
  let key = ''
  let list: Buffer[] | null = null
  // In a list: whether a document or the list's end (after `[`), a comma or the end (after a document), a document (after a comma) comes next.
  let next: 'first' | 'separator' | 'document' = 'first'
  let copied = 0
  let start = 0
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]
    if (c === QUOTE) {
      if (list && depth === 2) return null
      // The string's end: the next quote not escaped.
      let end = i + 1
      for (let b = bytes[end]; b !== QUOTE; b = bytes[end]) {
        if (b === undefined) return null
        end += b === BACKSLASH ? 2 : 1
      }
      // At the top level the last string before a value is its member's name.
      if (depth === 1) key = bytes.toString('utf8', i + 1, end)
      i = end
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      depth++
      if (depth === 2 && c === OPEN_ARRAY && isDocumentList(key)) {
        // A name given twice: JSON.parse keeps the last, which the whole parse gets right.
        if (lists.has(key)) return null
        list = []
        lists.set(key, list)
        skeleton.push(bytes.subarray(copied, i + 1))
        next = 'first'
      } else if (list && depth === 3) {
        if (c !== OPEN_OBJECT || next === 'separator') return null
        start = i
      }
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (list && depth === 3) {
        list.push(bytes.subarray(start, i + 1))
        next = 'separator'
      } else if (list && depth === 2) {
        if (next === 'document') return null
        list = null
        copied = i
      }
      depth--
    } else if (list && depth === 2) {
      if (c === COMMA && next === 'separator') next = 'document'
      else if (!(c === 32 || c === 10 || c === 13 || c === 9)) return null
    }
  }
  if (depth !== 0 || list) return null
  skeleton.push(bytes.subarray(copied))
  return { skeleton: Buffer.concat(skeleton).toString('utf8'), lists }
}

export function loadSnapshot(): Snapshot {
  return load().snapshot
}

// `doc:offers/deutschkurs/title`: the field's hash, `-` when the document is gone. A key reads
// one document: while its text is unchanged, so are its fields.
const documentOf = (rest: string) => rest.slice(0, rest.lastIndexOf('/'))
registerKeyKind(
  'doc',
  (rest) => {
    const doc = load().byName.get(documentOf(rest))
    return doc ? hashOf(doc[rest.slice(rest.lastIndexOf('/') + 1)]) : '-'
  },
  { parts: { partOf: documentOf, prints: () => load().prints } },
)
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
