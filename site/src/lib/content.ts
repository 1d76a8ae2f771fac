import type { Contact, Event, Measure, Municipality, Offer, Organization, Page, Report, Snapshot, Topic } from '@lotse/content-schemas'
import type { LocaleCode } from '@lotse/translations'

import { hashOf, note, registerKeyKind, untracked } from './deps'
import { hasOfferEnded } from './freshness'
import { loadSnapshot } from './snapshot'
import { label } from './text'

/** The snapshot indexed for page generation: lookups by slug and the orderings pages share. */
export interface Content {
  snapshot: Snapshot
  /** Every offer, ended ones too: each keeps its page, so old links keep working. */
  offers: Offer[]
  /** The offers readers find in lists, topic and municipality pages, the sitemap and search: those that have not ended. */
  currentOffers: Offer[]
  /**
   * The slugs of what has a page, each list sorted by slug (offers: the current ones), for what
   * lists them in no order of their own (the sitemaps): a renamed offer that moves in the
   * alphabetical lists leaves it as it was, so the sitemaps are not rendered again for it.
   */
  slugs: Record<'offers' | 'contacts' | 'events' | 'reports' | 'pages' | 'topics' | 'municipalities', string[]>
  contacts: Contact[]
  events: Event[]
  reports: Report[]
  pages: Page[]
  measures: Measure[]
  topics: Topic[]
  municipalities: Municipality[]
  organization: (slug: string | null) => Organization | undefined
  topic: (slug: string) => Topic | undefined
  municipality: (slug: string | null) => Municipality | undefined
  contact: (slug: string) => Contact | undefined
  measure: (slug: string) => Measure | undefined
  page: (slug: string | null) => Page | undefined
  legal: (role: 'impressum' | 'privacy' | 'accessibility') => Page | undefined
  /** Current offers naming the contact, in list order (its page lists them). */
  offersOfContact: (slug: string) => Offer[]
  /** Current offers of a topic, in list order. */
  offersOfTopic: (slug: string) => Offer[]
  /** Current offers in a municipality, in list order. */
  offersInMunicipality: (slug: string) => Offer[]
  /** The pages under an orientation page, in order. */
  childPages: (slug: string) => Page[]
  isDemo: boolean
}

let cached: { snapshot: Snapshot; content: Content; tracked: Content } | undefined

const titleDe = (d: { title: { de: string | null } }) => d.title.de ?? ''

/** What an index is worth for the dependency map: a list its slugs in order, a document its slug, anything else its hash. */
function worth(value: unknown): string {
  if (Array.isArray(value)) return value.map((d: { slug?: string }) => d.slug ?? hashOf(d)).join('\n')
  if (value === undefined) return '-'
  if (value && typeof value === 'object' && 'slug' in value) return String(value.slug)
  return hashOf(value)
}

/**
 * The snapshot indexed for page generation, once per snapshot (a build has one; the warm
 * renderer gets one per snapshot). The indexes are computed untracked; a page that reads one
 * depends on it, worth its slugs in order (see deps.ts): `content:currentOffers` for the list,
 * `content:offersOfTopic("sprache")` for one topic's offers, `content:contact("anlaufstelle")`
 * for a lookup (a new contact elsewhere changes nothing for it).
 */
export function content(): Content {
  const s = loadSnapshot()
  if (cached?.snapshot === s) return cached.tracked
  const c = untracked(() => index(s))
  const calls = new Map<string, (arg: unknown) => unknown>()
  const tracked = new Proxy(c, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown
      // The snapshot notes its own parts.
      if (typeof key !== 'string' || key === 'snapshot') return value
      if (typeof value !== 'function') {
        note(`content:${key}`)
        return value
      }
      let call = calls.get(key)
      if (!call) {
        const fn = value as (arg: unknown) => unknown
        call = (arg: unknown) => {
          note(`content:${key}(${JSON.stringify(arg ?? null)})`)
          return fn(arg)
        }
        calls.set(key, call)
      }
      return call
    },
  })
  cached = { snapshot: s, content: c, tracked }
  return tracked
}

// `content:currentOffers`, `content:offersOfTopic("sprache")`: the index (or its answer) worked out again.
registerKeyKind('content', (rest) => {
  const c = untracked(() => content()) as unknown as Record<string, unknown>
  const call = /^(\w+)\((.*)\)$/.exec(rest)
  if (!call) return worth(c[rest])
  const fn = c[call[1]!] as (arg: unknown) => unknown
  return worth(untracked(() => fn(JSON.parse(call[2]!))))
})

function index(s: Snapshot): Content {
  const bySlug = <T extends { slug: string }>(list: T[]) => {
    const map = new Map(list.map((d) => [d.slug, d]))
    return (slug: string | null) => (slug ? map.get(slug) : undefined)
  }
  const groups = <T>(list: T[], keys: (d: T) => (string | null)[]) => {
    const map = new Map<string, T[]>()
    for (const d of list) for (const k of keys(d)) if (k !== null) map.set(k, [...(map.get(k) ?? []), d])
    return (k: string) => map.get(k) ?? []
  }
  const pages = [...s.pages].sort((a, b) => a.order - b.order || titleDe(a).localeCompare(titleDe(b), 'de'))
  const offers = [...s.offers].sort((a, b) => titleDe(a).localeCompare(titleDe(b), 'de'))
  const currentOffers = offers.filter((o) => !hasOfferEnded(o))
  const legal = new Map(pages.filter((p) => p.legal).map((p) => [p.legal!, p]))
  const sortedSlugs = (list: { slug: string }[]) => list.map((d) => d.slug).sort()
  return {
    snapshot: s,
    offers,
    currentOffers,
    slugs: {
      offers: sortedSlugs(currentOffers),
      contacts: sortedSlugs(s.contacts),
      events: sortedSlugs(s.events),
      reports: sortedSlugs(s.reports),
      pages: sortedSlugs(s.pages),
      topics: sortedSlugs(s.topics),
      municipalities: sortedSlugs(s.municipalities),
    },
    contacts: [...s.contacts].sort((a, b) => a.name.localeCompare(b.name, 'de')),
    events: s.events,
    reports: [...s.reports].sort((a, b) => b.publishedDate.localeCompare(a.publishedDate)),
    pages,
    measures: [...s.measures].sort((a, b) => a.order - b.order),
    topics: [...s.topics].sort((a, b) => a.order - b.order),
    municipalities: [...s.municipalities].sort((a, b) => a.order - b.order),
    organization: bySlug(s.organizations),
    topic: bySlug(s.topics),
    municipality: bySlug(s.municipalities),
    contact: bySlug(s.contacts),
    measure: bySlug(s.measures),
    page: bySlug(pages),
    legal: (role) => legal.get(role),
    offersOfContact: groups(currentOffers, (o) => o.contacts),
    offersOfTopic: groups(currentOffers, (o) => o.topics),
    offersInMunicipality: groups(currentOffers, (o) => [o.municipality]),
    childPages: groups(pages, (p) => [p.parent]),
    isDemo: [...s.offers, ...s.contacts, ...s.events, ...s.reports, ...s.pages].some((d) => d.demo),
  }
}

/** A municipality's name in the reader's language (German when not translated). */
export function municipalityName(slug: string | null, code: LocaleCode): string {
  const m = content().municipality(slug)
  return m ? label(m.name, code) : ''
}

/** A topic's name in the reader's language (German when not translated). */
export function topicName(slug: string, code: LocaleCode): string {
  const tp = content().topic(slug)
  return tp ? label(tp.name, code) : slug
}
