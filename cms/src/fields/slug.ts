import type { CollectionSlug, FieldHook, TextField, Where } from 'payload'

import { isSlug, slugify } from '@lotse/content-schemas'

import { message } from '../i18n/messages'

const label = { de: 'Kurzname (URL)', en: 'Slug (URL)' }

/**
 * The title to derive a slug from: the German one when the request carries all locales, else
 * the title of the locale being written (a document is normally created in German).
 */
function sourceTitle(data: Record<string, unknown> | undefined, from: string): string {
  const value = data?.[from]
  if (typeof value === 'string') return value
  if (value && typeof value === 'object') {
    const byLocale = value as Record<string, unknown>
    const german = byLocale.de
    if (typeof german === 'string') return german
    const first = Object.values(byLocale).find((v) => typeof v === 'string')
    return typeof first === 'string' ? first : ''
  }
  return ''
}

/**
 * Fills an empty slug from the German title (the slug is a stable public URL shared by every
 * locale). When the title's slug is taken, a number is appended, so creating "Sprach-Café" a
 * second time gives `sprach-cafe-2` rather than an error.
 */
function generateSlug(from: string): FieldHook {
  return async ({ value, data, originalDoc, req, collection, operation }) => {
    if (typeof value === 'string' && value.trim() !== '') return value.trim()
    const existing = (originalDoc as { slug?: unknown } | undefined)?.slug
    if (operation === 'update' && typeof existing === 'string' && existing !== '') return existing
    const base = slugify(sourceTitle(data, from)) || `${collection?.slug ?? 'entry'}-${Date.now().toString(36)}`
    if (!collection) return base
    for (let n = 1; n < 100; n++) {
      const candidate = n === 1 ? base : `${base}-${n}`
      const taken = await req.payload.count({
        collection: collection.slug,
        where: { slug: { equals: candidate } },
        req,
      })
      if (taken.totalDocs === 0) return candidate
    }
    return `${base}-${Date.now().toString(36)}`
  }
}

/** A unique, non-localized `slug`, generated from the German title when none is given. */
export function slugField(from = 'title'): TextField {
  return {
    name: 'slug',
    type: 'text',
    label,
    index: true,
    unique: true,
    admin: {
      position: 'sidebar',
      description: {
        de: 'Wird aus dem deutschen Titel erzeugt, wenn leer. Ändern bricht bestehende Links.',
        en: 'Generated from the German title when empty. Changing it breaks existing links.',
      },
    },
    // A duplicate gets a slug of its own from its title (Payload's default appends " - Copy",
    // which is no slug, so duplicating answered 400).
    hooks: { beforeDuplicate: [() => null], beforeValidate: [generateSlug(from)] },
    validate: async (value, { req, id, collectionSlug }) => {
      if (typeof value !== 'string' || !isSlug(value)) return message(req, 'invalidSlug', label)
      if (!collectionSlug) return true
      const where: Where = id != null ? { and: [{ slug: { equals: value } }, { id: { not_equals: id } }] } : { slug: { equals: value } }
      const taken = await req.payload.count({ collection: collectionSlug as CollectionSlug, where, req })
      return taken.totalDocs > 0 ? message(req, 'slugTaken', label, { slug: value }) : true
    },
  }
}
