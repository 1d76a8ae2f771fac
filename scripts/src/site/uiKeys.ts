import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { uiKeyDescriptions, type UiKey } from '@lotse/translations/ui'

/**
 * Which UI keys the site's code uses: literal keys (`t('offer.cost')`) and key families built
 * at run time (`t(\`status.${m.status}\`)` uses every `status.*` key). A key neither way is
 * unused: a translator would be translating text nobody sees.
 */
export function usedUiKeys(siteSrc: string): { used: Set<UiKey>; unknown: string[] } {
  const known = Object.keys(uiKeyDescriptions) as UiKey[]
  const used = new Set<UiKey>()
  const unknown: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (/\.(astro|ts)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
        const source = readFileSync(full, 'utf8')
        for (const m of source.matchAll(/\bt\(\s*'([a-zA-Z]+\.[a-zA-Z_]+)'/g)) {
          if (!known.includes(m[1] as UiKey)) unknown.push(`${path.relative(siteSrc, full)}: ${m[1]}`)
        }
        // Keys kept in tables (menus) and passed to t() later count as used too.
        for (const m of source.matchAll(/'([a-zA-Z]+\.[a-zA-Z_]+)'/g)) if (known.includes(m[1] as UiKey)) used.add(m[1] as UiKey)
        for (const m of source.matchAll(/\bt\(\s*`([a-zA-Z]+)\.\$\{/g)) for (const key of known) if (key.startsWith(`${m[1]}.`)) used.add(key)
      }
    }
  }
  walk(siteSrc)
  return { used, unknown }
}

export function unusedUiKeys(siteSrc: string): UiKey[] {
  const { used } = usedUiKeys(siteSrc)
  return (Object.keys(uiKeyDescriptions) as UiKey[]).filter((k) => !used.has(k))
}
