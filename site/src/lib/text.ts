import { getLocale, type LocaleCode } from '@lotse/translations'

/** What the reader is told about a block: its translation state as the site shows it. */
export type ShownState = 'original' | 'reviewed' | 'machine' | 'outdated' | 'fallback'

export interface Shown<T> {
  value: T
  /** The language the text is actually in (German when falling back). */
  lang: LocaleCode
  dir: 'ltr' | 'rtl'
  state: ShownState
  /** For outdated translations: since when the German text is newer. */
  sourceChangedAt: string | null
}

type Localized<T> = Record<LocaleCode, T | null>
type Translations = Record<LocaleCode, { state: 'original' | 'reviewed' | 'machine' | 'outdated'; updatedAt: string | null } | null>

/**
 * The value of a localized field for a reader of `locale`: the translation with its state, or
 * the German original marked as `fallback` (the page then says so and sets `lang="de"`).
 * Returns `null` only when there is no German text either.
 */
export function pick<T>(doc: { translations: Translations }, field: Localized<T>, locale: LocaleCode): Shown<T> | null {
  const own = field[locale]
  const sourceChangedAt = doc.translations.de?.updatedAt ?? null
  if (own != null && !isEmptyRich(own)) {
    const state: ShownState = locale === 'de' ? 'original' : (doc.translations[locale]?.state ?? 'reviewed')
    return { value: own, lang: locale, dir: getLocale(locale).dir, state: state === 'original' && locale !== 'de' ? 'reviewed' : state, sourceChangedAt }
  }
  const german = field.de
  if (german == null || isEmptyRich(german)) return null
  return { value: german, lang: 'de', dir: 'ltr', state: locale === 'de' ? 'original' : 'fallback', sourceChangedAt }
}

/** A short label (topic or municipality name): the reader's language, else German. */
export function label(field: Localized<string>, locale: LocaleCode): string {
  return field[locale] ?? field.de ?? ''
}

/** Plain text of a picked value, or an empty string. */
export const textOf = (shown: Shown<string> | null) => shown?.value ?? ''

function isEmptyRich(value: unknown): boolean {
  if (!value || typeof value !== 'object' || !('root' in value)) return false
  const children = (value as { root: { children?: { children?: unknown[] }[] } }).root.children ?? []
  return children.length === 0 || children.every((c) => (c.children ?? []).length === 0)
}
