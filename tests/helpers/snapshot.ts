import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { DEFAULT_FRESHNESS, SnapshotSchema, type Snapshot } from '@lotse/content-schemas'
import { paragraphsToLexical } from '@lotse/cms/seed/richText'
import { localeCodes, type LocaleCode } from '@lotse/translations'

/**
 * Hand-made snapshots for site build scenarios: small, readable, and validated by the same
 * contract the export uses, so a fixture can never hold what the CMS could not export.
 */
type L<T> = Record<LocaleCode, T | null>
export const loc = <T>(values: Partial<Record<LocaleCode, T>>): L<T> => Object.fromEntries(localeCodes.map((c) => [c, values[c] ?? null])) as L<T>
export type RichText = NonNullable<Snapshot['offers'][number]['body']['de']>
/** Rich text per locale from paragraphs (the seed's Lexical builder, typed as the contract's). */
export const rich = (values: Partial<Record<LocaleCode, string[]>>) =>
  loc<RichText>(
    Object.fromEntries(Object.entries(values).map(([c, paragraphs]) => [c, paragraphsToLexical(paragraphs!, c === 'ar' || c === 'fa' || c === 'ps' ? 'rtl' : 'ltr') as unknown as RichText])),
  )

type State = 'reviewed' | 'machine' | 'outdated'
export const states = (values: Partial<Record<LocaleCode, State>>, germanChangedAt = '2026-11-10T09:00:00.000Z') =>
  loc<{ state: 'original' | State; updatedAt: string | null }>({
    de: { state: 'original', updatedAt: germanChangedAt },
    ...Object.fromEntries(Object.entries(values).map(([c, s]) => [c, { state: s, updatedAt: '2026-11-01T09:00:00.000Z' }])),
  })

const base = { updatedAt: '2026-11-10T09:00:00.000Z', demo: false }
const noSlots: never[] = []

type SnapshotEvent = Snapshot['events'][number]

/**
 * A published German event of the fixture: once, at `start`, in the Kreishaus of Wittmund;
 * `extra` sets anything else (an end, a recurrence, texts with line breaks).
 */
export function fixtureEvent(slug: string, start: string, extra: Partial<SnapshotEvent> = {}): SnapshotEvent {
  return {
    slug,
    updatedAt: '2026-11-10T09:00:00.000Z',
    demo: false,
    translations: states({}),
    title: loc({ de: slug }),
    description: rich({ de: [`Beschreibung ${slug}`] }),
    start,
    end: null,
    allDay: false,
    recurrence: { frequency: 'none', interval: 1, monthlyMode: 'dayOfMonth', weekOfMonth: null, until: null },
    place: 'Kreishaus',
    address: null,
    location: null,
    municipality: 'wittmund',
    organizer: null,
    topics: [],
    languages: ['de'],
    registration: { required: false, how: loc<string>({}), url: null },
    cost: { free: true, note: loc<string>({}) },
    cancelled: false,
    ...extra,
  }
}

