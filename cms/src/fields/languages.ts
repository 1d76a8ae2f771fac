import type { SelectField } from 'payload'

import { spokenLanguages } from '@lotse/translations'

/**
 * Languages someone speaks or an offer is held in: the interpreter pool and the offer filter
 * ("in my language") search on this. Labels show the German name and the endonym, so an
 * editor can pick "Tigrinya – ትግርኛ" without knowing the ISO code.
 */
export function languagesField(name: string, label: { de: string; en: string }): SelectField {
  return {
    name,
    type: 'select',
    hasMany: true,
    label,
    options: spokenLanguages.map((l) => ({
      value: l.code,
      label: { de: `${l.germanName} – ${l.endonym}`, en: `${l.englishName} – ${l.endonym}` },
    })),
  }
}
