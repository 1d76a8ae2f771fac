/** One query of the search-quality set: the page (any of the slugs) must be in the first five results. */
export interface RecallCase {
  locale: string
  query: string
  expect: string[]
  category: 'exact' | 'inflection' | 'spelling' | 'compound' | 'synonym' | 'typo' | 'fallback'
}
/** A query that must not return the page at all. */
export interface PrecisionCase {
  locale: string
  query: string
  mustNot: string
}
