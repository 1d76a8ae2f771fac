import { BERLIN } from '@lotse/content-schemas'
import type { LocaleCode } from '@lotse/translations'

/*
 * Dates, times, weekdays and language names in the reader's locale through Intl. The Gregorian
 * calendar is forced: appointments in Germany are Gregorian, while `fa` and `ps` would default
 * to the Persian calendar. Times are shown in Europe/Berlin, where every event takes place.
 */
const tag = (locale: LocaleCode) => `${locale}-u-ca-gregory`

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

/** A date formatter per locale; Berlin time unless the options say otherwise. */
const dates = (options: Intl.DateTimeFormatOptions) => perLocale((locale) => new Intl.DateTimeFormat(tag(locale), { timeZone: BERLIN, ...options }))

const dateLong = dates({ dateStyle: 'long' })
const dateShort = dates({ weekday: 'short', day: 'numeric', month: 'short' })
const dateTime = dates({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' })
const timeOf = dates({ hour: '2-digit', minute: '2-digit' })
const month = dates({ month: 'long', year: 'numeric' })
// Wall-clock values ("14:30", a weekday) are not instants: formatted in UTC, shifted nowhere.
const clockFormat = dates({ hour: '2-digit', minute: '2-digit', timeZone: 'UTC' })
const weekdayFormat = dates({ weekday: 'long', timeZone: 'UTC' })
const languageNames = perLocale((locale) => {
  try {
    return new Intl.DisplayNames([locale, 'de'], { type: 'language' })
  } catch {
    return null
  }
})
const numberFormat = perLocale((locale) => new Intl.NumberFormat(locale))

export const formatDate = (iso: string | Date, locale: LocaleCode) => dateLong(locale).format(new Date(iso))
export const formatDateShort = (iso: string | Date, locale: LocaleCode) => dateShort(locale).format(new Date(iso))
export const formatDateTime = (iso: string | Date, locale: LocaleCode) => dateTime(locale).format(new Date(iso))
export const formatTimeOf = (iso: string | Date, locale: LocaleCode) => timeOf(locale).format(new Date(iso))
export const formatMonth = (iso: string | Date, locale: LocaleCode) => month(locale).format(new Date(iso))

/** "14:30" (a wall-clock time) in the reader's notation. */
export function formatClock(hhmm: string, locale: LocaleCode): string {
  const [h, m] = hhmm.split(':').map(Number)
  return clockFormat(locale).format(Date.UTC(2024, 0, 1, h, m))
}

const weekdayIndex = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 } as const
export type Weekday = keyof typeof weekdayIndex

/** The weekday's name; 1 January 2024 was a Monday. */
export function weekdayName(day: Weekday, locale: LocaleCode): string {
  return weekdayFormat(locale).format(Date.UTC(2024, 0, 1 + weekdayIndex[day]))
}

const languageNamesMade = perLocale(() => new Map<string, string>())

/** A spoken language's name in the reader's language, e.g. "ar" → "Arabisch" for German readers. */
export function languageName(code: string, locale: LocaleCode): string {
  const made = languageNamesMade(locale)
  let name = made.get(code)
  if (name === undefined) {
    try {
      name = languageNames(locale)?.of(code) ?? code
    } catch {
      name = code
    }
    made.set(code, name)
  }
  return name
}

export const formatNumber = (n: number, locale: LocaleCode) => numberFormat(locale).format(n)

/**
 * One line for a place: its name (unless it only repeats the street), street, postal code and
 * town — "Kreishaus, Am Markt 9, 26409 Wittmund". Addresses stay as written (German).
 */
export function formatPlace(address: { street: string | null; postalCode: string | null; city: string | null } | null, name: string | null = null): string {
  const town = [address?.postalCode, address?.city].filter(Boolean).join(' ')
  return [name, address?.street !== name ? address?.street : null, town].filter(Boolean).join(', ')
}
