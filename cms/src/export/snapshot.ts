import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { CollectionSlug, Payload } from 'payload'
import type { z } from 'zod'

import {
  ContactSchema,
  DEFAULT_FRESHNESS,
  EventSchema,
  FreshnessSettingsSchema,
  MeasureSchema,
  MediaSchema,
  MunicipalitySchema,
  OfferSchema,
  OrganizationSchema,
  PageSchema,
  readTranslationRecord,
  ReportSchema,
  SearchTermGroupSchema,
  SnapshotSchema,
  TopicSchema,
  translationState,
  type PagedCollection,
  TRANSLATED_COLLECTIONS,
  type TranslatedCollection,
  PUBLIC_COLLECTIONS,
  type PublicCollection,
  type Snapshot,
} from '@lotse/content-schemas'
import { localeCodes, type LocaleCode } from '@lotse/translations'

import { hasTextIn, localizedPathsOf } from '../translation/status'

export type Doc = Record<string, unknown> & { id: number | string }
type ID = number | string

/** A field that names the problem: which document, which field, what is wrong. */
export class ExportError extends Error {
  constructor(
    readonly collection: string,
    readonly document: string,
    readonly field: string,
    detail: string,
  ) {
    super(`Export stopped: ${collection} "${document}", field "${field}": ${detail}. Fix the document in the CMS and publish again.`)
    this.name = 'ExportError'
  }
}

const idOf = (value: unknown): ID | null => (value == null ? null : typeof value === 'object' ? ((value as { id?: ID }).id ?? null) : (value as ID))

/** Every locale of the table, `null` where the CMS has no text (no fallback applied). */
function loc<T>(value: unknown): Record<LocaleCode, T | null> {
  const byLocale = value && typeof value === 'object' ? (value as Record<string, unknown>) : {}
  return Object.fromEntries(
    localeCodes.map((code) => {
      const v = byLocale[code]
      return [code, v === undefined || v === '' ? null : (v as T)]
    }),
  ) as Record<LocaleCode, T | null>
}

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null)
const bool = (value: unknown): boolean => value === true
const num = (value: unknown, fallback = 0): number => (typeof value === 'number' ? value : fallback)

function address(value: unknown) {
  const a = (value ?? {}) as Record<string, unknown>
  const out = { street: str(a.street), postalCode: str(a.postalCode), city: str(a.city) }
  return out.street || out.postalCode || out.city ? out : null
}

function point(value: unknown) {
  const p = (value ?? {}) as Record<string, unknown>
  return typeof p.lat === 'number' && typeof p.lng === 'number' ? { lat: p.lat, lng: p.lng } : null
}

function slots(value: unknown) {
  return ((value as Record<string, unknown>[] | null) ?? []).map((s) => ({
    weekday: s.weekday,
    from: s.from,
    to: s.to,
    appointmentOnly: bool(s.appointmentOnly),
    note: loc<string>(s.note),
  }))
}

/**
 * Translation state per locale, from the record the CMS keeps on every save (German is the
 * original; a locale without text of its own in any localized field is missing, and the site
 * falls back to German): the same rule as the admin's translation state (`hasTextIn`).
 */
function translations(doc: Doc, paths: string[]) {
  const record = readTranslationRecord(doc.translationStatus)
  return Object.fromEntries(
    localeCodes.map((code) => {
      const state = translationState(record, code, hasTextIn(doc, paths, code))
      const updatedAt = code === 'de' ? (record.sourceChangedAt ?? str(doc.updatedAt)) : (record.locales[code]?.updatedAt ?? str(doc.updatedAt))
      return [code, state ? { state, updatedAt } : null]
    }),
  )
}

/**
 * A document to export as if it were published, in place of what is (the preview: an editor's
 * draft, read with every locale and depth 0 like the export reads).
 */
export interface Overlay {
  collection: PagedCollection
  doc: Doc
}

