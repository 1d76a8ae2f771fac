import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionSlug, PayloadRequest } from 'payload'

import type { PublishTrigger } from './protocol'
import { runJobsAfterCommit } from './runner'

export type { PublishTrigger } from './protocol'

/** Context flag for writes that must not trigger a rebuild (seeding, imports, the deploy itself). */
export const NO_REBUILD_CONTEXT = 'lotseSeed'

const titleOf = (doc: Record<string, unknown>): string => String(doc.title ?? doc.name ?? doc.slug ?? doc.id ?? '')

/**
 * Records the trigger as a waiting deploy and queues a rebuild job. Each publish writes its own
 * record (no read-modify-write, so concurrent publishes cannot overwrite each other); the job
 * gathers all waiting records into one build. The job is queued with the request's
 * transaction, so the worker sees it only once the publish has committed, and started by this
 * process the moment it has (runner.ts) when this process runs jobs; its concurrency key
 * lets one build run and one wait, a newer waiting job replacing an older one, so the last
 * build always includes the last publish.
 */
export async function queueRebuild(req: PayloadRequest, trigger: Omit<PublishTrigger, 'at'>): Promise<void> {
  const at = new Date().toISOString()
  const entry: PublishTrigger = { ...trigger, at }
  await req.payload.create({ collection: 'deploys', data: { status: 'queued', triggers: [entry], queuedAt: at, summary: summarize([entry]) }, req, context: { [NO_REBUILD_CONTEXT]: true } })
  await req.payload.jobs.queue({ task: 'rebuildSite', input: { reason: 'publish' }, req })
  // The build starts when the publish commits, not at the next tick of the queue.
  runJobsAfterCommit(req)
}

/** How the admin names each kind of change (the admin speaks German first). */
const ACTION_LABEL: Record<PublishTrigger['action'], string> = {
  publish: 'Veröffentlicht',
  update: 'Geändert',
  unpublish: 'Zurückgezogen',
  delete: 'Gelöscht',
  manual: 'Von Hand',
  daily: 'Täglich',
}

/** One line for the admin: the newest change of a build, and how many more it includes. */
export function summarize(triggers: PublishTrigger[]): string {
  const last = triggers[triggers.length - 1]
  if (!last) return ''
  const more = triggers.length > 1 ? ` (+${triggers.length - 1})` : ''
  return `${ACTION_LABEL[last.action] ?? last.action}: ${last.title || `${last.collection} ${last.id}`}${more}`
}

/**
 * Whether a save changed what the public sees. Draft saves (and autosaves) write only a new
 * version: the published row of the collection is untouched, so they change nothing public.
 * An unpublish turns the published row into a draft.
 */
async function changedPublicContent(
  req: PayloadRequest,
  collection: CollectionSlug,
  doc: Record<string, unknown>,
  previousDoc: Record<string, unknown> | undefined,
  drafts: boolean,
): Promise<PublishTrigger['action'] | null> {
  if (!drafts) return 'update'
  if (doc._status === 'published') return previousDoc?._status === 'published' ? 'update' : 'publish'
  if (previousDoc?._status !== 'published') return null
  // Draft save of a published document, or an unpublish? The main row tells.
  const main = await req.payload.db.findOne({ collection, where: { id: { equals: doc.id } }, req })
  return (main as { _status?: string } | null)?._status === 'published' ? null : 'unpublish'
}

/** afterChange: publish, edit of a published document, unpublish → one rebuild. */
export const rebuildOnPublish: CollectionAfterChangeHook = async ({ doc, previousDoc, req, collection, context }) => {
  if (context?.[NO_REBUILD_CONTEXT]) return doc
  const action = await changedPublicContent(req, collection.slug, doc, previousDoc, Boolean(collection.versions?.drafts))
  if (action) await queueRebuild(req, { collection: collection.slug, id: String(doc.id), slug: doc.slug, title: titleOf(doc), action })
  return doc
}

/** afterDelete: deleting a published document (or any document without drafts) → one rebuild. */
export const rebuildOnDelete: CollectionAfterDeleteHook = async ({ doc, req, collection, context }) => {
  if (context?.[NO_REBUILD_CONTEXT]) return doc
  const wasPublic = !collection.versions?.drafts || doc._status === 'published'
  if (wasPublic) await queueRebuild(req, { collection: collection.slug, id: String(doc.id), slug: doc.slug, title: titleOf(doc), action: 'delete' })
  return doc
}
