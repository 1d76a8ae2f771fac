import { createHash } from 'node:crypto'
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

export interface ExportResult {
  snapshot: Snapshot
  mediaFiles: string[]
  /** The snapshot as JSON, UTF-8 (what `writeSnapshot` writes). */
  json: () => Buffer
}

/** The collections whose exported documents `ExportCache` keeps: those that grow with the county. */
const CACHED = ['offers', 'contacts', 'events'] as const
type CachedCollection = (typeof CACHED)[number]

/**
 * What the last export made of each document of the large collections (its contract form and
 * that form's JSON), so a publish reads and maps again only the documents that changed: at
 * 1,044 offers × 13 locales the full export took 0.8–1.4 s to read and map and 0.8–1.0 s to
 * turn into JSON, in the CMS process, where editors' requests wait meanwhile.
 *
 * A document counts as unchanged while its stamp is: Payload sets `updatedAt` on every save
 * through its API (and the SQL adapters even on a direct `db.updateOne`); the one write that
 * goes around the API, "still correct" on a published document with a pending draft
 * (freshness/endpoints.ts), changes `reviewedAt`, which is in the stamp for adapters that keep
 * `updatedAt` then.
 * Everything a mapped document takes from other documents (the slugs its references resolve
 * to) is in `context`: when that changed, every document is mapped again. The nightly and manual
 * builds export without the cache and fill it anew (tests/cms/export-cache.test.ts compares
 * every cached export with a full one).
 */
export class ExportCache {
  private docs = new Map<CachedCollection, Map<string, CachedDoc>>()
  private context = ''
  /** Per collection, how many documents the last export mapped and how many it kept. */
  stats: Partial<Record<CachedCollection, { mapped: number; kept: number }>> = {}

  /** @internal buildSnapshot's use: whether the cached documents were mapped with this `context`. */
  madeWith(context: string): boolean {
    return context === this.context
  }

  clear(): void {
    this.docs.clear()
    this.context = ''
  }

  /** @internal buildSnapshot's use: the documents of the last export. */
  entries(collection: CachedCollection): Map<string, CachedDoc> {
    return this.docs.get(collection) ?? new Map()
  }

  /** @internal buildSnapshot's use: what this export made, kept once it succeeded. */
  commit(context: string, docs: Map<CachedCollection, Map<string, CachedDoc>>, stats: ExportCache['stats']): void {
    this.context = context
    this.docs = docs
    this.stats = stats
  }
}

interface CachedDoc {
  stamp: string
  doc: unknown
  /** The document's JSON, UTF-8: the snapshot is put together from these, not encoded again whole (25 MB at 1,000 offers, about 0.4 s). */
  json: Buffer
}

const stampOf = (doc: Doc) => `${String(doc.updatedAt)}|${String(doc.reviewedAt ?? '')}`

/**
 * Reads every published document through the Local API as an anonymous reader (so access
 * rules apply exactly as on the public REST API: no drafts, no internal fields), maps it to the
 * export contract, validates it with the zod schemas of `content-schemas`, and writes the
 * snapshot plus the media files it uses. A document that does not fit stops the export with
 * its collection, slug and field named; nothing is written then. With a `cache`, documents of
 * the large collections whose stamp is unchanged are taken from the last export (`ExportCache`).
 */
