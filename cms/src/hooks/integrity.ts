/**
 * Client mistakes answered as client mistakes. Without these checks a relation to a document
 * that does not exist (`"municipality": 999`) failed at the database's foreign key, and array
 * rows sent with ids that belong to another document failed at its unique key: both answered
 * `500 An unknown error occurred`. Here they are 400 with the field named, like every other
 * validation, and on draft saves too (Payload skips field `validate` for drafts, hooks run).
 */
import type { CollectionBeforeChangeHook, CollectionSlug, Field, PayloadRequest, Where } from 'payload'
import { ValidationError } from 'payload'

import { message } from '../i18n/messages'

type Data = Record<string, unknown>
interface Reference {
  path: string
  collection: string
  id: unknown
}
interface RowIds {
  /** Query path of the array's row ids, e.g. `schedule.id`. */
  query: string
  path: string
  ids: { id: string; path: string }[]
}

/** A relation value's target, whichever shape it arrives in (ID, populated doc, polymorphic). */
function targets(field: Field & { relationTo: string | string[] }, value: unknown): { collection: string; id: unknown }[] {
  const one = (v: unknown): { collection: string; id: unknown } | null => {
    if (v == null || v === '') return null
    if (Array.isArray(field.relationTo)) {
      const poly = v as { relationTo?: string; value?: unknown }
      const id = poly.value && typeof poly.value === 'object' ? (poly.value as { id?: unknown }).id : poly.value
      return poly.relationTo ? { collection: poly.relationTo, id } : null
    }
    const id = typeof v === 'object' ? (v as { id?: unknown }).id : v
    return { collection: field.relationTo as string, id }
  }
  return (Array.isArray(value) ? value : [value]).map(one).filter((t): t is { collection: string; id: unknown } => t !== null && t.id != null)
}

/** Walks the incoming data along the field config: relations to check, array row ids to check. */
function collect(fields: Field[], data: unknown, path: string, query: string, refs: Reference[], rows: RowIds[]): void {
  if (!data || typeof data !== 'object') return
  const record = data as Data
  for (const field of fields) {
    if (field.type === 'row' || field.type === 'collapsible') {
      collect(field.fields, data, path, query, refs, rows)
      continue
    }
    if (field.type === 'tabs') {
      for (const tab of field.tabs) {
        if ('name' in tab && tab.name) collect(tab.fields, record[tab.name], `${path}${tab.name}.`, `${query}${tab.name}.`, refs, rows)
        else collect(tab.fields, data, path, query, refs, rows)
      }
      continue
    }
    if (!('name' in field) || !(field.name in record)) continue
    const value = record[field.name]
    const here = `${path}${field.name}`
    if (field.type === 'relationship' || field.type === 'upload') {
      for (const t of targets(field, value)) refs.push({ path: here, ...t })
    } else if (field.type === 'group') {
      collect(field.fields, value, `${here}.`, `${query}${field.name}.`, refs, rows)
    } else if (field.type === 'array' && Array.isArray(value)) {
      const ids: RowIds['ids'] = []
      value.forEach((row, i) => {
        const id = (row as Data | null)?.id
        if (typeof id === 'string' && id !== '') ids.push({ id, path: `${here}.${i}.id` })
        // Rows of nested arrays are checked by their own path; no cross-row query exists for them.
        collect(field.fields, row, `${here}.${i}.`, `${query}${field.name}.`, refs, [])
      })
      if (ids.length > 0) rows.push({ query: `${query}${field.name}.id`, path: here, ids })
    }
  }
}

const label = (path: string) => ({ de: path, en: path })

/** Whether an ID has the shape of the database's IDs (a number on SQLite, an ObjectId on MongoDB). */
function plausibleId(req: PayloadRequest, id: unknown): boolean {
  if (req.payload.db.defaultIDType === 'number') return (typeof id === 'number' && Number.isInteger(id)) || (typeof id === 'string' && /^\d+$/.test(id))
  return typeof id === 'string' && /^[0-9a-f]{24}$/i.test(id)
}

/**
 * beforeChange for every collection: refuses relations to documents that do not exist and array
 * rows whose ids belong to another document (or repeat), naming each field. Reads with
 * `overrideAccess` (the question is whether the document exists, not whether the editor may
 * read it; that the answer differs for a draft she cannot see tells nothing, as ids are numbers).
 */
export const checkReferences: CollectionBeforeChangeHook = async ({ data, originalDoc, req, collection }) => {
  const refs: Reference[] = []
  const rows: RowIds[] = []
  collect(collection.fields, data, '', '', refs, rows)
  const errors: { path: string; message: string }[] = []

  const byCollection = new Map<string, Reference[]>()
  for (const ref of refs) {
    if (!plausibleId(req, ref.id) || !req.payload.collections[ref.collection as CollectionSlug]) {
      errors.push({ path: ref.path, message: message(req, 'relationNotFound', label(ref.path), { id: String(ref.id) }) })
      continue
    }
    byCollection.set(ref.collection, [...(byCollection.get(ref.collection) ?? []), ref])
  }
  for (const [slug, list] of byCollection) {
    const ids = [...new Set(list.map((r) => String(r.id)))]
    const found = await req.payload.find({ collection: slug as CollectionSlug, where: { id: { in: ids } }, depth: 0, limit: 0, pagination: false, select: {}, overrideAccess: true, req })
    const existing = new Set(found.docs.map((d) => String(d.id)))
    for (const ref of list) if (!existing.has(String(ref.id))) errors.push({ path: ref.path, message: message(req, 'relationNotFound', label(ref.path), { id: String(ref.id) }) })
  }

  for (const row of rows) {
    const seen = new Set<string>()
    for (const { id, path } of row.ids) {
      if (seen.has(id)) errors.push({ path, message: message(req, 'rowIdDuplicate', label(row.path), { id }) })
      seen.add(id)
    }
    const own = originalDoc?.id
    const where: Where = { and: [{ [row.query]: { in: [...seen] } }, ...(own != null ? [{ id: { not_equals: own } }] : [])] }
    const taken = await req.payload.find({ collection: collection.slug as CollectionSlug, where, depth: 0, limit: 0, pagination: false, overrideAccess: true, req })
    const takenIds = new Set<string>()
    for (const doc of taken.docs) collectRowIds(doc as unknown as Data, row.query.split('.'), takenIds)
    for (const { id, path } of row.ids) if (takenIds.has(id)) errors.push({ path, message: message(req, 'rowIdTaken', label(row.path), { id }) })
  }

  if (errors.length > 0) throw new ValidationError({ collection: collection.slug, errors })
  return data
}

/** The row ids at `parts` (e.g. `['schedule', 'id']`) of a document, through groups and arrays. */
function collectRowIds(value: unknown, parts: string[], out: Set<string>): void {
  if (value == null) return
  if (Array.isArray(value)) {
    for (const v of value) collectRowIds(v, parts, out)
    return
  }
  const [head, ...rest] = parts
  if (!head) return
  const next = (value as Data)[head]
  if (rest.length === 0) {
    if (typeof next === 'string') out.add(next)
    return
  }
  collectRowIds(next, rest, out)
}
