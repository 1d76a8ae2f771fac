import { describe, expect, it } from 'vitest'

import { protect, restore } from './glossary'

describe('glossary protection', () => {
  const glossary = [
    { term: 'Jobcenter', translations: {} },
    { term: 'Jobcenter Wittmund', translations: { ar: 'مركز العمل في فيتموند' } },
  ]

  it('protects terms (longest first), placeholders and URLs, and escapes markup', () => {
    const p = protect(
      'Im Jobcenter Wittmund & im Jobcenter: {{name}}, siehe https://example.org/a?b=1 <b>',
      glossary.map((g) => g.term),
    )
    expect(p.text).toBe('Im <x-keep i="0"/> &amp; im <x-keep i="1"/>: <x-keep i="2"/>, siehe <x-keep i="3"/> &lt;b&gt;')
    expect(p.kept).toEqual(['Jobcenter Wittmund', 'Jobcenter', '{{name}}', 'https://example.org/a?b=1'])
  })

  it('does not match terms inside other words', () => {
    expect(protect('Jobcenterberatung', ['Jobcenter']).kept).toEqual([])
  })

  it('restores kept segments, with fixed translations for the target, in either tag form', () => {
    const kept = ['Jobcenter Wittmund', 'Jobcenter']
    expect(restore('في <x-keep i="0"/> و <x-keep i="1"></x-keep> &amp;', kept, glossary, 'ar')).toBe('في مركز العمل في فيتموند و Jobcenter &')
    expect(restore('у <x-keep i="0"/>', kept, glossary, 'uk')).toBe('у Jobcenter Wittmund')
  })
})
