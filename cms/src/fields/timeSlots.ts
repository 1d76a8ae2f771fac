import type { ArrayField, TextFieldSingleValidation } from 'payload'

import { isClockTime } from '@lotse/content-schemas'

import { type Label, message } from '../i18n/messages'

export const weekdays = [
  { value: 'mon', label: { de: 'Montag', en: 'Monday' } },
  { value: 'tue', label: { de: 'Dienstag', en: 'Tuesday' } },
  { value: 'wed', label: { de: 'Mittwoch', en: 'Wednesday' } },
  { value: 'thu', label: { de: 'Donnerstag', en: 'Thursday' } },
  { value: 'fri', label: { de: 'Freitag', en: 'Friday' } },
  { value: 'sat', label: { de: 'Samstag', en: 'Saturday' } },
  { value: 'sun', label: { de: 'Sonntag', en: 'Sunday' } },
] as const

/**
 * Weekly time slots (consultation hours, course times) as structured data, so the site can
 * show them in the reader's locale and say "open now"; free text could do neither.
 */
export function timeSlotsField(name: string, label: Label): ArrayField {
  const fromLabel = { de: 'Von', en: 'From' }
  const toLabel = { de: 'Bis', en: 'To' }
  const timeValidate =
    (fieldLabel: Label) =>
    (value: unknown, { req }: { req: Parameters<typeof message>[0] }) =>
      typeof value === 'string' && isClockTime(value) ? true : message(req, 'invalidTime', fieldLabel)
  return {
    name,
    type: 'array',
    label,
    labels: { singular: { de: 'Zeit', en: 'Time slot' }, plural: { de: 'Zeiten', en: 'Time slots' } },
    fields: [
      {
        type: 'row',
        fields: [
          { name: 'weekday', type: 'select', required: true, label: { de: 'Wochentag', en: 'Weekday' }, options: [...weekdays] },
          { name: 'from', type: 'text', required: true, label: fromLabel, validate: timeValidate(fromLabel), admin: { placeholder: '09:00' } },
          {
            name: 'to',
            type: 'text',
            required: true,
            label: toLabel,
            admin: { placeholder: '12:00' },
            validate: ((value, { req, siblingData }) => {
              if (typeof value !== 'string' || !isClockTime(value)) return message(req, 'invalidTime', toLabel)
              const from = (siblingData as { from?: unknown }).from
              return typeof from === 'string' && isClockTime(from) && value <= from ? message(req, 'slotEndBeforeStart', toLabel) : true
            }) satisfies TextFieldSingleValidation,
          },
          { name: 'appointmentOnly', type: 'checkbox', label: { de: 'Nur mit Termin', en: 'By appointment only' } },
        ],
      },
      { name: 'note', type: 'text', localized: true, label: { de: 'Hinweis', en: 'Note' } },
    ],
  }
}
