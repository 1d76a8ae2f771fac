/**
 * Search terms kept by editors: groups of words and phrases that mean the same to a reader
 * (`Deutschkurs = Sprachkurs = Integrationskurs`, `Jobcenter = Arbeitsamt = جوب سنتر`), each for
 * the locales whose search it serves. The CMS validates a group with `searchTermGroupProblem`
 * (the editor sees the message), the export with `SearchTermGroupSchema`, and the site build
 * asks `synonymsFor` which extra words a page should be findable by, so all three agree on
 * what a group is.
 */
import { z } from 'zod'

import { localeCodes, type LocaleCode } from '@lotse/translations'

/** Fewest characters a term has: one letter matches half the site. */
export const MIN_TERM_LENGTH = 2

/** Fewest terms a group has: a group of one is a synonym of nothing. */
export const MIN_GROUP_TERMS = 2

/**
 * How terms and page text are compared unless the caller passes its own normalization (the
 * site's search normalization, so a term matches exactly what the index and the query see):
 * NFKC (Arabic presentation forms, full-width letters), lower case, runs of white space as one
 * space, trimmed.
 */
export function defaultNormalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim()
}

/** Length in characters as a reader counts them (code points, not UTF-16 units). */
const length = (text: string) => [...text].length

/** Whether a (trimmed) term is shorter than a search term may be. */
export function isSearchTermTooShort(term: string): boolean {
  return length(term.trim()) < MIN_TERM_LENGTH
}

/** What is wrong with a group of terms, or `null`: the CMS turns it into a message naming the field. */
export type SearchTermProblem = { kind: 'tooFew'; min: number } | { kind: 'tooShort'; term: string; min: number } | { kind: 'duplicate'; term: string }

/**
 * Checks a group: at least two terms, each at least two characters, none twice (compared as
 * `defaultNormalize` compares them, so `Arzt` and ` arzt` are the same term). Empty rows count
 * as missing, not as short terms.
 */
export function searchTermGroupProblem(terms: readonly string[]): SearchTermProblem | null {
  const filled = terms.map((t) => t.trim()).filter((t) => t !== '')
  const short = filled.find(isSearchTermTooShort)
  if (short !== undefined) return { kind: 'tooShort', term: short, min: MIN_TERM_LENGTH }
  if (filled.length < MIN_GROUP_TERMS) return { kind: 'tooFew', min: MIN_GROUP_TERMS }
  const seen = new Set<string>()
  for (const term of filled) {
    const key = defaultNormalize(term)
    if (seen.has(key)) return { kind: 'duplicate', term }
    seen.add(key)
  }
  return null
}

/** One group of equivalent search terms, as the export writes it. Notes stay in the CMS. */
export const SearchTermGroupSchema = z
  .strictObject({
    /** The words and phrases, as editors wrote them; the site indexes them in this form. */
    terms: z.array(z.string().trim().min(MIN_TERM_LENGTH)),
    /** The locales whose pages and search the group serves. */
    locales: z.array(z.enum(localeCodes as [LocaleCode, ...LocaleCode[]])).min(1),
  })
  .superRefine((group, ctx) => {
    const problem = searchTermGroupProblem(group.terms)
    if (problem) ctx.addIssue({ code: 'custom', path: ['terms'], message: problem.kind === 'duplicate' ? `"${problem.term}" occurs twice` : `needs at least ${MIN_GROUP_TERMS} terms` })
  })

export type SearchTermGroup = z.infer<typeof SearchTermGroupSchema>

export interface SynonymOptions {
  /** Applied to the page text and to every term before comparing; `defaultNormalize` if absent. */
  normalize?: (text: string) => string
}

/**
 * Endings a German term may carry in running text and still be the same word: `Integrationskurse`,
 * `Sprachkursen`, `Arztes`, `Jobcenters`. Only on whole words, so `Kurs` never matches
 * `Kursbuch` (compounds are the compound splitter's work, not this list's).
 */
