import { describe, expect, it } from 'vitest'

import { fromWall } from '@lotse/content-schemas'

import { occurrences, rruleLine } from './recurrence'
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

  it('ends a series with its until day in Berlin: the last date that day is in, the 00:30 after it is not, even in summer', () => {
    const e = makeEvent({
      slug: 'nachtcafe',
      start: fromWall({ y: 2027, m: 7, d: 10, hh: 0, mm: 30 }).toISOString(),
      recurrence: { frequency: 'daily', interval: 1, monthlyMode: 'dayOfMonth', weekOfMonth: null, until: '2027-07-15T10:00:00.000Z' },
    })
    const dates = occurrences(e, from, new Date('2027-08-01T00:00:00Z')).map((o) => berlin(o.start.toISOString()))
    expect(dates).toHaveLength(6)
    expect(dates.at(-1)).toBe('15.07.27, 00:30')
    expect(rruleLine(e)).toBe('RRULE:FREQ=DAILY;INTERVAL=1;UNTIL=20270715T215959Z')
  })

  it('writes the RRULE of a series from the rule the site expands, its UNTIL in UTC', () => {
    const e = makeEvent({
      slug: 'abend',
      start: fromWall({ y: 2026, m: 10, d: 13, hh: 18, mm: 30 }).toISOString(),
      recurrence: { frequency: 'monthly', interval: 1, monthlyMode: 'weekdayOfMonth', weekOfMonth: 2, until: '2027-07-13T12:00:00.000Z' },
    })
    expect(rruleLine(e)).toBe('RRULE:FREQ=MONTHLY;INTERVAL=1;BYDAY=+2TU;UNTIL=20270713T215959Z')
    const winter = makeEvent({ ...e, recurrence: { ...e.recurrence, monthlyMode: 'dayOfMonth', weekOfMonth: null, interval: 2, until: '2027-01-13T12:00:00.000Z' } })
    expect(rruleLine(winter)).toBe('RRULE:FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=13;UNTIL=20270113T225959Z')
    expect(rruleLine(makeEvent({ slug: 'einmal', start: e.start }))).toBeNull()
  })

  it('expands an all-day series to Berlin midnights and writes its UNTIL as a DATE, like its DTSTART', () => {
    const e = makeEvent({
      slug: 'ferien',
      allDay: true,
      start: fromWall({ y: 2027, m: 7, d: 19, hh: 0, mm: 0 }).toISOString(),
      recurrence: { frequency: 'daily', interval: 1, monthlyMode: 'dayOfMonth', weekOfMonth: null, until: '2027-07-23T10:00:00.000Z' },
    })
    expect(occurrences(e, from, new Date('2027-08-01T00:00:00Z')).map((o) => berlin(o.start.toISOString()))).toEqual([
      '19.07.27, 00:00',
      '20.07.27, 00:00',
      '21.07.27, 00:00',
      '22.07.27, 00:00',
      '23.07.27, 00:00',
    ])
    expect(rruleLine(e)).toBe('RRULE:FREQ=DAILY;INTERVAL=1;UNTIL=20270723')
  })
})
