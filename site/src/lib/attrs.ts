import type { Shown } from './text'

/** `lang`, `dir` and `data-translation-state` of a block, to spread on its element. */
export function blockAttrs(shown: Pick<Shown<unknown>, 'lang' | 'dir' | 'state'> | null): Record<string, string> {
  if (!shown) return {}
  return { lang: shown.lang, dir: shown.dir, 'data-translation-state': shown.state }
}

/** JSON for a `<script type="application/ld+json">`: `<` escaped so no text can end the script. */
export const jsonLd = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c')
