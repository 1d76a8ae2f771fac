/**
 * Queries may not look through a relation into documents the asker may not read in full.
 * `GET /api/offers?where[contacts.email][like]=a` joins the contacts table: Payload checks the
 * field's own access, but not the related collection's read *rule*, so an anonymous reader
 * could learn, one guess at a time, the e-mail address of an unpublished contact (the rule
 * "published only" is a query Payload applies to the collection read, not to the join).
 *
 * The guard: every `where` and `sort` path is walked along the field config; at each
 * relationship or upload hop the related collection's read access is asked for this request,
 * and only an unconditional `true` lets the path continue. A conditional answer (a query such
 * as "published only", "own organization") refuses the path with 400, naming it.
 */
import type { CollectionBeforeOperationHook, CollectionSlug, Field, PayloadRequest, Where } from 'payload'
import { ValidationError } from 'payload'

import { message } from '../i18n/messages'

/** Field names of a level, with layout fields (rows, tabs without name) flattened. */
function fieldsByName(fields: Field[]): Map<string, Field> {
  const out = new Map<string, Field>()
  for (const field of fields) {
    if (field.type === 'row' || field.type === 'collapsible') for (const [k, v] of fieldsByName(field.fields)) out.set(k, v)
    else if (field.type === 'tabs') {
      for (const tab of field.tabs) {
        if ('name' in tab && tab.name) out.set(tab.name, { type: 'group', name: tab.name, fields: tab.fields } as Field)
        else for (const [k, v] of fieldsByName(tab.fields)) out.set(k, v)
      }
    } else if ('name' in field) out.set(field.name, field)
  }
  return out
}

/** Every path a `where` names (through `and`/`or`). */
function wherePaths(where: Where | undefined, out: string[] = []): string[] {
  if (!where || typeof where !== 'object') return out
  for (const [key, value] of Object.entries(where)) {
    if ((key === 'and' || key === 'or') && Array.isArray(value)) for (const w of value) wherePaths(w as Where, out)
    else out.push(key)
  }
  return out
}

function sortPaths(sort: unknown): string[] {
  const list = Array.isArray(sort) ? sort : typeof sort === 'string' ? sort.split(',') : []
  return list.map((s) => String(s).trim().replace(/^-/, '')).filter(Boolean)
}

async function mayReadAll(req: PayloadRequest, slug: string): Promise<boolean> {
  const collection = req.payload.collections[slug as CollectionSlug]
  const rule = collection?.config.access.read
  if (!rule) return false
  return (await rule({ req })) === true
}

/** The first relation hop of `path` (from `slug`) into a collection not fully readable, if any. */
async function forbiddenHop(req: PayloadRequest, slug: string, path: string): Promise<string | null> {
  let fields = req.payload.collections[slug as CollectionSlug]?.config.fields ?? []
  const parts = path.split('.')
  for (let i = 0; i < parts.length - 1; i++) {
    const field = fieldsByName(fields).get(parts[i]!)
    if (!field) return null // Payload itself refuses unknown paths
    if (field.type === 'relationship' || field.type === 'upload') {
      const targets = Array.isArray(field.relationTo) ? field.relationTo : [field.relationTo]
      // `rel.id`, `rel.value`, `rel.relationTo` read nothing of the related document.
      const next = parts[i + 1]
      if (i + 2 === parts.length && (next === 'id' || next === 'value' || next === 'relationTo')) return null
      for (const target of targets) if (!(await mayReadAll(req, target))) return parts.slice(0, i + 2).join('.')
      if (targets.length !== 1) return parts.slice(0, i + 2).join('.')
      fields = req.payload.collections[targets[0] as CollectionSlug]?.config.fields ?? []
      continue
    }
    if (field.type === 'group' || field.type === 'array' || field.type === 'blocks') {
      fields = field.type === 'blocks' ? field.blocks.flatMap((b) => b.fields) : field.fields
      continue
    }
    return null
  }
  return null
}

/** beforeOperation for every collection: reads, counts and bulk writes with relation paths. */
export const guardRelationQueries: CollectionBeforeOperationHook = async ({ args, operation, req, collection }) => {
  if (!['read', 'count', 'update', 'delete'].includes(operation)) return args
  const a = args as { where?: Where; sort?: unknown }
  const paths = [...new Set([...wherePaths(a.where), ...sortPaths(a.sort)])].filter((p) => p.includes('.'))
  for (const path of paths) {
    const hop = await forbiddenHop(req, collection.slug, path)
    if (hop) {
      throw new ValidationError({ collection: collection.slug, errors: [{ path: 'where', message: message(req, 'relationQueryNotAllowed', { de: 'Abfrage', en: 'Query' }, { path }) }] })
    }
  }
  return args
}