export async function buildSnapshot(payload: Payload, options: { overlay?: Overlay; cache?: ExportCache } = {}): Promise<ExportResult> {
  const { overlay } = options
  const cache = overlay ? undefined : options.cache
  // Newest first as Payload sorts by default, and by id among documents made in the same
  // millisecond, so that every read (of all, of stamps, of some) lists them in one order.
  const query = { locale: 'all' as const, draft: false as const, overrideAccess: false, depth: 0, limit: 0, pagination: false, sort: ['-createdAt', '-id'] }
  /** Per cached collection, every published document's id and stamp, in the export's order. */
  const stamps = new Map<CachedCollection, Doc[]>()
  const read = async (collection: CollectionSlug): Promise<Doc[]> => {
    if (cache && (CACHED as readonly string[]).includes(collection)) {
      // The ids and stamps (and slugs, for references) of all; the documents of those changed since.
      const all = (await payload.find({ collection, ...query, select: { slug: true, updatedAt: true, reviewedAt: true } as never })).docs as unknown as Doc[]
      stamps.set(collection as CachedCollection, all)
      const kept = cache.entries(collection as CachedCollection)
      const changed = all.filter((d) => kept.get(String(d.id))?.stamp !== stampOf(d)).map((d) => d.id)
      if (changed.length === all.length) return (await payload.find({ collection, ...query })).docs as unknown as Doc[]
      return changed.length === 0 ? [] : ((await payload.find({ collection, ...query, where: { id: { in: changed } } })).docs as unknown as Doc[])
    }
    const result = await payload.find({ collection, ...query })
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
  const { reports, pages, measures, organizations, municipalities, topics, media, 'search-terms': searchTerms } = all

  const slugMap = (docs: Doc[]) => new Map(docs.map((d) => [String(d.id), d.slug as string]))
  const refs = {
    topics: slugMap(topics),
    municipalities: slugMap(municipalities),
    organizations: slugMap(organizations),
    contacts: slugMap(stamps.get('contacts') ?? all.contacts),
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
  // What mapped documents take from elsewhere; when it changed since the cached export, every document is read and mapped again.
  const context = cache
    ? createHash('sha1')
        .update(JSON.stringify({ refs: Object.entries(refs).map(([kind, map]) => [kind, [...map]]), paths }))
        .digest('base64url')
    : ''
  if (cache && !cache.madeWith(context)) for (const c of CACHED) if (all[c].length < stamps.get(c)!.length) all[c] = (await payload.find({ collection: c, ...query })).docs as unknown as Doc[]
  const exported = new Map<CachedCollection, Map<string, CachedDoc>>()
  const stats: ExportCache['stats'] = {}
  const arrays: Partial<Record<CachedCollection, Buffer[]>> = {}
  /**
   * The documents of a cached collection in the export's order: those read now mapped with
   * `map`, the others as the cached export made them (when its context differs, all were read
   * now). Without a cache, all read now and mapped.
   */
  const mapped = <T>(collection: CachedCollection, map: (d: Doc) => T): T[] => {
    if (!cache) return all[collection].map(map)
    const fresh = new Map(all[collection].map((d) => [String(d.id), d]))
    const kept = cache.entries(collection)
    const entries = new Map<string, CachedDoc>()
    for (const { id } of stamps.get(collection)!) {
      const raw = fresh.get(String(id))
      if (raw) {
        const doc = map(raw)
        entries.set(String(id), { stamp: stampOf(raw), doc, json: Buffer.from(JSON.stringify(doc)) })
      } else if (kept.has(String(id))) entries.set(String(id), kept.get(String(id))!)
      // Else it was unpublished or deleted while the export ran: the next publish has it.
    }
    exported.set(collection, entries)
    stats[collection] = { mapped: fresh.size, kept: entries.size - fresh.size }
    arrays[collection] = [...entries.values()].map((e) => e.json)
    return [...entries.values()].map((e) => e.doc as T)
  }
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
    offers: mapped('offers', (d) =>
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
    contacts: mapped('contacts', (d) =>
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
    events: mapped('events', (d) => {
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

  cache?.commit(context, exported, stats)
  /** The snapshot's JSON, as `JSON.stringify` makes it; the cached documents' parts as they were made. */
  const json = () => {
    if (!cache) return Buffer.from(JSON.stringify(snapshot))
    const parts: Buffer[] = []
    const text = (t: string) => parts.push(Buffer.from(t))
    for (const [i, [key, value]] of Object.entries(snapshot).entries()) {
      text(`${i > 0 ? ',' : '{'}${JSON.stringify(key)}:`)
      const docs = arrays[key as CachedCollection]
      if (!docs) {
        text(JSON.stringify(value))
        continue
      }
      text('[')
      for (const [n, doc] of docs.entries()) {
        if (n > 0) text(',')
        parts.push(doc)
      }
      text(']')
    }
    text('}')
    return Buffer.concat(parts)
  }
  // Every part was checked against its schema above, so the snapshot fits `SnapshotSchema`
  // (checking it whole again took a fifth of the export's mapping time).
  return { snapshot, mediaFiles: [...new Set(mediaFiles)], json }
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
export function writeSnapshot(outDir: string, mediaSource: string, result: Pick<ExportResult, 'mediaFiles' | 'json'>): void {
  const tmp = `${outDir}.tmp-${process.pid}`
  rmSync(tmp, { recursive: true, force: true })
  mkdirSync(path.join(tmp, 'media'), { recursive: true })
  for (const file of result.mediaFiles) {
    const source = path.join(mediaSource, file)
    if (existsSync(source)) copyFileSync(source, path.join(tmp, 'media', file))
  }
  writeFileSync(path.join(tmp, 'snapshot.json'), result.json())
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(path.dirname(outDir), { recursive: true })
  renameSync(tmp, outDir)
}
