import type { PayloadRequest } from 'payload'

/**
 * Runs a Local API call made inside another operation (a hook, a validator) and gives the
 * request its locale back afterwards. Payload's Local API, handed `req`, sets `req.locale` and
 * `req.fallbackLocale` to the call's own (`createLocalReq`): a read of the German text inside an
 * Arabic save made the rest of that save German, and the Arabic title was written over the
 * German one (reproduced by tests/cms/access.test.ts › translators).
 */
export async function keepingLocale<T>(req: PayloadRequest, call: () => Promise<T>): Promise<T> {
  const { locale, fallbackLocale } = req
  try {
    return await call()
  } finally {
    req.locale = locale
    req.fallbackLocale = fallbackLocale
  }
}
