import { slugify, type Snapshot } from '@lotse/content-schemas'
import { localeCodes } from '@lotse/translations'

/**
 * Random edits of a snapshot, of every kind an editor makes, for the incremental publisher's
 * property test (incremental.test.ts). Each keeps the snapshot as the export would write it:
 * references follow a renamed or removed document (an offer loses a contact that was
 * unpublished), and the changed document's `updatedAt` moves on.
 */

/** A small seeded generator (mulberry32): the same seed gives the same edits. */
export function random(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!
  return { next, int, pick }
}
export type Random = ReturnType<typeof random>

/** Words editors write, compounds among them, so the vocabulary of compound splitting changes too. */
const WORDS = ['Elternabend', 'Nähcafé', 'Bewerbungstraining', 'Hausaufgabenhilfe', 'Fahrradwerkstatt', 'Kinderbetreuung', 'Sprachpatenschaft', 'Mietberatung', 'Frauenfrühstück', 'Wohnungssuche']

type Doc = { slug: string; updatedAt: string; translations: Record<string, unknown> }
type Edit = { kind: string; description: string; snapshot: Snapshot; word?: string }

const rich = (text: string) => ({
  root: {
    type: 'root',
    format: '',
    indent: 0,
    version: 1,
    direction: 'ltr',
    children: [{ type: 'paragraph', format: '', indent: 0, version: 1, direction: 'ltr', children: [{ type: 'text', text, format: 0, detail: 0, mode: 'normal', style: '', version: 1 }] }],
  },
})

export const EDIT_KINDS = [
  'offer title',
  'offer summary',
  'offer body',
  'offer topic',
  'offer municipality',
  'new offer',
  'unpublish offer',
  'delete contact',
  'delete event',
  'offer slug',
  'contact slug',
  'offer contact',
  'contact phone',
  'organization',
  'translation added',
  'translation removed',
  'event across today',
  'page title',
  'report title',
] as const

/** One random edit of a kind that applies to this snapshot (a copy; the given one is untouched). */
export function applyEdit(from: Snapshot, rng: Random): Edit {
  for (;;) {
    const s = structuredClone(from)
    const kind = rng.pick(EDIT_KINDS)
    const edited = edit(s, kind, rng)
    if (edited) return { kind, snapshot: s, ...edited }
  }
}

let counter = 0
/**
 * A slug renamed as an editor might: its first 40 characters and a number, made a slug by the
 * CMS's own rule. The cut may end in a hyphen (a slug renamed before, `…-angebot-`), and `--` is no
 * slug (seed 937301194 made one at edit 492, and the snapshot failed the contract).
 */
const renamed = (slug: string, rng: Random) => slugify(`${slug.slice(0, 40)}-${rng.int(1000)}`)

const stamp = (doc: Doc) => {
  counter++
  doc.updatedAt = new Date(Date.parse('2026-11-24T09:00:00.000Z') + counter * 60_000).toISOString()
}

