import { describe, expect, it } from 'vitest'

import { SearchTermGroupSchema, searchTermGroupProblem, synonymMatcher, synonymsFor, type SearchTermGroup } from './searchTerms'

const groups: SearchTermGroup[] = [
  { terms: ['Deutschkurs', 'Sprachkurs', 'Integrationskurs'], locales: ['de', 'de-x-ls'] },
  { terms: ['Arzt', 'Doktor', 'Hausarzt'], locales: ['de'] },
  { terms: ['Jobcenter', 'Arbeitsamt', 'جوب سنتر'], locales: ['de', 'ar', 'fa'] },
  { terms: ['Jobcenter Wittmund', 'Arbeitsvermittlung'], locales: ['de'] },
  { terms: ['лікар', 'доктор'], locales: ['uk'] },
]

describe('synonymsFor', () => {
  it('gives the other terms of a group whose term the text contains', () => {
    expect(synonymsFor('Der Integrationskurs beginnt im März.', 'de', groups)).toEqual(['Deutschkurs', 'Sprachkurs'])
  })

  it('matches whole words only, so a term inside another word adds nothing', () => {
    expect(synonymsFor('Das Kursbuch liegt bereit. Hausarztpraxis Esens.', 'de', groups)).toEqual([])
    expect(synonymsFor('Berufssprachkurs B2', 'de', groups)).toEqual([])
  })

  it('matches German plural and case endings of a term', () => {
    expect(synonymsFor('Integrationskurse für Frauen', 'de', groups)).toEqual(['Deutschkurs', 'Sprachkurs'])
    expect(synonymsFor('Termine des Jobcenters', 'de', groups)).toEqual(['Arbeitsamt', 'جوب سنتر'])
  })

  it('adds no endings outside German', () => {
    expect(synonymsFor('лікарі', 'uk', groups)).toEqual([])
    expect(synonymsFor('лікар', 'uk', groups)).toEqual(['доктор'])
  })

  it('ignores case and runs of white space, and returns terms as the editors wrote them', () => {
    expect(synonymsFor('JOBCENTER\n  wittmund', 'de', groups)).toEqual(['Arbeitsamt', 'جوب سنتر', 'Arbeitsvermittlung'])
  })

  it('applies only the groups of the page’s locale', () => {
    expect(synonymsFor('Arzt', 'en', groups)).toEqual([])
    expect(synonymsFor('Integrationskurs', 'de-x-ls', groups)).toEqual(['Deutschkurs', 'Sprachkurs'])
  })

  it('finds a transliteration in Arabic script and adds the German name', () => {
    expect(synonymsFor('موعد في جوب سنتر فيتموند', 'ar', groups)).toEqual(['Jobcenter', 'Arbeitsamt'])
    expect(synonymsFor('موعد في جوب سنترات', 'ar', groups)).toEqual([])
  })

  it('leaves out terms the text contains already and gives each term once', () => {
    const twice: SearchTermGroup[] = [
      { terms: ['Arzt', 'Doktor'], locales: ['de'] },
      { terms: ['Doktor', 'Mediziner'], locales: ['de'] },
    ]
    expect(synonymsFor('Arzt oder Doktor', 'de', twice)).toEqual(['Mediziner'])
    expect(synonymsFor('Arzt', 'de', [...twice, { terms: ['Arzt', 'Doktor', 'Medicus'], locales: ['de'] }])).toEqual(['Doktor', 'Medicus'])
  })

  it('finds overlapping terms: a phrase and a word inside it', () => {
    const overlap: SearchTermGroup[] = [
      { terms: ['Sprach-Café Esens', 'Sprachtreff'], locales: ['de'] },
      { terms: ['Esens', 'Stadt Esens'], locales: ['de'] },
    ]
    expect(synonymsFor('Das Sprach-Café Esens lädt ein', 'de', overlap)).toEqual(['Sprachtreff', 'Stadt Esens'])
  })

  it('treats regular-expression characters in terms as text', () => {
    const odd: SearchTermGroup[] = [{ terms: ['C++ (Kurs)', 'Programmierkurs'], locales: ['de'] }]
    expect(synonymsFor('Ein C++ (Kurs) für Anfänger', 'de', odd)).toEqual(['Programmierkurs'])
    expect(synonymsFor('C (Kurs)', 'de', odd)).toEqual([])
  })

  it('compares through the normalization the caller passes', () => {
    const arabicYeh = (text: string) => text.replace(/ي/g, 'ی').toLowerCase()
    const fa: SearchTermGroup[] = [{ terms: ['نگهداری کودک', 'Kinderbetreuung'], locales: ['fa'] }]
    expect(synonymsFor('نگهداري کودک', 'fa', fa)).toEqual([])
    expect(synonymsFor('نگهداري کودک', 'fa', fa, { normalize: arabicYeh })).toEqual(['Kinderbetreuung'])
  })

  it('answers the same for every page when prepared once', () => {
    const match = synonymMatcher(groups, 'de')
    expect(match('Arzt')).toEqual(['Doktor', 'Hausarzt'])
    expect(match('nichts')).toEqual([])
    expect(match('Arzt')).toEqual(['Doktor', 'Hausarzt'])
    expect(synonymMatcher([], 'de')('Arzt')).toEqual([])
  })
})

