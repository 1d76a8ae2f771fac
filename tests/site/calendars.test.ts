import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import ICAL from 'ical.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { fromWall, toWall, type Wall } from '@lotse/content-schemas'
import { buildSite } from '@lotse/scripts/site/build'
import { localeCodes } from '@lotse/translations'
import { uiStrings } from '@lotse/translations/ui'

import { fixtureEvent, fixtureSnapshot, loc, states, writeFixture } from '../helpers/snapshot'

/**
 * The calendars as calendar apps read them. A fixture site is built with a frozen clock; every
 * .ics it writes (one per event and locale, one list per locale) is parsed with ical.js, the
 * parser of Mozilla's Thunderbird, which expands each event's recurrence with the VTIMEZONE
 * the file carries. Its next 10 dates must be the ones the event's page shows: series across
 * both changes of summer time, over month boundaries, a "2nd Tuesday", a series ending on a
 * summer day, and all-day events.
 */
const NOW = '2026-11-25T08:00:00.000Z'
/** The event page lists the next 10 dates within a year. */
const COUNT = 10
const HORIZON = new Date(new Date(NOW).getTime() + 366 * 86_400_000)

const work = mkdtempSync(path.join(tmpdir(), 'lotse-calendars-'))
const out = path.join(work, 'dist')

const at = (y: number, m: number, d: number, hh = 0, mm = 0) => fromWall({ y, m, d, hh, mm }).toISOString()
const recurrence = (frequency: 'daily' | 'weekly' | 'monthly', extra: { until?: string; weekOfMonth?: 2; monthlyMode?: 'weekdayOfMonth' } = {}) => ({
  frequency,
  interval: 1,
  monthlyMode: extra.monthlyMode ?? ('dayOfMonth' as const),
  weekOfMonth: extra.weekOfMonth ?? null,
  until: extra.until ?? null,
})

const ev = (slug: string, start: string, extra: Parameters<typeof fixtureEvent>[2] = {}) => fixtureEvent(slug, start, { title: loc({ de: `Termin ${slug}` }), ...extra })

const EVENTS = [
  // Saturdays 10:00–12:00 from February: the change to summer time (28 March 2027) lies between two dates.
  ev('fruehlingstreff', at(2027, 2, 20, 10), { end: at(2027, 2, 20, 12), recurrence: recurrence('weekly') }),
  // Thursdays 18:00 from September: the change back (31 October 2027) lies between two dates.
  ev('herbsttreff', at(2027, 9, 16, 18), { recurrence: recurrence('weekly') }),
  // The 2nd Tuesday of each month, 18:30, February to November: both changes.
  ev('infoabend', at(2027, 2, 9, 18, 30), {
    end: at(2027, 2, 9, 20),
    recurrence: recurrence('monthly', { monthlyMode: 'weekdayOfMonth', weekOfMonth: 2 }),
    translations: states({ ar: 'reviewed' }),
    title: loc({ de: 'Informationsabend', ar: 'أمسية معلومات' }),
  }),
  // Daily at 9:00 over the end of January.
  ev('monatswechsel', at(2027, 1, 27, 9), { recurrence: recurrence('daily') }),
  // Nights at 00:30 until 15 July: that night is the last; the 00:30 of 16 July is not (in
  // summer, an UNTIL of 23:59:59 read as UTC would be 01:59 on the 16th in Berlin).
  ev('nachtcafe', at(2027, 7, 10, 0, 30), { end: at(2027, 7, 10, 2), recurrence: recurrence('daily', { until: at(2027, 7, 15, 12) }) }),
  // All day: a two-day festival, and a holiday programme every day until 23 July.
  ev('stadtfest', at(2027, 6, 5), { allDay: true, end: at(2027, 6, 6) }),
  ev('ferienprogramm', at(2027, 7, 19), { allDay: true, recurrence: recurrence('daily', { until: at(2027, 7, 23) }) }),
  ev('abgesagtes-fest', at(2027, 1, 15, 19), { cancelled: true }),
]
const PAST = ev('vergangener-abend', at(2026, 11, 2, 18))

beforeAll(async () => {
  process.env.LOTSE_NOW = NOW
  writeFixture(path.join(work, 'snapshot'), fixtureSnapshot({ events: [...EVENTS, PAST] }))
  await buildSite(path.join(work, 'snapshot'), out, (_, fn) => fn())
}, 240_000)