export function fixtureSnapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  const snapshot: Snapshot = {
    generatedAt: '2026-11-25T08:00:00.000Z',
    topics: [
      { slug: 'sprache', name: loc({ de: 'Sprache', ar: 'اللغة' }), description: loc({}), icon: null, order: 1 },
      { slug: 'beratung', name: loc({ de: 'Beratung' }), description: loc({}), icon: null, order: 2 },
    ],
    municipalities: [
      { slug: 'wittmund', name: loc({ de: 'Stadt Wittmund' }), order: 1, location: { lat: 53.57, lng: 7.78 } },
      { slug: 'esens', name: loc({ de: 'Samtgemeinde Esens' }), order: 2, location: null },
    ],
    organizations: [
      {
        slug: 'kvhs',
        name: 'Kreisvolkshochschule',
        kind: 'education',
        description: loc({}),
        website: 'https://example.org/kvhs',
        email: null,
        phone: '04462 1234',
        address: null,
        municipality: 'wittmund',
      },
    ],
    offers: [
      {
        ...base,
        slug: 'sprachkurs',
        translations: states({ ar: 'reviewed', ti: 'machine', uk: 'outdated' }),
        title: loc({ de: 'Deutschkurs am Vormittag', ar: 'دورة ألمانية صباحية', ti: 'ኮርስ ጀርመንኛ', uk: 'Курс німецької зранку' }),
        summary: loc({ de: 'Deutsch lernen mit Kinderbetreuung.', ar: 'تعلم الألمانية مع رعاية الأطفال.', ti: 'ጀርመንኛ ምምሃር።', uk: 'Вивчення німецької.' }),
        body: rich({ de: ['Der Kurs findet montags statt.'], ar: ['تقام الدورة أيام الاثنين.'] }),
        topics: ['sprache'],
        targetGroups: ['women'],
        languages: ['de', 'ar'],
        municipality: 'wittmund',
        address: { street: 'Schulstraße 8', postalCode: '26409', city: 'Wittmund' },
        location: { lat: 53.576, lng: 7.779 },
        organization: 'kvhs',
        contacts: ['anlaufstelle'],
        schedule: [{ weekday: 'mon', from: '09:00', to: '12:00', appointmentOnly: false, note: loc({}) }],
        scheduleNote: loc({}),
        cost: { free: true, note: loc({}) },
        childcare: true,
        barrierFree: true,
        registration: { required: true, how: loc({ de: 'Telefonisch' }), url: 'https://example.org/anmeldung' },
        validFrom: null,
        validUntil: null,
        reviewedAt: '2026-11-01T12:00:00.000Z',
      },
    ],
    contacts: [
      {
        ...base,
        slug: 'anlaufstelle',
        translations: states({}),
        name: 'Anlaufstelle Integration',
        kind: 'office',
        responsibility: loc({ de: 'Hilfe bei allen Fragen' }),
        organization: 'kvhs',
        languages: ['de', 'ar', 'fa'],
        phone: '04462 86-1100',
        email: 'integration@example.org',
        website: null,
        address: { street: 'Am Markt 9', postalCode: '26409', city: 'Wittmund' },
        location: null,
        municipality: 'wittmund',
        consultationHours: [{ weekday: 'wed', from: '09:00', to: '12:00', appointmentOnly: true, note: loc({}) }],
        reviewedAt: '2026-10-01T12:00:00.000Z',
      },
      {
        ...base,
        slug: 'dolmetscherin-tigrinya',
        translations: states({}),
        name: 'Saba T.',
        kind: 'interpreter',
        responsibility: loc({ de: 'Dolmetschen bei Arztbesuchen' }),
        organization: null,
        languages: ['de', 'ti'],
        phone: null,
        email: null,
        website: null,
        address: null,
        location: null,
        municipality: null,
        consultationHours: noSlots,
        reviewedAt: null,
      },
    ],
    events: [],
    reports: [],
    pages: [
      {
        ...base,
        slug: 'erste-schritte',
        translations: states({}),
        title: loc({ de: 'Erste Schritte' }),
        summary: loc({ de: 'Was zuerst zu tun ist.' }),
        body: rich({ de: ['Melden Sie sich im Bürgerbüro an.'] }),
        parent: null,
        order: 1,
        legal: null,
        topics: [],
      },
      {
        ...base,
        slug: 'impressum',
        translations: states({}),
        title: loc({ de: 'Impressum' }),
        summary: loc({}),
        body: rich({ de: ['Landkreis Wittmund'] }),
        parent: null,
        order: 90,
        legal: 'impressum',
        topics: [],
      },
      {
        ...base,
        slug: 'datenschutz',
        translations: states({}),
        title: loc({ de: 'Datenschutzerklärung' }),
        summary: loc({}),
        body: rich({ de: ['Keine Cookies.'] }),
        parent: null,
        order: 91,
        legal: 'privacy',
        topics: [],
      },
      {
        ...base,
        slug: 'barrierefreiheit',
        translations: states({}),
        title: loc({ de: 'Erklärung zur Barrierefreiheit' }),
        summary: loc({}),
        body: rich({ de: ['BITV 2.0'] }),
        parent: null,
        order: 92,
        legal: 'accessibility',
        topics: [],
      },
    ],
    measures: [
      {
        ...base,
        slug: 'feld',
        translations: states({}),
        level: 'field',
        parent: null,
        order: 0,
        title: loc({ de: 'Kommunikation und Koordination' }),
        description: loc({}),
        status: null,
        deadline: null,
        deadlineText: loc({}),
        responsibleUnit: null,
        statusNote: loc({}),
      },
      {
        ...base,
        slug: 'ziel',
        translations: states({}),
        level: 'goal',
        parent: 'feld',
        order: 1,
        title: loc({ de: 'Informationen sind gebündelt.' }),
        description: loc({}),
        status: null,
        deadline: null,
        deadlineText: loc({}),
        responsibleUnit: null,
        statusNote: loc({}),
      },
      {
        ...base,
        slug: 'plattform',
        translations: states({}),
        level: 'measure',
        parent: 'ziel',
        order: 2,
        title: loc({ de: 'Eine Informationsplattform wird aufgebaut.' }),
        description: loc({}),
        status: 'done',
        deadline: '2020-12-31T12:00:00.000Z',
        deadlineText: loc({ de: 'bis Ende 2020' }),
        responsibleUnit: 'Pressestelle',
        statusNote: loc({}),
      },
      {
        ...base,
        slug: 'befragung',
        translations: states({}),
        level: 'measure',
        parent: 'ziel',
        order: 3,
        title: loc({ de: 'Eine Befragung wird durchgeführt.' }),
        description: loc({}),
        status: 'in_progress',
        deadline: '2019-06-30T12:00:00.000Z',
        deadlineText: loc({ de: 'bis Mitte 2019' }),
        responsibleUnit: 'Integrationsbeauftragte',
        statusNote: loc({}),
      },
    ],
    media: [],
    searchTerms: [],
    freshness: DEFAULT_FRESHNESS,
    ...overrides,
  }
  return SnapshotSchema.parse(snapshot)
}

