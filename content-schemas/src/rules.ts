/**
 * Validation rules shared by the CMS (field validation, where an editor sees the message) and
 * the site (rendering, where bad data must never reach a reader). Keeping them in one place
 * means the CMS never accepts what the site would later drop.
 */

/** Schemes a public link may use. `javascript:`, `data:`, `vbscript:` and `file:` never pass. */
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:'])

/**
 * Whether an `href` is safe to render: an absolute http(s)/mailto/tel URL, or a site-relative
 * path or fragment. Browsers ignore ASCII whitespace and control characters inside a scheme
 * (`java\tscript:`), so they are stripped before the scheme is read.
 */
export function isSafeHref(href: string): boolean {
  // eslint-disable-next-line no-control-regex
  const cleaned = href.replace(/[\u0000-\u0020\u007f-\u009f]/g, '')
  if (cleaned === '') return false
  if (cleaned.startsWith('/') && !cleaned.startsWith('//')) return true
  if (cleaned.startsWith('#') || cleaned.startsWith('?')) return true
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)
  if (!scheme) return false
  return SAFE_SCHEMES.has(`${scheme[1]!.toLowerCase()}:`)
}

/** Whether a value is an absolute http(s) URL with a host, as websites and registration links must be. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false
    return url.hostname.includes('.') || url.hostname === 'localhost'
  } catch {
    return false
  }
}

/** A pragmatic e-mail check: one @, no spaces, a dot in the domain. */
export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/.test(value)
}

/**
 * German and international phone numbers as people write them: "04462 86-1234",
 * "+49 (0) 4462 861234", "0170/1234567". Digits 5–20, only digits, spaces and `+()/-`.
 */
export function isPhoneNumber(value: string): boolean {
  if (!/^\+?[0-9 ()/\-–]+$/.test(value)) return false
  const digits = value.replace(/\D/g, '').length
  return digits >= 5 && digits <= 20
}

/** The form `tel:` links need: digits and a leading plus only. */
export function phoneToTelHref(value: string): string {
  const trimmed = value.trim()
  const international = trimmed.startsWith('+')
  const digits = trimmed.replace(/\(0\)/g, '').replace(/\D/g, '')
  return `tel:${international ? '+' : ''}${digits}`
}

/** 24-hour clock time "HH:MM". */
export function isClockTime(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value)
}

/** Slugs are lowercase ASCII words joined by single hyphens; they are stable public URLs. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

export function isSlug(value: string): boolean {
  return SLUG_PATTERN.test(value) && value.length <= 96
}

/**
 * Turns a German title into a URL slug: umlauts as ae/oe/ue, ß as ss, other accents dropped,
 * anything else non-alphanumeric becomes a hyphen. Returns '' for titles with no Latin letters
 * (e.g. an Arabic-only title), so the caller can pick another source.
 */
export function slugify(title: string): string {
  return title
    .replace(/Ä/g, 'Ae')
    .replace(/Ö/g, 'Oe')
    .replace(/Ü/g, 'Ue')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '')
}

/**
 * Coordinates a place in Germany can have (with a margin). The county lies near 53.6 N 7.7 E;
 * a value outside this box is a typo or swapped latitude/longitude, not a real place.
 */
export const COORDINATE_BOUNDS = { lat: { min: 47, max: 55.5 }, lng: { min: 5.5, max: 15.5 } } as const

export function isLatitude(value: number): boolean {
  return Number.isFinite(value) && value >= COORDINATE_BOUNDS.lat.min && value <= COORDINATE_BOUNDS.lat.max
}

export function isLongitude(value: number): boolean {
  return Number.isFinite(value) && value >= COORDINATE_BOUNDS.lng.min && value <= COORDINATE_BOUNDS.lng.max
}
