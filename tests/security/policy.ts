/**
 * The declared access policy of Lotse: who may do what, written by hand from the intended
 * rules (README "roles", the collection comments, issue #8), never read from the access
 * functions it checks. Default deny: an operation not listed, or an actor not named, is
 * refused. The hostile-user suite (`hostile.test.ts`) sends every operation as every actor and
 * counts each refused one that got through; `surface.ts` fails the suite for any collection,
 * global or endpoint of the Payload config that has no row here.
 *
 * The targets of the probes belong to organization A. `editorOwn` is an editor (social worker)
 * of organization A, `editorOther` one of organization B; "own organization" in the notes below
 * is seen from the actor.
 */

export const actors = ['anonymous', 'translator', 'editorOwn', 'editorOther', 'press', 'admin'] as const
export type Actor = (typeof actors)[number]
type Who = readonly Actor[]

const nobody: Who = []
const everyone: Who = actors
/** Every signed-in member of staff. */
const staff: Who = ['translator', 'editorOwn', 'editorOther', 'press', 'admin']
const editorialStaff: Who = ['editorOwn', 'editorOther', 'press', 'admin']

/**
 * Operations on the documents of a collection. A request may carry several (a PATCH in Arabic
 * that also sets `_status`); the suite sends each alone so a refusal names one rule.
 */
export type Operation =
  /** See published documents, and media a published document uses (list, by ID, count). */
  | 'readPublished'
  /** See drafts, versions, non-public documents and unused uploads. */
  | 'readUnpublished'
  /** Create a document of one's own organization (where documents have an owner). */
  | 'create'
  /** Create a document naming another organization as its owner. */
  | 'createForOther'
  /** Change German text or fields shared by all locales (slug, dates, relations). */
  | 'update'
  /** Change localized fields in a locale other than German. */
  | 'translate'
  /** Set `_status` to `published`, or `draft` on a published document. */
  | 'publish'
  | 'unpublish'
  /** Give a document (or its draft) another owning organization. */
  | 'moveToOther'
  | 'delete'
  /** `POST /api/<c>/versions/:id`: put an older version back. */
  | 'restoreVersion'
  /** `POST /api/<c>/:id/duplicate`. */
  | 'duplicate'
  /** Upload a new file into an existing media document. */
  | 'replaceFile'
  /** Write an upload's base fields (`filename`, `mimeType`, `url`, `filesize`) directly. */
  | 'writeFileFields'
  /** Set `uploadedBy` (media) or the lock holder (locks) to somebody else. */
  | 'forgeUser'
  // users
  | 'readSelf'
  | 'readOthers'
  | 'updateSelf'
  | 'updateOthers'
  /** Change anybody's `role` or `organization`, one's own included. */
  | 'changeRole'
  // payload-locked-documents: the "X is editing" locks of the admin
  /** Lock a document (of organization A) in one's own name. */
  | 'lock'
  /** Lock a global (system state). */
  | 'lockGlobal'
  /** Delete a lock somebody else holds. */
  | 'removeOthersLock'
  /** Take over somebody else's lock in one's own name (the admin's "take over" button). */
  | 'takeOverLock'
  // payload-preferences
  | 'readOthersPreferences'
  | 'writeOwnPreferences'
  | 'writeOthersPreferences'

export interface CollectionPolicy {
  /** The field naming the owning organization, for collections whose documents have one. */
  owner?: string
  allow: Partial<Record<Operation, Who>>
  /** Why, in a sentence, for the person adding a collection. */
  why: string
}

/** Editors' documents: offers and contacts of an organization. */
const organizationDocuments = (owner: string, why: string): CollectionPolicy => ({
  owner,
  why,
  allow: {
    readPublished: everyone,
    readUnpublished: staff,
    create: ['editorOwn', 'editorOther', 'admin'],
    createForOther: ['admin'],
    update: ['editorOwn', 'admin'],
    translate: ['translator', 'editorOwn', 'admin'],
    publish: ['editorOwn', 'admin'],
    unpublish: ['editorOwn', 'admin'],
    moveToOther: ['admin'],
    delete: ['editorOwn', 'admin'],
    restoreVersion: ['editorOwn', 'admin'],
    duplicate: ['editorOwn', 'admin'],
  },
})

