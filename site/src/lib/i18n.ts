import i18next from 'i18next'

import { getLocale, localeCodes, type Locale, type LocaleCode } from '@lotse/translations'
import { checkUiStrings, uiStrings, type UiKey } from '@lotse/translations/ui'

/**
 * UI strings through i18next, at build time only: pages ship plain HTML, no i18n runtime. The
 * build stops when a string is missing in any locale, so no reader meets a raw key.
 */
const problems = checkUiStrings()
if (problems.length > 0) throw new Error(`UI strings are incomplete:\n- ${problems.join('\n- ')}`)

const instance = i18next.createInstance()
void instance.init({
  resources: Object.fromEntries(localeCodes.map((code) => [code, { translation: uiStrings(code) }])),
  lng: 'de',
  fallbackLng: 'de',
  // Keys are flat ("offer.cost"); Astro escapes every expression, so i18next must not.
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
})

export type Translate = (key: UiKey, values?: Record<string, string | number>) => string

const translators = new Map<LocaleCode, Translate>()

/**
 * The UI strings of a locale. A string without values is looked up once: a full build asks
 * for them over a million times, and i18next's lookup took 6% of its rendering time.
 */
export function translator(locale: LocaleCode): Translate {
  let translate = translators.get(locale)
  if (!translate) {
    const t = instance.getFixedT(locale)
    const plain = new Map<UiKey, string>()
    translate = (key, values) => {
      if (values) return t(key, values)
      let text = plain.get(key)
      if (text === undefined) plain.set(key, (text = t(key, {})))
      return text
    }
    translators.set(locale, translate)
  }
  return translate
}

/** Everything a page needs about its locale. */
export interface PageLocale {
  code: LocaleCode
  locale: Locale
  dir: 'ltr' | 'rtl'
  t: Translate
}

export function pageLocale(code: string): PageLocale {
  const locale = getLocale(code)
  return { code: locale.code, locale, dir: locale.dir, t: translator(locale.code) }
}