function edit(s: Snapshot, kind: (typeof EDIT_KINDS)[number], rng: Random): { description: string; word?: string } | null {
  const word = `${rng.pick(WORDS)}${rng.int(3) === 0 ? '' : rng.int(100)}`
  switch (kind) {
    case 'offer title': {
      const o = s.offers.length ? rng.pick(s.offers) : null
      if (!o) return null
      o.title.de = `${o.title.de} ${word}`
      stamp(o)
      return { description: `offer ${o.slug}: German title + "${word}"`, word }
    }
    case 'offer summary': {
      const o = s.offers.length ? rng.pick(s.offers) : null
      if (!o) return null
      o.summary.de = `${word}: ${o.summary.de ?? ''}`.trim()
      stamp(o)
      return { description: `offer ${o.slug}: summary starts with "${word}"`, word }
    }
    case 'offer body': {
      const o = s.offers.length ? rng.pick(s.offers) : null
      if (!o) return null
      o.body.de = rich(`Neu im Angebot: ${word}.`) as never
      stamp(o)
      return { description: `offer ${o.slug}: new body`, word }
    }
    case 'offer topic': {
      const o = s.offers.length ? rng.pick(s.offers) : null
      if (!o || s.topics.length === 0) return null
      o.topics = [rng.pick(s.topics).slug]
      stamp(o)
      return { description: `offer ${o.slug}: topic ${o.topics[0]}` }
    }
    case 'offer municipality': {
      const o = s.offers.length ? rng.pick(s.offers) : null
      if (!o || s.municipalities.length === 0) return null
      o.municipality = rng.int(4) === 0 ? null : rng.pick(s.municipalities).slug
      stamp(o)
      return { description: `offer ${o.slug}: municipality ${o.municipality}` }
    }
    case 'new offer': {
      const o = s.offers.length ? rng.pick(s.offers) : null
      if (!o) return null
      const copy = structuredClone(o)
      copy.slug = `neu-${counter}-${rng.int(1000)}`
      copy.title = Object.fromEntries(localeCodes.map((c) => [c, c === 'de' ? `${word} für alle` : null])) as typeof copy.title
      copy.translations = Object.fromEntries(localeCodes.map((c) => [c, c === 'de' ? { state: 'original', updatedAt: null } : null])) as typeof copy.translations
      stamp(copy)
      s.offers.push(copy)
      return { description: `new offer ${copy.slug}`, word }
    }
    case 'unpublish offer': {
      if (s.offers.length < 2) return null
      const [o] = s.offers.splice(rng.int(s.offers.length), 1)
      return { description: `offer ${o!.slug} unpublished` }
    }
    case 'delete contact': {
      if (s.contacts.length < 2) return null
      const [c] = s.contacts.splice(rng.int(s.contacts.length), 1)
      for (const o of s.offers) if (o.contacts.includes(c!.slug)) o.contacts = o.contacts.filter((k) => k !== c!.slug)
      return { description: `contact ${c!.slug} deleted` }
    }
    case 'delete event': {
      if (s.events.length < 1) return null
      const [e] = s.events.splice(rng.int(s.events.length), 1)
      return { description: `event ${e!.slug} deleted` }
    }
    case 'offer slug': {
      const o = s.offers.length ? rng.pick(s.offers) : null
      if (!o) return null
      const was = o.slug
      o.slug = renamed(was, rng)
      if (s.offers.filter((x) => x.slug === o.slug).length > 1) return null
      stamp(o)
      return { description: `offer ${was} renamed ${o.slug}` }
    }
    case 'contact slug': {
      const c = s.contacts.length ? rng.pick(s.contacts) : null
      if (!c) return null
      const was = c.slug
      c.slug = renamed(was, rng)
      if (s.contacts.filter((x) => x.slug === c.slug).length > 1) return null
      for (const o of s.offers) o.contacts = o.contacts.map((k) => (k === was ? c.slug : k))
      stamp(c)
      return { description: `contact ${was} renamed ${c.slug}` }
    }
    case 'offer contact': {
      const o = s.offers.length ? rng.pick(s.offers) : null
      if (!o || s.contacts.length === 0) return null
      o.contacts = [rng.pick(s.contacts).slug]
      stamp(o)
      return { description: `offer ${o.slug}: contact ${o.contacts[0]}` }
    }
    case 'contact phone': {
      const c = s.contacts.length ? rng.pick(s.contacts) : null
      if (!c) return null
      c.phone = `04462 ${1000 + rng.int(9000)}`
      stamp(c)
      return { description: `contact ${c.slug}: phone ${c.phone}` }
    }
    case 'organization': {
      const org = s.organizations.length ? rng.pick(s.organizations) : null
      if (!org) return null
      org.name = `${org.name.replace(/ \(.*\)$/, '')} (${word})`
      return { description: `organization ${org.slug}: name ${org.name}`, word }
    }
    case 'translation added': {
      const o = s.offers.length ? rng.pick(s.offers) : null
      if (!o) return null
      const code = rng.pick(localeCodes.filter((c) => c !== 'de'))
      o.title[code] = `${word} (${code})`
      o.translations[code] = { state: 'reviewed', updatedAt: '2026-11-24T10:00:00.000Z' }
      stamp(o)
      return { description: `offer ${o.slug}: ${code} translation added`, word }
    }
    case 'translation removed': {
      const o = s.offers.find((x) => localeCodes.some((c) => c !== 'de' && x.title[c]))
      if (!o) return null
      const code = localeCodes.find((c) => c !== 'de' && o.title[c])!
      o.title[code] = null
      o.summary[code] = null
      o.body[code] = null
      o.translations[code] = null
      stamp(o)
      return { description: `offer ${o.slug}: ${code} translation removed` }
    }
    case 'event across today': {
      const e = s.events.length ? rng.pick(s.events) : null
      if (!e) return null
      // The clock of the test is 25 November 2026, 08:00 UTC.
      const past = Date.parse(e.start) >= Date.parse('2026-11-25T08:00:00.000Z')
      const start = past ? '2026-11-20T17:00:00.000Z' : '2026-11-28T17:00:00.000Z'
      e.start = start
      e.end = null
      e.recurrence = { ...e.recurrence, frequency: 'none', until: null }
      stamp(e)
      return { description: `event ${e.slug} moved to ${start}` }
    }
    case 'page title': {
      const p = s.pages.length ? rng.pick(s.pages) : null
      if (!p) return null
      p.title.de = `${p.title.de} ${word}`
      stamp(p)
      return { description: `page ${p.slug}: title + "${word}"`, word }
    }
    case 'report title': {
      const r = s.reports.length ? rng.pick(s.reports) : null
      if (!r) return null
      r.title.de = `${r.title.de} ${word}`
      stamp(r)
      return { description: `report ${r.slug}: title + "${word}"`, word }
    }
  }
}
