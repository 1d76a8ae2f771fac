import type { Field, GlobalAfterChangeHook, GlobalConfig } from 'payload'

import { DEFAULT_FRESHNESS } from '@lotse/content-schemas'

import { admins, anyOf, staff } from '../access/roles'
import { message, type Label } from '../i18n/messages'
import { NO_REBUILD_CONTEXT, queueRebuild } from '../publish/trigger'

/** The site tells readers what is overdue under these settings: a change rebuilds it. */
const rebuildOnSettings: GlobalAfterChangeHook = async ({ doc, req, context }) => {
  if (!context?.[NO_REBUILD_CONTEXT]) await queueRebuild(req, { collection: 'freshness', id: '-', title: 'Prüfintervalle', action: 'update' })
  return doc
}

/** A whole number of months or weeks in the contract's range (Payload's number field takes 6.5). */
function wholeNumber(name: string, label: Label, min: number, max: number, defaultValue: number): Field {
  return {
    name,
    type: 'number',
    required: true,
    defaultValue,
    label,
    validate: (value: number | null | undefined, { req }: { req: Parameters<typeof message>[0] }) =>
      (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) || message(req, 'wholeNumberInRange', label, { min, max }),
  } as Field
}

/**
 * How often entries are checked (issue 11): months after the last check ("Zuletzt geprüft") an
 * offer or a contact is due again, and the weeks of grace after which readers are told it is not
 * confirmed. Staff read it (the to-check list and the digest use it), admins change it. Ranges
 * are the contract's (`FreshnessSettingsSchema`), which the export checks again.
 */
export const Freshness: GlobalConfig = {
  slug: 'freshness',
  label: { de: 'Prüfintervalle', en: 'Review intervals' },
  admin: { group: { de: 'Einstellungen', en: 'Settings' } },
  access: { read: anyOf(staff), update: anyOf(admins) },
  hooks: { afterChange: [rebuildOnSettings] },
  fields: [
    wholeNumber('offerMonths', { de: 'Angebote: prüfen nach (Monaten)', en: 'Offers: check after (months)' }, 1, 36, DEFAULT_FRESHNESS.offerMonths),
    wholeNumber('contactMonths', { de: 'Ansprechpartner: prüfen nach (Monaten)', en: 'Contacts: check after (months)' }, 1, 36, DEFAULT_FRESHNESS.contactMonths),
    {
      ...wholeNumber('graceWeeks', { de: 'Karenzzeit (Wochen)', en: 'Grace period (weeks)' }, 0, 52, DEFAULT_FRESHNESS.graceWeeks),
      admin: {
        description: {
          de: 'So lange nach Fälligkeit bleibt ein Eintrag ohne Hinweis; danach steht auf der Website, dass er nicht bestätigt ist.',
          en: 'How long after it is due an entry shows no notice; after that the site says it is not confirmed.',
        },
      },
    } as Field,
  ],
}
