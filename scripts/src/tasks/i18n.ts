import path from 'node:path'

import { checkUiStrings } from '@lotse/translations/ui'

import { root } from '../lib/paths'
import { unusedUiKeys, usedUiKeys } from '../site/uiKeys'

/**
 * `npm run i18n:check`: reports UI strings missing in any locale (or with broken
 * placeholders), keys the site uses that no file defines, and keys nothing uses. Exits with
 * an error when anything is found, so CI can run it too.
 */
export async function i18nCheck(): Promise<void> {
  const siteSrc = path.join(root, 'site', 'src')
  const missing = checkUiStrings()
  const { unknown } = usedUiKeys(siteSrc)
  const unused = unusedUiKeys(siteSrc)
  const report = [
    ...missing.map((p) => `missing: ${p}`),
    ...unknown.map((p) => `undefined key used in ${p}`),
    ...unused.map((k) => `unused: "${k}" (in keys.json and every locale file, but no page uses it)`),
  ]
  if (report.length === 0) {
    console.log('[lotse] UI strings: every key exists in every locale, and every key is used.')
    return
  }
  console.log(report.join('\n'))
  throw new Error(`${report.length} UI string problems`)
}
