/**
 * iCalendar (RFC 5545) for events, one file per event and a feed per locale, written by
 * `ical-generator`. Times are Berlin wall-clock times with TZID=Europe/Berlin and a VTIMEZONE
 * (from `timezones-ical-library`), so calendar apps keep a weekly 18:00 at 18:00 across summer
 * time; all-day events are DATE values. A series is the RRULE that `recurrence.ts` writes from
 * the rule the site expands for its pages.
 */
import ical, { escape, ICalCalendarMethod, ICalEventStatus } from 'ical-generator'
import { tzlib_get_ical_block } from 'timezones-ical-library'

import { BERLIN, toWall, type Event } from '@lotse/content-schemas'

import { rruleLine } from './recurrence'

/**
 * Text as an editor pasted it, without the control characters RFC 5545 does not allow in a
 * TEXT value (ical-generator keeps them). Line breaks stay: ical-generator writes every CRLF,
 * lone LF and lone CR (old Mac or Word text) as `\n`, so no value can end its line early.
 */
// eslint-disable-next-line no-control-regex
const clean = (s: string) => s.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '')

/**
 * The wall-clock time of `iso` in Berlin, as the Date ical-generator expects for an event with
 * a time zone: it writes the Date's local fields (those of the build machine's zone). A time
 * that machine's clocks skip (its own change to summer time) would be written an hour off, so
 * that fails the build instead.
 */
function berlinWallClock(iso: string): Date {
  const w = toWall(new Date(iso))
  const local = new Date(w.y, w.m - 1, w.d, w.hh, w.mm)
  if (local.getDate() !== w.d || local.getHours() !== w.hh || local.getMinutes() !== w.mm) {
    throw new Error(`The calendar time ${iso} (Berlin) does not exist in this machine's time zone (TZ=${process.env.TZ ?? 'unset'}). Build with TZ=UTC or TZ=Europe/Berlin.`)
  }
  return local
}

/** The Berlin date of `iso`, `plusDays` later, as the UTC midnight ical-generator writes as a DATE. */
function berlinDate(iso: string, plusDays = 0): Date {
  const w = toWall(new Date(iso))
  return new Date(Date.UTC(w.y, w.m - 1, w.d + plusDays))
}

export interface IcsEvent {
  event: Event
  title: string
  description: string
  url: string
  location: string
}

export function calendar(name: string, events: IcsEvent[], siteUrl: string): string {
  const host = new URL(siteUrl).host
  const cal = ical({
    prodId: '//Lotse//Wittmund//DE',
    // ical-generator writes the name as given: escaped here, like every other TEXT value.
    name: escape(clean(name), false),
    scale: 'GREGORIAN',
    method: ICalCalendarMethod.PUBLISH,
    // No calendar-wide zone: with one, ical-generator writes DTSTAMP in it rather than in UTC
    // as RFC 5545 asks, and X-WR-TIMEZONE, which it would then add, only matters for floating
    // times (there are none). The generator adds a VTIMEZONE for the zone the events name.
    timezone: { name: null, generator: (zone) => (tzlib_get_ical_block(zone, false) as string[])[0] ?? null },
  })
  for (const { event, title, description, url, location } of events) {
    cal.createEvent({
      id: `${event.slug}@${host}`,
      // The last change to the event, not the build's clock: two builds of one snapshot are byte-identical.
      stamp: new Date(event.updatedAt),
      ...(event.allDay
        ? { allDay: true, start: berlinDate(event.start), end: berlinDate(event.end ?? event.start, 1) }
        : { timezone: BERLIN, start: berlinWallClock(event.start), end: event.end ? berlinWallClock(event.end) : null }),
      repeating: rruleLine(event),
      summary: clean(title),
      description: clean(description) || null,
      location: clean(location) || null,
      url,
      status: event.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    })
  }
  return cal.toString() + '\r\n'
}
