import type { GlossaryEntry } from './providers/types'

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')

/** A text ready for a provider, and the segments taken out of it. */
export interface Protected {
  text: string
  kept: string[]
}

/**
 * Prepares a text for a provider: XML-escaped, with placeholders (`{{name}}`, `%s`), URLs and
 * the given glossary terms replaced by empty `<x-keep i="n"/>` tags, which no provider can
 * translate or reword. Longest terms first, so "Jobcenter Wittmund" wins over "Jobcenter".
 */
export function protect(text: string, terms: string[]): Protected {
  const sorted = [...new Set(terms.filter(Boolean))].sort((a, b) => b.length - a.length)
  const patterns = [/\{\{\s*\w+\s*\}\}/u, /%[sd]/u, /https?:\/\/[^\s<>"]+/u, ...sorted.map((t) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(t)}(?![\\p{L}\\p{N}])`, 'u'))]
  const combined = new RegExp(patterns.map((p) => p.source).join('|'), 'gu')
  const kept: string[] = []
  let out = ''
  let last = 0
  for (const match of text.matchAll(combined)) {
    out += `${escapeXml(text.slice(last, match.index))}<x-keep i="${kept.length}"/>`
    kept.push(match[0])
    last = match.index + match[0].length
  }
  return { text: out + escapeXml(text.slice(last)), kept }
}

/**
 * Turns a provider's answer back into text: each `<x-keep>` gets its segment back, a glossary
 * term in the fixed translation for the target locale where the glossary has one.
 */
export function restore(text: string, kept: string[], glossary: GlossaryEntry[], target: string): string {
  const fixed = new Map(glossary.map((g) => [g.term, g.translations[target]]))
  // split() with a capture group alternates: text, tag index, text, tag index, … text.
  const parts = text.split(/<x-keep i="(\d+)"\s*(?:\/>|><\/x-keep>)/)
  return parts
    .map((part, i) => {
      if (i % 2 === 0) return unescapeXml(part ?? '')
      const segment = kept[Number(part)] ?? ''
      return fixed.get(segment) ?? segment
    })
    .join('')
}
