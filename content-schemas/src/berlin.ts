/**
 * Wall-clock time in Europe/Berlin, where every event of the county takes place. Both sides
 * need it: the seed turns "2026-12-08T18:30" into an instant, the site expands weekly series on
 * the wall clock (18:00 stays 18:00 across the change to summer time) and writes iCal times.
 */
export const BERLIN = 'Europe/Berlin'

export interface Wall {
  y: number
  /** 1–12 */
  m: number
  d: number
  hh: number
  mm: number
}

const partsFormat = new Intl.DateTimeFormat('en-CA', { timeZone: BERLIN, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })

/** What Berlin's clocks show at `instant`. */
export function toWall(instant: Date): Wall {
  const p = Object.fromEntries(partsFormat.formatToParts(instant).map((x) => [x.type, x.value]))
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), hh: Number(p.hour), mm: Number(p.minute) }
}

/** The instant at which Berlin's clocks show `wall` (the offset is looked up twice, for the day of the switch). */
export function fromWall(wall: Wall): Date {
  const guess = Date.UTC(wall.y, wall.m - 1, wall.d, wall.hh, wall.mm)
  const offset = (t: number) => {
    const w = toWall(new Date(t))
    return Date.UTC(w.y, w.m - 1, w.d, w.hh, w.mm) - t
  }
  const first = guess - offset(guess)
  return new Date(guess - offset(first))
}

/** "2026-11-25T18:30" (or "2026-11-25") in Berlin time → ISO instant. */
export function berlinToIso(local: string): string {
  const [date = '', time = '00:00'] = local.split('T')
  const [y, m, d] = date.split('-').map(Number)
  const [hh, mm] = time.split(':').map(Number)
  return fromWall({ y: y!, m: m!, d: d!, hh: hh!, mm: mm! }).toISOString()
}
