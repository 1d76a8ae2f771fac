/**
 * The world the hostile-user suite attacks: one user per actor of the policy table, public
 * content of organization A in every state (published, draft only, published with a newer
 * draft), and a **canary** in every datum that is not public: a unique marker string in draft
 * titles, internal notes, an unpublished contact's e-mail, unused uploads, users' e-mail
 * addresses, glossary terms, search term notes, deploy logs, queued jobs, preferences, the key-value store. Each
 * canary says who may see it (from `policy.ts`); a response carrying a canary to anyone else
 * is a leak, however the data got there (list, `depth`, `populate`, a join, a version, an error
 * message).
 *
 * Write probes never touch this content: they attack **victims**, fresh documents of
 * organization A made on demand and replaced once a probe changed one, so a hole that lets a
 * write through cannot spoil the probes that follow.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import type { CollectionSlug, GlobalSlug, Payload, Where } from 'payload'
import sharp from 'sharp'

import { NO_REBUILD_CONTEXT } from '@lotse/cms/publish/trigger'

import { actors, type Actor, allows, fields as fieldPolicy, globals as globalPolicy } from './policy'

export type ID = number | string
/** Local API writes of the fixtures: no access checks, no site rebuild queued. */
const quiet = { overrideAccess: true, context: { [NO_REBUILD_CONTEXT]: true } } as const

/** A password long enough for the 12-character rule. */
export const PASSWORD = 'hostile-suite-password'

export interface Canary {
  marker: string
  what: string
  visibleTo: readonly Actor[]
}

/** The organizations an actor acts for: its own, and one that is not its own. */
export interface ActorContext {
  id: ID | null
  email: string | null
  own: ID
  other: ID
}

export interface World {
  payload: Payload
  staticDir: string
  canaries: Canary[]
  orgA: ID
  orgB: ID
  municipality: ID
  otherMunicipality: ID
  topic: ID
  users: Record<Exclude<Actor, 'anonymous'> | 'bystander', { id: ID; email: string }>
  actor: Record<Actor, ActorContext>
  /** Fixture documents by collection (every state), for reads by ID. */
  docs: Partial<Record<string, ID[]>>
  /** Version IDs of fixture documents, for `GET /api/<c>/versions/:id`. */
  versions: Partial<Record<string, ID[]>>
  /** The fixtures oracle and regression probes name. */
  named: {
    offerPublished: ID
    offerPublished2: ID
    offerDraft: ID
    contactPublished: ID
    contactDraft: ID
    pagePublished: ID
    pageDraft: ID
    pageChild: ID
    reportPublished: ID
    reportDraft: ID
    measurePublished: ID
    usedMedia: ID
    unusedMedia: ID
    draftCoverMedia: ID
    adminPreference: ID
    editorPreference: ID
    job: ID
    deploy: ID
    lock: ID
  }
  /** Secrets in the clear, for oracle probes (guessing them through `where`). */
  secrets: {
    /** Part of contact A's internal note (editorial staff only). */
    note: string
    /** The local part of the draft contact's e-mail (staff only). */
    draftEmail: string
    draftContactName: string
    draftPageTitle: string
    draftReportTitle: string
    /** Part of editorOwn's e-mail (self and admins only). */
    editorEmail: string
  }
  /** Files of the media fixtures, for `GET /api/media/file/:filename`. */
  files: { name: string; visibleTo: readonly Actor[] }[]
}

const rand = () => randomBytes(3).toString('hex')

/** A small real PNG (sharp), distinct per call so uploads never collide. */
export async function png(seed = rand()): Promise<Buffer> {
  const n = parseInt(seed.slice(0, 6), 16) || 1
  const color = `#${(n % 0xffffff).toString(16).padStart(6, '0')}`
  return sharp({ create: { width: 24, height: 16, channels: 3, background: color } })
    .png()
    .toBuffer()
}

/**
 * Minimal valid data for a new document of each collection, owned by `org` where documents
 * have an owner; `n` keeps unique fields unique. A collection with a policy row but no entry
 * here gets `{}` (the create probes then show it by failing validation).
 */
