import { fromWall, toWall, type Event, type Wall } from '@lotse/content-schemas'

/*
 * Expands an event's recurrence into concrete dates. Series are computed on the wall clock of
 * Europe/Berlin (a weekly 18:00 stays at 18:00 across the change to summer time), then turned
 * back into instants.
 */

const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()
const weekdayOf = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay()

/** The n-th (1–4, or -1 = last) given weekday of a month, or null when the month has none. */
function nthWeekday(y: number, m: number, weekday: number, n: number): number | null {
  if (n === -1) {
    const last = daysInMonth(y, m)
    return last - ((weekdayOf(y, m, last) - weekday + 7) % 7)
  }
  const first = 1 + ((weekday - weekdayOf(y, m, 1) + 7) % 7)
  const day = first + (n - 1) * 7
  return day <= daysInMonth(y, m) ? day : null
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
  const until = event.recurrence.until ? fromWall({ ...toWall(new Date(event.recurrence.until)), hh: 23, mm: 59 }) : null
  const out: Occurrence[] = []
  const push = (s: Date) => {
    const end = duration === null ? null : new Date(s.getTime() + duration)
    const endsAt = end ?? new Date(s.getTime() + (event.allDay ? 86_400_000 : 0))
    if (endsAt >= from && s < to) out.push({ start: s, end })
  }
  const { frequency, interval } = event.recurrence
  if (frequency === 'none') {
    push(start)
    return out
  }
  const w = toWall(start)
  const step = Math.max(1, interval)
  const weekOfMonth = event.recurrence.weekOfMonth ?? Math.ceil(w.d / 7)
  const weekday = weekdayOf(w.y, w.m, w.d)
  for (let i = 0; out.length < limit && i < 5000; i += step) {
    let next: Wall | null
    if (frequency === 'daily' || frequency === 'weekly') {
      const days = frequency === 'daily' ? i : i * 7
      const d = new Date(Date.UTC(w.y, w.m - 1, w.d + days))
      next = { ...w, y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() }
    } else {
      const monthIndex = w.m - 1 + i
      const y = w.y + Math.floor(monthIndex / 12)
      const m = (monthIndex % 12) + 1
      const day = event.recurrence.monthlyMode === 'weekdayOfMonth' ? nthWeekday(y, m, weekday, weekOfMonth) : w.d <= daysInMonth(y, m) ? w.d : null
      next = day === null ? null : { ...w, y, m, d: day }
    }
    if (!next) continue
    const s = fromWall(next)
    if ((until && s > until) || s >= to) break
    push(s)
  }
  return out
}
