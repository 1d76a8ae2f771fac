import type { CollectionSlug, PayloadRequest } from 'payload'

import { isEmail, isHttpUrl, isPhoneNumber } from '@lotse/content-schemas'

import { type Label, message } from '../i18n/messages'

/**
 * Validators for plain text fields. Empty values pass: whether a field is required is the
 * field's own `required` flag, so each message says one thing.
 */
type TextValidate = (value: unknown, options: { req: PayloadRequest }) => true | string

export function phoneValidator(label: Label): TextValidate {
  return (value, { req }) => (value == null || value === '' || (typeof value === 'string' && isPhoneNumber(value.trim())) ? true : message(req, 'invalidPhone', label))
}

export function emailValidator(label: Label): TextValidate {
  return (value, { req }) => (value == null || value === '' || (typeof value === 'string' && isEmail(value.trim())) ? true : message(req, 'invalidEmail', label))
}

/** Websites and registration links: absolute http(s) only, so `javascript:` never gets in. */
export function urlValidator(label: Label): TextValidate {
  return (value, { req }) => (value == null || value === '' || (typeof value === 'string' && isHttpUrl(value.trim())) ? true : message(req, 'invalidUrl', label))
}

/**
 * Required in German, the source language, and optional in translations: a translator may
 * translate the summary before the title, and a missing translation falls back to German.
 * (Payload's `required` would demand every localized field in every locale saved.)
 *
 * Saved in another locale, the German text must be there already: a document created, or
 * published, in Arabic alone was public without the text every locale falls back to, and the
 * export refused it, which stopped every later build (`POST /api/pages?locale=ar` with nothing
 * but `_status: published`, reproduced). Payload skips `validate` on draft saves: a draft may
 * lack it, the publish may not.
 */
/** The German text of a value as stored or sent: a string, or `{ de: … }` by locale; null when blank. */
export function germanText(value: unknown): string | null {
  const text = value && typeof value === 'object' ? (value as Record<string, unknown>).de : value
  return typeof text === 'string' && text.trim() !== '' ? text : null
}

export function requiredInGerman(label: Label) {
  return async (value: unknown, options: { req: PayloadRequest; id?: number | string; collectionSlug?: string; path: (number | string)[]; event?: string; localized?: boolean }) => {
    const { req } = options
    const translation = req.locale !== undefined && req.locale !== null && req.locale !== 'de' && req.locale !== 'all'
    if (!translation || !options.localized) return germanText(value) !== null ? true : message(req, 'required', label)
    // While typing in the admin (form state) the stored German is not read on every keystroke.
    if (options.event === 'onChange') return true
    const { id, collectionSlug } = options
    if (id == null || !collectionSlug) return message(req, 'requiredInGermanFirst', label)
    // The stored row through the database adapter, not the Local API: handed `req`, the Local
    // API sets `req.locale` to its own (createLocalReq), and the rest of this Arabic save, and
    // the validators running meanwhile, would have been German.
    const stored = await req.payload.db.findOne({ collection: collectionSlug as CollectionSlug, where: { id: { equals: id } }, locale: 'de', req })
    // The adapter answers localized fields by locale: `{ title: { de: '…' } }`.
    const field = options.path.reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string | number, unknown>)[key] : undefined), stored)
    return germanText(field) !== null ? true : message(req, 'requiredInGermanFirst', label)
  }
}