export function sampleData(world: Pick<World, 'municipality' | 'topic'>, slug: string, n: string, org: ID): Record<string, unknown> {
  switch (slug) {
    case 'offers':
      return { title: `Angebot ${n}`, summary: 'Kurz', municipality: world.municipality, organization: org, topics: [world.topic] }
    case 'contacts':
      return { name: `Kontakt ${n}`, kind: 'person', organization: org }
    case 'events':
      return { title: `Veranstaltung ${n}`, start: '2027-01-12T17:00:00.000Z', municipality: world.municipality, organizer: org }
    case 'reports':
      return { title: `Bericht ${n}`, publishedDate: '2026-01-01T12:00:00.000Z' }
    case 'pages':
      return { title: `Seite ${n}` }
    case 'measures':
      return { level: 'field', title: `Handlungsfeld ${n}` }
    case 'organizations':
      return { name: `Verein ${n}`, kind: 'association' }
    case 'municipalities':
      return { name: `Gemeinde ${n}` }
    case 'topics':
      return { name: `Thema ${n}` }
    case 'glossary':
      return { term: `Begriff ${n}` }
    case 'search-terms':
      return { terms: [{ term: `Arzt ${n}` }, { term: `Doktor ${n}` }], appliesIn: ['de'] }
    case 'deploys':
      return { status: 'queued', summary: `Bau ${n}` }
    case 'import-sources':
      return { name: `Quelle ${n}`, target: 'offers', organization: org, keyColumn: 'Nr', mapping: [{ column: 'Titel', field: 'title' }] }
    case 'freshness-digests':
      return { key: `${org}:${n}`, organization: org, week: '2026-W49', recipients: 1, entries: 1, sentAt: '2026-12-07T06:00:00.000Z' }
    case 'users':
      return { email: `user-${n}@test.local`, password: PASSWORD, role: 'editor', organization: org }
    case 'payload-jobs':
      return { taskSlug: 'rebuildSite', input: { reason: `job ${n}` }, queue: 'default' }
    case 'payload-kv':
      return { key: `key-${n}`, data: { n } }
    case 'payload-preferences':
      return { key: `pref-${n}`, value: { n } }
    case 'payload-migrations':
      return { name: `migration-${n}`, batch: 99 }
    case 'media':
      return { alt: `Bild ${n}`, organization: org }
    default:
      return {}
  }
}

/** A change in German or in a field shared by all locales. */
export function germanChange(slug: string, n: string): Record<string, unknown> {
  switch (slug) {
    case 'contacts':
    case 'organizations':
      return { name: `Geändert ${n}` }
    case 'municipalities':
    case 'topics':
      return { name: `Geändert ${n}` }
    case 'media':
      return { alt: `Geändert ${n}` }
    case 'glossary':
      return { note: `Geändert ${n}` }
    case 'search-terms':
      return { terms: [{ term: `Geändert ${n}` }, { term: `Anders ${n}` }] }
    case 'deploys':
      return { status: 'success', summary: `Geändert ${n}` }
    case 'freshness-digests':
      return { recipients: 99 }
    case 'import-sources':
      return { name: `Geändert ${n}` }
    case 'users':
      return { name: `Geändert ${n}` }
    case 'payload-jobs':
      return { processing: true }
    case 'payload-kv':
      return { data: { changed: n } }
    case 'payload-preferences':
      return { value: { changed: n } }
    case 'payload-locked-documents':
      return { globalSlug: `changed-${n}` }
    default:
      return { title: `Geändert ${n}` }
  }
}

/** A change of a field shared by all locales only (translators may not make it). */
export function sharedChange(slug: string, world: Pick<World, 'otherMunicipality'>, n: string): Record<string, unknown> | null {
  switch (slug) {
    case 'offers':
    case 'events':
      return { municipality: world.otherMunicipality }
    case 'contacts':
      return { phone: '04462 99999' }
    case 'reports':
    case 'pages':
    case 'measures':
    case 'organizations':
    case 'municipalities':
    case 'topics':
      return { slug: `geaendert-${n}` }
    case 'media':
      return { credit: `Geändert ${n}` }
    default:
      return null
  }
}

