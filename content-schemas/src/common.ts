import { z } from 'zod'

import { localeCodes, type LocaleCode } from '@lotse/translations'

import { isHttpUrl, isSlug } from './rules'

/**
 * Building blocks of the export contract. Every schema is strict (`z.strictObject`): the
 * export lists public fields explicitly, so a field added to the CMS (an internal note, say)
 * reaches the site only when someone adds it here on purpose.
 */

export const SlugSchema = z.string().refine(isSlug, { message: 'must be a lowercase slug such as "sprach-cafe-esens"' })

/** Documents are referenced by slug: the site's URLs are built from slugs, never from IDs. */
export const RefSchema = SlugSchema

export const IsoDateSchema = z.iso.datetime({ offset: true })

export const HttpUrlSchema = z.string().refine(isHttpUrl, { message: 'must be an absolute http(s) URL' })

/**
 * A localized value: every locale of the table is present; `null` means not translated, and
 * the site then shows German with a notice. No fallback is applied in the export, so the site
 * knows which text is a translation and which is the German original.
 */
export function localized<T extends z.ZodType>(schema: T) {
  return z.strictObject(Object.fromEntries(localeCodes.map((code) => [code, schema.nullable()])) as Record<LocaleCode, z.ZodNullable<T>>)
}

/** Where a translation stands; `original` is the German source. */
export const TranslationStateSchema = z.enum(['original', 'reviewed', 'machine', 'outdated'])
export type TranslationState = z.infer<typeof TranslationStateSchema>

/** Per locale: the state of its translation, or `null` when there is none (the site falls back). */
export const TranslationsSchema = z.strictObject(
  Object.fromEntries(localeCodes.map((code) => [code, z.strictObject({ state: TranslationStateSchema, updatedAt: IsoDateSchema.nullable() }).nullable()])) as Record<
    LocaleCode,
    z.ZodNullable<z.ZodObject<{ state: typeof TranslationStateSchema; updatedAt: z.ZodNullable<typeof IsoDateSchema> }>>
  >,
)

/**
 * Lexical rich text as stored by the CMS. Only the outer shape is checked here; the site's
 * renderer walks the nodes through an allow-list and drops everything else.
 */
export const RichTextSchema = z.strictObject({
  root: z.looseObject({ type: z.literal('root'), children: z.array(z.looseObject({ type: z.string() })) }),
})

export const AddressSchema = z.strictObject({
  street: z.string().nullable(),
  postalCode: z
    .string()
    .regex(/^\d{5}$/)
    .nullable(),
  city: z.string().nullable(),
})

export const PointSchema = z.strictObject({ lat: z.number().min(47).max(55.5), lng: z.number().min(5.5).max(15.5) })

export const WeekdaySchema = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])

/** A weekly time slot (consultation hours, course times), times as "HH:MM". */
export const TimeSlotSchema = z.strictObject({
  weekday: WeekdaySchema,
  from: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  to: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  appointmentOnly: z.boolean(),
  note: localized(z.string()),
})

export const CostSchema = z.strictObject({ free: z.boolean(), note: localized(z.string()) })

export const RegistrationSchema = z.strictObject({
  required: z.boolean(),
  how: localized(z.string()),
  url: HttpUrlSchema.nullable(),
})

/** Fields every document with a public page has. */
export const publicDocumentFields = {
  /** Stable public URL segment, the same in every locale. */
  slug: SlugSchema,
  /** Last change of the published version; shown as "updated on" and used for caching. */
  updatedAt: IsoDateSchema,
  translations: TranslationsSchema,
  /** Seeded demo content; a county removes it before going live. */
  demo: z.boolean(),
}
