import type { CollectionConfig } from 'payload'

import { editorialStaffField, organizationDocumentAccess } from '../access/roles'
import { duplicateWarningField, reviewedAtField } from '../fields/common'
import { emailField, phoneField, urlField } from '../fields/contactChannels'
import { languagesField } from '../fields/languages'
import { demoField, ownerOrganizationField } from '../fields/organization'
import { placeFields } from '../fields/place'
import { slugField } from '../fields/slug'
import { timeSlotsField } from '../fields/timeSlots'
import { publicDocumentFields } from '../fields/translationTracking'
import { importedFields } from '../fields/imported'
import { trackTranslationStatus } from '../hooks/translationStatus'
import { stillCorrectEndpoint } from '../freshness/endpoints'
import { previewEndpoint, previewUrl } from '../preview/endpoint'
import { rebuildOnDelete, rebuildOnPublish } from '../publish/trigger'
import { machineTranslateEndpoint, translationStatusEndpoint } from '../translation/endpoint'

/**
 * Contact points: offices (the Anlaufstelle, consultation hours in each municipality), named
 * people, and the interpreter pool. `languages` is what newcomers search by ("who speaks
 * Tigrinya?"); `internalNotes` never leave the CMS.
 */
export const Contacts: CollectionConfig = {
  slug: 'contacts',
  labels: { singular: { de: 'Ansprechpartner', en: 'Contact' }, plural: { de: 'Ansprechpartner', en: 'Contacts' } },
  admin: {
    // The "Preview" button: the latest saved version as the site will show it (preview/endpoint.ts).
    preview: previewUrl('contacts'),
    useAsTitle: 'name',
    group: { de: 'Inhalte', en: 'Content' },
    defaultColumns: ['name', 'kind', 'organization', 'municipality', 'reviewedAt', '_status'],
    listSearchableFields: ['name', 'slug', 'email'],
  },
  access: organizationDocumentAccess('organization'),
  // Drafts, and publishing at a chosen time (the jobs queue runs it).
  versions: { drafts: { schedulePublish: true }, maxPerDoc: 50 },
  // A publish, unpublish or deletion of public content rebuilds the site (publish/trigger.ts).
  hooks: { beforeChange: [trackTranslationStatus], afterChange: [rebuildOnPublish], afterDelete: [rebuildOnDelete] },
  endpoints: [machineTranslateEndpoint('contacts'), translationStatusEndpoint('contacts'), stillCorrectEndpoint('contacts'), previewEndpoint('contacts')],
  fields: publicDocumentFields([
    duplicateWarningField,
    {
      type: 'tabs',
      tabs: [
        {
          label: { de: 'Kontakt', en: 'Contact' },
          fields: [
            { name: 'name', type: 'text', required: true, label: { de: 'Name', en: 'Name' } },
            {
              name: 'kind',
              type: 'select',
              required: true,
              defaultValue: 'office',
              label: { de: 'Art', en: 'Kind' },
              options: [
                { value: 'office', label: { de: 'Beratungsstelle / Büro', en: 'Office' } },
                { value: 'person', label: { de: 'Person', en: 'Person' } },
                { value: 'interpreter', label: { de: 'Dolmetscherpool', en: 'Interpreter pool' } },
              ],
            },
            { name: 'responsibility', type: 'textarea', localized: true, label: { de: 'Zuständigkeit', en: 'Area of responsibility' } },
            languagesField('languages', { de: 'Gesprochene Sprachen', en: 'Languages spoken' }),
            {
              type: 'row',
              fields: [phoneField(), emailField(), urlField()],
            },
          ],
        },
        {
          label: { de: 'Ort und Sprechzeiten', en: 'Place and hours' },
          fields: [...placeFields(), timeSlotsField('consultationHours', { de: 'Sprechzeiten', en: 'Consultation hours' })],
        },
        {
          label: { de: 'Intern', en: 'Internal' },
          fields: [
            {
              name: 'internalNotes',
              type: 'textarea',
              label: { de: 'Interne Notizen', en: 'Internal notes' },
              access: { read: editorialStaffField, create: editorialStaffField, update: editorialStaffField },
              admin: {
                description: {
                  de: 'Nur für die Redaktion sichtbar; wird nie veröffentlicht (z. B. Vertretung, private Nummern).',
                  en: 'Visible to editorial staff only; never published (e.g. stand-ins, private numbers).',
                },
              },
            },
          ],
        },
      ],
    },
    slugField('name'),
    ownerOrganizationField('organization', { de: 'Organisation', en: 'Organization' }),
    reviewedAtField,
    ...importedFields,
    demoField,
  ]),
}
