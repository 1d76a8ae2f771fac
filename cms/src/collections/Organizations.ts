import type { CollectionConfig } from 'payload'

import { admins, anyOf, anyone, translatorsInOtherLocales } from '../access/roles'
import { emailField, phoneField, urlField } from '../fields/contactChannels'
import { addressField, municipalityField } from '../fields/place'
import { slugField } from '../fields/slug'
import { lockSharedFieldsForTranslators } from '../fields/translatorLock'
import { rebuildOnDelete, rebuildOnPublish } from '../publish/trigger'

/**
 * Providers of offers and employers of contacts: the county office, Jobcenter, welfare
 * associations, the adult education centre, volunteer groups. Names are proper names and not
 * translated. Editors belong to one organization and edit only its entries.
 */
export const Organizations: CollectionConfig = {
  slug: 'organizations',
  labels: { singular: { de: 'Organisation', en: 'Organization' }, plural: { de: 'Organisationen', en: 'Organizations' } },
  admin: { useAsTitle: 'name', group: { de: 'Stammdaten', en: 'Reference data' }, defaultColumns: ['name', 'kind', 'municipality'] },
  access: { read: anyone, create: anyOf(admins), update: anyOf(admins, translatorsInOtherLocales), delete: anyOf(admins) },
  versions: { maxPerDoc: 20 },
  // A publish, unpublish or deletion of public content rebuilds the site (publish/trigger.ts).
  hooks: { afterChange: [rebuildOnPublish], afterDelete: [rebuildOnDelete] },
  fields: lockSharedFieldsForTranslators([
    { name: 'name', type: 'text', required: true, label: { de: 'Name', en: 'Name' } },
    slugField('name'),
    {
      name: 'kind',
      type: 'select',
      required: true,
      defaultValue: 'other',
      label: { de: 'Art', en: 'Kind' },
      options: [
        { value: 'authority', label: { de: 'Behörde', en: 'Public authority' } },
        { value: 'welfare', label: { de: 'Wohlfahrtsverband', en: 'Welfare association' } },
        { value: 'education', label: { de: 'Bildungsträger', en: 'Education provider' } },
        { value: 'association', label: { de: 'Verein / Initiative', en: 'Association' } },
        { value: 'church', label: { de: 'Kirchengemeinde', en: 'Church' } },
        { value: 'employer', label: { de: 'Arbeitgeber', en: 'Employer' } },
        { value: 'other', label: { de: 'Sonstige', en: 'Other' } },
      ],
    },
    { name: 'description', type: 'textarea', localized: true, label: { de: 'Beschreibung', en: 'Description' } },
    urlField(),
    emailField(),
    phoneField(),
    addressField(),
    municipalityField(),
  ]),
}
