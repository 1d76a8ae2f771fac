import type { CollectionConfig } from 'payload'

import { admins, anyOf, anyone, translatorsInOtherLocales } from '../access/roles'
import { slugField } from '../fields/slug'
import { lockSharedFieldsForTranslators } from '../fields/translatorLock'
import { requiredInGerman } from '../fields/validate'
import { rebuildOnDelete, rebuildOnPublish } from '../publish/trigger'

/** The eight topics that group offers, events and pages (Sprache, Bildung, Arbeit …). */
export const Topics: CollectionConfig = {
  slug: 'topics',
  labels: { singular: { de: 'Thema', en: 'Topic' }, plural: { de: 'Themen', en: 'Topics' } },
  admin: { useAsTitle: 'name', group: { de: 'Stammdaten', en: 'Reference data' } },
  access: { read: anyone, create: anyOf(admins), update: anyOf(admins, translatorsInOtherLocales), delete: anyOf(admins) },
  // A publish, unpublish or deletion of public content rebuilds the site (publish/trigger.ts).
  hooks: { afterChange: [rebuildOnPublish], afterDelete: [rebuildOnDelete] },
  fields: lockSharedFieldsForTranslators([
    { name: 'name', type: 'text', localized: true, label: { de: 'Name', en: 'Name' }, validate: requiredInGerman({ de: 'Name', en: 'Name' }) },
    slugField('name'),
    { name: 'description', type: 'textarea', localized: true, label: { de: 'Beschreibung', en: 'Description' } },
    {
      name: 'icon',
      type: 'select',
      label: { de: 'Symbol', en: 'Icon' },
      options: ['speech', 'school', 'work', 'people', 'advice', 'health', 'home', 'family'].map((v) => ({ value: v, label: v })),
    },
    { name: 'order', type: 'number', label: { de: 'Reihenfolge', en: 'Order' }, admin: { position: 'sidebar' } },
  ]),
}
