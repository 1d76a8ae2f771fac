import { BERLIN, type Event } from '@lotse/content-schemas'

import { noteAll, readsOf } from './deps'
import { occurrences } from './recurrence'
import { buildTime } from './snapshot'

/** How far ahead the site lists dates; the daily rebuild moves the window. */
export const HORIZON_DAYS = 120

export interface Dated {
  event: Event
  start: Date
  end: Date | null
}

/**
 * Every page of every locale asks for the same list (home, events, feed): computed once, with
 * what it read, which every later page notes too (deps.ts).
 */
const computed = new WeakMap<Event[], Map<string, { value: Dated[]; keys: string[] }>>()

/** Every upcoming date of every event within the horizon, earliest first. Past dates are gone. */
export function upcoming(events: Event[], now = buildTime(), days = HORIZON_DAYS): Dated[] {
  let byWindow = computed.get(events)
  if (!byWindow) computed.set(events, (byWindow = new Map()))
  const key = `${now.getTime()}|${days}`
  let list = byWindow.get(key)
  if (!list) {
    const to = new Date(now.getTime() + days * 86_400_000)
    list = readsOf(() =>
      events.flatMap((event) => occurrences(event, now, to).map((o) => ({ event, ...o }))).sort((a, b) => a.start.getTime() - b.start.getTime() || a.event.slug.localeCompare(b.event.slug)),
    )
    byWindow.set(key, list)
  } else noteAll(list.keys)
  return list.value
}

const monthKey = new Intl.DateTimeFormat('en-CA', { timeZone: BERLIN, year: 'numeric', month: '2-digit' })

export interface MonthGroup {
  /** First instant of the month, for the heading. */
  month: Date
  /** Each event once per month, with all its dates in that month. */
  entries: { event: Event; dates: Dated[] }[]
}

/**
 * Upcoming dates grouped by month (Europe/Berlin), each event listed once per month with its
 * dates, so a weekly Sprach-Café does not push everything else off the page.
 */
export function byMonth(dated: Dated[]): MonthGroup[] {
  const key = (d: Date) => monthKey.format(d)
  const months = new Map<string, MonthGroup>()
  for (const d of dated) {
    const k = key(d.start)
    let group = months.get(k)
    if (!group) months.set(k, (group = { month: d.start, entries: [] }))
    let entry = group.entries.find((e) => e.event.slug === d.event.slug)
    if (!entry) group.entries.push((entry = { event: d.event, dates: [] }))
    entry.dates.push(d)
  }
  return [...months.values()]
}

/**
 * An event's next dates within a year, as its detail page lists them: ten, as many as the
 * calendar tests compare with what calendar apps expand from the event's RRULE.
 */
export const nextDates = (event: Event, count = 10, now = buildTime()) => upcoming([event], now, 366).slice(0, count)
