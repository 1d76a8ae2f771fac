import type { CollectionConfig } from 'payload'
import { APIError, type PayloadRequest, ValidationError } from 'payload'

import { adminsOnlyField, anyOf, admins, checkRole, roles } from '../access/roles'
import { message } from '../i18n/messages'

/** Payload's default minimum is 3 characters; the county's baseline is 12. */
export const MIN_PASSWORD_LENGTH = 12

const passwordLabel = { de: 'Passwort', en: 'Password' }
const emailLabel = { de: 'E-Mail', en: 'Email' }

/**
 * The password-reset mail: what happened, the link (an hour valid), and what to do when it was
 * not you. German, then English.
 */
export function resetMail(serverURL: string, token: string): string {
  const link = `${serverURL}/admin/reset/${encodeURIComponent(token)}`
  return [
    '<p>Guten Tag,</p>',
    '<p>für Ihr Konto bei Lotse wurde ein neues Passwort angefordert. Über diesen Link legen Sie es fest (eine Stunde gültig):</p>',
    `<p><a href="${link}">${link}</a></p>`,
    '<p>Wenn Sie das nicht waren, können Sie diese E-Mail ignorieren; Ihr Passwort bleibt unverändert.</p>',
    '<hr>',
    '<p lang="en">A new password was requested for your Lotse account. Set it with the link above (valid for one hour). If this was not you, ignore this e-mail; your password stays as it is.</p>',
  ].join('\n')
}

/** One reset mail per address and minute: nobody can flood a colleague's inbox. */
const RESET_MAIL_INTERVAL_MS = 60_000
/** When each address last got a reset mail, per CMS instance (tests run several in one process). */
const resetMailsAsked = new WeakMap<object, Map<string, number>>()
const sentFor = (req: PayloadRequest) => {
  let sent = resetMailsAsked.get(req.payload)
  if (!sent) resetMailsAsked.set(req.payload, (sent = new Map()))
  return sent
}
const addressKey = (email: unknown) =>
  String(email ?? '')
    .trim()
    .toLowerCase()

/**
 * Refuses a reset request for an address that got a mail less than a minute ago, whether or not
 * an account exists for it (the answer must not tell). In memory: one CMS process serves the
 * admin, and a restart forgetting it lets one more mail through at most. Every request counts,
 * for known and unknown addresses alike, so the answer never tells whether an account exists.
 */
function throttleResetMails(req: PayloadRequest, email: unknown): void {
  const key = addressKey(email)
  const sent = sentFor(req)
  const now = Date.now()
  for (const [address, at] of sent) if (now - at >= RESET_MAIL_INTERVAL_MS) sent.delete(address)
  const last = key ? sent.get(key) : undefined
  if (last !== undefined) {
    throw new APIError(message(req, 'resetMailThrottled', emailLabel, { seconds: Math.ceil((RESET_MAIL_INTERVAL_MS - (now - last)) / 1000) }), 429, null, true)
  }
  if (key) sent.set(key, now)
}

/** A user may read and change their own account; admins manage everyone. */
const selfOrAdmin = anyOf(admins, ({ req }) => (req.user ? { id: { equals: req.user.id } } : false))

export const Users: CollectionConfig = {
  slug: 'users',
  labels: { singular: { de: 'Benutzer', en: 'User' }, plural: { de: 'Benutzer', en: 'Users' } },
  admin: {
    useAsTitle: 'email',
    defaultColumns: ['name', 'email', 'role', 'organization'],
    group: { de: 'Verwaltung', en: 'Administration' },
  },
  auth: {
    maxLoginAttempts: 5,
    lockTime: 10 * 60 * 1000,
    tokenExpiration: 8 * 60 * 60,
    // `secure` is set by buildConfig from the environment (always in production).
    cookies: { sameSite: 'Lax' },
    // The reset mail in the county's language first (Payload's default is English only); the
    // link is valid for an hour, Payload's default.
    forgotPassword: {
      // Payload's own throttle reserves the address with a write outside the operation's
      // transaction, which on SQLite waits for that very transaction (one writer at a time):
      // every reset request hung. The throttle below does the same job without a write.
      minRequestInterval: 0,
      generateEmailSubject: () => 'Lotse: Passwort zurücksetzen / Reset your password',
      generateEmailHTML: (args) => resetMail(args?.req?.payload.config.serverURL ?? '', args?.token ?? ''),
    },
  },
  access: {
    read: selfOrAdmin,
    create: anyOf(admins),
    update: selfOrAdmin,
    delete: anyOf(admins),
    // Lifting the lockout after failed logins is for admins (Payload's default: anyone signed in).
    unlock: anyOf(admins),
    admin: ({ req }) => checkRole(req.user, roles),
  },
  hooks: {
    beforeOperation: [
      ({ args, operation, req }) => {
        if (operation === 'forgotPassword') throttleResetMails(req, (args as { data?: { email?: unknown } }).data?.email)
        return args
      },
      ({ args, operation, req }) => {
        if (operation !== 'create' && operation !== 'update' && operation !== 'resetPassword') return args
        const password = (args as { data?: { password?: unknown } }).data?.password
        if (typeof password === 'string' && password.length < MIN_PASSWORD_LENGTH) {
          throw new ValidationError({
            collection: 'users',
            errors: [{ path: 'password', message: message(req, 'passwordTooShort', passwordLabel, { min: MIN_PASSWORD_LENGTH }) }],
          })
        }
        return args
      },
    ],
  },
  fields: [
    { name: 'name', type: 'text', label: { de: 'Name', en: 'Name' } },
    {
      name: 'role',
      type: 'select',
      required: true,
      defaultValue: 'editor',
      saveToJWT: true,
      label: { de: 'Rolle', en: 'Role' },
      access: { update: adminsOnlyField, create: adminsOnlyField },
      options: [
        { value: 'admin', label: { de: 'Administration', en: 'Administrator' } },
        { value: 'press', label: { de: 'Pressestelle', en: 'Press office' } },
        { value: 'editor', label: { de: 'Redaktion (Sozialarbeit)', en: 'Editor (social work)' } },
        { value: 'translator', label: { de: 'Übersetzung', en: 'Translator' } },
      ],
    },
    {
      name: 'organization',
      type: 'relationship',
      relationTo: 'organizations',
      saveToJWT: true,
      label: { de: 'Organisation', en: 'Organization' },
      admin: { description: { de: 'Redakteure bearbeiten nur Einträge dieser Organisation.', en: 'Editors edit entries of this organization only.' } },
      access: { update: adminsOnlyField, create: adminsOnlyField },
    },
  ],
}