type SnapshotOffer = Snapshot['offers'][number]
type SnapshotContact = Snapshot['contacts'][number]

/**
 * Entries of every freshness state (issue 11) for a build on 25 November 2026 (`LOTSE_NOW`)
 * with the default intervals (6 months, 8 weeks' grace): add them to a `fixtureSnapshot`'s
 * offers and contacts. The overdue offer is translated to Arabic and Tigrinya, so its notice
 * sits in translated text there; the overdue interpreter was never reviewed and counts from its
 * last change.
 */
export function freshnessFixtures(): { offers: SnapshotOffer[]; contacts: SnapshotContact[] } {
  const [sprachkurs] = fixtureSnapshot().offers
  const offer = (slug: string, extra: Partial<SnapshotOffer>): SnapshotOffer => ({ ...sprachkurs!, slug, translations: states({}), body: rich({}), ...extra })
  const [anlaufstelle, interpreter] = fixtureSnapshot().contacts
  return {
    offers: [
      // Checked 20 March: due 20 September, overdue since 15 November.
      offer('hausaufgabenhilfe', {
        translations: states({ ar: 'reviewed', ti: 'reviewed' }),
        title: loc({ de: 'Hausaufgabenhilfe', ar: 'مساعدة في الواجبات المدرسية', ti: 'ሓገዝ ዕዮ ገዛ' }),
        summary: loc({ de: 'Hilfe bei den Hausaufgaben für Schulkinder.', ar: 'مساعدة تلاميذ المدارس في واجباتهم.', ti: 'ንተምሃሮ ኣብ ዕዮ ገዛ ሓገዝ።' }),
        municipality: 'esens',
        reviewedAt: '2026-03-20T12:00:00.000Z',
      }),
      // Checked 10 May: due since 10 November, overdue only from 5 January.
      offer('bewerbungstraining', {
        title: loc({ de: 'Bewerbungstraining' }),
        summary: loc({ de: 'Lebenslauf und Anschreiben üben.' }),
        topics: ['beratung'],
        reviewedAt: '2026-05-10T12:00:00.000Z',
      }),
      // Its last day was 31 October: ended. Recently checked, so it is nothing else.
      offer('sommerkurs', {
        translations: states({ ar: 'reviewed', ti: 'reviewed' }),
        title: loc({ de: 'Sommerferien-Intensivkurs', ar: 'دورة مكثفة في العطلة الصيفية', ti: 'ናይ ክረምቲ ዕረፍቲ ብርቱዕ ኮርስ' }),
        summary: loc({ de: 'Jeden Tag Deutsch in den Sommerferien.' }),
        validFrom: '2026-07-01T12:00:00.000Z',
        validUntil: '2026-10-31T12:00:00.000Z',
        reviewedAt: '2026-11-01T12:00:00.000Z',
      }),
    ],
    contacts: [
      // Checked 15 January: overdue since 9 September.
      {
        ...anlaufstelle!,
        slug: 'beratung-esens',
        translations: states({ ar: 'reviewed' }),
        name: 'Beratungsstelle Esens',
        responsibility: loc({ de: 'Beratung für Familien', ar: 'استشارات للعائلات' }),
        phone: '04971 555-0',
        email: null,
        municipality: 'esens',
        reviewedAt: '2026-01-15T12:00:00.000Z',
      },
      // Never reviewed, last changed 1 December 2025: overdue, counted from that change.
      { ...interpreter!, slug: 'dolmetscher-arabisch', name: 'Karim A.', languages: ['de', 'ar'], email: 'karim@example.org', updatedAt: '2025-12-01T09:00:00.000Z' },
    ],
  }
}

export function writeFixture(dir: string, snapshot: Snapshot): string {
  mkdirSync(path.join(dir, 'media'), { recursive: true })
  writeFileSync(path.join(dir, 'snapshot.json'), JSON.stringify(snapshot))
  return dir
}