afterAll(() => {
  delete process.env.LOTSE_NOW
  rmSync(work, { recursive: true, force: true })
})

/** Every calendar file of the build, relative to its root. */
function calendarFiles(dir = out): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? calendarFiles(path.join(dir, e.name)) : e.name.endsWith('.ics') ? [path.relative(out, path.join(dir, e.name))] : [],
  )
}

/** A calendar file as ical.js reads it, with only the time zones the file itself defines. */
function parse(file: string): ICAL.Component {
  ICAL.TimezoneService.reset()
  return new ICAL.Component(ICAL.parse(readFileSync(path.join(out, file), 'utf8')))
}

const pad = (n: number) => String(n).padStart(2, '0')
/** How Berlin's clocks show a date (`2027-03-27 10:00`), or the day alone for all-day events. */
const berlin = (w: Wall, allDay: boolean) => `${w.y}-${pad(w.m)}-${pad(w.d)}${allDay ? '' : ` ${pad(w.hh)}:${pad(w.mm)}`}`

/** The instant of an ical.js time: its own zone for a date-time, Berlin's midnight for a date. */
const instantOf = (t: ICAL.Time) => (t.isDate ? fromWall({ y: t.year, m: t.month, d: t.day, hh: 0, mm: 0 }) : t.toJSDate())

/**
 * An event's next dates as ical.js expands them, as the page picks them: not ended before now,
 * starting within the year ahead, at most 10. Times are compared as instants (through the
 * file's VTIMEZONE), written as Berlin's clocks show them.
 */
