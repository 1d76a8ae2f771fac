import { createHash } from 'node:crypto'

import { protect, restore } from '../glossary'
import { errorForStatus, fetchWithTimeout, type GlossaryEntry, ProviderError, type TranslationProvider } from './types'

/** Lotse locale → DeepL target language (DeepL API v2). Locales not listed are unsupported. */
const TARGETS: Record<string, string> = { en: 'EN-GB', ar: 'AR', uk: 'UK', ru: 'RU', tr: 'TR', pl: 'PL', ro: 'RO' }

/**
 * DeepL API v2 (`POST /v2/translate`, `POST /v2/glossaries`). Glossary terms with a fixed
 * translation for the target go to DeepL as a glossary (created once per language pair and
 * glossary content); terms to keep, placeholders and URLs are protected as `<x-keep/>` tags
 * with `tag_handling: xml`. Where DeepL refuses a glossary for a language pair, those terms are
 * protected too and their fixed translation is put in afterwards.
 */
export class DeepLProvider implements TranslationProvider {
  readonly name = 'deepl' as const
  private readonly glossaries = new Map<string, string | null>()

  constructor(
    private readonly apiUrl: string,
    private readonly apiKey: string,
    private readonly timeoutMs = 30_000,
  ) {}

  private post(path: string, body: unknown): Promise<Response> {
    return fetchWithTimeout(
      `${this.apiUrl.replace(/\/+$/, '')}${path}`,
      { method: 'POST', headers: { Authorization: `DeepL-Auth-Key ${this.apiKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
      this.timeoutMs,
      'DeepL',
    )
  }

  /** The DeepL glossary for these entries and language pair, created on first use; null if refused. */
  private async glossaryId(source: string, target: string, entries: [string, string][]): Promise<string | null> {
    if (entries.length === 0) return null
    const tsv = entries.map(([term, translation]) => `${term}\t${translation}`).join('\n')
    const key = `${source}-${target}-${createHash('sha256').update(tsv).digest('hex').slice(0, 12)}`
    if (this.glossaries.has(key)) return this.glossaries.get(key)!
    const res = await this.post('/v2/glossaries', { name: `lotse-${key}`, source_lang: source, target_lang: target, entries: tsv, entries_format: 'tsv' })
    if (res.status === 400) {
      this.glossaries.set(key, null)
      return null
    }
    if (!res.ok) throw errorForStatus('DeepL', res.status, await res.text())
    const body = (await res.json()) as { glossary_id?: string }
    if (!body.glossary_id) throw new ProviderError('bad-response', 'DeepL created a glossary but returned no ID.')
    this.glossaries.set(key, body.glossary_id)
    return body.glossary_id
  }

  async translate(texts: string[], options: { source: string; target: string; glossary: GlossaryEntry[] }): Promise<string[]> {
    const target = TARGETS[options.target]
    if (!target) throw new ProviderError('unsupported-language', `DeepL cannot translate into "${options.target}". Choose LibreTranslate or translate by hand.`)
    if (texts.length === 0) return []
    const fixed = options.glossary.flatMap((g) => (g.translations[options.target] ? [[g.term, g.translations[options.target]!] as [string, string]] : []))
    const glossaryId = await this.glossaryId(options.source, options.target, fixed)
    // Terms DeepL's glossary handles stay in the text; everything else to keep is protected.
    const protectTerms = options.glossary.map((g) => g.term).filter((term) => !glossaryId || !fixed.some(([t]) => t === term))
    const prepared = texts.map((t) => protect(t, protectTerms))
    const res = await this.post('/v2/translate', {
      text: prepared.map((p) => p.text),
      source_lang: options.source.toUpperCase(),
      target_lang: target,
      tag_handling: 'xml',
      ignore_tags: ['x-keep'],
      ...(glossaryId ? { glossary_id: glossaryId } : {}),
    })
    if (!res.ok) throw errorForStatus('DeepL', res.status, await res.text())
    const body = (await res.json()) as { translations?: { text?: string }[] }
    const out = body.translations
    if (!Array.isArray(out) || out.length !== texts.length || out.some((t) => typeof t.text !== 'string')) {
      throw new ProviderError('bad-response', `DeepL answered with ${Array.isArray(out) ? out.length : 'no'} translations for ${texts.length} texts. Nothing was changed.`)
    }
    return out.map((t, i) => restore(t.text!, prepared[i]!.kept, options.glossary, options.target))
  }
}
