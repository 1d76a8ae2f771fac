/**
 * Machine translation behind one small interface, so a county can choose DeepL (API v2) or a
 * self-hosted LibreTranslate (which a data-protection-minded county may prefer), by
 * environment: MT_PROVIDER, MT_API_URL, MT_API_KEY. Off when not configured.
 */
export interface TranslationProvider {
  readonly name: 'deepl' | 'libretranslate'
  /**
   * Translates texts from German into `target`, keeping order. Text may contain the markup of
   * `protect()` (`<x-keep>` around terms that must stay as they are); providers keep it.
   */
  translate(texts: string[], options: { source: string; target: string; glossary: GlossaryEntry[] }): Promise<string[]>
}

/** A glossary term: kept as is (`translations` empty) or translated one fixed way per locale. */
export interface GlossaryEntry {
  term: string
  /** Per locale the required translation; a locale without one keeps the term unchanged. */
  translations: Partial<Record<string, string>>
}

export type ProviderErrorKind = 'not-configured' | 'unsupported-language' | 'auth' | 'quota' | 'rate-limit' | 'timeout' | 'unavailable' | 'bad-response'

/**
 * A provider failure, worded for the editor who started the translation. The document is left
 * unchanged whenever one of these is thrown.
 */
export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'ProviderError'
  }
}

/** Maps an HTTP status of a provider to an error the editor understands. */
export function errorForStatus(provider: string, status: number, body: string): ProviderError {
  const detail = body.slice(0, 200)
  if (status === 401 || status === 403) return new ProviderError('auth', `${provider} refused the API key (HTTP ${status}). Check MT_API_KEY.`)
  if (status === 456) return new ProviderError('quota', `${provider}: the translation quota is used up (HTTP 456). Nothing was changed.`)
  if (status === 429) return new ProviderError('rate-limit', `${provider}: too many requests (HTTP 429). Try again in a few minutes. Nothing was changed.`)
  if (status >= 500) return new ProviderError('unavailable', `${provider} is not available (HTTP ${status}). Nothing was changed.`)
  return new ProviderError('bad-response', `${provider} rejected the request (HTTP ${status}: ${detail}). Nothing was changed.`)
}

/** `fetch` with a time limit, so a hanging provider fails the job instead of blocking it. */
export async function fetchWithTimeout(url: string, init: RequestInit, timeoutMs: number, provider: string): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })
  } catch (err) {
    if ((err as Error).name === 'TimeoutError' || (err as Error).name === 'AbortError') {
      throw new ProviderError('timeout', `${provider} did not answer within ${Math.round(timeoutMs / 1000)} s. Nothing was changed.`, { cause: err })
    }
    throw new ProviderError('unavailable', `${provider} cannot be reached (${(err as Error).message}). Nothing was changed.`, { cause: err })
  }
}
