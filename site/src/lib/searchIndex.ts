import { richTextToPlain } from './richtext'
import { GERMAN_COMPOUND_PARTS } from './germanWords'
import { compoundVocabulary, indexTerms } from './searchText'
import { content } from './content'
import type { Shown } from './text'

/**
 * The build side of search matching (see `searchText.ts`): the German words of the whole
 * snapshot and the maintained word list (`germanWords.ts`) as the vocabulary compounds are split with, and a page's hidden extra terms.
 */
let vocabulary: Set<string> | undefined
function germanVocabulary(): Set<string> {
  if (vocabulary) return vocabulary
  const s = content().snapshot
  const texts: string[] = []
  for (const d of [...s.offers, ...s.events, ...s.reports, ...s.pages] as { title: { de: string | null }; summary?: { de: string | null }; body?: { de: unknown }; description?: { de: unknown } }[]) {
    texts.push(d.title.de ?? '', d.summary?.de ?? '', richTextToPlain(d.body?.de ?? d.description?.de ?? null))
  }
  for (const c of s.contacts) texts.push(c.responsibility.de ?? '')
  for (const t of s.topics) texts.push(t.name.de ?? '')
  return (vocabulary = compoundVocabulary(texts, GERMAN_COMPOUND_PARTS))
}

/** A block of the page as the reader gets it: its text and the language it is actually in. */
type Block = Pick<Shown<unknown>, 'lang'> & { text: string }

/** The extra terms of a page's blocks (each block with its own language's rules), space-separated. */
export function hiddenTerms(blocks: Block[]): string {
  const terms = new Set<string>()
  for (const b of blocks) for (const t of indexTerms(b.text, b.lang, germanVocabulary())) terms.add(t)
  return [...terms].sort().join(' ')
}

/** Plain text of a rich-text value, for `hiddenTerms`. */
export const plain = (value: unknown): string => richTextToPlain(value)