/** The press office's documents: reports, pages, concept measures. */
const pressDocuments = (why: string): CollectionPolicy => ({
  why,
  allow: {
    readPublished: everyone,
    readUnpublished: staff,
    create: ['press', 'admin'],
    update: ['press', 'admin'],
    translate: ['translator', 'press', 'admin'],
    publish: ['press', 'admin'],
    unpublish: ['press', 'admin'],
    delete: ['press', 'admin'],
    restoreVersion: ['press', 'admin'],
    duplicate: ['press', 'admin'],
  },
})

/** Reference data every page shows: organizations, municipalities, topics. */
const referenceData = (why: string): CollectionPolicy => ({
  why,
  allow: {
    readPublished: everyone,
    readUnpublished: staff,
    create: ['admin'],
    update: ['admin'],
    translate: ['translator', 'admin'],
    delete: ['admin'],
    restoreVersion: ['admin'],
    duplicate: ['admin'],
  },
})

export const collections: Record<string, CollectionPolicy> = {
  offers: organizationDocuments('organization', 'Social workers keep the offers of their own organization; the public reads published ones.'),
  contacts: organizationDocuments('organization', 'Social workers keep the contacts of their own organization; internal notes never leave the editorial staff.'),
  events: {
    owner: 'organizer',
    why: 'Events: the organizing organization and the press office.',
    allow: {
      ...organizationDocuments('organizer', '').allow,
      create: ['editorOwn', 'editorOther', 'press', 'admin'],
      createForOther: ['press', 'admin'],
      update: ['editorOwn', 'press', 'admin'],
      translate: ['translator', 'editorOwn', 'press', 'admin'],
      publish: ['editorOwn', 'press', 'admin'],
      unpublish: ['editorOwn', 'press', 'admin'],
      moveToOther: ['press', 'admin'],
      delete: ['editorOwn', 'press', 'admin'],
      restoreVersion: ['editorOwn', 'press', 'admin'],
      duplicate: ['editorOwn', 'press', 'admin'],
    },
  },
  reports: pressDocuments('Progress reports of the press office.'),
  pages: pressDocuments('Orientation and legal pages of the press office.'),
  measures: pressDocuments('The concept tracker, kept by the press office.'),
  organizations: referenceData('Providers; names are proper names, descriptions are translated.'),
  municipalities: referenceData('The six municipalities.'),
  topics: referenceData('The eight topics.'),
  media: {
    owner: 'organization',
    why: 'Uploads belong to the uploader’s organization; the public sees only files a published document uses; translators translate alt text but never touch a file.',
    allow: {
      readPublished: everyone,
      readUnpublished: staff,
      create: ['editorOwn', 'editorOther', 'press', 'admin'],
      createForOther: ['press', 'admin'],
      update: ['editorOwn', 'press', 'admin'],
      translate: ['translator', 'editorOwn', 'press', 'admin'],
      replaceFile: ['editorOwn', 'press', 'admin'],
      moveToOther: ['press', 'admin'],
      delete: ['editorOwn', 'press', 'admin'],
      duplicate: ['editorOwn', 'press', 'admin'],
    },
  },
  glossary: {
    why: 'Terms for machine translation: staff read them; the press office and translators keep them.',
    allow: {
      readUnpublished: staff,
      create: ['translator', 'press', 'admin'],
      update: ['translator', 'press', 'admin'],
      translate: ['translator', 'press', 'admin'],
      delete: ['press', 'admin'],
      duplicate: ['translator', 'press', 'admin'],
    },
  },
  'search-terms': {
    why: 'Groups of equivalent search terms: the public reads them (they are in the public search index anyway); the press office and admins keep them, since a group changes how every organization’s pages are found; no drafts, a save is public.',
    allow: {
      readPublished: everyone,
      readUnpublished: staff,
      create: ['press', 'admin'],
      update: ['press', 'admin'],
      delete: ['press', 'admin'],
      duplicate: ['press', 'admin'],
    },
  },
  deploys: {
    why: 'Site builds: staff read them; only the rebuild job writes them, never a request.',
    allow: { readUnpublished: staff },
  },
  users: {
    why: 'Accounts: everybody reads and changes only their own (not role or organization); admins manage everyone.',
    allow: {
      readSelf: staff,
      readOthers: ['admin'],
      updateSelf: staff,
      updateOthers: ['admin'],
      changeRole: ['admin'],
      create: ['admin'],
      delete: ['admin'],
    },
  },
  'payload-locked-documents': {
    why: 'Editing locks: who may change a document may lock it, also by taking over somebody’s lock (Payload’s “take over”, the other person is told); only admins delete somebody else’s lock.',
    allow: { readUnpublished: staff, lock: ['translator', 'editorOwn', 'admin'], takeOverLock: ['translator', 'editorOwn', 'admin'], removeOthersLock: ['admin'] },
  },
  'payload-preferences': {
    why: 'Admin preferences (columns, open groups): one’s own only.',
    allow: { writeOwnPreferences: staff },
  },
  'payload-jobs': {
    why: 'The job queue: staff read it (queued and failed builds and translations); only the worker writes it.',
    allow: { readUnpublished: staff },
  },
  'import-sources': {
    owner: 'organization',
    why: 'Import sources (a saved column mapping per file kind): the editors of the organization and admins keep them and import through them; the press office reads them; translators and the public never.',
    allow: {
      readUnpublished: ['editorOwn', 'editorOther', 'press', 'admin'],
      create: ['editorOwn', 'editorOther', 'admin'],
      createForOther: ['admin'],
      update: ['editorOwn', 'admin'],
      moveToOther: ['admin'],
      delete: ['editorOwn', 'admin'],
      duplicate: ['editorOwn', 'admin'],
    },
  },
  'freshness-digests': {
    why: 'Which organization got the weekly “to check” mail in which week: written by the digest job only, read by admins.',
    allow: { readUnpublished: ['admin'] },
  },
  'payload-kv': { why: 'Payload’s internal key-value store: no API access.', allow: {} },
  'payload-migrations': { why: 'Applied migrations: no API access.', allow: {} },
}

