/**
 * Freshness of an entry (issue 11): how long after someone last confirmed an offer or a contact
 * ("last checked", `reviewedAt`) it is **due** for checking again, and when, after a grace
 * period, it is **overdue** (readers are told then). One rule for both sides: the CMS lists
 * what is due for the people who keep the entries, the site tells readers what is overdue.
 * Calendar arithmetic is on Berlin days: "6 months after 31 August" is 28 February (the month's
 * last day when the day does not exist), as people count.
 */
import { z } from 'zod'

import { fromWall, toWall } from './berlin'

/** The admin's settings (global `freshness` in the CMS, carried in the export snapshot). */
export const FreshnessSettingsSchema = z.strictObject({
  /** Months after the last check an offer is due again. */
  offerMonths: z.number().int().min(1).max(36),
  /** Months after the last check a contact is due again. */
  contactMonths: z.number().int().min(1).max(36),
  /** Weeks after an entry is due until readers are told it is not confirmed (overdue). */
  graceWeeks: z.number().int().min(0).max(52),
})
export type FreshnessSettings = z.infer<typeof FreshnessSettingsSchema>

/** The issue's defaults: offers and contacts every 6 months, 8 weeks' grace. */
export const DEFAULT_FRESHNESS: FreshnessSettings = { offerMonths: 6, contactMonths: 6, graceWeeks: 8 }

/** The kinds of entries with a review interval (events are due when they have no date ahead). */
export type ReviewedKind = 'offer' | 'contact'

export type FreshnessState = 'current' | 'due' | 'overdue'

export interface Freshness {
  state: FreshnessState
  /** The instant (start of the Berlin day) the entry is due. */
  dueAt: string
  /** The instant (start of the Berlin day) the entry is overdue. */
  overdueAt: string
}

/** The start of the Berlin day `months` calendar months after `instant`'s Berlin day (clamped to the month's end). */
export function addBerlinMonths(instant: Date, months: number): Date {
  const w = toWall(instant)
  const month0 = w.m - 1 + months
  const y = w.y + Math.floor(month0 / 12)
  const m = (((month0 % 12) + 12) % 12) + 1
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return fromWall({ y, m, d: Math.min(w.d, lastDay), hh: 0, mm: 0 })
}

/** The start of the Berlin day `days` days after `instant`'s Berlin day. */
export function addBerlinDays(instant: Date, days: number): Date {
  const w = toWall(instant)
  const t = new Date(Date.UTC(w.y, w.m - 1, w.d + days))
  return fromWall({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), hh: 0, mm: 0 })
}

/**
 * Where an entry stands at `now`. `checkedAt` is its `reviewedAt`, or when that is missing its
 * last change (an entry nobody has confirmed yet counts from when it was written).
 */
export function freshnessOf(kind: ReviewedKind, checkedAt: string, settings: FreshnessSettings, now: Date): Freshness {
  const due = addBerlinMonths(new Date(checkedAt), kind === 'offer' ? settings.offerMonths : settings.contactMonths)
  const overdue = addBerlinDays(due, settings.graceWeeks * 7)
  const state: FreshnessState = now >= overdue ? 'overdue' : now >= due ? 'due' : 'current'
  return { state, dueAt: due.toISOString(), overdueAt: overdue.toISOString() }
}

/** Whether an offer's last day (`validUntil`, a Berlin day) is before `now`'s Berlin day: it has ended. */
export function hasEnded(validUntil: string | null, now: Date): boolean {
  return validUntil !== null && addBerlinDays(new Date(validUntil), 1) <= now
}

/** What `hasDateAhead` reads of an event (the CMS's stored event and the contract's both fit). */
export interface EventDates {
  start: string
  end?: string | null
  recurrence?: { frequency?: string | null; until?: string | null } | null
}

/**
 * Whether an event still has a date at or after `now` (issue 11: "events are due until they
 * end"; an event without one is due for checking: a new date, or taking it down). A single date
 * counts until its end (or start); a series until the end of its `until` day, and forever
 * without one. A series whose last occurrence falls before its `until` day counts a few days
 * longer than it runs: the exact last date would need the site's recurrence expansion, and an
 * event being listed a few days late as "to check" harms nobody.
 */
export function hasDateAhead(event: EventDates, now: Date): boolean {
  const recurring = event.recurrence?.frequency != null && event.recurrence.frequency !== 'none'
  if (!recurring) return new Date(event.end ?? event.start) >= now
  const until = event.recurrence?.until
  return until == null || addBerlinDays(new Date(until), 1) > now
}
