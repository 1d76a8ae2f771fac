import type { CollectionConfig, RelationshipFieldSingleValidation } from 'payload'

import { pressOfficeAccess } from '../access/collections'
import { summaryField, titleField, topicsField } from '../fields/common'
import { demoField } from '../fields/organization'
import { richTextField } from '../fields/richText'
import { slugField } from '../fields/slug'
import { publicDocumentFields } from '../fields/translationTracking'
import { message } from '../i18n/messages'
import { relationId } from '../lib/relations'
import { trackTranslationStatus } from '../hooks/translationStatus'
import { previewEndpoint, previewUrl } from '../preview/endpoint'
import { rebuildOnDelete, rebuildOnPublish } from '../publish/trigger'
import { machineTranslateEndpoint, translationStatusEndpoint } from '../translation/endpoint'

const parentLabel = { de: 'Übergeordnete Seite', en: 'Parent page' }

/**
 * Orientation pages (first steps, authorities, health, housing, work) as a tree, plus the
 * legally required Impressum, privacy policy and accessibility statement, which the site links
 * from every page by their `legal` role rather than by a slug someone might change.
 */
export const Pages: CollectionConfig = {
  slug: 'pages',
  labels: { singular: { de: 'Seite', en: 'Page' }, plural: { de: 'Seiten', en: 'Pages' } },
  admin: {
    // The "Preview" button: the latest saved version as the site will show it (preview/endpoint.ts).
    preview: previewUrl('pages'),
    useAsTitle: 'title',
    group: { de: 'Inhalte', en: 'Content' },
    defaultColumns: ['title', 'parent', 'legal', '_status'],
    listSearchableFields: ['title', 'summary', 'slug'],
  },
  access: pressOfficeAccess,
  // Drafts, and publishing at a chosen time (the jobs queue runs it).
  versions: { drafts: { schedulePublish: true }, maxPerDoc: 50 },
  defaultSort: 'order',
  // A publish, unpublish or deletion of public content rebuilds the site (publish/trigger.ts).
  hooks: { beforeChange: [trackTranslationStatus], afterChange: [rebuildOnPublish], afterDelete: [rebuildOnDelete] },
  endpoints: [machineTranslateEndpoint('pages'), translationStatusEndpoint('pages'), previewEndpoint('pages')],
  fields: publicDocumentFields([
    titleField(),
    summaryField(),
    richTextField('body', { de: 'Text', en: 'Text' }),
    slugField(),
    {
      name: 'parent',
      type: 'relationship',
      relationTo: 'pages',
      label: parentLabel,
      index: true,
      admin: { position: 'sidebar' },
      filterOptions: ({ id }) => (id ? { id: { not_equals: id } } : true),
      validate: (async (value, { req, id }) => {
        let current = relationId(value)
        // Walk up the tree; meeting this page again means the new parent is one of its sub-pages.
        for (let depth = 0; current != null && depth < 20; depth++) {
          if (id != null && String(current) === String(id)) return message(req, 'parentCycle', parentLabel)
          const parent = await req.payload.findByID({ collection: 'pages', id: current, depth: 0, draft: true, req }).catch(() => null)
          current = relationId(parent?.parent)
        }
        return true
      }) satisfies RelationshipFieldSingleValidation,
    },
    { name: 'order', type: 'number', defaultValue: 0, label: { de: 'Reihenfolge', en: 'Order' }, admin: { position: 'sidebar' } },
    {
      name: 'legal',
      type: 'select',
      label: { de: 'Pflichtseite', en: 'Legal page' },
      admin: { position: 'sidebar', description: { de: 'Im Fußbereich jeder Seite verlinkt.', en: 'Linked from the footer of every page.' } },
      options: [
        { value: 'impressum', label: { de: 'Impressum', en: 'Legal notice (Impressum)' } },
        { value: 'privacy', label: { de: 'Datenschutzerklärung', en: 'Privacy policy' } },
        { value: 'accessibility', label: { de: 'Erklärung zur Barrierefreiheit', en: 'Accessibility statement' } },
      ],
    },
    topicsField(),
    demoField,
  ]),
}