/** A change of a localized field, sent with `?locale=ar`. */
export function localizedChange(slug: string, n: string): Record<string, unknown> | null {
  switch (slug) {
    case 'offers':
    case 'events':
    case 'reports':
    case 'pages':
    case 'measures':
      return { title: `عنوان ${n}` }
    case 'contacts':
      return { responsibility: `مسؤولية ${n}` }
    case 'organizations':
      return { description: `وصف ${n}` }
    case 'municipalities':
    case 'topics':
      return { name: `اسم ${n}` }
    case 'media':
      return { alt: `صورة ${n}` }
    case 'glossary':
      return { translation: `ترجمة ${n}` }
    default:
      return null
  }
}

/** Who may see documents of `slug` that are not public (drafts, versions, internal collections). */
const unpublishedReaders = (slug: string) => actors.filter((a) => allows(slug, 'readUnpublished', a))

/** Builds the world on an empty CMS (migrated, no seed). */
export async function createWorld(payload: Payload): Promise<World> {
  const canaries: Canary[] = []
  const canary = (kind: string, what: string, visibleTo: readonly Actor[]) => {
    const marker = `canary-${kind}-${rand()}`
    canaries.push({ marker, what, visibleTo })
    return marker
  }
  const create = async (collection: CollectionSlug, data: Record<string, unknown>, options: { draft?: boolean; locale?: string } = {}) =>
    (await payload.create({ collection, data: data as never, ...quiet, draft: options.draft, locale: options.locale as 'de' })) as unknown as Record<string, unknown> & { id: ID }

  const municipality = (await create('municipalities', { name: 'Stadt Wittmund' })).id
  const otherMunicipality = (await create('municipalities', { name: 'Samtgemeinde Esens' })).id
  const topic = (await create('topics', { name: 'Sprache' })).id
  const orgA = (await create('organizations', { name: 'AWO Kreisverband', kind: 'welfare' })).id
  const orgB = (await create('organizations', { name: 'Diakonisches Werk', kind: 'welfare' })).id

  // Users: each e-mail address is a canary only its owner and admins may see.
  const userSpecs = {
    admin: { role: 'admin', organization: undefined },
    press: { role: 'press', organization: undefined },
    editorOwn: { role: 'editor', organization: orgA },
    editorOther: { role: 'editor', organization: orgB },
    translator: { role: 'translator', organization: undefined },
    bystander: { role: 'editor', organization: orgB },
  } as const
  const users = {} as World['users']
  for (const [key, spec] of Object.entries(userSpecs) as [keyof typeof userSpecs, (typeof userSpecs)[keyof typeof userSpecs]][]) {
    const visibleTo = actors.filter((a) => allows('users', 'readOthers', a) || (a === key && allows('users', 'readSelf', a)))
    const email = `${canary(`email-${key.toLowerCase()}`, `e-mail address of ${key}`, visibleTo)}@test.local`
    const user = await create('users', { email, password: PASSWORD, role: spec.role, organization: spec.organization, name: `Name ${key}` })
    users[key] = { id: user.id, email }
  }
  const ctx = (id: ID | null, email: string | null, own: ID, other: ID): ActorContext => ({ id, email, own, other })
  const actor: World['actor'] = {
    anonymous: ctx(null, null, orgA, orgB),
    translator: ctx(users.translator.id, users.translator.email, orgA, orgB),
    editorOwn: ctx(users.editorOwn.id, users.editorOwn.email, orgA, orgB),
    editorOther: ctx(users.editorOther.id, users.editorOther.email, orgB, orgA),
    press: ctx(users.press.id, users.press.email, orgA, orgB),
    admin: ctx(users.admin.id, users.admin.email, orgA, orgB),
  }

  const docs: World['docs'] = {}
  const versions: World['versions'] = {}
  const remember = (slug: string, id: ID) => (docs[slug] ??= []).push(id)

  // Media: a report's cover (public), an upload nobody uses, and one only a draft uses.
  const staticDir = payload.collections.media?.config.upload.staticDir ?? ''
  const files: World['files'] = []
  /** Uploads a PNG; for a non-public upload its stored file name (whatever the CMS derives it from) is a canary too. */
  const upload = async (alt: string, uploader: ID, org: ID, name: string, visibleTo: readonly Actor[], what?: string) => {
    const data = await png()
    const doc = await payload.create({ collection: 'media', data: { alt, organization: org, uploadedBy: uploader } as never, file: { data, mimetype: 'image/png', name, size: data.length }, ...quiet })
    const stored = (await payload.findByID({ collection: 'media', id: doc.id, depth: 0, overrideAccess: true })) as unknown as {
      filename: string
      sizes?: Record<string, { filename?: string | null }>
    }
    if (what) canaries.push({ marker: stored.filename.replace(/\.png$/, '').toLowerCase(), what, visibleTo })
    files.push({ name: stored.filename, visibleTo })
    for (const size of Object.values(stored.sizes ?? {})) if (size.filename) files.push({ name: size.filename, visibleTo })
    remember('media', doc.id)
    return doc.id
  }
  const staffOnly = unpublishedReaders('media')
  const usedMedia = await upload('Küste bei Carolinensiel', users.press.id, orgA, 'kueste.png', actors)
  const unusedAlt = canary('unused-media', 'alt text of an upload no document uses', staffOnly)
  const unusedMedia = await upload(`Entwurf ${unusedAlt}`, users.editorOwn.id, orgA, `upload-${rand()}.png`, staffOnly, 'file name of an unused upload')
  const draftCoverAlt = canary('draft-cover', 'alt text of an upload only a draft uses', staffOnly)
  const draftCoverMedia = await upload(`Titelbild ${draftCoverAlt}`, users.press.id, orgA, `upload-${rand()}.png`, staffOnly, 'file name of an upload only a draft uses')

  // Contacts: internal notes (editorial staff), an unpublished contact (staff).
  const noteSecret = '0170 1111111'
  const notesReaders = fieldPolicy['contacts.internalNotes']!.read
  const contactPublished = (
    await create('contacts', {
      name: 'Anlaufstelle Integration',
      kind: 'office',
      organization: orgA,
      internalNotes: `aaa Vertretung über Frau M., privat ${noteSecret} ${canary('note', 'internal note of a published contact', notesReaders)}`,
      consultationHours: [{ weekday: 'mon', from: '09:00', to: '12:00' }],
      _status: 'published',
    })
  ).id
  const contactPublished2 = (
    await create('contacts', {
      name: 'Migrationsberatung',
      kind: 'office',
      organization: orgA,
      internalNotes: `zzz ${canary('note2', 'internal note of a second contact', notesReaders)}`,
      _status: 'published',
    })
  ).id
  const drafts = unpublishedReaders('contacts')
  const draftEmail = canary('draft-email', 'e-mail of an unpublished contact', drafts)
  const draftContactName = canary('draft-contact', 'name of an unpublished contact', drafts)
  const contactDraft = (
    await create('contacts', { name: `Neue Stelle ${draftContactName}`, kind: 'person', organization: orgA, email: `${draftEmail}@example.org`, _status: 'draft' }, { draft: true })
  ).id
  remember('contacts', contactPublished)
  remember('contacts', contactPublished2)
  remember('contacts', contactDraft)

  // Offers: published (with rows whose IDs other documents must not take), published with a
  // newer draft, and a draft that was never published (German and Arabic canaries).
  const offerPublished = (
    await create('offers', {
      title: 'Sprach-Café Wittmund',
      summary: 'Jeden Dienstag',
      municipality,
      organization: orgA,
      topics: [topic],
      contacts: [contactPublished, contactDraft],
      schedule: [
        { weekday: 'tue', from: '15:00', to: '17:00' },
        { weekday: 'thu', from: '10:00', to: '11:30' },
      ],
      _status: 'published',
    })
  ).id
  await payload.update({
    collection: 'offers',
    id: offerPublished,
    draft: true,
    data: { title: `Sprach-Café (neu) ${canary('offer-newer-draft', 'newer draft of a published offer', unpublishedReaders('offers'))}`, _status: 'draft' } as never,
    ...quiet,
  })
  const offerPublished2 = (await create('offers', { title: 'Nähcafé', municipality, organization: orgA, contacts: [contactPublished2], _status: 'published' })).id
  const offerDraft = (
    await create(
      'offers',
      { title: `Hausaufgabenhilfe ${canary('offer-draft', 'title of a draft offer', unpublishedReaders('offers'))}`, municipality, organization: orgA, _status: 'draft' },
      { draft: true },
    )
  ).id
  await payload.update({
    collection: 'offers',
    id: offerDraft,
    locale: 'ar',
    draft: true,
    data: { title: `مساعدة ${canary('offer-draft-ar', 'Arabic title of a draft offer', unpublishedReaders('offers'))}` } as never,
    ...quiet,
  })
  for (const id of [offerPublished, offerPublished2, offerDraft]) remember('offers', id)

  const eventPublished = (await create('events', { title: 'Informationsabend', start: '2026-12-03T17:00:00.000Z', municipality, organizer: orgA, _status: 'published' })).id
  const eventDraft = (
    await create(
      'events',
      { title: `Fest ${canary('event-draft', 'title of a draft event', unpublishedReaders('events'))}`, start: '2026-12-05T17:00:00.000Z', municipality, organizer: orgA, _status: 'draft' },
      { draft: true },
    )
  ).id
  remember('events', eventPublished)
  remember('events', eventDraft)

  const measurePublished = (await create('measures', { level: 'field', title: 'Begegnung und Teilhabe', _status: 'published' })).id
  const measureDraft = (
    await create('measures', { level: 'field', title: `Neues Feld ${canary('measure-draft', 'a draft measure', unpublishedReaders('measures'))}`, _status: 'draft' }, { draft: true })
  ).id
  remember('measures', measurePublished)
  remember('measures', measureDraft)

  const reportPublished = (
    await create('reports', { title: 'Anlaufstelle eröffnet', publishedDate: '2019-07-01T12:00:00.000Z', coverImage: usedMedia, measures: [measurePublished], _status: 'published' })
  ).id
  const draftReportTitle = canary('report-draft', 'title of a draft report', unpublishedReaders('reports'))
  const reportDraft = (
    await create(
      'reports',
      { title: `Bericht ${draftReportTitle}`, publishedDate: '2026-07-01T12:00:00.000Z', coverImage: draftCoverMedia, measures: [measurePublished], _status: 'draft' },
      { draft: true },
    )
  ).id
  remember('reports', reportPublished)
  remember('reports', reportDraft)

  const draftPageTitle = canary('page-draft', 'title of a draft page', unpublishedReaders('pages'))
  const pageDraft = (await create('pages', { title: `Wohnen ${draftPageTitle}`, _status: 'draft' }, { draft: true })).id
  const pagePublished = (await create('pages', { title: 'Erste Schritte', _status: 'published' })).id
  const pageChild = (await create('pages', { title: 'Mietvertrag', parent: pageDraft, _status: 'published' })).id
  for (const id of [pagePublished, pageDraft, pageChild]) remember('pages', id)

  for (const slug of ['organizations', 'municipalities', 'topics'] as const) {
    for (const d of (await payload.find({ collection: slug, limit: 5, depth: 0, overrideAccess: true })).docs) remember(slug, d.id)
  }

  // Internal collections, each with a canary for whoever may read it.
  const glossary = (await create('glossary', { term: `Jobcenter ${canary('glossary', 'a glossary term', unpublishedReaders('glossary'))}` })).id
  remember('glossary', glossary)
  const searchTermNote = canary('search-terms-notes', 'internal note of a search term group', fieldPolicy['search-terms.notes']!.read)
  const searchTerms = (await create('search-terms', { terms: [{ term: 'Jobcenter' }, { term: 'جوب سنتر' }], appliesIn: ['de', 'ar'], notes: `Quelle ${searchTermNote}` })).id
  remember('search-terms', searchTerms)
  const deploy = (
    await create('deploys', {
      status: 'failed',
      summary: 'Veröffentlicht: Sprach-Café',
      reason: `astro build failed ${canary('deploy-reason', 'reason of a failed build', unpublishedReaders('deploys'))}`,
      log: `export … ${canary('deploy-log', 'log of a build', unpublishedReaders('deploys'))}`,
    })
  ).id
  remember('deploys', deploy)
  const digest = (
    await create('freshness-digests', {
      key: `${orgA}:${canary('digest-key', 'which organization got the weekly digest', unpublishedReaders('freshness-digests'))}`,
      organization: orgA,
      week: '2026-W49',
      recipients: 2,
      entries: 3,
      sentAt: '2026-11-30T06:00:00.000Z',
    })
  ).id
  remember('freshness-digests', digest)
  const importSource = (
    await create('import-sources', {
      name: `VHS-Export ${canary('import-source', 'name of an import source', unpublishedReaders('import-sources'))}`,
      target: 'offers',
      organization: orgA,
      keyColumn: 'Nr',
      mapping: [{ column: 'Titel', field: 'title' }],
    })
  ).id
  remember('import-sources', importSource)
  // A machine translation, not a rebuild: a later publish's rebuild job supersedes (deletes) a
  // waiting one with the same concurrency key, and the canary would vanish with it.
  const job = (
    await payload.jobs.queue({
      task: 'machineTranslate',
      input: { collection: 'offers', id: '0', locales: [canary('job-input', 'input of a queued job', unpublishedReaders('payload-jobs'))] } as never,
    })
  ).id as ID
  remember('payload-jobs', job)
  const preference = async (owner: Exclude<Actor, 'anonymous'>) =>
    (
      await payload.create({
        collection: 'payload-preferences',
        data: {
          key: `collection-offers-${owner}`,
          value: {
            columns: canary(
              `preference-${owner.toLowerCase()}`,
              `admin preference of ${owner}`,
              actors.filter((a) => a === owner || allows('payload-preferences', 'readOthersPreferences', a)),
            ),
          },
        } as never,
        // The owner is taken from the request's user (a hook), like the admin's own saves.
        user: await asUser(payload, users[owner].id),
        ...quiet,
      })
    ).id
  const adminPreference = await preference('admin')
  const editorPreference = await preference('editorOwn')
  remember('payload-preferences', adminPreference)
  remember('payload-preferences', editorPreference)
  await payload.kv.set(`lotse-${rand()}`, { value: canary('kv', 'an entry of the key-value store', unpublishedReaders('payload-kv')) })
  const kv = (await payload.find({ collection: 'payload-kv' as CollectionSlug, limit: 1, depth: 0, overrideAccess: true })).docs[0]
  if (kv) remember('payload-kv', kv.id)
  await payload.updateGlobal({
    slug: 'payload-jobs-stats' as GlobalSlug,
    data: { stats: { note: canary('jobs-stats', 'job queue statistics', globalPolicy['payload-jobs-stats']!.read) } } as never,
    overrideAccess: true,
  })
  const lock = (await create('payload-locked-documents', { document: { relationTo: 'offers', value: offerPublished }, user: { relationTo: 'users', value: users.bystander.id } })).id
  remember('payload-locked-documents', lock)
  remember('users', users.admin.id)
  remember('users', users.editorOwn.id)
  remember('users', users.bystander.id)

  for (const slug of Object.keys(docs)) {
    const config = payload.collections[slug as CollectionSlug]?.config
    if (!config?.versions) continue
    const found = await payload.findVersions({ collection: slug as CollectionSlug, limit: 50, depth: 0, overrideAccess: true })
    versions[slug] = found.docs.map((v) => v.id as ID)
  }

  return {
    payload,
    staticDir,
    canaries,
    orgA,
    orgB,
    municipality,
    otherMunicipality,
    topic,
    users,
    actor,
    docs,
    versions,
    named: {
      offerPublished,
      offerPublished2,
      offerDraft,
      contactPublished,
      contactDraft,
      pagePublished,
      pageDraft,
      pageChild,
      reportPublished,
      reportDraft,
      measurePublished,
      usedMedia,
      unusedMedia,
      draftCoverMedia,
      adminPreference,
      editorPreference,
      job,
      deploy,
      lock,
    },
    secrets: {
      note: noteSecret,
      draftEmail: draftEmail.slice('canary-'.length),
      draftContactName: draftContactName.slice('canary-'.length),
      draftPageTitle: draftPageTitle.slice('canary-'.length),
      draftReportTitle: draftReportTitle.slice('canary-'.length),
      editorEmail: users.editorOwn.email.slice('canary-'.length, users.editorOwn.email.indexOf('@')),
    },
    files,
  }
}

