import type { PayloadRequest } from 'payload'

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
 */
export function requiredInGerman(label: Label): TextValidate {
  return (value, { req }) => {
    if (req.locale !== undefined && req.locale !== null && req.locale !== 'de' && req.locale !== 'all') return true
    const german = value && typeof value === 'object' ? (value as Record<string, unknown>).de : value
    return typeof german === 'string' && german.trim() !== '' ? true : message(req, 'required', label)
  }
}
