import type { PrecisionCase, RecallCase } from './types'

/**
 * The held-out part of the search-quality set: written before any tuning and not looked at
 * while tuning `site/src/lib/searchText.ts`; the bench reports it apart from the rest.
 */
export const heldOutRecall: RecallCase[] = [
  { locale: 'de', query: 'Schuldnerberatung', expect: ['schuldnerberatung-esens'], category: 'exact' },
  { locale: 'de', query: 'Hausaufgaben', expect: ['hausaufgabenhilfe-wittmund', 'hausaufgabenhilfe-esens'], category: 'compound' },
  { locale: 'de', query: 'Mietverträge', expect: ['g-mieterberatung'], category: 'inflection' },
  { locale: 'de', query: 'Fuehrerschein', expect: ['fuehrerschein-theorie-arabisch', 'mietfuehrerschein'], category: 'spelling' },
  { locale: 'de', query: 'Kleiderkamer', expect: ['kleiderkammer-esens'], category: 'typo' },
  { locale: 'de', query: 'Doktor', expect: ['g-kinderarzt-notdienst'], category: 'synonym' },
  { locale: 'en', query: 'midwives', expect: ['hebammensprechstunde'], category: 'inflection' },
  { locale: 'en', query: 'food bank', expect: ['g-lebensmittel-esens'], category: 'exact' },
  { locale: 'ar', query: 'الاطفال', expect: ['g-kinderarzt-notdienst', 'integrationskurs-kvhs-wittmund', 'g-deutschkurs-frauen'], category: 'spelling' },
  { locale: 'ar', query: 'القابلات', expect: ['hebammensprechstunde'], category: 'inflection' },
  { locale: 'fa', query: 'پزشك', expect: ['g-kinderarzt-notdienst'], category: 'spelling' },
  { locale: 'fa', query: 'مستاجر', expect: ['g-mieterberatung'], category: 'inflection' },
  { locale: 'fa', query: 'کلاس', expect: ['g-deutschkurs-frauen'], category: 'inflection' },
  { locale: 'ps', query: 'ډاکټرانو', expect: ['g-kinderarzt-notdienst'], category: 'inflection' },
  { locale: 'ps', query: 'شځو', expect: ['g-deutschkurs-frauen'], category: 'spelling' },
  { locale: 'ku', query: 'zarok', expect: ['g-kinderarzt-notdienst'], category: 'inflection' },
  { locale: 'ku', query: 'sewirdari', expect: ['g-schwangerschaftsberatung', 'g-mieterberatung'], category: 'spelling' },
  { locale: 'ti', query: 'ሓኪም', expect: ['g-kinderarzt-notdienst'], category: 'exact' },
  { locale: 'ti', query: 'ስራሕ', expect: ['berufssprachkurs-b2'], category: 'inflection' },
  { locale: 'uk', query: 'лікаря', expect: ['g-kinderarzt-notdienst'], category: 'inflection' },
  { locale: 'uk', query: 'вагітна', expect: ['g-schwangerschaftsberatung'], category: 'inflection' },
  { locale: 'ru', query: 'врача', expect: ['g-kinderarzt-notdienst'], category: 'inflection' },
  { locale: 'ru', query: 'молодежная', expect: ['g-jugendmigrationsdienst'], category: 'spelling' },
  { locale: 'tr', query: 'danismanlik', expect: ['g-mieterberatung', 'g-jugendmigrationsdienst', 'g-schwangerschaftsberatung'], category: 'spelling' },
  { locale: 'tr', query: 'kiraci', expect: ['g-mieterberatung'], category: 'spelling' },
  { locale: 'ru', query: 'Kleiderkammer', expect: ['kleiderkammer-esens'], category: 'fallback' },
  { locale: 'ku', query: 'Tafel', expect: ['tafel-wittmund'], category: 'fallback' },
  { locale: 'ti', query: 'Rechtsberatung', expect: ['rechtsberatung'], category: 'fallback' },
  { locale: 'de', query: 'Arbeitsamt', expect: ['jobcenter-sprechstunde-migration'], category: 'synonym' },
]

export const heldOutPrecision: PrecisionCase[] = [
  { locale: 'de', query: 'Kurs', mustNot: 'tafel-wittmund' },
  { locale: 'fa', query: 'پزشک', mustNot: 'g-mieterberatung' },
  { locale: 'uk', query: 'лікар', mustNot: 'g-lebensmittel-esens' },
  { locale: 'ru', query: 'курс', mustNot: 'g-schwangerschaftsberatung' },
  { locale: 'ku', query: 'xwarin', mustNot: 'g-deutschkurs-frauen' },
]
