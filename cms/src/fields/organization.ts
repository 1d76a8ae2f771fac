import type { RelationshipField } from 'payload'

import { checkRole, organizationId } from '../access/roles'
import { message } from '../i18n/messages'
import { relationId } from '../lib/relations'

/**
 * The organization a document belongs to. Editors (social workers) may only use their own: it
 * is filled in for them, and a foreign one is refused with a message naming this field.
 */
export function ownerOrganizationField(name: string, label: { de: string; en: string }, required = true): RelationshipField {
  return {
    name,
    type: 'relationship',
    relationTo: 'organizations',
    required,
    label,
    index: true,
    admin: { position: 'sidebar' },
    defaultValue: ({ user }) => (checkRole(user, ['editor']) ? (organizationId(user) ?? undefined) : undefined),
    validate: (value, { req }) => {
      if (required && (value == null || value === '')) return message(req, 'required', label)
      if (!checkRole(req.user, ['editor'])) return true
      return String(relationId(value)) === String(organizationId(req.user)) ? true : message(req, 'ownOrganizationOnly', label)
    },
  }
}

/** Marks seeded demo entries, so a county can find and delete them before going live. */
export const demoField = {
  name: 'demo',
  type: 'checkbox',
  defaultValue: false,
  label: { de: 'Demo-Inhalt', en: 'Demo content' },
  admin: { position: 'sidebar', readOnly: true },
} as const