/**
 * Everything the database holds about some documents, read past access control: the published
 * and the latest draft state in every locale with hidden fields, and the number of versions.
 * Two equal snapshots mean a request changed nothing about them.
 */
export async function snapshotDocs(payload: Payload, slug: string, ids: ID[]): Promise<string> {
  const collection = slug as CollectionSlug
  const config = payload.collections[collection]?.config
  if (!config) return ''
  const out: unknown[] = []
  for (const id of ids) {
    const read = (draft: boolean) =>
      payload.findByID({ collection, id, draft, locale: 'all', depth: 0, overrideAccess: true, showHiddenFields: true, disableErrors: true } as never).catch((err: Error) => `error ${err.message}`)
    out.push(await read(false))
    if (config.versions?.drafts) out.push(await read(true))
    if (config.versions) out.push((await payload.countVersions({ collection, where: { parent: { equals: id } }, overrideAccess: true })).totalDocs)
  }
  return JSON.stringify(out)
}

/**
 * Some fields of some documents, published and latest draft, in every locale: for requests
 * that may save (a translator's Arabic save) but must not change these fields.
 */
export async function snapshotFields(payload: Payload, slug: string, ids: ID[], names: string[]): Promise<string> {
  const collection = slug as CollectionSlug
  const drafts = Boolean(payload.collections[collection]?.config.versions?.drafts)
  const out: unknown[] = []
  for (const id of ids) {
    for (const draft of drafts ? [false, true] : [false]) {
      const doc = (await payload.findByID({ collection, id, draft, locale: 'all', depth: 0, overrideAccess: true, showHiddenFields: true, disableErrors: true } as never)) as Record<
        string,
        unknown
      > | null
      out.push(names.map((n) => doc?.[n]))
    }
  }
  return JSON.stringify(out)
}

