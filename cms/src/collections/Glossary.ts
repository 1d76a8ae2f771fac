import type { CollectionConfig } from 'payload'

import { admins, anyOf, pressOffice, staff } from '../access/roles'
import { checkRole } from '../access/roles'
import { requiredInGerman } from '../fields/validate'

/**
 * Terms machine translation must not translate, or must translate one fixed way: Jobcenter,
 * Anlaufstelle, names of places and organizations. An empty translation keeps the German term
 * in that language; a translation is used verbatim.
 */
export const Glossary: CollectionConfig = {
  slug: 'glossary',
  labels: { singular: { de: 'Glossar-Begriff', en: 'Glossary term' }, plural: { de: 'Glossar', en: 'Glossary' } },
  admin: {
    useAsTitle: 'term',
    group: { de: 'Übersetzung', en: 'Translation' },
    defaultColumns: ['term', 'translation', 'note'],
    description: {
      de: 'Begriffe für die maschinelle Übersetzung. Ohne Übersetzung bleibt der Begriff in der Sprache unverändert (z. B. „Jobcenter“).',
      en: 'Terms for machine translation. Without a translation the term stays unchanged in that language (e.g. "Jobcenter").',
    },
  },
  access: {
    read: anyOf(staff),
    create: anyOf(admins, pressOffice, ({ req }) => checkRole(req.user, ['translator'])),
    update: anyOf(admins, pressOffice, ({ req }) => checkRole(req.user, ['translator'])),
    delete: anyOf(admins, pressOffice),
  },
  fields: [
    { name: 'term', type: 'text', required: true, unique: true, label: { de: 'Begriff (Deutsch)', en: 'Term (German)' }, validate: requiredInGerman({ de: 'Begriff (Deutsch)', en: 'Term (German)' }) },
    {
      name: 'translation',
      type: 'text',
      localized: true,
      label: { de: 'Feste Übersetzung', en: 'Fixed translation' },
      admin: { description: { de: 'In der gewählten Sprache; leer = Begriff nicht übersetzen.', en: 'In the selected language; empty = do not translate the term.' } },
    },
    { name: 'note', type: 'text', label: { de: 'Hinweis', en: 'Note' } },
  ],
}
