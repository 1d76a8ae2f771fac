import type { FieldHook, RelationshipField } from 'payload'
import { ValidationError } from 'payload'

import { checkRole, organizationId } from '../access/roles'
import { message } from '../i18n/messages'
import { relationId } from '../lib/relations'

/**
 * Editors keep to their own organization, on every save: a hook, because Payload skips field
 * `validate` on draft saves (a draft created for, or moved to, another organization went out
 * under that name when published). An editor's save without an organization gets her own.
 */
function ownOrganizationForEditors(name: string, label: { de: string; en: string }): FieldHook {
  return ({ value, req, collection }) => {
    if (!checkRole(req.user, ['editor'])) return value
    const own = organizationId(req.user)
    if (value == null || value === '') return own ?? value
    if (own != null && String(relationId(value)) === String(own)) return value
    throw new ValidationError({ collection: collection?.slug, errors: [{ path: name, message: message(req, 'ownOrganizationOnly', label) }] }, req.t)
  }
}

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
    hooks: { beforeChange: [ownOrganizationForEditors(name, label)] },
    validate: (value, { req }) => (required && (value == null || value === '') ? message(req, 'required', label) : true),
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
