import { describe, expect, it } from 'vitest'

import { berlinToIso, dateOnlyToIso, translationsOf } from './context'
import { paragraphsToLexical } from './richText'

describe('seed helpers', () => {
  it('reads local Berlin times across summer time', () => {
    expect(berlinToIso('2026-12-08T18:30')).toBe('2026-12-08T17:30:00.000Z')
    expect(berlinToIso('2027-07-06T18:30')).toBe('2027-07-06T16:30:00.000Z')
    expect(berlinToIso('2027-03-28T12:00')).toBe('2027-03-28T10:00:00.000Z')
    expect(dateOnlyToIso('2019-06-30')).toBe('2019-06-30T12:00:00.000Z')
  })

  it('splits translations per locale, nested keys into groups, rich text in the locale direction', () => {
    const out = translationsOf({
      text: { title: { de: 'Titel', ar: 'عنوان' }, 'cost.note': { de: '5 €', en: '€5' } },
      rich: { body: { de: ['Text'], ar: ['نص'] } },
    })
    expect(out.ar?.title).toBe('عنوان')
    expect((out.ar?.body as { root: { direction: string } }).root.direction).toBe('rtl')
    expect(out.en).toEqual({ cost: { note: '€5' } })
    expect(out).not.toHaveProperty('de')
  })

  it('builds headings, lists and paragraphs', () => {
    const doc = paragraphsToLexical(['## Wann?', 'Dienstags.', '- 10 Uhr', '- 14 Uhr', 'Ende.'])
    expect(doc.root.children.map((c) => c.type)).toEqual(['heading', 'paragraph', 'list', 'paragraph'])
    expect((doc.root.children[2] as { children: unknown[] }).children).toHaveLength(2)
  })
})
