import type { CollectionConfig } from 'payload'

import { pressOfficeAccess } from '../access/collections'
import { dayOnly, summaryField, titleField, topicsField } from '../fields/common'
import { demoField } from '../fields/organization'
import { richTextField } from '../fields/richText'
import { slugField } from '../fields/slug'
import { publicDocumentFields } from '../fields/translationTracking'
import { trackTranslationStatus } from '../hooks/translationStatus'
import { previewEndpoint, previewUrl } from '../preview/endpoint'
import { rebuildOnDelete, rebuildOnPublish } from '../publish/trigger'
import { machineTranslateEndpoint, translationStatusEndpoint } from '../translation/endpoint'

/**
 * Progress reports and news by the press office. Linking a report to measures puts it on the
 * public concept tracker next to them, which is how the county reports how the concept moves.
 */
export const Reports: CollectionConfig = {
  slug: 'reports',
  labels: { singular: { de: 'Bericht', en: 'Report' }, plural: { de: 'Berichte', en: 'Reports' } },
  admin: {
    // The "Preview" button: the latest saved version as the site will show it (preview/endpoint.ts).
    preview: previewUrl('reports'),
    useAsTitle: 'title',
    group: { de: 'Integrationskonzept', en: 'Integration concept' },
    defaultColumns: ['title', 'publishedDate', '_status'],
    listSearchableFields: ['title', 'summary', 'slug'],
  },
  access: pressOfficeAccess,
  // Drafts, and publishing at a chosen time (the jobs queue runs it).
  versions: { drafts: { schedulePublish: true }, maxPerDoc: 50 },
  defaultSort: '-publishedDate',
  // A publish, unpublish or deletion of public content rebuilds the site (publish/trigger.ts).
  hooks: { beforeChange: [trackTranslationStatus], afterChange: [rebuildOnPublish], afterDelete: [rebuildOnDelete] },
  endpoints: [machineTranslateEndpoint('reports'), translationStatusEndpoint('reports'), previewEndpoint('reports')],
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
