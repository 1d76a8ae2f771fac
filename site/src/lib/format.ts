import type { LocaleCode } from '@lotse/translations'

/**
 * Dates, times, weekdays and language names in the reader's locale through Intl. The Gregorian
 * calendar is forced: appointments in Germany are Gregorian, while `fa` and `ps` would default
 * to the Persian calendar. Times are shown in Europe/Berlin, where every event takes place.
 */
const TIME_ZONE = 'Europe/Berlin'
const tag = (locale: LocaleCode) => `${locale}-u-ca-gregory`

const cache = new Map<string, Intl.DateTimeFormat>()
function formatter(locale: LocaleCode, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`
  let f = cache.get(key)
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(tag(locale), { timeZone: TIME_ZONE, ...options })))
  return f
}

export const formatDate = (iso: string | Date, locale: LocaleCode) => formatter(locale, { dateStyle: 'long' }).format(new Date(iso))
export const formatDateShort = (iso: string | Date, locale: LocaleCode) => formatter(locale, { weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(iso))
export const formatDateTime = (iso: string | Date, locale: LocaleCode) =>
  formatter(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso))
export const formatTimeOf = (iso: string | Date, locale: LocaleCode) => formatter(locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso))
export const formatMonth = (iso: string | Date, locale: LocaleCode) => formatter(locale, { month: 'long', year: 'numeric' }).format(new Date(iso))

/**
 * Memoizes a formatter per locale: creating an Intl formatter costs far more than using one,
 * and a build formats hundreds of thousands of dates, times and names.
 */
function perLocale<T>(make: (locale: LocaleCode) => T): (locale: LocaleCode) => T {
  const made = new Map<LocaleCode, T>()
  return (locale) => {
    let f = made.get(locale)
    if (!f) made.set(locale, (f = make(locale)))
    return f
  }
}

const clockFormat = perLocale((locale) => new Intl.DateTimeFormat(tag(locale), { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }))
const weekdayFormat = perLocale((locale) => new Intl.DateTimeFormat(tag(locale), { weekday: 'long', timeZone: 'UTC' }))
const languageNames = perLocale((locale) => {
  try {
    return new Intl.DisplayNames([locale, 'de'], { type: 'language' })
  } catch {
    return null
  }
})
const numberFormat = perLocale((locale) => new Intl.NumberFormat(locale))

/** "14:30" (a wall-clock time) in the reader's notation. */
export function formatClock(hhmm: string, locale: LocaleCode): string {
  const [h, m] = hhmm.split(':').map(Number)
  return clockFormat(locale).format(Date.UTC(2024, 0, 1, h, m))
}

const weekdayIndex = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 } as const
export type Weekday = keyof typeof weekdayIndex
export const weekdays = Object.keys(weekdayIndex) as Weekday[]

/** The weekday's name; 1 January 2024 was a Monday. */
export function weekdayName(day: Weekday, locale: LocaleCode): string {
  return weekdayFormat(locale).format(Date.UTC(2024, 0, 1 + weekdayIndex[day]))
}

/** A spoken language's name in the reader's language, e.g. "ar" → "Arabisch" for German readers. */
export function languageName(code: string, locale: LocaleCode): string {
  try {
    return languageNames(locale)?.of(code) ?? code
  } catch {
    return code
  }
}

export const formatNumber = (n: number, locale: LocaleCode) => numberFormat(locale).format(n)

/** Machine-readable date for `<time datetime>`. */
export const isoDay = (iso: string | Date) => new Date(iso).toISOString().slice(0, 10)
