/**
 * Security defaults every collection gets, Payload's own included (jobs, preferences, document
 * locks), applied once to the sanitized config so a collection added later is covered without a
 * line of its own (the hostile-user suite checks that every collection has a policy row):
 *
 * - queries may not look through relations into documents the asker may not read in full;
 * - relations must point at documents that exist, array rows may not carry other documents'
 *   row ids (400 naming the field, drafts included);
 * - translators never change the published state (`_status` is written by Payload, not a field
 *   of ours, so field access cannot lock it);
 * - document locks (the admin's "someone is editing this") are taken, refreshed and taken over
 *   only by someone who may edit the document, always in one's own name;
 * - Payload's own parts answer client mistakes with 4xx, not 500 (the hostile-user suite found
 *   each): version lists of collections and globals without versions, the e-mail verification
 *   endpoint of an auth collection that does not verify, preferences addressed by owner (a query
 *   through their polymorphic `user` relation that SQLite cannot run); the job statistics and
 *   running jobs over the API are nobody's.
 */
import type { Access, CollectionBeforeChangeHook, CollectionBeforeOperationHook, CollectionSlug, Endpoint, PayloadRequest, SanitizedConfig, Where } from 'payload'
import { APIError, Forbidden, NotFound, UnauthorizedError } from 'payload'

import { checkReferences } from '../hooks/integrity'
import { guardRelationQueries } from '../hooks/queryGuard'
import { message } from '../i18n/messages'
import { relationId } from '../lib/relations'
import { checkRole, staff } from './roles'

/**
 * Whether the signed-in user may update a document, asked of the collection's own update rule (a
 * rule that returns a query is checked against the document). `locale` is the locale the write
 * would go to (translators' rule depends on it).
 */
export async function mayUpdateDocument(req: PayloadRequest, collection: string, id: number | string, locale?: string): Promise<boolean> {
  const config = req.payload.collections[collection as CollectionSlug]?.config
  const rule = config?.access.update
  if (!req.user || !rule) return false
  // IDs are numbers on SQLite and strings on MongoDB; the generated types know only SQLite's.
  const docId = (typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : id) as number
  const result = await rule({ req: (locale ? { ...req, locale } : req) as PayloadRequest, id: docId, data: {} })
  if (result === true) return true
  if (!result) return false
  const where: Where = { and: [result, { id: { equals: docId } }] }
  const { totalDocs } = await req.payload.count({ collection: collection as CollectionSlug, where, req, overrideAccess: true })
  return totalDocs === 1
}

/**
 * Translators save translations; publishing and unpublishing is the author's decision. A draft
 * save (`draft=true`) writes a new version only and leaves the published document as it is; a
 * save that keeps a published document published is allowed (the update rule lets translators
 * publish-save only documents that are published), unless the author has unpublished changes
 * waiting, which that save would publish along with the translation.
 */
const keepStatusForTranslators: CollectionBeforeOperationHook = async ({ args, operation, req, collection }) => {
  if (operation !== 'update' || !checkRole(req.user, ['translator'])) return args
  const { data, draft, id } = args as { data?: { _status?: unknown }; draft?: boolean; id?: number | string }
  const status = data?._status
  if (status === undefined || (status === 'draft' && draft === true)) return args
  // 403 rather than 400: the request is well-formed, the role may not do it.
  const refuse = () => new APIError(message(req, 'statusNotForTranslators', { de: 'Status', en: 'Status' }), 403, null, true)
  if (status !== 'published') throw refuse()
  // Bulk saves cannot be checked document by document here: translators translate one at a time.
  if (id == null) throw refuse()
  const latest = await req.payload.findByID({ collection: collection.slug as CollectionSlug, id, draft: true, depth: 0, overrideAccess: true, req }).catch(() => null)
  if ((latest as { _status?: string } | null)?._status !== 'published') throw refuse()
  return args
}

const LOCKS = 'payload-locked-documents'

