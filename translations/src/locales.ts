/**
 * The one locale table. The CMS localization config, the site's routes, `<html lang dir>`,
 * the language switcher, the fonts and the search setup all read it: adding a language is one
 * row here plus one UI-strings file.
 *
 * Order matters: it is the order of the language chooser and of the CMS locale menu. German is
 * first because it is the source language every text is written in.
 */
export const locales = [
  {
    code: 'de',
    endonym: 'Deutsch',
    englishName: 'German',
    germanName: 'Deutsch',
    dir: 'ltr',
    script: 'Latn',
    font: null,
    fallback: [],
  },
  {
    code: 'de-x-ls',
    endonym: 'Leichte Sprache',
    englishName: 'Easy-to-read German (Leichte Sprache)',
    germanName: 'Leichte Sprache',
    dir: 'ltr',
    script: 'Latn',
    font: null,
    fallback: ['de'],
  },
  {
    code: 'en',
    endonym: 'English',
    englishName: 'English',
    germanName: 'Englisch',
    dir: 'ltr',
    script: 'Latn',
    font: null,
    fallback: ['de'],
  },
  {
    code: 'ar',
    endonym: 'العربية',
    englishName: 'Arabic',
    germanName: 'Arabisch',
    dir: 'rtl',
    script: 'Arab',
    font: 'noto-sans-arabic',
    fallback: ['de'],
  },
  {
    code: 'fa',
    endonym: 'فارسی',
    englishName: 'Persian',
    germanName: 'Persisch (Farsi/Dari)',
    dir: 'rtl',
    script: 'Arab',
    font: 'noto-sans-arabic',
    fallback: ['de'],
  },
  {
    code: 'ps',
    endonym: 'پښتو',
    englishName: 'Pashto',
    germanName: 'Paschtu',
    dir: 'rtl',
    script: 'Arab',
    font: 'noto-sans-arabic',
    fallback: ['de'],
  },
  {
    code: 'ku',
    endonym: 'Kurmancî',
    englishName: 'Kurdish (Kurmanji)',
    germanName: 'Kurdisch (Kurmandschi)',
    dir: 'ltr',
    script: 'Latn',
    font: null,
    fallback: ['de'],
  },
  {
    code: 'ti',
    endonym: 'ትግርኛ',
    englishName: 'Tigrinya',
    germanName: 'Tigrinya',
    dir: 'ltr',
    script: 'Ethi',
    font: 'noto-sans-ethiopic',
    fallback: ['de'],
  },
  {
    code: 'uk',
    endonym: 'Українська',
    englishName: 'Ukrainian',
    germanName: 'Ukrainisch',
    dir: 'ltr',
    script: 'Cyrl',
    font: null,
    fallback: ['de'],
  },
  {
    code: 'ru',
    endonym: 'Русский',
    englishName: 'Russian',
    germanName: 'Russisch',
    dir: 'ltr',
    script: 'Cyrl',
    font: null,
    fallback: ['de'],
  },
  {
    code: 'tr',
    endonym: 'Türkçe',
    englishName: 'Turkish',
    germanName: 'Türkisch',
    dir: 'ltr',
    script: 'Latn',
    font: null,
    fallback: ['de'],
  },
  {
    code: 'pl',
    endonym: 'Polski',
    englishName: 'Polish',
    germanName: 'Polnisch',
    dir: 'ltr',
    script: 'Latn',
    font: null,
    fallback: ['de'],
  },
  {
    code: 'ro',
    endonym: 'Română',
    englishName: 'Romanian',
    germanName: 'Rumänisch',
    dir: 'ltr',
    script: 'Latn',
    font: null,
    fallback: ['de'],
  },
] as const satisfies readonly LocaleDefinition[]

/** One row of the locale table. */
export interface LocaleDefinition {
  /** BCP 47 code; used in URLs (`/ar/…`), as the CMS locale and in `<html lang>`. */
  code: string
  /** The language's name in itself, as the language chooser shows it. */
  endonym: string
  englishName: string
  /** Name for the German-speaking editors in the CMS. */
  germanName: string
  /** Writing direction; set once on `<html dir>`, the CSS uses logical properties only. */
  dir: 'ltr' | 'rtl'
  /** ISO 15924 script. */
  script: 'Latn' | 'Arab' | 'Ethi' | 'Cyrl'
  /**
   * The self-hosted font (an @fontsource package) the site serves for this script, or `null`
   * where every phone's system font is enough (Latin, Cyrillic).
   */
  font: 'noto-sans-arabic' | 'noto-sans-ethiopic' | null
  /** Where to look when a text is missing in this locale, in order (German is the source). */
  fallback: readonly string[]
}

export type Locale = (typeof locales)[number]
export type LocaleCode = Locale['code']

/** The source locale every document is written in first. */
export const defaultLocale = 'de' satisfies LocaleCode

export const localeCodes = locales.map((l) => l.code) as LocaleCode[]

const byCode = new Map<string, Locale>(locales.map((l) => [l.code, l]))

export function isLocaleCode(code: unknown): code is LocaleCode {
  return typeof code === 'string' && byCode.has(code)
}

/** Looks a locale up by code; throws with the known codes listed, since a typo here is a bug. */
export function getLocale(code: string): Locale {
  const locale = byCode.get(code)
  if (!locale) {
    throw new Error(`Unknown locale "${code}". Known locales: ${localeCodes.join(', ')}`)
  }
  return locale
}
