import type { CollectionConfig } from 'payload'

import { admins, anyOf, anyone, translatorsInOtherLocales } from '../access/roles'
import { locationField } from '../fields/place'
import { slugField } from '../fields/slug'
import { lockSharedFieldsForTranslators } from '../fields/translatorLock'
import { requiredInGerman } from '../fields/validate'
import { rebuildOnDelete, rebuildOnPublish } from '../publish/trigger'

/**
 * The county's six municipalities. Consultation hours, offers and events are filtered by them,
 * so newcomers on Langeoog find what is on their island.
 */
export const Municipalities: CollectionConfig = {
  slug: 'municipalities',
  labels: { singular: { de: 'Gemeinde', en: 'Municipality' }, plural: { de: 'Gemeinden', en: 'Municipalities' } },
  admin: { useAsTitle: 'name', group: { de: 'Stammdaten', en: 'Reference data' } },
  access: { read: anyone, create: anyOf(admins), update: anyOf(admins, translatorsInOtherLocales), delete: anyOf(admins) },
  // A publish, unpublish or deletion of public content rebuilds the site (publish/trigger.ts).
  hooks: { afterChange: [rebuildOnPublish], afterDelete: [rebuildOnDelete] },
  fields: lockSharedFieldsForTranslators([
    { name: 'name', type: 'text', localized: true, label: { de: 'Name', en: 'Name' }, validate: requiredInGerman({ de: 'Name', en: 'Name' }) },
    slugField('name'),
    { name: 'order', type: 'number', label: { de: 'Reihenfolge', en: 'Order' }, admin: { position: 'sidebar' } },
    locationField(),
  ]),
}
