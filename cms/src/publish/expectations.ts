import type { Payload } from 'payload'

import { isPagedCollection, PAGED_COLLECTIONS } from '@lotse/content-schemas'

import type { PublishTrigger, ReleaseExpectations } from './protocol'

/**
 * What the release must and must not contain, from the database and the triggering publishes:
 * the published documents' pages, no page of a draft, and no contact's internal note anywhere.
 * Read by the host together with the export, so both see the same committed state.
 */
export async function releaseExpectations(payload: Payload, triggers: PublishTrigger[]): Promise<ReleaseExpectations> {
  const mustExist = triggers.filter((t) => t.slug && (t.action === 'publish' || t.action === 'update') && isPagedCollection(t.collection)).map((t) => ({ collection: t.collection, slug: t.slug! }))
  const mustNotExist: ReleaseExpectations['mustNotExist'] = []
  for (const collection of PAGED_COLLECTIONS) {
    // The main rows hold the published state; a draft there was never (or is no longer) public.
    const drafts = await payload.find({ collection, where: { _status: { equals: 'draft' } }, draft: false, limit: 0, pagination: false, depth: 0, select: { slug: true } })
    for (const d of drafts.docs as { slug?: string | null }[]) if (d.slug) mustNotExist.push({ collection, slug: d.slug })
  }
  const notes = await payload.find({ collection: 'contacts', where: { internalNotes: { exists: true } }, limit: 0, pagination: false, depth: 0, select: { internalNotes: true } })
  const secrets = (notes.docs as { internalNotes?: string | null }[]).map((d) => d.internalNotes ?? '').filter(Boolean)
  return { mustExist: mustExist.filter((m) => !mustNotExist.some((n) => n.collection === m.collection && n.slug === m.slug)), mustNotExist, secrets }
}