/** A lock always names its own taker, and only someone who may edit the document takes it. */
const ownLocksOnEditableDocuments: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  // Server code writing without a user (Local API) is trusted; requests without one never get here.
  if (!req.user) return data
  const target = (data.document ?? originalDoc?.document) as { relationTo?: string; value?: unknown } | undefined
  const globalSlug = (data.globalSlug ?? originalDoc?.globalSlug) as string | undefined
  if (target?.relationTo) {
    const id = relationId(target.value)
    // Asked for a non-German locale: a translator edits (and so locks) a document in those.
    if (id == null || !(await mayUpdateDocument(req, target.relationTo, id, 'en'))) throw new Forbidden(req.t)
  } else if (globalSlug) {
    const rule = req.payload.globals.config.find((g) => g.slug === globalSlug)?.access.update
    if (!rule || (await rule({ req })) !== true) throw new Forbidden(req.t)
  } else throw new Forbidden(req.t)
  return { ...data, user: { relationTo: req.user.collection, value: req.user.id } }
}

/** Own locks (or any, for admins): refreshing, releasing. */
const ownLocks = ({ req }: { req: PayloadRequest }): boolean | Where => (checkRole(req.user, ['admin']) ? true : req.user ? { 'user.value': { equals: req.user.id } } : false)

const PREFERENCES = 'payload-preferences'

/** The requester's own preferences, by id (see the module comment). */
async function ownPreferenceIds(req: PayloadRequest, key?: string): Promise<(number | string)[]> {
  if (!req.user) return []
  const where: Where = { and: [{ 'user.value': { equals: req.user.id } }, { 'user.relationTo': { equals: req.user.collection } }, ...(key ? [{ key: { equals: key } }] : [])] }
  const own = await req.payload.find({ collection: PREFERENCES as CollectionSlug, where, depth: 0, limit: 0, pagination: false, overrideAccess: true, req })
  return own.docs.map((d) => d.id)
}

/** `DELETE /api/payload-preferences/:key` as Payload means it, without its failing query. */
const deleteOwnPreference: Endpoint = {
  path: '/:key',
  method: 'delete',
  handler: async (req) => {
    if (!req.user) throw new UnauthorizedError(req.t)
    const [id] = await ownPreferenceIds(req, String(req.routeParams?.key ?? ''))
    if (id == null) throw new NotFound(req.t)
    const doc = await req.payload.db.deleteOne({ collection: PREFERENCES, where: { id: { equals: id } }, req })
    return Response.json({ ...doc, message: req.t('general:deletedSuccessfully') })
  },
}

const nobody = () => false

export function harden(config: SanitizedConfig): SanitizedConfig {
  for (const global of config.globals) {
    if (!global.versions) global.access.readVersions = nobody
    // Payload's bookkeeping of scheduled jobs: written by the scheduler, read like the queue.
    if (global.slug === 'payload-jobs-stats') global.access = { ...global.access, read: ({ req }) => staff({ req }), update: nobody, readVersions: nobody }
  }
  for (const collection of config.collections) {
    if (!collection.versions) collection.access.readVersions = nobody
    if (collection.auth && !collection.auth.verify && Array.isArray(collection.endpoints)) {
      collection.endpoints = collection.endpoints.filter((e) => e.path !== '/verify/:id')
    }
    if (collection.slug === PREFERENCES) {
      const own: Access = async ({ req }) => ({ id: { in: await ownPreferenceIds(req) } })
      collection.access = { ...collection.access, update: own, delete: own }
      if (Array.isArray(collection.endpoints)) collection.endpoints = [deleteOwnPreference, ...collection.endpoints.filter((e) => !(e.path === '/:key' && e.method === 'delete'))]
    }
    collection.hooks.beforeOperation = [guardRelationQueries, ...collection.hooks.beforeOperation]
    collection.hooks.beforeChange = [checkReferences, ...collection.hooks.beforeChange]
    if (collection.versions?.drafts) collection.hooks.beforeOperation.push(keepStatusForTranslators)
    if (collection.slug === LOCKS) {
      collection.access = {
        ...collection.access,
        read: ({ req }) => staff({ req }),
        create: ({ req }) => staff({ req }),
        // Taking over someone's lock is an update that names oneself (checked above).
        update: ({ req }) => staff({ req }),
        delete: ownLocks,
      }
      collection.hooks.beforeChange.push(ownLocksOnEditableDocuments)
    }
  }
  return config
}