describe('searchTermGroupProblem', () => {
  it('accepts a group of two distinct terms', () => {
    expect(searchTermGroupProblem(['Arzt', 'Doktor'])).toBeNull()
  })

  it('refuses an empty group and a group of one (blank rows do not count)', () => {
    expect(searchTermGroupProblem([])).toEqual({ kind: 'tooFew', min: 2 })
    expect(searchTermGroupProblem(['Arzt', '  '])).toEqual({ kind: 'tooFew', min: 2 })
  })

  it('refuses a term of one character, counted as a reader counts', () => {
    expect(searchTermGroupProblem(['Arzt', 'A'])).toEqual({ kind: 'tooShort', term: 'A', min: 2 })
    expect(searchTermGroupProblem(['Arzt', 'ሀ'])).toEqual({ kind: 'tooShort', term: 'ሀ', min: 2 })
    expect(searchTermGroupProblem(['Arzt', '😀😀'])).toBeNull()
  })

  it('refuses a term twice, whatever its case and spacing', () => {
    expect(searchTermGroupProblem(['Arzt', 'Doktor', ' arzt '])).toEqual({ kind: 'duplicate', term: 'arzt' })
  })
})

describe('SearchTermGroupSchema', () => {
  it('accepts a group as the export writes it', () => {
    expect(SearchTermGroupSchema.parse({ terms: ['Jobcenter', 'جوب سنتر'], locales: ['de', 'ar'] })).toEqual({ terms: ['Jobcenter', 'جوب سنتر'], locales: ['de', 'ar'] })
  })

  it('refuses what the CMS refuses, and unknown locales and fields', () => {
    expect(SearchTermGroupSchema.safeParse({ terms: ['Arzt'], locales: ['de'] }).success).toBe(false)
    expect(SearchTermGroupSchema.safeParse({ terms: ['Arzt', 'ARZT'], locales: ['de'] }).success).toBe(false)
    expect(SearchTermGroupSchema.safeParse({ terms: ['Arzt', 'D'], locales: ['de'] }).success).toBe(false)
    expect(SearchTermGroupSchema.safeParse({ terms: ['Arzt', 'Doktor'], locales: [] }).success).toBe(false)
    expect(SearchTermGroupSchema.safeParse({ terms: ['Arzt', 'Doktor'], locales: ['xx'] }).success).toBe(false)
    expect(SearchTermGroupSchema.safeParse({ terms: ['Arzt', 'Doktor'], locales: ['de'], notes: 'intern' }).success).toBe(false)
  })
})
