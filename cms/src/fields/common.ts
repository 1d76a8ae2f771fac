import type { Field, SelectField } from 'payload'

import { type Label, message } from '../i18n/messages'
import { requiredInGerman } from './validate'

/** The title every public document has; localized, German required as the source. */
export function titleField(label: Label = { de: 'Titel', en: 'Title' }): Field {
  return { name: 'title', type: 'text', localized: true, label, validate: requiredInGerman(label) }
}

/** A short plain-text summary: list views, search results and link previews show it. */
export function summaryField(label: Label = { de: 'Kurzbeschreibung', en: 'Summary' }): Field {
  return {
    name: 'summary',
    type: 'textarea',
    localized: true,
    label,
    maxLength: 400,
    admin: { description: { de: 'Ein bis zwei Sätze, höchstens 400 Zeichen.', en: 'One or two sentences, at most 400 characters.' } },
  }
}

export function topicsField(): Field {
  return { name: 'topics', type: 'relationship', relationTo: 'topics', hasMany: true, label: { de: 'Themen', en: 'Topics' }, admin: { position: 'sidebar' } }
}

export const targetGroups = [
  { value: 'all', label: { de: 'Alle', en: 'Everyone' } },
  { value: 'newcomers', label: { de: 'Neuzugewanderte', en: 'Newcomers' } },
  { value: 'refugees', label: { de: 'Geflüchtete', en: 'Refugees' } },
  { value: 'women', label: { de: 'Frauen', en: 'Women' } },
  { value: 'families', label: { de: 'Familien', en: 'Families' } },
  { value: 'children', label: { de: 'Kinder', en: 'Children' } },
  { value: 'youth', label: { de: 'Jugendliche', en: 'Young people' } },
  { value: 'seniors', label: { de: 'Ältere Menschen', en: 'Older people' } },
  { value: 'jobseekers', label: { de: 'Arbeitsuchende', en: 'Job seekers' } },
  { value: 'volunteers', label: { de: 'Ehrenamtliche', en: 'Volunteers' } },
  { value: 'professionals', label: { de: 'Fachkräfte', en: 'Professionals' } },
] as const

export function targetGroupsField(): SelectField {
  return { name: 'targetGroups', type: 'select', hasMany: true, label: { de: 'Zielgruppen', en: 'Target groups' }, options: [...targetGroups] }
}

/**
 * A date that must not lie before another date field of the same document (end after start,
 * valid until after valid from). Compared as instants; equal is allowed (a one-day offer).
 */
export function notBeforeValidator(otherField: string, key: 'endBeforeStart' | 'untilBeforeFrom' | 'recurrenceUntilBeforeStart', label: Label) {
  return (value: unknown, { req, data }: { req: Parameters<typeof message>[0]; data: Partial<Record<string, unknown>> }) => {
    const other = data?.[otherField]
    if (value == null || value === '' || other == null || other === '') return true
    const end = new Date(value as string).getTime()
    const start = new Date(other as string).getTime()
    if (Number.isNaN(end) || Number.isNaN(start) || end >= start) return true
    return message(req, key, label, { start: new Date(start).toLocaleString(req?.i18n?.language === 'en' ? 'en-GB' : 'de-DE', { timeZone: 'Europe/Berlin' }) })
  }
}

/**
 * Date pickers as German editors read and type dates: "19.11.2026". Payload's default for a
 * day is "MMM d" ("Nov 19"), English and without the year, which hides a stale "last checked".
 */
export const dayOnly = { pickerAppearance: 'dayOnly', displayFormat: 'dd.MM.yyyy' } as const
export const dayAndTime = { pickerAppearance: 'dayAndTime', displayFormat: 'dd.MM.yyyy HH:mm', timeFormat: 'HH:mm' } as const

/**
 * "Last checked" of the entries social workers keep current (offers, contacts): when someone last
 * confirmed every detail is still true. Readers see it; the to-check list and the site's overdue
 * notice count from it (issue 11); "Noch aktuell" in the to-check list sets it to today.
 */
export const reviewedAtField: Field = {
  name: 'reviewedAt',
  type: 'date',
  label: { de: 'Zuletzt geprüft', en: 'Last checked' },
  admin: {
    position: 'sidebar',
    date: dayOnly,
    description: { de: 'Wann zuletzt bestätigt wurde, dass alle Angaben stimmen.', en: 'When someone last confirmed the entry is correct.' },
  },
}

/**
 * Above the create form of the entries social workers keep (offers, contacts, events): a warning
 * with links when the same organization and municipality already have an entry with a very
 * similar title (`components/DuplicateWarning`, issue 11). Stores nothing.
 */
export const duplicateWarningField: Field = {
  name: 'duplicateWarning',
  type: 'ui',
  admin: { components: { Field: '/components/DuplicateWarning#DuplicateWarning' } },
}
