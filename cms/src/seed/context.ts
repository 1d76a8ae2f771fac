import type { CollectionSlug, Payload } from 'payload'

import { getLocale, localeCodes, type LocaleCode } from '@lotse/translations'

import { paragraphsToLexical } from './richText'

type ID = number | string

/**
 * What every seeder shares: the Payload instance, the IDs created so far (by collection and
 * slug, so data files can reference each other by slug), and the `context` flag that tells
 * hooks (e.g. the rebuild trigger) that this write is a seed, not an editor's publish.
 */
export class SeedContext {
  readonly ids = new Map<CollectionSlug, Map<string, ID>>()
  readonly created: Partial<Record<CollectionSlug, number>> = {}

  constructor(
    readonly payload: Payload,
    readonly demo: boolean,
  ) {}

  static readonly writeContext = { lotseSeed: true } as const

  /** The ID of a seeded document by slug; throws naming both, since a dangling slug is a data bug. */
  id(collection: CollectionSlug, slug: string): ID {
    const id = this.ids.get(collection)?.get(slug)
    if (id === undefined) throw new Error(`Seed data refers to ${collection} "${slug}", which was not seeded.`)
    return id
  }

  /** Loads the slugs of documents that exist already, e.g. measures seeded in an earlier run. */
  async preload(collections: readonly CollectionSlug[]): Promise<void> {
    for (const collection of collections) {
      const all = await this.payload.find({ collection, limit: 0, pagination: false, depth: 0, draft: true, select: { slug: true } })
      for (const doc of all.docs as { id: ID; slug?: string | null }[]) if (doc.slug) this.remember(collection, doc.slug, doc.id)
    }
  }

  remember(collection: CollectionSlug, slug: string, id: ID): void {
    let byslug = this.ids.get(collection)
    if (!byslug) this.ids.set(collection, (byslug = new Map()))
    byslug.set(slug, id)
  }

  /**
   * Creates a document in German unless one with the slug exists already (then its ID is
   * reused, so a seed interrupted half-way can simply run again), then adds each translation
   * in its own locale. Everything is published; demo documents are marked as such.
   */
  async upsert(
    collection: CollectionSlug,
    slug: string,
    german: Record<string, unknown>,
    translations: Partial<Record<LocaleCode, Record<string, unknown>>> = {},
    options: { drafts?: boolean; demo?: boolean } = {},
  ): Promise<ID> {
    const drafts = options.drafts ?? true
    const existing = await this.payload.find({ collection, where: { slug: { equals: slug } }, limit: 1, depth: 0, draft: drafts, pagination: false })
    const found = existing.docs[0]
    if (found) {
      this.remember(collection, slug, found.id)
      return found.id
    }
    const status = drafts ? { _status: 'published' } : {}
    const demo = options.demo ? { demo: true } : {}
    // The Local API types data per collection; the seed builds it generically from its own
    // checked data files, so it is passed through as the collection's data type.
    const doc = await this.payload.create({
      collection,
      locale: 'de',
      data: { ...german, ...demo, ...status, slug } as never,
      context: SeedContext.writeContext,
    })
    for (const locale of localeCodes) {
      const data = translations[locale]
      if (locale === 'de' || !data || Object.keys(data).length === 0) continue
      await this.payload.update({
        collection,
        id: doc.id,
        locale,
        data: { ...data, ...status } as never,
        context: SeedContext.writeContext,
      })
    }
    this.remember(collection, slug, doc.id)
    this.created[collection] = (this.created[collection] ?? 0) + 1
    return doc.id
  }
}

export type Localized = { de: string } & Partial<Record<string, string>>
export type LocalizedList = { de: string[] } & Partial<Record<string, string[]>>

/**
 * Splits per-locale seed values into one data object per non-German locale. `text` fields are
 * copied; `rich` fields become Lexical documents written in the locale's direction. Nested
 * keys ("cost.note") produce nested objects, since Payload merges partial groups on update.
 */
export function translationsOf(fields: { text?: Record<string, Localized | undefined>; rich?: Record<string, LocalizedList | undefined> }): Partial<Record<LocaleCode, Record<string, unknown>>> {
  const out: Partial<Record<LocaleCode, Record<string, unknown>>> = {}
  const put = (locale: LocaleCode, key: string, value: unknown) => {
    const data = (out[locale] ??= {})
    const parts = key.split('.')
    let target = data
    for (const part of parts.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>
    target[parts[parts.length - 1]!] = value
  }
  for (const locale of localeCodes) {
    if (locale === 'de') continue
    for (const [key, value] of Object.entries(fields.text ?? {})) {
      const translated = value?.[locale]
      if (translated) put(locale, key, translated)
    }
    for (const [key, value] of Object.entries(fields.rich ?? {})) {
      const translated = value?.[locale]
      if (translated && translated.length > 0) put(locale, key, paragraphsToLexical(translated, getLocale(locale).dir))
    }
  }
  return out
}

/** German rich text of a seed entry. */
export function germanRich(value: LocalizedList): ReturnType<typeof paragraphsToLexical> {
  return paragraphsToLexical(value.de)
}

/** Seed times are Berlin wall-clock times; the conversion is shared with the site. */
export { berlinToIso } from '@lotse/content-schemas'

/** "2019-06-30" → noon UTC of that day, so the date reads the same in every time zone. */
export function dateOnlyToIso(day: string): string {
  return `${day}T12:00:00.000Z`
}
