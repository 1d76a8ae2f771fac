import type { TranslationState } from './common'

/**
 * How a document's translations stand, derived from its edit history rather than typed by
 * hand. The CMS records, on every save:
 * - `sourceChangedAt`: when the German source last changed in a way that affects translations
 *   (an editor can tick "minor change" to say it does not);
 * - per locale, when its text was last written, by whom (a person or machine translation),
 *   and which German state it was based on.
 */
export interface TranslationRecord {
  sourceChangedAt: string | null
  locales: Partial<Record<string, LocaleRecord>>
}

export interface LocaleRecord {
  /** `human`: written or reviewed by a person; `machine`: machine translation, not reviewed. */
  kind: 'human' | 'machine'
  /** The `sourceChangedAt` the translation was made against. */
  basedOn: string | null
  updatedAt: string
}

export const emptyTranslationRecord = (): TranslationRecord => ({ sourceChangedAt: null, locales: {} })

/** Reads a stored record defensively: old documents have none, JSON columns may hold anything. */
export function readTranslationRecord(value: unknown): TranslationRecord {
  if (!value || typeof value !== 'object') return emptyTranslationRecord()
  const v = value as Partial<TranslationRecord>
  return {
    sourceChangedAt: typeof v.sourceChangedAt === 'string' ? v.sourceChangedAt : null,
    locales: v.locales && typeof v.locales === 'object' ? v.locales : {},
  }
}

/**
 * The state of one locale. `hasText` says whether the locale has any text of its own (a
 * locale without text is missing, whatever the record says: its text was deleted).
 */
export function translationState(record: TranslationRecord, locale: string, hasText: boolean, sourceLocale = 'de'): TranslationState | null {
  if (locale === sourceLocale) return 'original'
  if (!hasText) return null
  const entry = record.locales[locale]
  // Text without a record predates tracking; it was written by a person.
  if (!entry) return 'reviewed'
  if (record.sourceChangedAt && (!entry.basedOn || entry.basedOn < record.sourceChangedAt)) return 'outdated'
  return entry.kind === 'machine' ? 'machine' : 'reviewed'
}
