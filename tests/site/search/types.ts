/** One query of the search-quality set: the page (any of the slugs) must be in the first five results. */
export interface RecallCase {
  locale: string
  query: string
  expect: string[]
  category: 'exact' | 'inflection' | 'spelling' | 'compound' | 'synonym' | 'typo' | 'fallback'
  /** Synonyms wait for the editors' `searchTerms` collection (issue 10): reported, not held to the floor. */
  pending?: boolean
}
/** A query that must not return the page at all. */
export interface PrecisionCase {
  locale: string
  query: string
  mustNot: string
}
