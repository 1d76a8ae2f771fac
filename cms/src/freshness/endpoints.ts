import type { CollectionSlug, Endpoint, PayloadRequest } from 'payload'
import { commitTransaction, initTransaction, killTransaction } from 'payload'

import { mayUpdateDocument } from '../access/hardening'
import { routeDocId } from '../lib/relations'
import { NO_REBUILD_CONTEXT, queueRebuild } from '../publish/trigger'
import { CHECKED, type CONFIRMABLE, entriesToCheck } from './toCheck'

/** A Payload error's status (Locked 423, Forbidden 403, ValidationError 400 …), else 500. */
const statusOf = (error: unknown) => {
  const status = (error as { status?: unknown })?.status
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500
}

/**
 * Whether the document has changes waiting in a draft newer than what is published: the admin
 * shows the latest version, the site the published row.
 */
async function pendingDraft(req: PayloadRequest, collection: CollectionSlug, id: number): Promise<boolean> {
  const { docs } = await req.payload.findVersions({ collection, where: { parent: { equals: id } }, sort: '-updatedAt', limit: 1, depth: 0, req, overrideAccess: true })
  const latest = docs[0] as { latest?: boolean; version?: { _status?: string } } | undefined
  return latest?.version?._status === 'draft'
}

/**
 * `POST /api/<offers|contacts>/:id/still-correct` — "Noch aktuell": someone confirms the entry is
 * still true. Sets `reviewedAt` to now and nothing else: no text changes, so translations stay
 * current (the translation record counts text changes only); a published entry stays published
 * and the site is rebuilt once (its "last checked" and overdue notice change); changes waiting in
 * a newer draft stay a draft (the published row gets the date directly, the draft a new version
 * with it). Who may edit the entry may confirm it: editors their own organization's (the
 * collection's update rule, asked for the German original, so translators may not); 423 while
 * someone else has the entry open. One transaction: a failure leaves the entry as it was.
 */
export function stillCorrectEndpoint(collection: (typeof CONFIRMABLE)[number]): Endpoint {
  return {
    path: '/:id/still-correct',
    method: 'post',
    handler: async (req) => {
      if (!req.user) return Response.json({ errors: [{ message: 'Bitte anmelden.' }] }, { status: 401 })
      const id = routeDocId(String(req.routeParams?.id ?? ''))
      const exists = await req.payload.count({ collection, where: { id: { equals: id } }, overrideAccess: false, user: req.user, req, draft: true } as never)
      if (exists.totalDocs !== 1) return Response.json({ errors: [{ message: 'Nicht gefunden.' }] }, { status: 404 })
      if (!(await mayUpdateDocument(req, collection, id, 'de'))) return Response.json({ errors: [{ message: 'Sie dürfen diesen Eintrag nicht bearbeiten.' }] }, { status: 403 })
      const reviewedAt = new Date().toISOString()
      const owns = await initTransaction(req)
      try {
        const common = { collection, id, locale: 'de', depth: 0, req, user: req.user, overrideAccess: false, overrideLock: false } as const
        const main = (await req.payload.findByID({ collection, id, depth: 0, draft: false, req, overrideAccess: true })) as unknown as Record<string, unknown>
        const published = main._status === 'published'
        let doc: Record<string, unknown>
        if (published && (await pendingDraft(req, collection, id))) {
          // The draft gets the date as a new version (the lock is checked here) …
          doc = (await req.payload.update({ ...common, data: { reviewedAt, minorChange: true }, draft: true, context: { [NO_REBUILD_CONTEXT]: true } } as never)) as unknown as Record<string, unknown>
          // … and the published row directly: an update of the published document would publish
          // the draft's changes with it.
          await req.payload.db.updateOne({ collection, id, data: { reviewedAt }, req })
          const title = String(main[CHECKED[collection].title] ?? id)
          await queueRebuild(req, { collection, id: String(id), slug: main.slug as string | undefined, title, action: 'update' })
        } else {
          // Nothing waiting: one save in the document's own state (the rebuild hook sees a
          // published document changed and queues the build in this transaction).
          doc = (await req.payload.update({ ...common, data: { reviewedAt, minorChange: true, ...(published ? { _status: 'published' } : {}) }, draft: !published } as never)) as unknown as Record<
            string,
            unknown
          >
        }
        if (owns) await commitTransaction(req)
        return Response.json({ id: doc.id, reviewedAt, published }, { status: 200 })
      } catch (error) {
        if (owns) await killTransaction(req)
        const status = statusOf(error)
        if (status === 500) req.payload.logger.error({ err: error, msg: `still-correct ${collection} ${id} failed` })
        const message =
          status === 423 ? 'Der Eintrag wird gerade von jemand anderem bearbeitet. Bitte später erneut versuchen.' : status === 500 ? 'Die Bestätigung ist fehlgeschlagen.' : (error as Error).message
        return Response.json({ errors: [{ message }] }, { status })
      }
    },
  }
}

/**
 * `GET /api/to-check`: the signed-in member of staff's entries due for checking (editors: their
 * organization's; press office and admins: every organization's, with counts), oldest first.
 */
export const toCheckEndpoint: Endpoint = {
  path: '/to-check',
  method: 'get',
  handler: async (req) => {
    if (!req.user) return Response.json({ errors: [{ message: 'Bitte anmelden.' }] }, { status: 401 })
    return Response.json(await entriesToCheck(req))
  },
}
