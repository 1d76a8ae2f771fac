/**
 * The excerpt a search result shows, from the page's visible text only. Each page indexes its
 * extra search terms (folded spellings, stems, compound parts: `searchText.ts`) as the last
 * words of its Pagefind body, in a hidden block whose word count it records as the
 * `searchTerms` metadata. Pagefind cannot index words without also using them for excerpts
 * (`data-pagefind-ignore` drops them from the index; metadata and filters are not searched;
 * a custom record would be a second result), so a query that matched a hidden term would
 * get an excerpt of terms (`fur jugendmigrationsdie jung mensch`). This rebuilds the excerpt
 * the way Pagefind 1.x does (the densest window of matched words), over the visible words.
 * Pure: it takes the fragment `result.data()` resolves to.
 */

/** The parts of a Pagefind result's data the excerpt is built from. */
export interface ExcerptSource {
  /** The page text, `<` and `>` escaped by Pagefind. */
  raw_content: string
  weighted_locations: { location: number; balanced_score: number }[]
  meta: Record<string, string | undefined>
}

/** Pagefind's word separator (whitespace except the zero-width no-break space). */
const SEPARATORS = /[^\S\uFEFF]+/g

/** The start of the `length` words holding the most matched weight (Pagefind's `calculate_excerpt_region`). */
function densestWindow(locations: ExcerptSource['weighted_locations'], length: number): number {
  const weights: number[] = []
  for (const l of locations) weights[l.location] = (weights[l.location] ?? 0) + l.balanced_score
  if (weights.length <= length) return 0
  let sum = 0
  for (let i = 0; i < length; i++) sum += weights[i] ?? 0
  let best = sum
  let bestAt = 0
  for (let i = 0; i + length < weights.length; i++) {
    sum += (weights[i + length] ?? 0) - (weights[i] ?? 0)
    if (sum > best) {
      best = sum
      bestAt = i + 1
    }
  }
  return bestAt
}

/**
 * The excerpt of a result over its visible words, matched words in `<mark>`, about `length`
 * words long (Pagefind's default is 30). Without `searchTerms` metadata it is Pagefind's own.
 */
export function visibleExcerpt(data: ExcerptSource, length = 30): string {
  const zeroWidth = data.raw_content.includes('\u200B')
  const words = zeroWidth ? data.raw_content.split('\u200B') : data.raw_content.split(SEPARATORS)
  const hidden = Math.min(words.length, Math.max(0, Number(data.meta.searchTerms) || 0))
  const end = words.length - hidden
  const shown = data.weighted_locations.filter((l) => l.location < end)
  let start = densestWindow(shown, length)
  if (start + length > end) start = Math.max(0, end - length)
  const marked = new Set(shown.map((l) => l.location))
  return words
    .slice(start, Math.min(end, start + length))
    .map((w, i) => (marked.has(start + i) ? `<mark>${w}</mark>` : w))
    .join(zeroWidth ? '' : ' ')
    .trim()
}
