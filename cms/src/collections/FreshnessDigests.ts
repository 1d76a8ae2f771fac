import type { CollectionConfig } from 'payload'

import { admins, anyOf } from '../access/roles'

/**
 * One record per organization and ISO week for which the weekly "to check" mail went out
 * (issue 11): written before the mail is sent and removed again when the mail server refuses
 * it, so a retry sends the mail and a second run in the same week sends nothing. Only the digest
 * job writes it (Local API); admins may look it up.
 */
export const FreshnessDigests: CollectionConfig = {
  slug: 'freshness-digests',
  labels: { singular: { de: 'Prüf-Erinnerung', en: 'Review digest' }, plural: { de: 'Prüf-Erinnerungen', en: 'Review digests' } },
  admin: {
    group: { de: 'Einstellungen', en: 'Settings' },
    useAsTitle: 'key',
    defaultColumns: ['key', 'organization', 'recipients', 'sentAt'],
    hidden: ({ user }) => (user as { role?: string } | null)?.role !== 'admin',
  },
  access: { read: anyOf(admins), create: () => false, update: () => false, delete: () => false },
  fields: [
    { name: 'key', type: 'text', required: true, unique: true, index: true, label: { de: 'Organisation und Woche', en: 'Organization and week' } },
    { name: 'organization', type: 'relationship', relationTo: 'organizations', required: true, label: { de: 'Organisation', en: 'Organization' } },
    { name: 'week', type: 'text', required: true, label: { de: 'Kalenderwoche', en: 'Week' } },
    { name: 'recipients', type: 'number', required: true, label: { de: 'Empfänger', en: 'Recipients' } },
    { name: 'entries', type: 'number', required: true, label: { de: 'Einträge', en: 'Entries' } },
    { name: 'sentAt', type: 'date', required: true, label: { de: 'Versandt', en: 'Sent' } },
  ],
}
