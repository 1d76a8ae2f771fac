import type { CollectionConfig } from 'payload'

import { organizationDocumentAccess } from '../access/roles'
import { dayOnly, duplicateWarningField, notBeforeValidator, reviewedAtField, summaryField, targetGroupsField, titleField, topicsField } from '../fields/common'
import { languagesField } from '../fields/languages'
import { demoField, ownerOrganizationField } from '../fields/organization'
import { placeFields } from '../fields/place'
import { richTextField } from '../fields/richText'
import { slugField } from '../fields/slug'
import { timeSlotsField } from '../fields/timeSlots'
import { costField, registrationField } from '../fields/terms'
import { publicDocumentFields } from '../fields/translationTracking'
import { importedFields } from '../fields/imported'
import { trackTranslationStatus } from '../hooks/translationStatus'
import { stillCorrectEndpoint } from '../freshness/endpoints'
import { previewEndpoint, previewUrl } from '../preview/endpoint'
import { rebuildOnDelete, rebuildOnPublish } from '../publish/trigger'
import { machineTranslateEndpoint, translationStatusEndpoint } from '../translation/endpoint'

/**
 * Offers (Angebote): language courses, counselling, Sprach-Cafés, homework help … Kept current
 * by the social workers of the providing organization; `reviewedAt` tells readers when someone
 * last confirmed the entry is still true.
 */
export const Offers: CollectionConfig = {
  slug: 'offers',
  labels: { singular: { de: 'Angebot', en: 'Offer' }, plural: { de: 'Angebote', en: 'Offers' } },
  admin: {
    // The "Preview" button: the latest saved version as the site will show it (preview/endpoint.ts).
    preview: previewUrl('offers'),
    useAsTitle: 'title',
    group: { de: 'Inhalte', en: 'Content' },
    defaultColumns: ['title', 'organization', 'municipality', 'reviewedAt', '_status'],
    listSearchableFields: ['title', 'summary', 'slug'],
  },
  access: organizationDocumentAccess('organization'),
  // Drafts, and publishing at a chosen time (the jobs queue runs it).
  versions: { drafts: { schedulePublish: true }, maxPerDoc: 50 },
  // A publish, unpublish or deletion of public content rebuilds the site (publish/trigger.ts).
  hooks: { beforeChange: [trackTranslationStatus], afterChange: [rebuildOnPublish], afterDelete: [rebuildOnDelete] },
  endpoints: [machineTranslateEndpoint('offers'), translationStatusEndpoint('offers'), stillCorrectEndpoint('offers'), previewEndpoint('offers')],
  fields: publicDocumentFields([
    duplicateWarningField,
    {
      type: 'tabs',
      tabs: [
        {
          label: { de: 'Inhalt', en: 'Content' },
          fields: [
            titleField(),
            summaryField(),
            richTextField('body', { de: 'Beschreibung', en: 'Description' }),
            targetGroupsField(),
            languagesField('languages', { de: 'Sprachen, in denen das Angebot stattfindet', en: 'Languages the offer is held in' }),
          ],
        },
        {
          label: { de: 'Ort und Zeit', en: 'Place and time' },
          fields: [
            ...placeFields({ municipalityRequired: true }),
            timeSlotsField('schedule', { de: 'Termine (wöchentlich)', en: 'Schedule (weekly)' }),
            { name: 'scheduleNote', type: 'text', localized: true, label: { de: 'Hinweis zu den Terminen', en: 'Schedule note' } },
            {
              type: 'row',
              fields: [
                { name: 'validFrom', type: 'date', label: { de: 'Gültig ab', en: 'Valid from' }, admin: { date: dayOnly } },
                {
                  name: 'validUntil',
                  type: 'date',
                  label: { de: 'Gültig bis', en: 'Valid until' },
                  admin: { date: dayOnly },
                  validate: notBeforeValidator('validFrom', 'untilBeforeFrom', { de: 'Gültig bis', en: 'Valid until' }),
                },
              ],
            },
          ],
        },
        {
          label: { de: 'Bedingungen', en: 'Conditions' },
          fields: [
            costField(),
            {
              type: 'row',
              fields: [
                { name: 'childcare', type: 'checkbox', defaultValue: false, label: { de: 'Kinderbetreuung', en: 'Childcare' } },
                { name: 'barrierFree', type: 'checkbox', defaultValue: false, label: { de: 'Barrierefrei zugänglich', en: 'Step-free access' } },
              ],
            },
            registrationField(),
          ],
        },
      ],
    },
    slugField(),
    ownerOrganizationField('organization', { de: 'Anbieter (Organisation)', en: 'Provider (organization)' }),
    topicsField(),
    {
      name: 'contacts',
      type: 'relationship',
      relationTo: 'contacts',
      hasMany: true,
      label: { de: 'Ansprechpartner', en: 'Contacts' },
      admin: { position: 'sidebar' },
    },
    reviewedAtField,
    ...importedFields,
    demoField,
  ]),
}
