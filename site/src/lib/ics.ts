import { toWall, type Event } from '@lotse/content-schemas'

/**
 * iCalendar (RFC 5545) for events: one file per event and a feed per locale. Times are given
 * in Europe/Berlin with its VTIMEZONE, so calendar apps keep a weekly 18:00 at 18:00 across
 * summer time; recurrences become RRULEs rather than a list of dates.
 */
const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Berlin',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
]

const pad = (n: number) => String(n).padStart(2, '0')
/**
 * TEXT values (RFC 5545 3.3.11): backslash, semicolon and comma escaped; every line break (CRLF,
 * a lone LF, a lone CR, as pasted from old Mac or Word text) becomes `\n`, so no value can end
 * its content line early; other control characters, which the RFC does not allow, are dropped.
 */
const escapeText = (s: string) =>
  s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '')

function local(iso: string): string {
  const w = toWall(new Date(iso))
  return `${w.y}${pad(w.m)}${pad(w.d)}T${pad(w.hh)}${pad(w.mm)}00`
}

function day(iso: string, plusDays = 0): string {
  const w = toWall(new Date(iso))
  const d = new Date(Date.UTC(w.y, w.m - 1, w.d + plusDays))
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`
}

const utcStamp = (iso: string) =>
  new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')

/** Lines longer than 75 octets are folded (continuation lines start with a space). */
function fold(line: string): string {
  const bytes = new TextEncoder().encode(line)
  if (bytes.length <= 75) return line
  const out: string[] = []
  let current = ''
  let size = 0
  for (const ch of line) {
    const n = new TextEncoder().encode(ch).length
    if (size + n > (out.length === 0 ? 75 : 74)) {
      out.push(current)
      current = ''
      size = 0
    }
    current += ch
    size += n
  }
  out.push(current)
  return out.join('\r\n ')
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA']

function rrule(event: Event): string | null {
  const r = event.recurrence
  if (r.frequency === 'none') return null
  const parts = [`FREQ=${r.frequency.toUpperCase()}`]
  if (r.interval > 1) parts.push(`INTERVAL=${r.interval}`)
  if (r.frequency === 'monthly') {
    const w = toWall(new Date(event.start))
    if (r.monthlyMode === 'weekdayOfMonth') {
      const n = r.weekOfMonth ?? Math.ceil(w.d / 7)
      parts.push(`BYDAY=${n}${WEEKDAYS[new Date(Date.UTC(w.y, w.m - 1, w.d)).getUTCDay()]}`)
    } else parts.push(`BYMONTHDAY=${w.d}`)
  }
  if (r.until) parts.push(`UNTIL=${day(r.until)}T225959Z`)
  return `RRULE:${parts.join(';')}`
}

export interface IcsEvent {
  event: Event
  title: string
  description: string
  url: string
  location: string
}

function vevent({ event, title, description, url, location }: IcsEvent, host: string): string[] {
  const lines = ['BEGIN:VEVENT', `UID:${event.slug}@${host}`, `DTSTAMP:${utcStamp(event.updatedAt)}`]
  if (event.allDay) {
    lines.push(`DTSTART;VALUE=DATE:${day(event.start)}`, `DTEND;VALUE=DATE:${day(event.end ?? event.start, 1)}`)
  } else {
    lines.push(`DTSTART;TZID=Europe/Berlin:${local(event.start)}`)
    if (event.end) lines.push(`DTEND;TZID=Europe/Berlin:${local(event.end)}`)
  }
  const rule = rrule(event)
  if (rule) lines.push(rule)
  lines.push(`SUMMARY:${escapeText(title)}`)
  if (description) lines.push(`DESCRIPTION:${escapeText(description)}`)
  if (location) lines.push(`LOCATION:${escapeText(location)}`)
  lines.push(`URL:${url}`, `STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`, 'END:VEVENT')
  return lines
}

export function calendar(name: string, events: IcsEvent[], siteUrl: string): string {
  const host = new URL(siteUrl).host
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Lotse//Wittmund//DE',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    'X-WR-TIMEZONE:Europe/Berlin',
    ...VTIMEZONE,
  ]
  for (const e of events) lines.push(...vevent(e, host))
  lines.push('END:VCALENDAR')
  return lines.map(fold).join('\r\n') + '\r\n'
}
