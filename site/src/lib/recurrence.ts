/**
 * An event's recurrence as one RFC 5545 rule (the `rrule` library), read two ways: expanded
 * here for the site's pages, and written by the same library as the RRULE of the event's
 * calendar entry (`ics.ts`), so the site and the calendar apps cannot disagree about a date.
 *
 * The rule runs on Berlin's wall clock: rrule's "floating" dates, whose UTC fields are what
 * Berlin's clocks show (a weekly 18:00 stays at 18:00 across the change to summer time). Each
 * date is then turned back into an instant.
 */
import { createRequire } from 'node:module'

import type { Options, RRule as Rule } from 'rrule'

import { fromWall, toWall, type Event, type Wall } from '@lotse/content-schemas'

// rrule's ES module build cannot be loaded by Node (its imports lack file extensions), so
// Node loads its CommonJS build, whose names a static import cannot see: "Named export
// 'RRule' not found" in Astro's prerender. Required, it is the same library either way.
const { RRule, Weekday } = createRequire(import.meta.url)('rrule') as typeof import('rrule')

const DAY = 86_400_000

const FREQUENCY = { daily: RRule.DAILY, weekly: RRule.WEEKLY, monthly: RRule.MONTHLY } as const

/** The floating date for a wall-clock time (seconds as given). */
const floating = (w: Wall, seconds = 0) => new Date(Date.UTC(w.y, w.m - 1, w.d, w.hh, w.mm, seconds))

/** The instant at which Berlin's clocks show a floating date. */
const instant = (f: Date) => new Date(fromWall({ y: f.getUTCFullYear(), m: f.getUTCMonth() + 1, d: f.getUTCDate(), hh: f.getUTCHours(), mm: f.getUTCMinutes() }).getTime() + f.getUTCSeconds() * 1000)

/**
 * The rule of a recurring event, or null for a one-off event. A series with `until` ends with
 * that day in Berlin (editors pick a day): its last occurrence may be at 23:59 that day.
 */
function seriesRule(event: Event): Rule | null {
  const r = event.recurrence
  if (r.frequency === 'none') return null
  const start = toWall(new Date(event.start))
  const options: Partial<Options> = { freq: FREQUENCY[r.frequency], interval: r.interval }
  if (r.frequency === 'monthly') {
    if (r.monthlyMode === 'weekdayOfMonth') {
      // rrule counts weekdays from Monday (0), Date from Sunday (0).
      const weekday = (new Date(Date.UTC(start.y, start.m - 1, start.d)).getUTCDay() + 6) % 7
      options.byweekday = [new Weekday(weekday, r.weekOfMonth ?? Math.ceil(start.d / 7))]
    } else options.bymonthday = [start.d]
  }
  if (r.until) options.until = floating({ ...toWall(new Date(r.until)), hh: 23, mm: 59 }, 59)
  return new RRule({ ...options, dtstart: floating(start) })
}

/**
 * The RRULE content line of the event's calendar entry, written by rrule from `seriesRule`.
 * Only UNTIL changes form, as RFC 5545 (3.3.10) asks: with a DTSTART in a time zone it is the
 * UTC instant of the series' last moment (in summer 21:59:59Z, not 23:59:59 read as UTC, which
 * would be 01:59 the next day in Berlin); with an all-day DTSTART it is a DATE, like DTSTART.
 */
export function rruleLine(event: Event): string | null {
  const rule = seriesRule(event)
  if (!rule) return null
  const { dtstart: _, until, ...options } = rule.origOptions
  if (!until) return RRule.optionsToString(options)
  if (!event.allDay) return RRule.optionsToString({ ...options, until: instant(until) })
  return RRule.optionsToString({ ...options, until }).replace(/;UNTIL=(\d{8})T\d{6}Z/, ';UNTIL=$1')
}

export interface Occurrence {
  start: Date
  end: Date | null
}

/**
 * Occurrences of `event` that have not ended before `from` and start before `to`, at most
 * `limit`. A one-off event yields itself when it is still upcoming or running.
 */
export function occurrences(event: Event, from: Date, to: Date, limit = 500): Occurrence[] {
  const start = new Date(event.start)
  const duration = event.end ? new Date(event.end).getTime() - start.getTime() : null
  const rule = seriesRule(event)
  // The floating window is widened by the event's length and a day for Berlin's offset.
  const starts = rule ? rule.between(new Date(floating(toWall(from)).getTime() - (duration ?? 0) - 2 * DAY), new Date(floating(toWall(to)).getTime() + DAY), true).map(instant) : [start]
  const out: Occurrence[] = []
  for (const s of starts) {
    const end = duration === null ? null : new Date(s.getTime() + duration)
    const endsAt = end ?? new Date(s.getTime() + (event.allDay ? DAY : 0))
    if (endsAt >= from && s < to && out.length < limit) out.push({ start: s, end })
  }
  return out
}
