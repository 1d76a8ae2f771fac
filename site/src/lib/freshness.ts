/**
 * Freshness as readers see it (issue 11), decided at build time (`buildTime()`; the daily
 * rebuild at 03:15 decides again): an offer or contact nobody has confirmed for too long is
 * **overdue** and says so, and an offer whose last day has passed has **ended** and leaves the
 * lists and the search. The rule itself (intervals, grace, Berlin days) lives in
 * `@lotse/content-schemas` (`freshnessOf`, `hasEnded`), shared with the CMS's "to check" list;
 * the intervals are the admin's, carried in the snapshot.
 */
import { freshnessOf, hasEnded, type Contact, type Offer, type ReviewedKind } from '@lotse/content-schemas'

import { buildTime, loadSnapshot } from './snapshot'

/** An offer or a contact: what the review rule reads. */
type Reviewed = Pick<Offer | Contact, 'slug' | 'reviewedAt' | 'updatedAt'>

/** When the entry was last confirmed: its `reviewedAt`, else its last change (as the rule counts it). */
export const lastCheckedAt = (doc: Reviewed): string => doc.reviewedAt ?? doc.updatedAt

/**
 * Lists ask for the same entries on every page of every locale: the answer once per entry and
 * settings. What the rule reads is read on every call, so each page notes it (deps.ts).
 */
const overdueOf = new WeakMap<Reviewed, Map<object, boolean>>()

/** Whether readers are told the entry is not confirmed: overdue at build time. */
export function isOverdue(kind: ReviewedKind, doc: Reviewed): boolean {
  const checked = lastCheckedAt(doc)
  const settings = loadSnapshot().freshness
  let answers = overdueOf.get(doc)
  if (!answers) overdueOf.set(doc, (answers = new Map()))
  let overdue = answers.get(settings)
  if (overdue === undefined) {
    overdue = freshnessOf(kind, checked, settings, buildTime()).state === 'overdue'
    answers.set(settings, overdue)
  }
  return overdue
}

/** Whether the offer's last day (`validUntil`) has passed at build time. Its page stays; lists and search drop it. */
export const hasOfferEnded = (offer: Pick<Offer, 'validUntil'>): boolean => hasEnded(offer.validUntil, buildTime())
