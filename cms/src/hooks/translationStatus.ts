import type { CollectionBeforeChangeHook, Field } from 'payload'

import { readTranslationRecord } from '@lotse/content-schemas'
import { defaultLocale } from '@lotse/translations'

/** Paths of all localized fields, walking into layout fields and non-localized groups. */
export function localizedPaths(fields: Field[], prefix = ''): string[] {
  const out: string[] = []
  for (const field of fields) {
    if (field.type === 'tabs') {
      for (const tab of field.tabs) out.push(...localizedPaths(tab.fields, 'name' in tab && tab.name ? `${prefix}${tab.name}.` : prefix))
      continue
    }
    if (field.type === 'row' || field.type === 'collapsible') {
      out.push(...localizedPaths(field.fields, prefix))
      continue
    }
    if (!('name' in field)) continue
    if ('localized' in field && field.localized) out.push(`${prefix}${field.name}`)
    else if (field.type === 'group') out.push(...localizedPaths(field.fields, `${prefix}${field.name}.`))
  }
  return out
}

function get(doc: unknown, path: string): unknown {
  let value = doc
  for (const part of path.split('.')) value = (value as Record<string, unknown> | null | undefined)?.[part]
  return value
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/** Context flag set by the machine-translation job: the text it writes is `machine`. */
export const MACHINE_TRANSLATION_CONTEXT = 'lotseMachineTranslation'

/**
 * Keeps the translation record of a document true on every save:
 * - a German edit that changes localized text marks the source changed (so every translation
 *   becomes outdated), unless the editor ticked "minor change";
 * - an edit in another locale records that translation as current, written by a person, or by
 *   machine when the machine-translation job saves it; "translation reviewed" confirms a
 *   translation without changing its text.
 * Whatever the request sent as `translationStatus` is ignored.
 */
export const trackTranslationStatus: CollectionBeforeChangeHook = ({ data, originalDoc, req, operation, collection, context }) => {
  const record = readTranslationRecord((originalDoc as Record<string, unknown> | undefined)?.translationStatus)
  const locale = typeof req.locale === 'string' ? req.locale : defaultLocale
  const now = new Date().toISOString()
  const paths = localizedPaths(collection.fields)
  const changed = paths.some((path) => {
    const incoming = get(data, path)
    return incoming !== undefined && !same(incoming, get(originalDoc, path))
  })

  if (locale === 'all') {
    // Writing every locale at once (imports): treat as a fresh source with its translations.
    if (changed) record.sourceChangedAt = now
  } else if (locale === defaultLocale) {
    if ((changed || operation === 'create') && data.minorChange !== true) record.sourceChangedAt = now
  } else if (changed || data.markReviewed === true) {
    const machine = context?.[MACHINE_TRANSLATION_CONTEXT] === true && data.markReviewed !== true
    record.locales[locale] = { kind: machine ? 'machine' : 'human', basedOn: record.sourceChangedAt ?? now, updatedAt: now }
  }
  return { ...data, translationStatus: record, minorChange: undefined, markReviewed: undefined }
}