/** Fields whose read access is narrower than their document's. */
export const fields: Record<string, { read: Who; why: string }> = {
  'contacts.internalNotes': { read: editorialStaff, why: 'Stand-ins, private numbers: editorial staff only, never the public or translators.' },
  'media.uploadedBy': { read: staff, why: 'Which staff member uploaded a file is internal.' },
  'search-terms.notes': { read: staff, why: 'Where a transliteration came from, who suggested a group: for the people who keep the list.' },
}

export const globals: Record<string, { read: Who; update: Who; why: string }> = {
  'system-state': { read: ['admin'], update: nobody, why: 'Seeding bookkeeping, written by the system only.' },
  freshness: { read: staff, update: ['admin'], why: 'Review intervals: staff read them (to-check list, digest), admins set them.' },
  'payload-jobs-stats': { read: staff, update: nobody, why: 'Scheduling bookkeeping of the job queue: staff read it like the queue; written by the queue only.' },
}

/**
 * Endpoints beyond Payload's standard document routes (which the collection rows cover), by
 * `METHOD /api/<collection><path>` as the config declares them. `{ as }` grants what the
 * collection row grants for that operation on the endpoint's document.
 */
export type EndpointRule = Who | { as: Operation }
const translatable = ['offers', 'contacts', 'events', 'pages', 'reports', 'measures']
export const endpoints: Record<string, { allow: EndpointRule; why: string }> = {
  ...Object.fromEntries(
    translatable.flatMap((c) => [
      [`POST /api/${c}/:id/machine-translate`, { allow: { as: 'translate' }, why: 'Queues machine translation: for whoever may translate the document.' }],
      [`GET /api/${c}/:id/translation-status`, { allow: { as: 'readUnpublished' }, why: 'Translation state beside the editor: staff.' }],
    ]),
  ),
  ...Object.fromEntries(
    ['offers', 'contacts'].map((c) => [
      `POST /api/${c}/:id/still-correct`,
      { allow: { as: 'update' } as EndpointRule, why: '“Still correct” sets the last check: for whoever may change the German original.' },
    ]),
  ),
  ...Object.fromEntries(
    ['offers', 'contacts', 'events', 'reports', 'pages'].map((c) => [
      `GET /api/${c}/:id/preview`,
      { allow: { as: 'readUnpublished' } as EndpointRule, why: 'The latest version (a draft too) as the site will show it: for whoever may read drafts in the admin.' },
    ]),
  ),
  'POST /api/import-sources/:id/dry-run': { allow: ['editorOwn', 'admin'], why: 'An import into the organization’s entries: its editors and admins (the press office keeps no offers or contacts).' },
  'POST /api/import-sources/:id/apply': { allow: ['editorOwn', 'admin'], why: 'As the dry run; writes the organization’s entries.' },
  'GET /api/similar-entries': { allow: staff, why: 'Possible duplicates for the create form: titles of entries the asker may read anyway.' },
  'GET /api/to-check': { allow: staff, why: 'The entries due for checking: an editor’s own organization’s, all for the press office and admins, none for translators (read as each reads).' },
  'GET /api/deploys/site-status': { allow: staff, why: 'Build state for the admin dashboard.' },
  'POST /api/deploys/rebuild': { allow: ['press', 'admin'], why: 'Rebuilding the site by hand.' },
  'GET /api/media/paste-url/:id?': { allow: nobody, why: 'Paste-from-URL is off (server-side requests to any address).' },
  'GET /api/media/file/:filename': { allow: { as: 'readPublished' }, why: 'The file of a media document, to whoever may see the document.' },
  'POST /api/users/login': { allow: everyone, why: 'Signing in.' },
  'POST /api/users/logout': { allow: everyone, why: 'Signing out.' },
  'GET /api/users/me': { allow: everyone, why: 'The signed-in user (null for anonymous).' },
  'POST /api/users/refresh-token': { allow: staff, why: 'Extends one’s own session.' },
  'POST /api/users/forgot-password': { allow: everyone, why: 'Requests a reset mail; answers the same for unknown addresses.' },
  'POST /api/users/reset-password': { allow: nobody, why: 'Only with the token from the reset mail, which no actor here holds.' },
  'POST /api/users/first-register': { allow: nobody, why: 'Only while no user exists; the county’s admin exists from the first start.' },
  'POST /api/users/verify/:id': { allow: nobody, why: 'E-mail verification is off.' },
  'GET /api/users/init': { allow: everyone, why: 'Tells the admin whether a first user must be created.' },
  'POST /api/users/unlock': { allow: ['admin'], why: 'Lifting the lockout after failed logins is the admin’s decision.' },
  'GET /api/payload-preferences/:key': { allow: staff, why: 'One’s own admin preference.' },
  'POST /api/payload-preferences/:key': { allow: staff, why: 'One’s own admin preference.' },
  'DELETE /api/payload-preferences/:key': { allow: staff, why: 'One’s own admin preference.' },
  'GET /api/payload-jobs/run': { allow: nobody, why: 'Jobs run in the CMS process or `npm run worker`; an HTTP trigger would let anyone start builds and paid translations.' },
  'GET /api/payload-jobs/handle-schedules': { allow: nobody, why: 'As for running jobs.' },
  'GET /api/access': { allow: everyone, why: 'The caller’s own permissions.' },
  'GET /api/og': { allow: everyone, why: 'Open Graph preview image of the admin (renders the title it is given, reads no data).' },
}

/** Whether `actor` may do `op` on collection `slug` (default deny). */
export function allows(slug: string, op: Operation, actor: Actor): boolean {
  return collections[slug]?.allow[op]?.includes(actor) ?? false
}

/** Whether `actor` may call an endpoint on a document of `slug`. */
export function allowsEndpoint(key: string, slug: string, actor: Actor): boolean {
  const rule = endpoints[key]?.allow
  if (!rule) return false
  return 'as' in rule ? allows(slug, rule.as, actor) : (rule as Who).includes(actor)
}
