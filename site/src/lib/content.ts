import type { Contact, Event, Measure, Municipality, Offer, Organization, Page, Report, Snapshot, Topic } from '@lotse/content-schemas'
import type { LocaleCode } from '@lotse/translations'

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
  isDemo: boolean
}

let cached: Content | undefined

const bySlug = <T extends { slug: string }>(list: T[]) => {
  const map = new Map(list.map((d) => [d.slug, d]))
  return (slug: string | null) => (slug ? map.get(slug) : undefined)
}

const titleDe = (d: { title: { de: string | null } }) => d.title.de ?? ''

export function content(): Content {
  const s = loadSnapshot()
  // Indexed once per snapshot (a build has one; the warm renderer gets one per request).
  if (cached?.snapshot === s) return cached
  const pages = [...s.pages].sort((a, b) => a.order - b.order || titleDe(a).localeCompare(titleDe(b), 'de'))
  const organization = bySlug(s.organizations)
  const topic = bySlug(s.topics)
  const municipality = bySlug(s.municipalities)
  const contact = bySlug(s.contacts)
  const measure = bySlug(s.measures)
  const page = bySlug(pages)
  const offers = [...s.offers].sort((a, b) => titleDe(a).localeCompare(titleDe(b), 'de'))
  cached = {
    snapshot: s,
    offers,
    currentOffers: offers.filter((o) => !hasOfferEnded(o)),
    contacts: [...s.contacts].sort((a, b) => a.name.localeCompare(b.name, 'de')),
    events: s.events,
    reports: [...s.reports].sort((a, b) => b.publishedDate.localeCompare(a.publishedDate)),
    pages,
    measures: [...s.measures].sort((a, b) => a.order - b.order),
    topics: [...s.topics].sort((a, b) => a.order - b.order),
    municipalities: [...s.municipalities].sort((a, b) => a.order - b.order),
    organization,
    topic: (slug) => topic(slug),
    municipality,
    contact: (slug) => contact(slug),
    measure: (slug) => measure(slug),
    page,
    legal: (role) => pages.find((p) => p.legal === role),
    isDemo: [...s.offers, ...s.contacts, ...s.events, ...s.reports, ...s.pages].some((d) => d.demo),
  }
  return cached
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