/** How many documents (and versions) of `slug` match `where`, read past access control. */
export async function snapshotCount(payload: Payload, slug: string, where?: Where): Promise<string> {
  const collection = slug as CollectionSlug
  const config = payload.collections[collection]?.config
  if (!config) return ''
  const docs = (await payload.count({ collection, where, overrideAccess: true })).totalDocs
  const versionWhere = where ? prefixWhere(where, 'version.') : undefined
  const versions = config.versions ? (await payload.countVersions({ collection, where: versionWhere, overrideAccess: true })).totalDocs : 0
  return `${docs}/${versions}`
}

/** The same query against the versions table (`version.` before each field path). */
function prefixWhere(where: Where, prefix: string): Where {
  const out: Where = {}
  for (const [key, value] of Object.entries(where)) {
    if ((key === 'and' || key === 'or') && Array.isArray(value)) out[key] = value.map((w) => prefixWhere(w as Where, prefix))
    else out[`${prefix}${key}`] = value as Where[string]
  }
  return out
}

/** A user document as Payload passes it as `req.user`. */
async function asUser(payload: Payload, id: ID) {
  const user = await payload.findByID({ collection: 'users', id, depth: 0, overrideAccess: true })
  return { ...user, collection: 'users' as const }
}

/** Files in the upload folder whose extension is not one the site serves as media. */
export function dangerousFiles(staticDir: string): string[] {
  const names = existsSync(staticDir) ? readdirSync(staticDir) : []
  return names.filter((name) => !/\.(png|jpe?g|webp|avif|pdf)$/i.test(path.basename(name)))
}