/**
 * Reads every published document through the Local API as an anonymous reader (so access
 * rules apply exactly as on the public REST API: no drafts, no internal fields), maps it to the
 * export contract, validates it with the zod schemas of `content-schemas`, and writes the
 * snapshot plus the media files it uses. A document that does not fit stops the export with
 * its collection, slug and field named; nothing is written then.
 */
export async function buildSnapshot(payload: Payload, options: { overlay?: Overlay } = {}): Promise<{ snapshot: Snapshot; mediaFiles: string[] }> {
  const { overlay } = options
  const read = async (collection: CollectionSlug): Promise<Doc[]> => {
    const result = await payload.find({ collection, locale: 'all', draft: false, overrideAccess: false, depth: 0, limit: 0, pagination: false })
    const docs = result.docs as unknown as Doc[]
    if (overlay?.collection !== collection) return docs
    // The draft in place of the published version (or added, when it was never published).
    const at = docs.findIndex((d) => String(d.id) === String(overlay.doc.id))
    return at === -1 ? [...docs, overlay.doc] : docs.with(at, overlay.doc)
  }
  // The admin's review intervals (staff-only settings, read with full access like no reader
  // would); the contract's defaults until they were first saved.
  const freshnessGlobal = (await payload.findGlobal({ slug: 'freshness', depth: 0, overrideAccess: true })) as unknown as Record<string, unknown>
  const all = Object.fromEntries(await Promise.all(PUBLIC_COLLECTIONS.map(async (c) => [c, await read(c)] as const))) as Record<PublicCollection, Doc[]>
  const { offers, contacts, events, reports, pages, measures, organizations, municipalities, topics, media, 'search-terms': searchTerms } = all

  const slugMap = (docs: Doc[]) => new Map(docs.map((d) => [String(d.id), d.slug as string]))
  const refs = {
    topics: slugMap(topics),
    municipalities: slugMap(municipalities),
    organizations: slugMap(organizations),
    contacts: slugMap(contacts),
    measures: slugMap(measures),
    pages: slugMap(pages),
  }
  /** A reference to an unpublished document is dropped: the site must not link to it. */
  const ref = (kind: keyof typeof refs, value: unknown) => {
    const id = idOf(value)
    return id == null ? null : (refs[kind].get(String(id)) ?? null)
  }
  const refList = (kind: keyof typeof refs, value: unknown) => ((value as unknown[] | null) ?? []).map((v) => ref(kind, v)).filter((s): s is string => s !== null)

  const mediaById = new Map(media.map((m) => [String(m.id), m]))
  const usedMedia = new Set<string>()

  const paths = Object.fromEntries(TRANSLATED_COLLECTIONS.map((c) => [c, localizedPathsOf(payload, c)])) as Record<TranslatedCollection, string[]>
  const common = (doc: Doc, collection: TranslatedCollection) => ({
    slug: doc.slug,
    updatedAt: doc.updatedAt,
    translations: translations(doc, paths[collection]),
    demo: bool(doc.demo),
  })

  const parse = <S extends z.ZodType>(schema: S, collection: string, doc: Doc, data: unknown): z.infer<S> => {
    const result = schema.safeParse(data)
    if (result.success) return result.data
    const issue = result.error.issues[0]!
    throw new ExportError(collection, String(doc.slug ?? doc.id), issue.path.join('.') || '(document)', issue.message)
  }

  const freshness = parse(FreshnessSettingsSchema, 'freshness', { id: 'freshness', slug: 'freshness' } as Doc, {
    offerMonths: freshnessGlobal.offerMonths ?? DEFAULT_FRESHNESS.offerMonths,
    contactMonths: freshnessGlobal.contactMonths ?? DEFAULT_FRESHNESS.contactMonths,
    graceWeeks: freshnessGlobal.graceWeeks ?? DEFAULT_FRESHNESS.graceWeeks,
  })

  const snapshot: Snapshot = {
    generatedAt: new Date().toISOString(),
    offers: offers.map((d) =>
      parse(OfferSchema, 'offers', d, {
        ...common(d, 'offers'),
        title: loc(d.title),
        summary: loc(d.summary),
        body: loc(d.body),
        topics: refList('topics', d.topics),
        targetGroups: d.targetGroups ?? [],
        languages: d.languages ?? [],
        municipality: ref('municipalities', d.municipality),
        address: address(d.address),
        location: point(d.location),
        organization: ref('organizations', d.organization),
        contacts: refList('contacts', d.contacts),
        schedule: slots(d.schedule),
        scheduleNote: loc(d.scheduleNote),
        cost: cost(d.cost),
        childcare: bool(d.childcare),
        barrierFree: bool(d.barrierFree),
        registration: registration(d.registration),
        validFrom: str(d.validFrom),
        validUntil: str(d.validUntil),
        reviewedAt: str(d.reviewedAt),
      }),
    ),
    contacts: contacts.map((d) =>
      parse(ContactSchema, 'contacts', d, {
        ...common(d, 'contacts'),
        name: d.name,
        kind: d.kind,
        responsibility: loc(d.responsibility),
        organization: ref('organizations', d.organization),
        languages: d.languages ?? [],
        phone: str(d.phone),
        email: str(d.email),
        website: str(d.website),
        address: address(d.address),
        location: point(d.location),
        municipality: ref('municipalities', d.municipality),
        consultationHours: slots(d.consultationHours),
        reviewedAt: str(d.reviewedAt),
      }),
    ),
    events: events.map((d) => {
      const r = (d.recurrence ?? {}) as Doc
      return parse(EventSchema, 'events', d, {
        ...common(d, 'events'),
        title: loc(d.title),
        description: loc(d.description),
        start: d.start,
        end: str(d.end),
        allDay: bool(d.allDay),
        recurrence: {
          frequency: r.frequency ?? 'none',
          interval: num(r.interval, 1),
          monthlyMode: r.monthlyMode ?? 'dayOfMonth',
          weekOfMonth: r.weekOfMonth == null ? null : Number(r.weekOfMonth),
          until: str(r.until),
        },
        place: str(d.place),
        address: address(d.address),
        location: point(d.location),
        municipality: ref('municipalities', d.municipality),
        organizer: ref('organizations', d.organizer),
        topics: refList('topics', d.topics),
        languages: d.languages ?? [],
        registration: registration(d.registration),
        cost: cost(d.cost),
        cancelled: bool(d.cancelled),
      })
    }),
    reports: reports.map((d) => {
      const cover = mediaById.get(String(idOf(d.coverImage)))
      if (cover) usedMedia.add(String(cover.id))
      return parse(ReportSchema, 'reports', d, {
        ...common(d, 'reports'),
        title: loc(d.title),
        summary: loc(d.summary),
        body: loc(d.body),
        coverImage: cover ? cover.filename : null,
        publishedDate: d.publishedDate,
        measures: refList('measures', d.measures),
        topics: refList('topics', d.topics),
      })
    }),
    pages: pages.map((d) =>
      parse(PageSchema, 'pages', d, {
        ...common(d, 'pages'),
        title: loc(d.title),
        summary: loc(d.summary),
        body: loc(d.body),
        parent: ref('pages', d.parent),
        order: num(d.order),
        legal: d.legal ?? null,
        topics: refList('topics', d.topics),
      }),
    ),
    measures: measures.map((d) =>
      parse(MeasureSchema, 'measures', d, {
        ...common(d, 'measures'),
        level: d.level,
        parent: ref('measures', d.parent),
        order: num(d.order),
        title: loc(d.title),
        description: loc(d.description),
        status: d.status ?? null,
        deadline: str(d.deadline),
        deadlineText: loc(d.deadlineText),
        responsibleUnit: str(d.responsibleUnit),
        statusNote: loc(d.statusNote),
      }),
    ),
    organizations: organizations.map((d) =>
      parse(OrganizationSchema, 'organizations', d, {
        slug: d.slug,
        name: d.name,
        kind: d.kind,
        description: loc(d.description),
        website: str(d.website),
        email: str(d.email),
        phone: str(d.phone),
        address: address(d.address),
        municipality: ref('municipalities', d.municipality),
      }),
    ),
    municipalities: municipalities.map((d) => parse(MunicipalitySchema, 'municipalities', d, { slug: d.slug, name: loc(d.name), order: num(d.order), location: point(d.location) })),
    topics: topics.map((d) => parse(TopicSchema, 'topics', d, { slug: d.slug, name: loc(d.name), description: loc(d.description), icon: str(d.icon), order: num(d.order) })),
    media: [],
    // In the order they were created, so the same groups always give the same snapshot.
    searchTerms: [...searchTerms]
      .sort((a, b) => String(a.createdAt).localeCompare(String(b.createdAt)) || String(a.id).localeCompare(String(b.id)))
      .map((d) =>
        parse(
          SearchTermGroupSchema,
          'search-terms',
          { ...d, slug: d.title ?? d.id },
          {
            terms: ((d.terms as { term?: string | null }[] | null) ?? []).map((row) => (row.term ?? '').trim()).filter((term) => term !== ''),
            locales: d.appliesIn ?? [],
          },
        ),
      ),
    freshness,
  }

  const mediaFiles: string[] = []
  for (const id of usedMedia) {
    const m = mediaById.get(id)!
    const sizes = Object.values((m.sizes ?? {}) as Record<string, Doc>).filter((s) => typeof s.filename === 'string' && (s.mimeType === 'image/webp' || s.mimeType === 'image/avif'))
    mediaFiles.push(String(m.filename), ...sizes.map((s) => String(s.filename)))
    snapshot.media.push(
      parse(MediaSchema, 'media', m, {
        filename: m.filename,
        url: `/media/${m.filename}`,
        mimeType: m.mimeType,
        width: typeof m.width === 'number' ? m.width : null,
        height: typeof m.height === 'number' ? m.height : null,
        alt: loc(m.alt),
        caption: loc(m.caption),
        credit: str(m.credit),
        // Several sizes can collapse to the same file when the original is small.
        sizes: [...new Map(sizes.map((s) => [s.filename, { url: `/media/${s.filename}`, width: s.width, height: s.height, mimeType: s.mimeType }])).values()],
      }),
    )
  }

  return { snapshot: SnapshotSchema.parse(snapshot), mediaFiles: [...new Set(mediaFiles)] }
}

function cost(value: unknown) {
  const c = (value ?? {}) as Doc
  return { free: bool(c.free), note: loc(c.note) }
}

function registration(value: unknown) {
  const r = (value ?? {}) as Doc
  return { required: bool(r.required), how: loc(r.how), url: str(r.url) }
}

/**
 * Writes the snapshot and its media into `outDir` (replacing what was there) only after
 * validation succeeded; files go to a temporary folder first, so a failed export never leaves
 * a half-written snapshot behind.
 */
export function writeSnapshot(outDir: string, mediaSource: string, result: { snapshot: Snapshot; mediaFiles: string[] }): void {
  const tmp = `${outDir}.tmp-${process.pid}`
  rmSync(tmp, { recursive: true, force: true })
  mkdirSync(path.join(tmp, 'media'), { recursive: true })
  for (const file of result.mediaFiles) {
    const source = path.join(mediaSource, file)
    if (existsSync(source)) copyFileSync(source, path.join(tmp, 'media', file))
  }
  writeFileSync(path.join(tmp, 'snapshot.json'), JSON.stringify(result.snapshot))
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(path.dirname(outDir), { recursive: true })
  renameSync(tmp, outDir)
}
