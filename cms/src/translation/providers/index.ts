import { DeepLProvider } from './deepl'
import { LibreTranslateProvider } from './libretranslate'
import type { TranslationProvider } from './types'

export * from './types'

/**
 * The provider the environment configures, or `null` when machine translation is off:
 * `MT_PROVIDER=deepl` (MT_API_KEY required; MT_API_URL defaults to DeepL's free API) or
 * `MT_PROVIDER=libretranslate` (MT_API_URL required; MT_API_KEY if the server wants one).
 */
export function providerFromEnv(env: NodeJS.ProcessEnv = process.env): TranslationProvider | null {
  const name = env.MT_PROVIDER?.trim().toLowerCase()
  if (!name) return null
  if (name === 'deepl') {
    if (!env.MT_API_KEY) throw new Error('MT_PROVIDER=deepl needs MT_API_KEY.')
    return new DeepLProvider(env.MT_API_URL || 'https://api-free.deepl.com', env.MT_API_KEY)
  }
  if (name === 'libretranslate') {
    if (!env.MT_API_URL) throw new Error('MT_PROVIDER=libretranslate needs MT_API_URL (e.g. http://localhost:5000).')
    return new LibreTranslateProvider(env.MT_API_URL, env.MT_API_KEY)
  }
  throw new Error(`MT_PROVIDER must be "deepl" or "libretranslate", got "${env.MT_PROVIDER}".`)
}
