import type { CollectionConfig } from 'payload'

import { pressOfficeAccess } from '../access/collections'
import { dayOnly, summaryField, titleField, topicsField } from '../fields/common'
import { demoField } from '../fields/organization'
import { richTextField } from '../fields/richText'
import { slugField } from '../fields/slug'
import { publicDocumentFields } from '../fields/translationTracking'
import { trackTranslationStatus } from '../hooks/translationStatus'

/**
 * Progress reports and news by the press office. Linking a report to measures puts it on the
 * public concept tracker next to them, which is how the county reports how the concept moves.
 */
export const Reports: CollectionConfig = {
  slug: 'reports',
  labels: { singular: { de: 'Bericht', en: 'Report' }, plural: { de: 'Berichte', en: 'Reports' } },
  admin: {
    useAsTitle: 'title',
    group: { de: 'Integrationskonzept', en: 'Integration concept' },
    defaultColumns: ['title', 'publishedDate', '_status'],
    listSearchableFields: ['title', 'summary', 'slug'],
  },
  access: pressOfficeAccess,
  versions: { drafts: true, maxPerDoc: 50 },
  defaultSort: '-publishedDate',
  hooks: { beforeChange: [trackTranslationStatus] },
  fields: publicDocumentFields([
    titleField(),
    summaryField(),
    { name: 'coverImage', type: 'upload', relationTo: 'media', label: { de: 'Titelbild', en: 'Cover image' } },
    richTextField('body', { de: 'Text', en: 'Text' }),
    slugField(),
    {
      name: 'publishedDate',
      type: 'date',
      required: true,
      index: true,
      defaultValue: () => new Date().toISOString(),
      label: { de: 'Veröffentlicht am', en: 'Published on' },
      admin: { position: 'sidebar', date: dayOnly },
    },
    {
      name: 'measures',
      type: 'relationship',
      relationTo: 'measures',
      hasMany: true,
      label: { de: 'Berichtet über', en: 'Reports on' },
      admin: { position: 'sidebar' },
    },
    topicsField(),
    demoField,
  ]),
}
