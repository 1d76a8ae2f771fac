import { DEFAULT_FRESHNESS, SnapshotSchema, type Snapshot } from '@lotse/content-schemas'
import { paragraphsToLexical as lexical } from '@lotse/cms/seed/richText'
import { getLocale, localeCodes, type LocaleCode } from '@lotse/translations'

/**
 * Synthetic content for benchmarks: `offers` offers (and a quarter as many contacts, a tenth as
 * many events, a fiftieth as many reports) with text in every locale, so every page of every
 * locale is a real page with real words for Pagefind. Validated by the export contract.
 */
const WORDS: Record<string, string[]> = {
  Latn: ['Sprachkurs', 'Beratung', 'Familie', 'Arbeit', 'Wohnung', 'Schule', 'Gesundheit', 'Treffpunkt', 'Nachbarschaft', 'Anmeldung', 'Kinder', 'Frauen'],
  Arab: ['دورة', 'استشارة', 'عائلة', 'عمل', 'سكن', 'مدرسة', 'صحة', 'لقاء', 'جيران', 'تسجيل', 'أطفال', 'نساء'],
  Ethi: ['ትምህርቲ', 'ምኽሪ', 'ስድራ', 'ስራሕ', 'ገዛ', 'ቤት ትምህርቲ', 'ጥዕና', 'ርክብ', 'ጎረቤት', 'ምዝገባ', 'ቆልዑ', 'ደቂ ኣንስትዮ'],
  Cyrl: ['курс', 'консультація', 'родина', 'робота', 'житло', 'школа', 'здоров’я', 'зустріч', 'сусіди', 'реєстрація', 'діти', 'жінки'],
}

function sentence(code: LocaleCode, n: number, length: number): string {
  const words = WORDS[getLocale(code).script]!
  return Array.from({ length }, (_, i) => words[(n * 7 + i * 3) % words.length]).join(' ') + ` ${n}.`
}

type RichText = NonNullable<Snapshot['offers'][number]['body']['de']>
/** Seed rich text, typed as the contract's (structurally the same Lexical JSON). */
const paragraphsToLexical = (paragraphs: string[], dir: 'ltr' | 'rtl') => lexical(paragraphs, dir) as unknown as RichText

const all = <T>(make: (code: LocaleCode) => T) => Object.fromEntries(localeCodes.map((c) => [c, make(c)])) as Record<LocaleCode, T>
const states = () => all((c) => ({ state: c === 'de' ? ('original' as const) : ('reviewed' as const), updatedAt: '2026-11-01T09:00:00.000Z' }))
const none = () => all(() => null)

