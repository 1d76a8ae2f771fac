import type { CollectionConfig } from 'payload'

import { organizationDocumentAccess, pressOffice } from '../access/roles'
import { dayAndTime, dayOnly, duplicateWarningField, notBeforeValidator, titleField, topicsField } from '../fields/common'
import { languagesField } from '../fields/languages'
import { demoField, ownerOrganizationField } from '../fields/organization'
import { placeFields } from '../fields/place'
import { richTextField } from '../fields/richText'
import { slugField } from '../fields/slug'
import { costField, registrationField } from '../fields/terms'
import { publicDocumentFields } from '../fields/translationTracking'
import { trackTranslationStatus } from '../hooks/translationStatus'
import { previewEndpoint, previewUrl } from '../preview/endpoint'
import { rebuildOnDelete, rebuildOnPublish } from '../publish/trigger'
import { machineTranslateEndpoint, translationStatusEndpoint } from '../translation/endpoint'

const endLabel = { de: 'Ende', en: 'End' }
const untilLabel = { de: 'Wiederholen bis', en: 'Repeat until' }

/**
 * Events: the Interkulturelle Woche, information evenings, the weekly Sprach-Café. Times are
 * stored as instants and shown in Europe/Berlin; a recurrence rule (daily, weekly, monthly on a
 * day or on e.g. the 2nd Tuesday) is expanded into dates by the site at build time.
 */
export const Events: CollectionConfig = {
  slug: 'events',
  labels: { singular: { de: 'Veranstaltung', en: 'Event' }, plural: { de: 'Veranstaltungen', en: 'Events' } },
  admin: {
    // The "Preview" button: the latest saved version as the site will show it (preview/endpoint.ts).
    preview: previewUrl('events'),
    useAsTitle: 'title',
    group: { de: 'Inhalte', en: 'Content' },
    defaultColumns: ['title', 'start', 'municipality', 'organizer', '_status'],
    listSearchableFields: ['title', 'slug', 'place'],
  },
  access: organizationDocumentAccess('organizer', [pressOffice]),
  // Drafts, and publishing at a chosen time (the jobs queue runs it).
  versions: { drafts: { schedulePublish: true }, maxPerDoc: 50 },
  // A publish, unpublish or deletion of public content rebuilds the site (publish/trigger.ts).
  hooks: { beforeChange: [trackTranslationStatus], afterChange: [rebuildOnPublish], afterDelete: [rebuildOnDelete] },
  endpoints: [machineTranslateEndpoint('events'), translationStatusEndpoint('events'), previewEndpoint('events')],
  fields: publicDocumentFields([
    duplicateWarningField,
    {
      type: 'tabs',
      tabs: [
        {
          label: { de: 'Inhalt', en: 'Content' },
          fields: [
            titleField(),
            richTextField('description', { de: 'Beschreibung', en: 'Description' }),
            languagesField('languages', { de: 'Sprachen', en: 'Languages' }),
            { name: 'cancelled', type: 'checkbox', defaultValue: false, label: { de: 'Abgesagt', en: 'Cancelled' } },
          ],
        },
        {
          label: { de: 'Zeit', en: 'Time' },
          fields: [
            {
              type: 'row',
              fields: [
                { name: 'start', type: 'date', required: true, index: true, label: { de: 'Beginn', en: 'Start' }, admin: { date: dayAndTime } },
                {
                  name: 'end',
                  type: 'date',
                  label: endLabel,
                  admin: { date: dayAndTime },
                  validate: notBeforeValidator('start', 'endBeforeStart', endLabel),
                },
                { name: 'allDay', type: 'checkbox', defaultValue: false, label: { de: 'Ganztägig', en: 'All day' } },
              ],
            },
            {
              name: 'recurrence',
              type: 'group',
              label: { de: 'Wiederholung', en: 'Recurrence' },
              fields: [
                {
                  type: 'row',
                  fields: [
                    {
                      name: 'frequency',
                      type: 'select',
                      defaultValue: 'none',
                      label: { de: 'Wiederholung', en: 'Repeats' },
                      options: [
                        { value: 'none', label: { de: 'Einmalig', en: 'Does not repeat' } },
                        { value: 'daily', label: { de: 'Täglich', en: 'Daily' } },
                        { value: 'weekly', label: { de: 'Wöchentlich', en: 'Weekly' } },
                        { value: 'monthly', label: { de: 'Monatlich', en: 'Monthly' } },
                      ],
                    },
                    {
                      name: 'interval',
                      type: 'number',
                      defaultValue: 1,
                      min: 1,
                      max: 52,
                      label: { de: 'Alle … (Tage/Wochen/Monate)', en: 'Every … (days/weeks/months)' },
                      admin: { condition: (_, s) => (s as { frequency?: string }).frequency !== 'none' },
                    },
                  ],
                },
                {
                  type: 'row',
                  fields: [
                    {
                      name: 'monthlyMode',
                      type: 'select',
                      defaultValue: 'dayOfMonth',
                      label: { de: 'Monatlich am', en: 'Monthly on' },
                      admin: { condition: (_, s) => (s as { frequency?: string }).frequency === 'monthly' },
                      options: [
                        { value: 'dayOfMonth', label: { de: 'gleichen Tag im Monat (z. B. 14.)', en: 'same day of month (e.g. 14th)' } },
                        { value: 'weekdayOfMonth', label: { de: 'gleichen Wochentag (z. B. 2. Dienstag)', en: 'same weekday (e.g. 2nd Tuesday)' } },
                      ],
                    },
                    {
                      name: 'weekOfMonth',
                      type: 'select',
                      label: { de: 'Woche im Monat', en: 'Week of month' },
                      admin: {
                        condition: (_, s) => (s as { monthlyMode?: string; frequency?: string }).frequency === 'monthly' && (s as { monthlyMode?: string }).monthlyMode === 'weekdayOfMonth',
                        description: { de: 'Leer: aus dem Beginn abgeleitet.', en: 'Empty: derived from the start.' },
                      },
                      options: [
                        { value: '1', label: { de: '1.', en: '1st' } },
                        { value: '2', label: { de: '2.', en: '2nd' } },
                        { value: '3', label: { de: '3.', en: '3rd' } },
                        { value: '4', label: { de: '4.', en: '4th' } },
                        { value: '-1', label: { de: 'letzten', en: 'last' } },
                      ],
                    },
                    {
                      name: 'until',
                      type: 'date',
                      label: untilLabel,
                      admin: { date: dayOnly, condition: (_, s) => (s as { frequency?: string }).frequency !== 'none' },
                      validate: notBeforeValidator('start', 'recurrenceUntilBeforeStart', untilLabel),
                    },
                  ],
                },
              ],
            },
          ],
        },
        {
          label: { de: 'Ort und Bedingungen', en: 'Place and conditions' },
          fields: [
            { name: 'place', type: 'text', label: { de: 'Veranstaltungsort', en: 'Venue' }, admin: { placeholder: 'Bürgerhaus Esens, Saal 1' } },
            ...placeFields({ municipalityRequired: true }),
            costField(),
            registrationField(),
          ],
        },
      ],
    },
    slugField(),
    ownerOrganizationField('organizer', { de: 'Veranstalter', en: 'Organizer' }),
    topicsField(),
    demoField,
  ]),
}
