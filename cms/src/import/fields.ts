import { paragraphsToLexical } from '../seed/richText'

/** Names of municipalities and topics (German name or slug, any case) → their IDs. */
export interface Lookups {
  municipalities: Map<string, number | string>
  topics: Map<string, number | string>
}

type Convert = (text: string, lookups: Lookups) => unknown

export interface ImportField {
  label: string
  /** Where the value goes in the document (`address.city`), and how the cell becomes it. */
  path: string
  convert: Convert
}

export class CellError extends Error {}

const text: Convert = (t) => t
const paragraphs: Convert = (t) =>
  paragraphsToLexical(
    t
      .split(/\r?\n\s*\r?\n|\r?\n/)
      .map((p) => p.trim())
      .filter(Boolean),
  )

/** 31.12.2026, 2026-12-31 or an Excel date → the day (ISO, noon UTC, as the admin's day pickers store). */
const day: Convert = (t) => {
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t)
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t)
  const [y, m, d] = german ? [german[3], german[2], german[1]] : iso ? [iso[1], iso[2], iso[3]] : []
  const date = y ? new Date(Date.UTC(Number(y), Number(m) - 1, Number(d), 12)) : null
  if (!date || date.getUTCDate() !== Number(d)) throw new CellError(`„${t}“ ist kein Datum wie 31.12.2026`)
  return date.toISOString()
}

const yesNo: Convert = (t) => {
  const v = t.toLowerCase()
  if (['ja', 'j', 'x', 'yes', '1', 'wahr', 'true'].includes(v)) return true
  if (['nein', 'n', 'no', '0', 'falsch', 'false', '-'].includes(v)) return false
  throw new CellError(`„${t}“: bitte ja oder nein`)
}

const municipality: Convert = (t, l) => {
  const id = l.municipalities.get(t.toLowerCase())
  if (id === undefined) throw new CellError(`die Gemeinde „${t}“ gibt es nicht`)
  return id
}

const topics: Convert = (t, l) =>
  t
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((name) => {
      const id = l.topics.get(name.toLowerCase())
      if (id === undefined) throw new CellError(`das Thema „${name}“ gibt es nicht`)
      return id
    })

const CONTACT_KINDS: Record<string, string> = {
  office: 'office',
  beratungsstelle: 'office',
  büro: 'office',
  stelle: 'office',
  person: 'person',
  interpreter: 'interpreter',
  dolmetscher: 'interpreter',
  dolmetscherpool: 'interpreter',
}
const contactKind: Convert = (t) => {
  const kind = CONTACT_KINDS[t.toLowerCase()]
  if (!kind) throw new CellError(`„${t}“: Beratungsstelle, Person oder Dolmetscher`)
  return kind
}

/**
 * The fields an import may fill, per target collection, by name. Everything else keeps its
 * default (or, on an update, its value): German text only (translations follow in the admin),
 * and the document's own validation decides the rest.
 */
export const IMPORT_FIELDS = {
  offers: {
    title: { label: 'Titel', path: 'title', convert: text },
    summary: { label: 'Kurzbeschreibung', path: 'summary', convert: text },
    body: { label: 'Beschreibung', path: 'body', convert: paragraphs },
    municipality: { label: 'Gemeinde', path: 'municipality', convert: municipality },
    topics: { label: 'Themen', path: 'topics', convert: topics },
    street: { label: 'Straße und Hausnummer', path: 'address.street', convert: text },
    postalCode: { label: 'PLZ', path: 'address.postalCode', convert: text },
    city: { label: 'Ort', path: 'address.city', convert: text },
    validFrom: { label: 'Gültig ab', path: 'validFrom', convert: day },
    validUntil: { label: 'Gültig bis', path: 'validUntil', convert: day },
    childcare: { label: 'Kinderbetreuung', path: 'childcare', convert: yesNo },
    barrierFree: { label: 'Barrierefrei', path: 'barrierFree', convert: yesNo },
  },
  contacts: {
    name: { label: 'Name', path: 'name', convert: text },
    kind: { label: 'Art', path: 'kind', convert: contactKind },
    responsibility: { label: 'Zuständigkeit', path: 'responsibility', convert: text },
    phone: { label: 'Telefon', path: 'phone', convert: text },
    email: { label: 'E-Mail', path: 'email', convert: text },
    website: { label: 'Website', path: 'website', convert: text },
    street: { label: 'Straße und Hausnummer', path: 'address.street', convert: text },
    postalCode: { label: 'PLZ', path: 'address.postalCode', convert: text },
    city: { label: 'Ort', path: 'address.city', convert: text },
    municipality: { label: 'Gemeinde', path: 'municipality', convert: municipality },
  },
} as const satisfies Record<string, Record<string, ImportField>>

export type ImportTarget = keyof typeof IMPORT_FIELDS
export const IMPORT_TARGETS = Object.keys(IMPORT_FIELDS) as ImportTarget[]

/** Every field name any target takes (the mapping's select options). */
export const IMPORT_FIELD_OPTIONS = [
  ...new Map(IMPORT_TARGETS.flatMap((t) => Object.entries(IMPORT_FIELDS[t]).map(([value, f]) => [value, { value, label: `${f.label} (${value})` }] as const))).values(),
]