/**
 * Victims: fresh documents of organization A that write probes attack, each made once and
 * replaced after a probe changed it. Keys say what kind of victim (`offers:published`).
 */
export class Victims {
  private readonly cache = new Map<string, ID>()
  private n = 0

  constructor(private readonly world: World) {}

  /** A unique suffix for data. */
  next(): string {
    return `${++this.n}-${rand()}`
  }

  async get(key: string, make: () => Promise<ID>): Promise<ID> {
    const cached = this.cache.get(key)
    if (cached !== undefined) return cached
    const id = await make()
    this.cache.set(key, id)
    return id
  }

  /** Forget victims a probe changed (by key), so the next probe gets a fresh one. */
  spoil(keys: string[]): void {
    for (const key of keys) this.cache.delete(key)
  }

  /**
   * A document of `slug` owned by organization A, a draft or published, with two versions
   * where the collection keeps them. `role` keeps victims apart whose state would disturb
   * other probes (`locked`: the target of a lock).
   */
  doc(slug: string, status: 'published' | 'draft' = 'published', role = ''): Promise<ID> {
    return this.get(`${slug}:${status}${role ? `:${role}` : ''}`, async () => {
      const { payload } = this.world
      const collection = slug as CollectionSlug
      const config = payload.collections[collection]!.config
      const drafts = Boolean(config.versions?.drafts)
      const n = this.next()
      const data = { ...sampleData(this.world, slug, n, this.world.orgA), ...(drafts ? { _status: status } : {}) }
      if (slug === 'contacts') Object.assign(data, { consultationHours: [{ weekday: 'fri', from: '08:00', to: '09:00' }] })
      if (slug === 'offers') Object.assign(data, { schedule: [{ weekday: 'fri', from: '08:00', to: '09:00' }] })
      let id: ID
      if (slug === 'media') {
        const file = await png()
        id = (
          await payload.create({
            collection,
            data: { ...data, uploadedBy: this.world.users.editorOwn.id } as never,
            file: { data: file, mimetype: 'image/png', name: `victim-${n}.png`, size: file.length },
            ...quiet,
          })
        ).id
      } else if (slug === 'payload-kv') {
        await payload.kv.set(`victim-${n}`, { n })
        id = (await payload.find({ collection, where: { key: { equals: `victim-${n}` } }, overrideAccess: true, depth: 0 })).docs[0]!.id
      } else if (slug === 'payload-preferences') {
        id = (await payload.create({ collection, data: data as never, user: await asUser(payload, this.world.users.bystander.id), ...quiet })).id
      } else if (slug === 'payload-locked-documents') {
        // An offer of its own: a lock refuses every other user's save of the locked document.
        const offer = await this.doc('offers', 'published', 'locked')
        id = (await payload.create({ collection, data: { document: { relationTo: 'offers', value: offer }, user: { relationTo: 'users', value: this.world.users.bystander.id } } as never, ...quiet }))
          .id
      } else if (slug === 'payload-jobs') {
        id = (await payload.jobs.queue({ task: 'rebuildSite', input: { reason: `victim ${n}` } })).id as ID
      } else {
        id = (await payload.create({ collection, data: data as never, draft: drafts && status === 'draft', ...quiet })).id
      }
      // A second version, so `POST /versions/:id` has an older one to restore.
      if (config.versions) await payload.update({ collection, id, data: germanChange(slug, `${n}-v2`) as never, draft: drafts && status === 'draft', ...quiet })
      return id
    })
  }

