import type { LocaleCode } from '@lotse/translations'

/**
 * Search term groups for the demo: the everyday words and German names newcomers type for what
 * the seeded offers call by their official names. Seeded with the demo content, not as reference
 * data: a county checks the transliterations with speakers of the language before going live.
 */
export const searchTermGroups: { terms: string[]; locales: LocaleCode[]; notes?: string }[] = [
  {
    terms: ['Integrationskurs', 'Deutschkurs', 'Sprachkurs', 'Deutsch lernen'],
    locales: ['de', 'de-x-ls'],
    notes: 'Der Kurs heißt offiziell „Integrationskurs“; gesucht wird nach „Deutschkurs“.',
  },
  { terms: ['Arzt', 'Ärztin', 'Doktor', 'Hausarzt'], locales: ['de', 'de-x-ls'] },
  { terms: ['Hebamme', 'Entbindungspfleger', 'Geburtshelferin'], locales: ['de'] },
  { terms: ['Jobcenter', 'Arbeitsamt', 'Agentur für Arbeit'], locales: ['de', 'de-x-ls'] },
  {
    terms: ['Jobcenter', 'جوب سنتر', 'الجوب سنتر', 'مركز العمل'],
    locales: ['ar'],
    notes: 'Lautschrift von „Jobcenter“, auch mit Artikel (al-), wie Ratsuchende sie tippen. Vor dem Livegang mit Sprachmittlern prüfen.',
  },
  { terms: ['Jobcenter', 'جاب سنتر', 'جوب سنتر', 'اداره کار'], locales: ['fa'] },
  { terms: ['Integrationskurs', 'دورة الاندماج', 'دورة اللغة الألمانية', 'كورس ألماني'], locales: ['ar'] },
  { terms: ['Integrationskurs', 'کلاس ادغام', 'کلاس زبان آلمانی', 'کورس آلمانی'], locales: ['fa'] },
  { terms: ['Jobcenter', 'Джобцентр', 'центр зайнятості'], locales: ['uk'] },
  { terms: ['лікар', 'доктор', 'сімейний лікар'], locales: ['uk'] },
  { terms: ['врач', 'доктор', 'терапевт'], locales: ['ru'] },
  { terms: ['Jobcenter', 'iş ajansı', 'iş kurumu'], locales: ['tr'] },
]
