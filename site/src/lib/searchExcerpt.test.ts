import { describe, expect, it } from 'vitest'

import { visibleExcerpt } from './searchExcerpt'

const at = (...locations: number[]) => locations.map((location) => ({ location, balanced_score: 1 }))
const visible = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ')

describe('visibleExcerpt', () => {
  it('never shows the hidden search terms at the end of the page text', () => {
    const data = { raw_content: `${visible} fur jugendmigrationsdie jung mensch.`, weighted_locations: at(0, 41), meta: { searchTerms: '4' } }
    const excerpt = visibleExcerpt(data, 10)
    expect(excerpt).toBe('<mark>w0</mark> w1 w2 w3 w4 w5 w6 w7 w8 w9')
  })
  it('shows the start of the visible text when only hidden terms matched', () => {
    const data = { raw_content: `${visible} kur sprachkur`, weighted_locations: at(41), meta: { searchTerms: '2' } }
    expect(visibleExcerpt(data, 5)).toBe('w0 w1 w2 w3 w4')
  })
  it('centres on the densest run of visible matches and ends where the visible text ends', () => {
    const data = { raw_content: `${visible} a b c`, weighted_locations: at(37, 39, 40), meta: { searchTerms: '3' } }
    expect(visibleExcerpt(data, 5)).toBe('w35 w36 <mark>w37</mark> w38 <mark>w39</mark>')
  })
  it('is Pagefind’s plain excerpt on a page without hidden terms', () => {
    const data = { raw_content: 'eins zwei drei', weighted_locations: at(1), meta: {} }
    expect(visibleExcerpt(data)).toBe('eins <mark>zwei</mark> drei')
  })
})
