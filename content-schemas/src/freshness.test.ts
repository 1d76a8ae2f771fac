import { describe, expect, it } from 'vitest'

import { addBerlinMonths, DEFAULT_FRESHNESS, freshnessOf, hasDateAhead, hasEnded } from './freshness'

const at = (iso: string) => new Date(iso)

describe('freshness of an entry', () => {
  it('is due six months after the last check, on the Berlin day', () => {
    const checked = '2026-03-10T09:00:00.000Z'
    expect(freshnessOf('offer', checked, DEFAULT_FRESHNESS, at('2026-09-09T21:59:00.000Z')).state).toBe('current')
    // 10 September 00:00 in Berlin is 22:00 UTC the day before (summer time).
    expect(freshnessOf('offer', checked, DEFAULT_FRESHNESS, at('2026-09-09T22:00:00.000Z'))).toEqual({
      state: 'due',
      dueAt: '2026-09-09T22:00:00.000Z',
      overdueAt: '2026-11-04T23:00:00.000Z',
    })
  })

  it('is overdue after the grace weeks, across the change to winter time', () => {
    const f = freshnessOf('contact', '2026-03-10T09:00:00.000Z', DEFAULT_FRESHNESS, at('2026-11-04T23:00:00.000Z'))
    expect(f.state).toBe('overdue')
    expect(freshnessOf('contact', '2026-03-10T09:00:00.000Z', DEFAULT_FRESHNESS, at('2026-11-04T22:59:59.000Z')).state).toBe('due')
  })

  it('uses the interval of its kind', () => {
    const settings = { offerMonths: 12, contactMonths: 3, graceWeeks: 0 }
    const now = at('2026-07-01T12:00:00.000Z')
    expect(freshnessOf('offer', '2026-03-01T12:00:00.000Z', settings, now).state).toBe('current')
    expect(freshnessOf('contact', '2026-03-01T12:00:00.000Z', settings, now).state).toBe('overdue')
  })

  it('counts months as people do: six months after 31 August is the end of February', () => {
    expect(addBerlinMonths(at('2026-08-31T10:00:00.000Z'), 6).toISOString()).toBe('2027-02-27T23:00:00.000Z')
    expect(addBerlinMonths(at('2027-08-31T10:00:00.000Z'), 6).toISOString()).toBe('2028-02-28T23:00:00.000Z')
    // A check at 00:30 on 1 January in Berlin (23:30 UTC on 31 December) counts from 1 January: due 1 February.
    expect(addBerlinMonths(at('2026-12-31T23:30:00.000Z'), 1).toISOString()).toBe('2027-01-31T23:00:00.000Z')
  })
})

describe('an offer that has ended', () => {
  it('ends after its last Berlin day, not at midnight UTC', () => {
    const until = '2026-11-30T11:00:00.000Z'
    expect(hasEnded(until, at('2026-11-30T22:59:00.000Z'))).toBe(false)
    expect(hasEnded(until, at('2026-11-30T23:00:00.000Z'))).toBe(true)
  })

  it('never ends without a last day', () => {
    expect(hasEnded(null, at('2099-01-01T00:00:00.000Z'))).toBe(false)
  })
})

describe('an event with a date ahead', () => {
  const now = new Date('2026-12-03T10:00:00Z')
  it('counts a single date that has not ended yet', () => {
    expect(hasDateAhead({ start: '2026-12-03T08:00:00Z', end: '2026-12-03T11:00:00Z' }, now)).toBe(true)
  })
  it('does not count a single date that has ended', () => {
    expect(hasDateAhead({ start: '2026-12-03T08:00:00Z', end: '2026-12-03T09:00:00Z', recurrence: { frequency: 'none', until: null } }, now)).toBe(false)
  })
  it('counts a series without an end', () => {
    expect(hasDateAhead({ start: '2025-01-07T16:00:00Z', recurrence: { frequency: 'weekly', until: null } }, now)).toBe(true)
  })
  it('counts a series until the end of its last Berlin day', () => {
    const series = { start: '2025-01-07T16:00:00Z', recurrence: { frequency: 'weekly', until: '2026-12-02T23:00:00Z' } } // 3 Dec in Berlin
    expect(hasDateAhead(series, now)).toBe(true)
    expect(hasDateAhead(series, new Date('2026-12-03T23:00:00Z'))).toBe(false)
  })
})