const GERMAN_ENDINGS = ['e', 'en', 'n', 's', 'es', 'er', 'ern']
const GERMAN_LOCALES = new Set<string>(['de', 'de-x-ls'])

/** Letters, digits and combining marks: what a word is made of, in every script. */
const WORD_CHAR = '[\\p{L}\\p{N}\\p{M}]'

/** Whether a string starts with a word character. */
const WORD = new RegExp(`^${WORD_CHAR}`, 'u')

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Prepares the groups of one locale once, for many pages: returns a function that takes a
 * page's text and gives the terms the page should also be findable by. A group applies when
 * one of its terms occurs in the text as a whole word or phrase (for German also with a
 * plural or case ending); the page then gets the group's other terms, as the editors wrote
 * them, each once, in the order of the groups. Terms the text contains already are left out.
 */
export function synonymMatcher(groups: readonly Pick<SearchTermGroup, 'terms' | 'locales'>[], locale: string, options: SynonymOptions = {}): (text: string) => string[] {
  const normalize = options.normalize ?? defaultNormalize
  const keyOf = (text: string) => normalize(text).replace(/\s+/gu, ' ').trim()
  const applicable = groups.filter((g) => (g.locales as readonly string[]).includes(locale))
  /** Normalized term → the groups it belongs to. */
  const owners = new Map<string, number[]>()
  applicable.forEach((group, index) => {
    for (const term of group.terms) {
      const key = keyOf(term)
      if (length(key) < MIN_TERM_LENGTH) continue
      const list = owners.get(key) ?? []
      if (!list.includes(index)) list.push(index)
      owners.set(key, list)
    }
  })
  if (owners.size === 0) return () => []
  // Longest first, so a phrase wins over a word it starts with.
  const alternatives = [...owners.keys()].sort((a, b) => length(b) - length(a) || (a < b ? -1 : 1)).map(escapeRegExp)
  // A phrase that matched hides the shorter terms it starts with at the same place
  // ("Jobcenter Wittmund" and "Jobcenter"): they occur too when a word ends where they end.
  const startsWith = new Map([...owners.keys()].map((key) => [key, [...owners.keys()].filter((k) => k.length < key.length && key.startsWith(k) && !WORD.test(key.slice(k.length)))]))
  const endings = GERMAN_LOCALES.has(locale) ? `(?:${GERMAN_ENDINGS.join('|')})?` : ''
  const pattern = new RegExp(`(?<!${WORD_CHAR})(${alternatives.join('|')})${endings}(?!${WORD_CHAR})`, 'gu')

  return (text) => {
    const haystack = keyOf(text)
    const found = new Set<string>()
    pattern.lastIndex = 0
    for (let match = pattern.exec(haystack); match; match = pattern.exec(haystack)) {
      found.add(match[1]!)
      for (const shorter of startsWith.get(match[1]!) ?? []) found.add(shorter)
      // Go on from the next character, not the match's end: terms may overlap ("Jobcenter Wittmund", "Wittmund").
      pattern.lastIndex = match.index + 1
    }
    const matchedGroups = new Set<number>()
    for (const term of found) for (const index of owners.get(term) ?? []) matchedGroups.add(index)
    const out: string[] = []
    const seen = new Set<string>()
    for (const [index, group] of applicable.entries()) {
      if (!matchedGroups.has(index)) continue
      for (const term of group.terms) {
        const key = keyOf(term)
        if (found.has(key) || seen.has(key)) continue
        seen.add(key)
        out.push(term.trim())
      }
    }
    return out
  }
}

/**
 * The extra words a page containing `text` should be findable by in `locale`: the other terms
 * of every group one of whose terms the text contains. For one page; a build with many pages
 * prepares the groups once with `synonymMatcher`.
 */
export function synonymsFor(text: string, locale: string, groups: readonly Pick<SearchTermGroup, 'terms' | 'locales'>[], options: SynonymOptions = {}): string[] {
  return synonymMatcher(groups, locale, options)(text)
}