function calendarDates(vevent: ICAL.Component): string[] {
  const event = new ICAL.Event(vevent)
  const iterator = event.iterator()
  const dates: string[] = []
  for (let next = iterator.next(); next && dates.length < COUNT; next = iterator.next()) {
    const { startDate, endDate } = event.getOccurrenceDetails(next)
    const start = instantOf(startDate)
    if (start >= HORIZON) break
    if (instantOf(endDate) < new Date(NOW)) continue
    dates.push(berlin(toWall(start), startDate.isDate))
  }
  return dates
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const label = (code: (typeof localeCodes)[number], key: 'events.nextDates' | 'events.when') => escapeRegExp(escapeHtml(uiStrings(code)[key]))

/**
 * The dates an event's page shows a reader: the list under "Next dates" for a series, else the
 * one date under "When".
 */
function pageDates(url: string): string[] {
  const [, code, ...rest] = new URL(url).pathname.split('/')
  const locale = code as (typeof localeCodes)[number]
  const html = readFileSync(path.join(out, code!, ...rest, 'index.html'), 'utf8')
  const allDay = html.includes(escapeHtml(uiStrings(locale)['events.allDay']))
  const list = new RegExp(`>${label(locale, 'events.nextDates')}</h\\d>\\s*<ul>([\\s\\S]*?)</ul>`).exec(html)?.[1]
  const when = new RegExp(`<dt>${label(locale, 'events.when')}</dt>\\s*<dd>[\\s\\S]*?<time datetime="([^"]+)"`).exec(html)?.[0]
  const times = [...(list ?? when ?? '').matchAll(/<time datetime="([^"]+)"/g)].map((m) => m[1]!)
  return times.map((iso) => berlin(toWall(new Date(iso)), allDay))
}

/** Each event's entries in every calendar of the build, read by ical.js. */
function entriesOf(slug: string) {
  return calendarFiles().flatMap((file) =>
    parse(file)
      .getAllSubcomponents('vevent')
      .filter((v) => String(v.getFirstPropertyValue('uid')).startsWith(`${slug}@`))
      .map((vevent) => ({ file, vevent })),
  )
}

describe('the calendar files', () => {
  it('are written for every event in every locale, plus one list per locale, and ical.js reads them all', () => {
    const files = calendarFiles()
    expect(files.sort()).toEqual(localeCodes.flatMap((code) => [`${code}/events.ics`, ...[...EVENTS, PAST].map((e) => `${code}/events/${e.slug}.ics`)]).sort())
    for (const file of files) expect(parse(file).getAllSubcomponents('vevent').length, file).toBeGreaterThan(0)
  })

  it('give timed events in Europe/Berlin, defined by the VTIMEZONE in the same file', () => {
    for (const { file, vevent } of entriesOf('infoabend')) {
      const start = vevent.getFirstPropertyValue('dtstart') as ICAL.Time
      expect(start.zone?.tzid, file).toBe('Europe/Berlin')
      expect(vevent.parent?.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid'), file).toBe('Europe/Berlin')
      expect(start.toString(), file).toBe('2027-02-09T18:30:00')
    }
  })

  it('list in a locale’s calendar the events with a date in the events page’s window (120 days), not past ones', () => {
    for (const code of localeCodes) {
      const uids = parse(`${code}/events.ics`)
        .getAllSubcomponents('vevent')
        .map((v) => String(v.getFirstPropertyValue('uid')).split('@')[0])
      expect(uids.sort(), code).toEqual(['abgesagtes-fest', 'fruehlingstreff', 'infoabend', 'monatswechsel'])
    }
  })

  it('carry the title in the reader’s language, German where it is not translated, and the page’s address', () => {
    const summary = (file: string) => parse(file).getFirstSubcomponent('vevent')!.getFirstPropertyValue('summary')
    expect(summary('ar/events/infoabend.ics')).toBe('أمسية معلومات')
    expect(summary('ti/events/infoabend.ics')).toBe('Informationsabend')
    expect(parse('uk/events/infoabend.ics').getFirstSubcomponent('vevent')!.getFirstPropertyValue('url')).toBe('http://localhost:4321/uk/events/infoabend/')
  })

  it('mark a cancelled event as cancelled', () => {
    for (const { file, vevent } of entriesOf('abgesagtes-fest')) expect(vevent.getFirstPropertyValue('status'), file).toBe('CANCELLED')
    for (const { file, vevent } of entriesOf('infoabend')) expect(vevent.getFirstPropertyValue('status'), file).toBe('CONFIRMED')
  })
})

/** Berlin wall-clock dates from the first, every `days` days, `n` of them, at `time`. */
const every = (days: number, first: string, n: number, time?: string) =>
  Array.from({ length: n }, (_, i) => {
    const d = new Date(`${first}T00:00:00Z`)
    d.setUTCDate(d.getUTCDate() + i * days)
    return `${d.toISOString().slice(0, 10)}${time ? ` ${time}` : ''}`
  })

describe.each([
  { name: 'a weekly series across the change to summer time and two month boundaries', slug: 'fruehlingstreff', dates: every(7, '2027-02-20', 10, '10:00') },
  { name: 'a weekly series across the change back to winter time', slug: 'herbsttreff', dates: every(7, '2027-09-16', 10, '18:00') },
  {
    name: 'a "2nd Tuesday" series across both changes',
    slug: 'infoabend',
    dates: ['2027-02-09', '2027-03-09', '2027-04-13', '2027-05-11', '2027-06-08', '2027-07-13', '2027-08-10', '2027-09-14', '2027-10-12', '2027-11-09'].map((d) => `${d} 18:30`),
  },
  { name: 'a daily series over a month boundary', slug: 'monatswechsel', dates: every(1, '2027-01-27', 10, '09:00') },
  { name: 'a series ending on a summer day: its last night is in, the next is not', slug: 'nachtcafe', dates: every(1, '2027-07-10', 6, '00:30') },
  { name: 'a two-day all-day event', slug: 'stadtfest', dates: ['2027-06-05'] },
  { name: 'an all-day series ending on a summer day', slug: 'ferienprogramm', dates: every(1, '2027-07-19', 5) },
  { name: 'a cancelled one-off event', slug: 'abgesagtes-fest', dates: ['2027-01-15 19:00'] },
])('$name', ({ slug, dates }) => {
  it('shows its next dates on its page in every locale', () => {
    for (const code of localeCodes) expect(pageDates(`http://localhost:4321/${code}/events/${slug}/`), code).toEqual(dates)
  })

  it('has the same next dates in every calendar, as ical.js expands them', () => {
    const entries = entriesOf(slug)
    expect(entries.filter(({ file }) => file.endsWith(`/events/${slug}.ics`))).toHaveLength(localeCodes.length)
    for (const { file, vevent } of entries) expect(calendarDates(vevent), file).toEqual(pageDates(String(vevent.getFirstPropertyValue('url'))))
  })
})
