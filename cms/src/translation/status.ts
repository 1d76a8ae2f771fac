import type { CollectionSlug, Payload, PayloadRequest } from 'payload'

import { readTranslationRecord, type TranslationState, translationState } from '@lotse/content-schemas'
import { defaultLocale, localeCodes } from '@lotse/translations'

import { localizedPaths } from '../hooks/translationStatus'
import { TRANSLATABLE } from './job'

/** A locale's state as editors see it: a translation state, or `missing`. */
export type EditorState = TranslationState | 'missing'

type Json = Record<string, unknown>

function get(doc: unknown, path: string): unknown {
  let value = doc
  for (const part of path.split('.')) value = (value as Json | null | undefined)?.[part]
  return value
}

/**
 * Whether a document read with `locale: 'all'` has text of its own in a locale: in any of the
 * collection's localized fields (`localizedPaths` of its config). The one rule of what a
 * "missing" translation is, for the admin (here) and for the export (the readers' notices).
 */
export function hasTextIn(doc: Json, paths: string[], code: string): boolean {
  return paths.some((p) => {
    const v = (get(doc, p) as Json | null | undefined)?.[code]
    return v != null && v !== ''
  })
}

/** The localized field paths of a collection, from its config. */
export const localizedPathsOf = (payload: Payload, collection: CollectionSlug) => localizedPaths(payload.collections[collection]!.config.fields)

/** The state of every locale of a document read with `locale: 'all'`. */
export function statesOf(payload: Payload, collection: CollectionSlug, doc: Json): Record<string, EditorState> {
  const record = readTranslationRecord(doc.translationStatus)
  const paths = localizedPathsOf(payload, collection)
  return Object.fromEntries(localeCodes.map((code) => [code, translationState(record, code, hasTextIn(doc, paths, code), defaultLocale) ?? 'missing']))
}

export interface OverviewRow {
  collection: CollectionSlug
  id: number | string
  title: string
  states: Record<string, EditorState>
}

export interface Overview {
  rows: OverviewRow[]
  /** Per locale: how many documents are in each state (of the rows shown). */
  counts: Record<string, Record<EditorState, number>>
}

const titleOf = (doc: Json): string => {
  const t = (doc.title ?? doc.name) as unknown
  if (typeof t === 'string') return t
  if (t && typeof t === 'object') return String((t as Json)[defaultLocale] ?? '')
  return String(doc.slug ?? doc.id)
}

/**
 * The translation overview: documents × locales, filtered by collection, locale and state,
 * with counts per locale. Read with the user's own access (`overrideAccess: false`), so an
 * editor sees the documents she may see.
 */
export async function translationOverview(req: PayloadRequest, filters: { collection?: string; locale?: string; state?: string } = {}): Promise<Overview> {
  const collections = (TRANSLATABLE as readonly string[]).includes(filters.collection ?? '') ? [filters.collection as CollectionSlug] : [...TRANSLATABLE]
  const rows: OverviewRow[] = []
  for (const collection of collections) {
    const { docs } = await req.payload.find({
      collection,
      locale: 'all',
      depth: 0,
      limit: 0,
      pagination: false,
      draft: true,
      overrideAccess: false,
      user: req.user,
      req,
    })
    for (const doc of docs as unknown as Json[]) {
      rows.push({ collection, id: doc.id as number | string, title: titleOf(doc), states: statesOf(req.payload, collection, doc) })
    }
  }
  const filtered = rows.filter((row) => {
    if (!filters.state) return true
    const locales = filters.locale ? [filters.locale] : localeCodes.filter((c) => c !== defaultLocale)
    return locales.some((code) => row.states[code] === filters.state)
  })
  const counts: Overview['counts'] = {}
  for (const code of localeCodes) {
    counts[code] = { original: 0, reviewed: 0, machine: 0, outdated: 0, missing: 0 }
    for (const row of filtered) counts[code]![row.states[code] ?? 'missing'] += 1
  }
  return { rows: filtered, counts }
}
