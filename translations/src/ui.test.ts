import { describe, expect, it } from 'vitest'

import { localeCodes } from './locales'
import { checkUiStrings, uiKeyDescriptions, uiStrings } from './ui'

describe('UI strings', () => {
  it('exist in every locale, with a description for translators and the German placeholders', () => {
    expect(checkUiStrings()).toEqual([])
    for (const [key, description] of Object.entries(uiKeyDescriptions)) expect(description.length, key).toBeGreaterThan(10)
  })

  it('names a missing string, a renamed placeholder and an unknown key', () => {
    const files = Object.fromEntries(localeCodes.map((c) => [c, { ...uiStrings(c) }]))
    delete (files.ti as Record<string, string>)['offer.cost']
    ;(files.ar as Record<string, string>)['offers.count'] = '{{anzahl}} عروض'
    ;(files.uk as Record<string, string>)['offer.kosten'] = 'Вартість'
    expect(checkUiStrings(files)).toEqual([
      'ar.json: "offers.count" must keep the placeholders of the German text (count)',
      'ti.json: "offer.cost" is missing',
      'uk.json: "offer.kosten" is not a known key (see keys.json)',
    ])
  })
})
