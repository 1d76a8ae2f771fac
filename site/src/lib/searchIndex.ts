import { richTextToPlain } from './richtext'
import { GERMAN_COMPOUND_PARTS } from './germanWords'
import { synonymMatcher } from '@lotse/content-schemas'
import { compoundTerms, compoundVocabulary, indexTerms, normalizeWord, searchKey, vocabularyWords, words } from './searchText'
import { content } from './content'
import { hashOf, note, registerKeyKind, untracked } from './deps'
import type { Shown } from './text'

/**
 * The build side of search matching (see `searchText.ts`): the German words of the whole
 * snapshot and the maintained word list (`germanWords.ts`) as the vocabulary compounds are split with, and a page's hidden extra terms.
 */
const vocabularies = new WeakMap<object, Set<string>>()
/**
 * Read untracked: a page depends not on the whole vocabulary but on how it splits the page's own
 * words (`split:<word>`, noted by `hiddenTerms`), so a new word elsewhere re-renders only the
 * pages whose words it splits differently.
 */
const germanVocabulary = (): Set<string> => untracked(vocabulary)
/** The maintained word list and the short parts, folded once. */
let maintained: Set<string> | undefined
/**
 * Each document's words for the vocabulary, kept with the document: the snapshot loader keeps
 * the documents a publish did not change (snapshot.ts), so a publish folds only the new ones.
 */
const wordsOf = new WeakMap<object, string[]>()
function vocabulary(): Set<string> {
  const s = content().snapshot
  const known = vocabularies.get(s)
  if (known) return known
  maintained ??= compoundVocabulary([], GERMAN_COMPOUND_PARTS)
  const vocabulary = new Set(maintained)
  const add = (doc: object, texts: () => string[]) => {
    let found = wordsOf.get(doc)
    if (!found) wordsOf.set(doc, (found = texts().flatMap(vocabularyWords)))
    for (const w of found) vocabulary.add(w)
  }
  for (const d of [...s.offers, ...s.events, ...s.reports, ...s.pages] as { title: { de: string | null }; summary?: { de: string | null }; body?: { de: unknown }; description?: { de: unknown } }[]) {
    add(d, () => [d.title.de ?? '', d.summary?.de ?? '', richTextToPlain(d.body?.de ?? d.description?.de ?? null)])
  }
  for (const c of s.contacts) add(c, () => [c.responsibility.de ?? ''])
  for (const t of s.topics) add(t, () => [t.name.de ?? ''])
  vocabularies.set(s, vocabulary)
  return vocabulary
}

/** A block of the page as the reader gets it: its text and the language it is actually in. */
type Block = Pick<Shown<unknown>, 'lang'> & { text: string }

/**
 * The editors' search terms (the CMS's "Suchbegriffe") of one locale, prepared once per snapshot:
 * a text's synonyms. Terms are compared after the same folding the search applies, so a term
 * typed with an Arabic kaf meets a text written with a Persian one.
 */
const matchersBySnapshot = new WeakMap<object, Map<string, (text: string) => string[]>>()
function synonymsIn(locale: string): (text: string) => string[] {
  // Prepared once, read on every page: each page notes the terms it was matched against.
  note('snapshot:searchTerms')
  const snapshot = untracked(() => content().snapshot)
  let matchers = matchersBySnapshot.get(snapshot)
  if (!matchers) matchersBySnapshot.set(snapshot, (matchers = new Map()))
  let matcher = matchers.get(locale)
  if (!matcher) {
    const normalize = (text: string) =>
      words(text)
        .map((w) => normalizeWord(w, locale))
        .join(' ')
    matcher = untracked(() => synonymMatcher(snapshot.searchTerms, locale, { normalize }))
    matchers.set(locale, matcher)
  }
  return matcher
}

/**
 * The extra terms of a page's blocks (each block with its own language's rules) and the
 * synonyms the editors gave for words in them (the search keys of every word, since the page
 * shows none of them), space-separated.
 */
export function hiddenTerms(blocks: Block[], locale: string): string {
  const terms = new Set<string>()
  const synonyms = synonymsIn(locale)
  const split = (word: string) => note(`split:${word}`)
  for (const b of blocks) {
    for (const t of indexTerms(b.text, b.lang, germanVocabulary(), split)) terms.add(t)
    for (const synonym of synonyms(b.text)) {
      for (const w of words(synonym)) terms.add(searchKey(w, locale))
      for (const t of indexTerms(synonym, locale, germanVocabulary(), split)) terms.add(t)
    }
  }
  return [...terms].sort().join(' ')
}

// `split:<word>`: the compound terms of a folded German word under the snapshot's vocabulary.
registerKeyKind('split', (word) => compoundTerms(word, germanVocabulary()).join(' '), { whole: () => hashOf([...germanVocabulary()].sort()) })

/** What `searchBody` notes on a page's `Astro.locals` (one object per page render). */
interface SearchLocals {
  searchable?: boolean
}

/**
 * The attribute that puts a page into its locale's search index (Pagefind indexes only what is
 * inside `data-pagefind-body`; pages without it stay out), and the note of it for the build
 * (`isSearchablePage`, which the middleware writes into the page's line of the dependency map):
 * a full build then knows its searchable pages without reading every page again
 * (scripts/src/site/build.ts). Every indexed page gets the attribute from here.
 */
export function searchBody(locals: object, indexed = true): { 'data-pagefind-body'?: '' } {
  if (!indexed) return {}
  ;(locals as SearchLocals).searchable = true
  return { 'data-pagefind-body': '' }
}

/** Whether the page whose `Astro.locals` these are carries the search body (`searchBody`). */
export const isSearchablePage = (locals: object): boolean => (locals as SearchLocals).searchable === true

/** Plain text of a rich-text value, for `hiddenTerms`. */
export const plain = (value: unknown): string => richTextToPlain(value)
