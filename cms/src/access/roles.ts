import type { Access, AccessArgs, CollectionConfig, FieldAccess, PayloadRequest, Where } from 'payload'

/**
 * The four roles of the county's editorial team:
 * - `admin`: everything, including users;
 * - `press`: the press office; reports, measures, pages and events;
 * - `editor`: social workers; offers, contacts and events of their own organization only;
 * - `translator`: non-German locales of any public document, nothing else.
 */
export const roles = ['admin', 'press', 'editor', 'translator'] as const
export type Role = (typeof roles)[number]

/** The parts of a user the access rules read. */
export interface AccessUser {
  id: number | string
  role?: Role | null
  organization?: number | string | { id: number | string } | null
}

function asUser(user: unknown): AccessUser | null {
  return user && typeof user === 'object' && 'id' in user ? (user as AccessUser) : null
}

/** The one primitive every rule is built on. */
export function checkRole(user: unknown, allowed: readonly Role[]): boolean {
  const role = asUser(user)?.role
  return role != null && allowed.includes(role)
}

/** The ID of the user's organization, whether it arrives populated or as an ID. */
export function organizationId(user: unknown): number | string | null {
  const org = asUser(user)?.organization
  if (org == null) return null
  return typeof org === 'object' ? org.id : org
}

type Rule = (args: AccessArgs) => boolean | Where

/** Grants access when any rule grants it; query results are combined with `or`. */
export function anyOf(...rules: Rule[]): Access {
  return (args) => {
    const wheres: Where[] = []
    for (const rule of rules) {
      const result = rule(args)
      if (result === true) return true
      if (result && typeof result === 'object') wheres.push(result)
    }
    if (wheres.length === 0) return false
    return wheres.length === 1 ? (wheres[0] as Where) : { or: wheres }
  }
}

export const anyone: Access = () => true
export const nobody: Access = () => false

export const admins: Rule = ({ req }) => checkRole(req.user, ['admin'])
export const pressOffice: Rule = ({ req }) => checkRole(req.user, ['press'])
/** Every signed-in member of staff (any role). */
export const staff: Rule = ({ req }) => checkRole(req.user, roles)

/**
 * The public sees published documents only; staff see drafts too (the admin needs them).
 */
export const publishedOrStaff: Access = anyOf(staff, () => ({ _status: { equals: 'published' } }))

/** The locale a request writes: Payload's `req.locale` (`all` when every locale is sent at once). */
function writesOnlyNonGerman(req: PayloadRequest): boolean {
  return typeof req.locale === 'string' && req.locale !== 'de' && req.locale !== 'all'
}

/**
 * Translators edit non-German locales only. They cannot publish a document that is not
 * published yet (that is the author's decision), but they may save translations of a published
 * one, which keeps it published.
 */
export const translatorsInOtherLocales: Rule = ({ req, data }) => {
  if (!checkRole(req.user, ['translator']) || !writesOnlyNonGerman(req)) return false
  const status = (data as { _status?: unknown } | undefined)?._status
  return status === 'published' ? { _status: { equals: 'published' } } : true
}

/**
 * Editors (social workers) update and delete the entries of their own organization: the rule
 * is a query, so lists and bulk operations are filtered the same way as single documents.
 */
export function editorsOfOwnOrganization(field: string): Rule {
  return ({ req }) => {
    const org = organizationId(req.user)
    if (!checkRole(req.user, ['editor']) || org == null) return false
    return { [field]: { equals: org } }
  }
}

/**
 * Editors with an organization may create entries; the organization field itself rejects a
 * foreign organization with a message naming the field (create access cannot be a query).
 */
export const editorsWithOrganization: Rule = ({ req }) => checkRole(req.user, ['editor']) && organizationId(req.user) != null

/**
 * Access to the documents social workers keep current (offers, contacts; events together with
 * the press office, passed as `also`): the public reads what is published; admins, `also` and
 * editors of the owning organization (`ownerField`) write; translators edit other locales only.
 */
export function organizationDocumentAccess(ownerField: string, also: Rule[] = []): NonNullable<CollectionConfig['access']> {
  return {
    read: publishedOrStaff,
    create: anyOf(admins, ...also, editorsWithOrganization),
    update: anyOf(admins, ...also, editorsOfOwnOrganization(ownerField), translatorsInOtherLocales),
    delete: anyOf(admins, ...also, editorsOfOwnOrganization(ownerField)),
  }
}

/** Field access: only admins may change who has which role or organization. */
export const adminsOnlyField: FieldAccess = ({ req }) => checkRole(req.user, ['admin'])

/** Field access for internal fields (notes, private numbers): editorial staff, never the public. */
export const editorialStaffField: FieldAccess = ({ req }) => checkRole(req.user, ['admin', 'press', 'editor'])

/**
 * Field access for non-localized fields: translators may not change them (a translator working
 * in Arabic must not move an offer to another municipality).
 */
export const notTranslatorsField: FieldAccess = ({ req }) => !checkRole(req.user, ['translator'])
