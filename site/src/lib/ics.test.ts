import { afterEach, describe, expect, it, vi } from 'vitest'

import { fromWall } from '@lotse/content-schemas'

import { calendar, type IcsEvent } from './ics'
import { makeEvent } from './testEvent'

const entry = (event: IcsEvent['event'], title = 'Sprachcafé'): IcsEvent => ({
  event,
  title,
  description: 'Mit Kinderbetreuung',
  url: `https://example.org/de/events/${event.slug}/`,
  location: 'Kreishaus',
})

const machineZone = process.env.TZ

describe('calendar', () => {
  afterEach(() => {
    vi.useRealTimers()
    if (machineZone === undefined) delete process.env.TZ
    else process.env.TZ = machineZone
  })

  it('writes times in Europe/Berlin with its VTIMEZONE, and the stamp in UTC from the last change', () => {
    const e = makeEvent({
      slug: 'abend',
      start: fromWall({ y: 2027, m: 3, d: 28, hh: 18, mm: 30 }).toISOString(),
      end: fromWall({ y: 2027, m: 3, d: 28, hh: 20, mm: 0 }).toISOString(),
      updatedAt: '2026-11-01T10:00:00.000Z',
      recurrence: { frequency: 'weekly', interval: 1, monthlyMode: 'dayOfMonth', weekOfMonth: null, until: null },
    })
    const ics = calendar('Test', [entry(e)], 'https://example.org')
    expect(ics).toContain('\r\nUID:abend@example.org\r\n')
    expect(ics).toContain('\r\nDTSTART;TZID=Europe/Berlin:20270328T183000\r\nDTEND;TZID=Europe/Berlin:20270328T200000\r\nRRULE:FREQ=WEEKLY;INTERVAL=1\r\n')
    expect(ics).toMatch(/\r\nBEGIN:VTIMEZONE\r\nTZID:Europe\/Berlin\r\n[\s\S]*TZOFFSETTO:\+0200[\s\S]*END:VTIMEZONE\r\n/)
    expect(ics).toContain('\r\nDTSTAMP:20261101T100000Z\r\n')
    expect(ics).toContain('\r\nURL;VALUE=URI:https://example.org/de/events/abend/\r\n')
    expect(ics).toContain('\r\nSTATUS:CONFIRMED\r\n')
  })

  it('writes an all-day event as DATE values, its end the day after its last day', () => {
    const e = makeEvent({ slug: 'fest', allDay: true, start: fromWall({ y: 2027, m: 6, d: 5, hh: 0, mm: 0 }).toISOString(), end: fromWall({ y: 2027, m: 6, d: 6, hh: 0, mm: 0 }).toISOString() })
    expect(calendar('Fest', [entry(e)], 'https://example.org')).toContain('\r\nDTSTART;VALUE=DATE:20270605\r\nDTEND;VALUE=DATE:20270607\r\n')
  })

  it('marks a cancelled event as cancelled', () => {
    const e = makeEvent({ slug: 'abgesagt', start: '2026-12-12T13:00:00.000Z', cancelled: true })
    expect(calendar('Fest', [entry(e)], 'https://example.org')).toContain('\r\nSTATUS:CANCELLED\r\n')
  })

  it('escapes TEXT values and folds lines longer than 75 octets', () => {
    const e = makeEvent({ slug: 'abend', start: '2026-12-01T17:00:00.000Z' })
    const ics = calendar('Test', [{ ...entry(e, 'Informationsabend, Teil 2; mit Dolmetschern'), description: 'ä'.repeat(200) }], 'https://example.org')
    expect(ics).toContain('SUMMARY:Informationsabend\\, Teil 2\\; mit Dolmetschern')
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true)
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
  })

  it('escapes every pasted line break and drops other control characters, in the calendar name too', () => {
    const e = makeEvent({ slug: 'zeilen', start: '2026-12-01T17:00:00.000Z' })
    const ics = calendar('Sprachcafé\rmit; Kindern', [{ ...entry(e, 'A\rB\nC\r\nD\u0007E'), description: 'x\ry', location: 'Raum\r2' }], 'https://example.org')
    expect(ics).toContain('\r\nX-WR-CALNAME:Sprachcafé\\nmit\\; Kindern\r\n')
    expect(ics).toContain('\r\nSUMMARY:A\\nB\\nC\\nDE\r\n')
    expect(ics).toContain('\r\nDESCRIPTION:x\\ny\r\n')
    expect(ics).toContain('\r\nLOCATION:Raum\\n2\r\n')
    const lines = ics.split('\r\n')
    for (const line of lines) expect(line).not.toMatch(/[\r\n]/)
    expect(ics).not.toContain('\u0007')
  })

  it('writes the same bytes whatever the build machine’s clock and time zone say', () => {
    const e = makeEvent({
      slug: 'abend',
      start: fromWall({ y: 2027, m: 3, d: 28, hh: 2, mm: 30 }).toISOString(),
      recurrence: { frequency: 'monthly', interval: 1, monthlyMode: 'weekdayOfMonth', weekOfMonth: -1, until: '2027-10-31T10:00:00.000Z' },
    })
    const fest = makeEvent({ slug: 'fest', allDay: true, start: fromWall({ y: 2027, m: 6, d: 5, hh: 0, mm: 0 }).toISOString() })
    const write = (tz: string, now: string) => {
      process.env.TZ = tz
      vi.useFakeTimers({ now: new Date(now) })
      return calendar('Test', [entry(e), entry(fest)], 'https://example.org')
    }
    const utc = write('UTC', '2026-11-25T08:00:00Z')
    expect(utc).toContain('DTSTART;TZID=Europe/Berlin:20270328T033000')
    expect(write('Europe/Berlin', '2027-05-01T12:00:00Z')).toBe(utc)
    expect(write('America/Los_Angeles', '2027-07-04T23:00:00Z')).toBe(utc)
    expect(write('Pacific/Kiritimati', '2028-01-01T00:00:00Z')).toBe(utc)
  })

  it('fails rather than write a Berlin time an hour off, when the build machine’s clocks skip it', () => {
    // 2:30 on 14 March 2027 is a time in Berlin, but New York's clocks jump from 2:00 to 3:00.
    const e = makeEvent({ slug: 'frueh', start: fromWall({ y: 2027, m: 3, d: 14, hh: 2, mm: 30 }).toISOString() })
    process.env.TZ = 'America/New_York'
    expect(() => calendar('Test', [entry(e)], 'https://example.org')).toThrow(/does not exist in this machine's time zone/)
    process.env.TZ = 'UTC'
    expect(calendar('Test', [entry(e)], 'https://example.org')).toContain('DTSTART;TZID=Europe/Berlin:20270314T023000')
  })
})