export function syntheticSnapshot(offers: number): Snapshot {
  const municipalities = ['wittmund', 'friedeburg', 'esens', 'holtriem', 'langeoog', 'spiekeroog']
  const topics = ['sprache', 'bildung', 'arbeit', 'teilhabe', 'beratung', 'gesundheit', 'wohnen', 'familie']
  const base = { updatedAt: '2026-11-10T09:00:00.000Z', demo: true, translations: states() }
  const contactCount = Math.max(5, Math.round(offers / 4))
  const snapshot: Snapshot = {
    generatedAt: new Date().toISOString(),
    topics: topics.map((slug, i) => ({ slug, name: all((c) => `${sentence(c, i, 1)}`), description: none(), icon: null, order: i })),
    municipalities: municipalities.map((slug, i) => ({ slug, name: all(() => slug), order: i, location: null })),
    organizations: [{ slug: 'org', name: 'Träger', kind: 'welfare', description: none(), website: null, email: null, phone: null, address: null, municipality: null }],
    offers: Array.from({ length: offers }, (_, n) => ({
      ...base,
      slug: `angebot-${n}`,
      title: all((c) => sentence(c, n, 4)),
      summary: all((c) => sentence(c, n + 1, 14)),
      body: all((c) => paragraphsToLexical([sentence(c, n + 2, 40), sentence(c, n + 3, 40), sentence(c, n + 4, 30)], getLocale(c).dir)),
      topics: [topics[n % topics.length]!],
      targetGroups: ['all'],
      languages: ['de', 'ar'],
      municipality: municipalities[n % municipalities.length]!,
      address: { street: 'Am Markt 1', postalCode: '26409', city: 'Wittmund' },
      location: null,
      organization: 'org',
      contacts: [`kontakt-${n % contactCount}`],
      schedule: [{ weekday: 'mon', from: '09:00', to: '12:00', appointmentOnly: false, note: none() }],
      scheduleNote: none(),
      cost: { free: n % 3 !== 0, note: none() },
      childcare: n % 2 === 0,
      barrierFree: true,
      registration: { required: false, how: none(), url: null },
      validFrom: null,
      validUntil: null,
      reviewedAt: '2026-11-01T12:00:00.000Z',
    })),
    contacts: Array.from({ length: contactCount }, (_, n) => ({
      ...base,
      slug: `kontakt-${n}`,
      name: `Kontakt ${n}`,
      kind: n % 5 === 0 ? ('interpreter' as const) : ('office' as const),
      responsibility: all((c) => sentence(c, n, 10)),
      organization: 'org',
      languages: ['de', 'ar', 'fa'],
      phone: '04462 1234',
      email: null,
      website: null,
      address: null,
      location: null,
      municipality: municipalities[n % municipalities.length]!,
      consultationHours: [{ weekday: 'wed', from: '09:00', to: '12:00', appointmentOnly: false, note: none() }],
      reviewedAt: '2026-11-01T12:00:00.000Z',
    })),
    events: Array.from({ length: Math.max(3, Math.round(offers / 10)) }, (_, n) => ({
      ...base,
      slug: `termin-${n}`,
      title: all((c) => sentence(c, n, 3)),
      description: all((c) => paragraphsToLexical([sentence(c, n, 30)], getLocale(c).dir)),
      start: new Date(Date.now() + (n % 60) * 86_400_000).toISOString(),
      end: null,
      allDay: false,
      recurrence:
        n % 4 === 0
          ? { frequency: 'weekly' as const, interval: 1, monthlyMode: 'dayOfMonth' as const, weekOfMonth: null, until: null }
          : { frequency: 'none' as const, interval: 1, monthlyMode: 'dayOfMonth' as const, weekOfMonth: null, until: null },
      place: 'Kreishaus',
      address: null,
      location: null,
      municipality: 'wittmund',
      organizer: 'org',
      topics: [],
      languages: ['de'],
      registration: { required: false, how: none(), url: null },
      cost: { free: true, note: none() },
      cancelled: false,
    })),
    reports: Array.from({ length: Math.max(2, Math.round(offers / 50)) }, (_, n) => ({
      ...base,
      slug: `bericht-${n}`,
      title: all((c) => sentence(c, n, 5)),
      summary: all((c) => sentence(c, n, 15)),
      body: all((c) => paragraphsToLexical([sentence(c, n, 60), sentence(c, n + 1, 60)], getLocale(c).dir)),
      coverImage: null,
      publishedDate: '2026-10-01T12:00:00.000Z',
      measures: ['massnahme'],
      topics: [],
    })),
    pages: (['impressum', 'privacy', 'accessibility'] as const).map((legal, i) => ({
      ...base,
      slug: legal,
      title: all((c) => sentence(c, i, 2)),
      summary: none(),
      body: all((c) => paragraphsToLexical([sentence(c, i, 50)], getLocale(c).dir)),
      parent: null,
      order: 90 + i,
      legal,
      topics: [],
    })),
    measures: [
      {
        ...base,
        slug: 'feld',
        level: 'field' as const,
        parent: null,
        order: 0,
        title: all((c) => sentence(c, 0, 3)),
        description: none(),
        status: null,
        deadline: null,
        deadlineText: none(),
        responsibleUnit: null,
        statusNote: none(),
      },
      {
        ...base,
        slug: 'ziel',
        level: 'goal' as const,
        parent: 'feld',
        order: 1,
        title: all((c) => sentence(c, 1, 5)),
        description: none(),
        status: null,
        deadline: null,
        deadlineText: none(),
        responsibleUnit: null,
        statusNote: none(),
      },
      {
        ...base,
        slug: 'massnahme',
        level: 'measure' as const,
        parent: 'ziel',
        order: 2,
        title: all((c) => sentence(c, 2, 8)),
        description: none(),
        status: 'done' as const,
        deadline: '2020-12-31T12:00:00.000Z',
        deadlineText: none(),
        responsibleUnit: 'Pressestelle',
        statusNote: none(),
      },
    ],
    media: [],
    searchTerms: [],
    freshness: DEFAULT_FRESHNESS,
  }
  return SnapshotSchema.parse(snapshot)
}
