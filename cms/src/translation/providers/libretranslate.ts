import { protect, restore } from '../glossary'
import { errorForStatus, fetchWithTimeout, type GlossaryEntry, ProviderError, type TranslationProvider } from './types'

/**
 * LibreTranslate (`POST /translate` with `q` as an array, `format: html`), self-hostable.
 * It has no glossary API, so every glossary term, placeholder and URL is sent as an empty
 * `<x-keep i="n"/>` tag (HTML format keeps tags) and put back afterwards, with the glossary's
 * fixed translation for the target where there is one.
 */
export class LibreTranslateProvider implements TranslationProvider {
  readonly name = 'libretranslate' as const

  constructor(
    private readonly apiUrl: string,
    private readonly apiKey: string | undefined,
    private readonly timeoutMs = 30_000,
  ) {}

  async translate(texts: string[], options: { source: string; target: string; glossary: GlossaryEntry[] }): Promise<string[]> {
    if (texts.length === 0) return []
    const prepared = texts.map((t) =>
      protect(
        t,
        options.glossary.map((g) => g.term),
      ),
    )
    const res = await fetchWithTimeout(
      `${this.apiUrl.replace(/\/+$/, '')}/translate`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ q: prepared.map((p) => p.text), source: options.source, target: options.target, format: 'html', ...(this.apiKey ? { api_key: this.apiKey } : {}) }),
      },
      this.timeoutMs,
      'LibreTranslate',
    )
    if (res.status === 400) {
      const detail = await res.text()
      if (/not supported|language/i.test(detail)) {
        throw new ProviderError('unsupported-language', `LibreTranslate cannot translate into "${options.target}" (${detail.slice(0, 120)}). Nothing was changed.`)
      }
      throw errorForStatus('LibreTranslate', res.status, detail)
    }
    if (!res.ok) throw errorForStatus('LibreTranslate', res.status, await res.text())
    const body = (await res.json()) as { translatedText?: unknown }
    const out = body.translatedText
    if (!Array.isArray(out) || out.length !== texts.length || out.some((t) => typeof t !== 'string')) {
      throw new ProviderError('bad-response', `LibreTranslate answered with an unexpected shape for ${texts.length} texts. Nothing was changed.`)
    }
    return (out as string[]).map((t, i) => restore(t, prepared[i]!.kept, options.glossary, options.target))
  }
}
