import type { CollectionConfig } from 'payload'

import { admins, anyOf, checkRole, editorsOfOwnOrganization, editorsWithOrganization } from '../access/roles'
import { ownerOrganizationField } from '../fields/organization'
import { IMPORT_FIELD_OPTIONS, IMPORT_FIELDS, IMPORT_TARGETS, type ImportTarget } from '../import/fields'
import { dryRunEndpoint, applyEndpoint } from '../import/endpoints'
import { message } from '../i18n/messages'

/**
 * Where imported offers and contacts come from (issue 11): a VHS program export, a spreadsheet
 * of Beratungsstellen. The mapping of the file's columns to fields is saved once per source; the
 * key column identifies a row across imports, so importing the same file again changes nothing.
 * Kept by the organization's editors (who import into it) and admins; the press office reads.
 */
export const ImportSources: CollectionConfig = {
  slug: 'import-sources',
  labels: { singular: { de: 'Importquelle', en: 'Import source' }, plural: { de: 'Importquellen', en: 'Import sources' } },
  admin: {
    useAsTitle: 'name',
    group: { de: 'Einstellungen', en: 'Settings' },
    defaultColumns: ['name', 'target', 'organization', 'keyColumn'],
    hidden: ({ user }) => !checkRole(user, ['admin', 'press', 'editor']),
  },
  access: {
    read: ({ req }) => checkRole(req.user, ['admin', 'press', 'editor']),
    create: anyOf(admins, editorsWithOrganization),
    update: anyOf(admins, editorsOfOwnOrganization('organization')),
    delete: anyOf(admins, editorsOfOwnOrganization('organization')),
  },
  endpoints: [dryRunEndpoint, applyEndpoint],
  fields: [
    { name: 'name', type: 'text', required: true, label: { de: 'Name', en: 'Name' }, admin: { description: { de: 'z. B. „VHS-Programm Herbst“', en: 'e.g. "VHS programme autumn"' } } },
    {
      name: 'target',
      type: 'select',
      required: true,
      label: { de: 'Importiert', en: 'Imports' },
      options: [
        { value: 'offers', label: { de: 'Angebote', en: 'Offers' } },
        { value: 'contacts', label: { de: 'Ansprechpartner', en: 'Contacts' } },
      ],
    },
    ownerOrganizationField('organization', { de: 'Organisation (Einträge gehören ihr)', en: 'Organization (owns the entries)' }),
    {
      name: 'keyColumn',
      type: 'text',
      required: true,
      label: { de: 'Schlüsselspalte', en: 'Key column' },
      admin: {
        description: {
          de: 'Spalte mit einer festen Nummer je Zeile (z. B. Kursnummer): erkennt eine Zeile beim nächsten Import wieder.',
          en: 'Column with a stable number per row (e.g. course number).',
        },
      },
    },
    {
      name: 'mapping',
      type: 'array',
      required: true,
      minRows: 1,
      label: { de: 'Spalten → Felder', en: 'Columns → fields' },
      fields: [
        { name: 'column', type: 'text', required: true, label: { de: 'Spalte in der Datei', en: 'Column in the file' } },
        { name: 'field', type: 'select', required: true, options: IMPORT_FIELD_OPTIONS, label: { de: 'Feld', en: 'Field' } },
      ],
      // Every mapped field must exist for the source's target (a contact has no "Themen").
      validate: (rows: unknown, { req, siblingData }: { req: Parameters<typeof message>[0]; siblingData: { target?: ImportTarget } }) => {
        const target = siblingData?.target
        const list = (rows as { field?: string }[] | null | undefined) ?? []
        if (list.length === 0) return message(req, 'required', { de: 'Spalten → Felder', en: 'Columns → fields' })
        if (!target || !IMPORT_TARGETS.includes(target)) return true
        const wrong = list.find((r) => r.field && !(r.field in IMPORT_FIELDS[target]))
        return wrong ? message(req, 'importFieldNotForTarget', { de: 'Spalten → Felder', en: 'Columns → fields' }, { name: String(wrong.field) }) : true
      },
    },
  ],
}
