import { describe, expect, it } from 'vitest'

import { GERMAN_COMPOUND_PARTS } from './germanWords'
import { compoundVocabulary, indexTerms, queryVariants, searchKey, splitCompound } from './searchText'

const vocabulary = compoundVocabulary(['Fahrrad selbst reparieren', 'Beratung für junge Menschen'], GERMAN_COMPOUND_PARTS)

describe('German compounds', () => {
  it('keeps a linking element on the part before it, so the parts give the word back', () => {
    expect(splitCompound('jugendmigrationsdienst', vocabulary)).toEqual(['jugend', 'migrations', 'dienst'])
  })
  it('splits with the maintained word list where the content never has the part alone', () => {
    expect(splitCompound('fahrradwerkstatt', vocabulary)).toEqual(['fahrrad', 'werkstatt'])
  })
  it('takes a known verb’s stem as a head', () => {
    expect(splitCompound('fahrrad', vocabulary)).toEqual(['fahr', 'rad'])
  })
  it('leaves a word alone that splits into no known words', () => {
    expect(splitCompound('tafel', vocabulary)).toEqual([])
    expect(splitCompound('anerkennung', new Set(['kennung']))).toEqual([])
  })
  it('indexes the query key of an inner run, with its linking element', () => {
    const terms = indexTerms('Jugendmigrationsdienst', 'de', vocabulary)
    expect(terms).toContain(queryVariants('Migrationsdienst', 'de'))
    expect(terms).toContain(queryVariants('Dienst', 'de'))
  })
  it('indexes the parts of a part that is a compound itself', () => {
    const terms = indexTerms('Fahrradwerkstatt', 'de', vocabulary)
    expect(terms).toEqual(expect.arrayContaining([searchKey('Werkstatt', 'de'), searchKey('Fahrrad', 'de'), searchKey('Rad', 'de')]))
  })
})

describe('search keys meet across inflection and spelling', () => {
  const same = (locale: string, a: string, b: string) => expect(searchKey(a, locale), `${a} / ${b}`).toBe(searchKey(b, locale))
  it('Ukrainian: the fleeting vowel of -ок, -ець, -ень', () => {
    same('uk', 'притулок', 'притулку')
    same('uk', 'українець', 'українця')
  })
  it('Ukrainian: an ASCII apostrophe where the text has ’', () => {
    same('uk', "сім'ї", 'сім’ї')
  })
  it('Pashto: two-letter stems (ښځه, ښځو)', () => {
    same('ps', 'ښځه', 'ښځو')
  })
  it('Persian: two-letter stems (زن, زنان), Arabic kaf and yeh', () => {
    same('fa', 'زن', 'زنان')
    same('fa', 'كودكان', 'کودکان')
  })
  it('Tigrinya: first and sixth vowel orders (ጸሕፈትን, ጽሕፈትን)', () => {
    same('ti', 'ጸሕፈትን', 'ጽሕፈትን')
  })
  it('German: singular and plural', () => {
    same('de', 'Integrationskurs', 'Integrationskurse')
  })
  it('keeps different words apart', () => {
    expect(searchKey('ምኽሪ', 'ti')).not.toBe(searchKey('ሓኪም', 'ti'))
    expect(searchKey('Kurs', 'de')).not.toBe(searchKey('Kuss', 'de'))
  })
})