  /** Like `doc`, but never one an earlier probe or test has already attacked. */
  fresh(slug: string, status: 'published' | 'draft' = 'published', role = ''): Promise<ID> {
    this.spoil([`${slug}:${status}${role ? `:${role}` : ''}`])
    return this.doc(slug, status, role)
  }

  /** The oldest version of a victim. */
  async oldestVersion(slug: string, id: ID): Promise<ID | null> {
    const found = await this.world.payload.findVersions({ collection: slug as CollectionSlug, where: { parent: { equals: id } }, sort: 'createdAt', limit: 1, depth: 0, overrideAccess: true })
    return (found.docs[0]?.id as ID | undefined) ?? null
  }

  /** A user locked out after failed logins (for `POST /api/users/unlock`). */
  lockedUser(): Promise<ID> {
    return this.get('users:locked', async () => {
      const { payload } = this.world
      const n = this.next()
      const user = await payload.create({ collection: 'users', data: { email: `locked-${n}@test.local`, password: PASSWORD, role: 'translator' } as never, ...quiet })
      // Hidden auth fields: written as the login strategy writes them after five failures.
      await payload.db.updateOne({ collection: 'users', id: user.id, data: { loginAttempts: 5, lockUntil: new Date(Date.now() + 3_600_000).toISOString() } })
      return user.id
    })
  }
}

/** The canaries `actor` must never receive. */
export function forbiddenCanaries(world: World, actor: Actor): Canary[] {
  return world.canaries.filter((c) => !c.visibleTo.includes(actor))
}
