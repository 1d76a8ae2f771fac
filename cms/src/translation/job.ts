import type { CollectionSlug, PayloadRequest, TaskConfig } from 'payload'

import { TRANSLATED_COLLECTIONS } from '@lotse/content-schemas'

import { providerFromEnv, ProviderError } from './providers'
import { loadGlossary, localesNeedingTranslation, translateDocument } from './translateDocument'

/** Collections whose documents can be machine-translated: the translated collections of content-schemas. */
export const TRANSLATABLE = TRANSLATED_COLLECTIONS

interface Input {
  collection: string
  id: string
  /** Locales to translate; empty: every missing or outdated one. */
  locales?: string[] | null
}

/**
 * The background job behind "translate automatically": one document into one or several
 * locales, on Payload's jobs queue (persisted, so a restart loses nothing). A locale that fails
 * (unsupported language, quota, timeout) stays unchanged; the others are still written, and the
 * job fails with every reason listed, which the editor sees in the job list.
 */
export const machineTranslateTask = {
  slug: 'machineTranslate',
  label: 'Maschinelle Übersetzung',
  retries: 1,
  inputSchema: [
    { name: 'collection', type: 'text', required: true },
    { name: 'id', type: 'text', required: true },
    { name: 'locales', type: 'json' },
  ],
  outputSchema: [{ name: 'translated', type: 'json' }],
  handler: async ({ input, req }: { input: Input; req: PayloadRequest }) => {
    const provider = providerFromEnv()
    if (!provider) throw new Error('Machine translation is off: set MT_PROVIDER, MT_API_URL and MT_API_KEY.')
    if (!(TRANSLATABLE as readonly string[]).includes(input.collection)) throw new Error(`"${input.collection}" cannot be machine-translated.`)
    const collection = input.collection as CollectionSlug
    const id = /^\d+$/.test(input.id) ? Number(input.id) : input.id
    const locales = input.locales?.length ? input.locales : await localesNeedingTranslation(req.payload, collection, id)
    const glossary = await loadGlossary(req.payload)
    const translated: string[] = []
    const failures: string[] = []
    for (const target of locales) {
      try {
        await translateDocument(req.payload, { collection, id, target, provider, glossary })
        translated.push(target)
      } catch (err) {
        if (!(err instanceof ProviderError)) throw err
        failures.push(`${target}: ${err.message}`)
      }
    }
    if (failures.length > 0) {
      throw new Error(`Not translated: ${failures.join(' | ')}${translated.length ? ` (done: ${translated.join(', ')})` : ''}`)
    }
    return { output: { translated } }
  },
  // Input and output are typed above; Payload types task configs through generated job types.
} as unknown as TaskConfig
