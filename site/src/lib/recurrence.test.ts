import { describe, expect, it } from 'vitest'

import { fromWall } from '@lotse/content-schemas'

import { calendar } from './ics'
import { occurrences } from './recurrence'
import { makeEvent } from './testEvent'

const berlin = (iso: string) => new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso))
const from = new Date('2026-11-20T00:00:00Z')
const to = new Date('2027-04-30T00:00:00Z')

describe('recurrence', () => {
  it('expands a weekly series across a month boundary and keeps the wall-clock time over the change to summer time', () => {
    const e = makeEvent({
      slug: 'cafe',
      start: fromWall({ y: 2026, m: 9, d: 1, hh: 16, mm: 0 }).toISOString(),
      recurrence: { frequency: 'weekly', interval: 1, monthlyMode: 'dayOfMonth', weekOfMonth: null, until: '2027-04-06T12:00:00.000Z' },
    })
    const dates = occurrences(e, from, to).map((o) => berlin(o.start.toISOString()))
    expect(dates.slice(0, 3)).toEqual(['24.11.26, 16:00', '01.12.26, 16:00', '08.12.26, 16:00'])
    expect(dates).toContain('30.03.27, 16:00')
    expect(dates.at(-1)).toBe('06.04.27, 16:00')
  })

  it('finds the 2nd Tuesday and the last Friday of each month', () => {
    const second = makeEvent({
      slug: 'abend',
      start: fromWall({ y: 2026, m: 10, d: 13, hh: 18, mm: 30 }).toISOString(),
      recurrence: { frequency: 'monthly', interval: 1, monthlyMode: 'weekdayOfMonth', weekOfMonth: 2, until: null },
    })
    expect(occurrences(second, from, new Date('2027-02-01T00:00:00Z')).map((o) => berlin(o.start.toISOString()))).toEqual(['08.12.26, 18:30', '12.01.27, 18:30'])
    const last = makeEvent({
      slug: 'letzter',
      start: fromWall({ y: 2026, m: 10, d: 30, hh: 15, mm: 0 }).toISOString(),
      recurrence: { frequency: 'monthly', interval: 1, monthlyMode: 'weekdayOfMonth', weekOfMonth: -1, until: null },
    })
    expect(occurrences(last, from, new Date('2027-02-01T00:00:00Z')).map((o) => berlin(o.start.toISOString()))).toEqual(['27.11.26, 15:00', '25.12.26, 15:00', '29.01.27, 15:00'])
  })

  it('skips months without the day for "every 31st", honours the interval, and drops past one-off events', () => {
    const e = makeEvent({
      slug: 'monatsende',
      start: fromWall({ y: 2026, m: 10, d: 31, hh: 10, mm: 0 }).toISOString(),
      recurrence: { frequency: 'monthly', interval: 1, monthlyMode: 'dayOfMonth', weekOfMonth: null, until: null },
    })
    expect(occurrences(e, from, new Date('2027-04-01T00:00:00Z')).map((o) => berlin(o.start.toISOString()))).toEqual(['31.12.26, 10:00', '31.01.27, 10:00', '31.03.27, 10:00'])
    const fortnightly = makeEvent({
      slug: 'zwei',
      start: fromWall({ y: 2026, m: 11, d: 2, hh: 9, mm: 0 }).toISOString(),
      recurrence: { frequency: 'weekly', interval: 2, monthlyMode: 'dayOfMonth', weekOfMonth: null, until: null },
    })
    expect(occurrences(fortnightly, from, new Date('2026-12-20T00:00:00Z')).map((o) => berlin(o.start.toISOString()))).toEqual(['30.11.26, 09:00', '14.12.26, 09:00'])
    expect(occurrences(makeEvent({ slug: 'vorbei', start: '2026-11-01T10:00:00.000Z' }), from, to)).toEqual([])
  })

  it('writes series as RRULEs with Europe/Berlin times and folds long lines', () => {
    const e = makeEvent({
      slug: 'abend',
      start: fromWall({ y: 2026, m: 10, d: 13, hh: 18, mm: 30 }).toISOString(),
      recurrence: { frequency: 'monthly', interval: 1, monthlyMode: 'weekdayOfMonth', weekOfMonth: 2, until: '2027-07-13T12:00:00.000Z' },
    })
    const ics = calendar(
      'Test',
      [{ event: e, title: 'Informationsabend, Teil 2; mit Dolmetschern', description: 'x'.repeat(200), url: 'https://example.org/de/events/abend/', location: 'Kreishaus' }],
      'https://example.org',
    )
    expect(ics).toContain('DTSTART;TZID=Europe/Berlin:20261013T183000')
    expect(ics).toContain('RRULE:FREQ=MONTHLY;BYDAY=2TU;UNTIL=20270713T225959Z')
    expect(ics).toContain('SUMMARY:Informationsabend\\, Teil 2\\; mit Dolmetschern')
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
  })
})
