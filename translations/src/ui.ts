import ar from '../ui/ar.json'
import de from '../ui/de.json'
import deLs from '../ui/de-x-ls.json'
import en from '../ui/en.json'
import fa from '../ui/fa.json'
import keys from '../ui/keys.json'
import ku from '../ui/ku.json'
import pl from '../ui/pl.json'
import ps from '../ui/ps.json'
import ro from '../ui/ro.json'
import ru from '../ui/ru.json'
import ti from '../ui/ti.json'
import tr from '../ui/tr.json'
import uk from '../ui/uk.json'
import { localeCodes, type LocaleCode } from './locales'

/**
 * UI strings of the site, one JSON file per locale under `translations/ui/`, plus `keys.json`
 * with a description of every key for translators (where it appears, what the placeholders
 * are). German is the source; `de.json` defines the key set.
 */
export type UiKey = keyof typeof keys
export type UiStrings = Record<UiKey, string>

export const uiKeyDescriptions: Readonly<Record<UiKey, string>> = keys

const files: Record<LocaleCode, Record<string, unknown>> = { de, 'de-x-ls': deLs, en, ar, fa, ps, ku, ti, uk, ru, tr, pl, ro }

const placeholders = (text: string) =>
  [...text.matchAll(/\{\{(\w+)\}\}/g)]
    .map((m) => m[1])
    .sort()
    .join(',')

/**
 * Problems with the UI strings, in words a translator understands: a key missing or empty in
 * some locale, a key no description explains, a key the German file does not have, or a
 * placeholder that was renamed or dropped in translation. Empty means every string exists in
 * every locale; the site build refuses to run otherwise.
 */
export function checkUiStrings(locales: Partial<Record<LocaleCode, Record<string, unknown>>> = files): string[] {
  const problems: string[] = []
  const known = Object.keys(keys) as UiKey[]
  for (const key of Object.keys(de)) if (!(key in keys)) problems.push(`keys.json has no description for "${key}"`)
  for (const code of localeCodes) {
    const strings = locales[code] ?? {}
    for (const key of known) {
      const value = strings[key]
      if (typeof value !== 'string' || value.trim() === '') problems.push(`${code}.json: "${key}" is missing`)
      else if (placeholders(value) !== placeholders(de[key])) problems.push(`${code}.json: "${key}" must keep the placeholders of the German text (${placeholders(de[key]) || 'none'})`)
    }
    for (const key of Object.keys(strings)) if (!(key in keys)) problems.push(`${code}.json: "${key}" is not a known key (see keys.json)`)
  }
  return problems
}

/** The strings of one locale, after `checkUiStrings()` found nothing wrong. */
export function uiStrings(code: LocaleCode): UiStrings {
  return files[code] as UiStrings
}
