/**
 * The hostile requests, generated from the Payload config and the policy table: for every
 * collection, global and custom endpoint the config exposes, every operation as every actor,
 * with the tricks an attacker tries (`?draft=true`, `locale` `*`/`all`/unknown/`ar`, fallback
 * locales, high `depth`, `select`, `populate`, `joins`, `where` and `sort` through relation
 * paths, `_status` in the body, another organization as owner, bulk `where` writes, forged
 * upload names and base fields, forged lock holders and uploaders, wrong roles on custom
 * endpoints). What a probe expects comes from `policy.ts` only.
 *
 * How a probe is judged (`Judge`):
 * - `write`: refused means a 4xx **and** the watched database state unchanged.
 * - `state`: refused means the watched state unchanged; a 2xx is fine, because the request as
 *   a whole is one the actor may send (a translator's save in Arabic whose shared fields
 *   Payload drops by field access; a bulk `where` that matches nothing the actor may write).
 * - `call`: a custom endpoint; refused means a 4xx (and the watched state unchanged).
 * - `read`: the answer must not contain what the actor may not see.
 * - `badRequest`: a client mistake; must be a 400 that names the field, and change nothing.
 * Every answer, whatever the judge, must not be a 5xx and must not carry a canary or an
 * internal field the actor may not see.
 */
import type { CollectionSlug, GlobalSlug, Payload, SanitizedConfig, Where } from 'payload'

import type { RawRequest, RawResponse } from '../helpers/rawRest'
import { actors, type Actor, allows, allowsEndpoint, collections as collectionPolicy, endpoints as endpointPolicy, fields as fieldPolicy, globals as globalPolicy, type Operation } from './policy'
import { customEndpoints } from './surface'
import {
  dangerousFiles,
  forbiddenCanaries,
  germanChange,
  type ID,
  localizedChange,
  png,
  sampleData,
  sharedChange,
  snapshotCount,
  snapshotDocs,
  snapshotFields,
  type Victims,
  type World,
} from './world'

export type Judge = 'write' | 'state' | 'call' | 'read' | 'badRequest'

export interface Prepared {
  request: RawRequest
  /** What a refused request must leave unchanged. */
  watch?: () => Promise<string>
  /** Victim keys the request may change (forgotten afterwards when it did). */
  touches?: string[]
  /** A further rule on the answer; returns why it fails, or null. */
  check?: (res: RawResponse) => Promise<string | null>
  /** Undoes what the request changed, where the next probes need the old state. */
  restore?: () => Promise<void>
}

export interface Probe {
  actor: Actor
  /** The policy row: `offers.update`, `endpoint POST /api/deploys/rebuild`. */
  row: string
  allowed: boolean
  /** An allowed request that must also succeed (2xx): the plain form of each allowed operation. */
  control?: boolean
  judge: Judge
  /** For `badRequest`: the field the answer must name. */
  field?: string
  /** Send the actor's session as a cookie from this foreign origin (the actor is then anonymous). */
  crossSiteAs?: Actor
  prepare: () => Promise<Prepared>
}

/** Two reads that differ only in a guess at a secret: different answers leak it. */
export interface Oracle {
  actor: Actor
  row: string
  hit: string
  miss: string
  /** `total`: compare `totalDocs`; `order`: compare the order of `docs` IDs. */
  compare: 'total' | 'order'
  /** The admin, who may see the secret: the answers must differ (the guess is right). */
  control?: boolean
}

/** The origin of a hostile site sending a signed-in editor's cookie along. */
export const FOREIGN_ORIGIN = 'https://evil.example'
const q = (params: Record<string, string | number>) =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&')
const byId = (id: ID) => q({ 'where[id][equals]': id })

/** A PNG with an HTML page appended: what issue #8's attacker uploaded as `cover.html`. */
export async function pngWithScript(): Promise<Buffer> {
  return Buffer.concat([await png(), Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>')])
}

/** Multipart body of an upload: the file plus the JSON fields in `_payload`. */
export function uploadForm(file: Buffer, name: string, type: string, fields: Record<string, unknown>): FormData {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(file)], { type }), name)
  form.append('_payload', JSON.stringify(fields))
  return form
}

/** Whether an error answer names `field` (Payload's `errors[].data.errors[].path`, or the message). */
export function namesField(res: RawResponse, field: string): boolean {
  const errors = (res.json as { errors?: { message?: string; data?: { errors?: { path?: string; message?: string }[] } }[] } | undefined)?.errors ?? []
  return errors.some((e) => (e.data?.errors ?? []).some((x) => x.path === field || x.path?.startsWith(`${field}.`)) || (e.message ?? '').includes(field))
}

export interface Generated {
  hostile: Probe[]
  allowed: Probe[]
  oracles: Oracle[]
}

/** All probes for a world, from the config and the policy table. */
export function generateProbes(world: World, victims: Victims, config: SanitizedConfig): Generated {
  const { payload } = world
  const hostile: Probe[] = []
  const allowed: Probe[] = []
  const oracles: Oracle[] = []
  const add = (p: Probe) => (p.allowed ? allowed : hostile).push(p)

  const docsWatch = (slug: string, ids: () => ID[]) => () => snapshotDocs(payload, slug, ids())
  const countWatch = (slug: string, where?: Where) => () => snapshotCount(payload, slug, where)

  for (const collection of config.collections) {
    const slug = collection.slug
    const row = collectionPolicy[slug]
    if (!row) continue
    const drafts = Boolean(collection.versions?.drafts)
    const versions = Boolean(collection.versions)
    const owner = row.owner
    const noRest = collection.endpoints === false

    // ---- reads: every actor, every trick; judged by what the answers contain
    for (const actor of actors) {
      const read = (path: string) => add({ actor, row: `${slug}.read`, allowed: false, judge: 'read', prepare: async () => ({ request: { method: 'GET', path } }) })
      for (const query of LIST_QUERIES) read(`/${slug}${query}`)
      read(`/${slug}/count?draft=true`)
      if (noRest) continue
      for (const id of world.docs[slug] ?? []) for (const query of DOC_QUERIES) read(`/${slug}/${id}${query}`)
      if (versions) {
        for (const query of ['', '?depth=5&locale=*', `?where[parent][in]=${(world.docs[slug] ?? []).join(',')}&depth=3`]) read(`/${slug}/versions${query}`)
        for (const id of world.versions[slug] ?? []) read(`/${slug}/versions/${id}?depth=3&locale=*`)
      } else {
        // Payload routes these for every collection: without versions the answer must be a refusal, not a server error.
        read(`/${slug}/versions`)
        read(`/${slug}/versions/1`)
      }
    }
    if (noRest) {
      for (const actor of actors) {
        add({
          actor,
          row: `${slug}.create`,
          allowed: false,
          judge: 'write',
          prepare: async () => ({ request: { method: 'POST', path: `/${slug}`, json: sampleData(world, slug, victims.next(), world.orgA) }, watch: countWatch(slug) }),
        })
      }
      continue
    }

    const special = SPECIAL[slug]
    if (special) {
      special({ world, victims, add, slug, docsWatch, countWatch })
      continue
    }

    for (const actor of actors) {
      const may = (op: Operation) => allows(slug, op, actor)
      const a = world.actor[actor]
      const translatesIn = (locale: string | undefined) => locale !== undefined && !['de', 'all', '*', 'xx'].includes(locale) && may('translate')
      const victimKey = (status: 'published' | 'draft') => `${slug}:${status}`

      // create, in the actor's own organization
      const createQueries = drafts ? ['', '?draft=true', '?draft=true&locale=ar', '?locale=*'] : ['', '?locale=*']
      for (const query of createQueries) {
        add({
          actor,
          row: `${slug}.create`,
          allowed: may('create'),
          control: query === '',
          judge: 'write',
          prepare: async () => {
            const data = { ...sampleData(world, slug, victims.next(), a.own), ...(drafts ? { _status: query.includes('draft') ? 'draft' : 'published' } : {}) }
            return { request: { method: 'POST', path: `/${slug}${query}`, json: data }, watch: countWatch(slug) }
          },
        })
        if (!may('create') || query !== '') continue
        // The same request is hostile in every variant the actor may not use: nothing to add.
      }
      // create naming another organization (the draft route skips field validation)
      if (owner) {
        for (const query of drafts ? ['', '?draft=true', '?draft=true&autosave=true'] : ['']) {
          add({
            actor,
            row: `${slug}.createForOther`,
            allowed: may('createForOther'),
            control: query === '',
            judge: 'write',
            prepare: async () => {
              const data = { ...sampleData(world, slug, victims.next(), a.other), ...(drafts ? { _status: query ? 'draft' : 'published' } : {}) }
              return { request: { method: 'POST', path: `/${slug}${query}`, json: data }, watch: countWatch(slug, { [owner]: { equals: a.other } }) }
            },
          })
        }
      }

      // update: German and shared fields, every locale trick, bulk
      const updates: { query: string; locale?: string; bulk?: boolean; data?: (n: string) => Record<string, unknown> | null; status?: 'draft' | 'published' }[] = [
        { query: '' },
        { query: '?draft=true', status: 'published' },
        { query: '?locale=de' },
        { query: '?locale=xx', locale: 'xx' },
        { query: '?locale=*', locale: '*', data: (n) => prefixLocales(germanChange(slug, n)) },
        { query: '?locale=all', locale: 'all', data: (n) => prefixLocales(germanChange(slug, n)) },
        { query: '?locale=ar&fallback-locale=de', locale: 'ar', data: (n) => sharedChange(slug, world, n) },
        { query: '?locale=ar&draft=true', locale: 'ar', data: (n) => sharedChange(slug, world, n) },
        { query: '?depth=10' },
        { query: '', bulk: true },
        { query: drafts ? '&draft=true' : '&depth=5', bulk: true },
        { query: '&locale=ar', locale: 'ar', bulk: true, data: (n) => sharedChange(slug, world, n) },
      ]
      if (drafts) updates.push({ query: '?draft=true', status: 'draft' })
      for (const u of updates) {
        const make = u.data ?? ((n: string) => germanChange(slug, n))
        if (make('probe') === null) continue
        const status = u.status ?? 'published'
        const plain = u.query === '' && !u.bulk
        const judge: Judge = u.bulk || translatesIn(u.locale) ? 'state' : 'write'
        add({
          actor,
          row: `${slug}.update`,
          allowed: may('update'),
          control: plain,
          judge,
          prepare: async () => {
            const id = await victims.doc(slug, status)
            const data = make(victims.next())!
            const path = u.bulk ? `/${slug}?${byId(id)}${u.query}` : `/${slug}/${id}${u.query}`
            // A save that may go through (judge `state`) touches `updatedAt` and versions; only the fields it sent must stay.
            const watch = judge === 'state' ? () => snapshotFields(payload, slug, [id], Object.keys(data)) : docsWatch(slug, () => [id])
            return { request: { method: 'PATCH', path, json: data }, watch, touches: [victimKey(status)] }
          },
        })
      }

      // translate: a localized field in Arabic
      const localized = localizedChange(slug, 'probe')
      if (localized) {
        for (const query of ['?locale=ar', ...(drafts ? ['?locale=ar&draft=true'] : []), '?locale=ar&fallback-locale=none&depth=3']) {
          add({
            actor,
            row: `${slug}.translate`,
            allowed: may('translate'),
            control: query === '?locale=ar',
            judge: 'write',
            prepare: async () => {
              const id = await victims.doc(slug, 'published')
              return {
                request: { method: 'PATCH', path: `/${slug}/${id}${query}`, json: localizedChange(slug, victims.next()) },
                watch: docsWatch(slug, () => [id]),
                touches: [victimKey('published')],
              }
            },
          })
        }
      }

      // publish a draft, unpublish a published document (`_status` in the body)
      if (drafts) {
        const statusWatch = (id: ID) => async () => {
          const doc = await payload.findByID({ collection: slug as CollectionSlug, id, draft: false, depth: 0, overrideAccess: true, disableErrors: true } as never)
          return String((doc as { _status?: string } | null)?._status)
        }
        for (const [op, from, to] of [
          ['publish', 'draft', 'published'],
          ['unpublish', 'published', 'draft'],
        ] as const) {
          for (const query of ['?locale=de', '?locale=en', '?locale=ar&draft=false', 'bulk']) {
            const locale = query === 'bulk' ? 'en' : query.slice('?locale='.length, '?locale='.length + 2)
            // A translator's save in a locale they translate may answer 200 as long as `_status` stays.
            const stateOnly = translatesIn(locale) || query === 'bulk'
            add({
              actor,
              row: `${slug}.${op}`,
              allowed: allows(slug, op, actor),
              control: query === '?locale=de',
              judge: stateOnly ? 'state' : 'write',
              prepare: async () => {
                const id = await victims.doc(slug, from)
                const path = query === 'bulk' ? `/${slug}?${byId(id)}&locale=en` : `/${slug}/${id}${query}`
                return { request: { method: 'PATCH', path, json: { _status: to } }, watch: stateOnly ? statusWatch(id) : docsWatch(slug, () => [id]), touches: [victimKey(from)] }
              },
            })
          }
        }
      }

      // move to another organization, also only the draft
      if (owner) {
        for (const query of drafts ? ['', '?draft=true', 'bulk-draft'] : ['', 'bulk']) {
          add({
            actor,
            row: `${slug}.moveToOther`,
            allowed: may('moveToOther'),
            control: query === '',
            judge: query.startsWith('bulk') ? 'state' : 'write',
            prepare: async () => {
              const id = await victims.doc(slug, 'published')
              const path = query === 'bulk-draft' ? `/${slug}?${byId(id)}&draft=true` : query === 'bulk' ? `/${slug}?${byId(id)}` : `/${slug}/${id}${query}`
              return { request: { method: 'PATCH', path, json: { [owner]: a.other } }, watch: docsWatch(slug, () => [id]), touches: [victimKey('published')] }
            },
          })
        }
      }

      // delete, by ID and in bulk
      for (const mode of ['id', 'bulk', 'bulk-or']) {
        add({
          actor,
          row: `${slug}.delete`,
          allowed: may('delete'),
          control: mode === 'id',
          judge: mode === 'id' ? 'write' : 'state',
          prepare: async () => {
            const id = await victims.doc(slug, 'published')
            const path = mode === 'id' ? `/${slug}/${id}` : mode === 'bulk' ? `/${slug}?${byId(id)}` : `/${slug}?${q({ 'where[or][0][id][equals]': id, 'where[or][1][id][equals]': -1 })}`
            return { request: { method: 'DELETE', path }, watch: docsWatch(slug, () => [id]), touches: [victimKey('published')] }
          },
        })
      }

      // restore an older version
      if (versions) {
        add({
          actor,
          row: `${slug}.restoreVersion`,
          allowed: may('restoreVersion'),
          control: true,
          judge: 'write',
          prepare: async () => {
            const id = await victims.doc(slug, 'published')
            const version = await victims.oldestVersion(slug, id)
            return { request: { method: 'POST', path: `/${slug}/versions/${version}` }, watch: docsWatch(slug, () => [id]), touches: [victimKey('published')] }
          },
        })
      }

      // duplicate (a copy keeps the owner of the original)
      if (collection.disableDuplicate !== true) {
        for (const query of drafts ? ['', '?draft=true'] : ['']) {
          add({
            actor,
            row: `${slug}.duplicate`,
            allowed: may('duplicate'),
            // Without drafts the copy keeps the unique slug and fails validation (a functional
            // gap of duplicating, not access): checked for refusals only.
            control: query === '' && drafts,
            judge: 'write',
            prepare: async () => {
              const id = await victims.doc(slug, 'published')
              return { request: { method: 'POST', path: `/${slug}/${id}/duplicate${query}`, json: {} }, watch: countWatch(slug) }
            },
          })
        }
      }
    }
  }

  // ---- globals
  const globalsWithRow = config.globals.filter((g) => g.slug in globalPolicy)
  for (const global of globalsWithRow) {
    for (const actor of actors) {
      for (const query of ['', '?locale=*&depth=10&draft=true', '/versions?depth=3']) {
        add({ actor, row: `global ${global.slug}.read`, allowed: false, judge: 'read', prepare: async () => ({ request: { method: 'GET', path: `/globals/${global.slug}${query}` } }) })
      }
    }
  }
  for (const global of globalsWithRow) {
    const slug = global.slug as GlobalSlug
    const read = () => payload.findGlobal({ slug, depth: 0, overrideAccess: true, locale: 'all' as never })
    for (const actor of actors) {
      for (const query of ['', '?locale=*', '?draft=true']) {
        add({
          actor,
          row: `global ${slug}.update`,
          allowed: globalPolicy[slug]!.update.includes(actor),
          control: query === '',
          judge: 'write',
          prepare: async () => {
            const before = await read()
            return {
              request: { method: 'POST', path: `/globals/${slug}${query}`, json: GLOBAL_CHANGES[slug] ?? {} },
              watch: async () => JSON.stringify(await read()),
              // Put the global (and its canary) back for the probes that follow.
              restore: async () => void (await payload.updateGlobal({ slug, data: before as never, overrideAccess: true, locale: 'all' as never })),
            }
          },
        })
      }
    }
  }

  // ---- custom endpoints
  for (const key of customEndpoints(config)) {
    if (!(key in endpointPolicy)) continue
    const generator = ENDPOINTS.find((e) => e.match.test(key))
    const [method, route] = key.split(' ') as [RawRequest['method'], string]
    const slug = route.split('/')[2] ?? ''
    for (const actor of actors) {
      const allowedHere = allowsEndpoint(key, slug, actor)
      if (generator) {
        for (const p of generator.probes({ world, victims, actor, key, slug, countWatch, docsWatch }))
          add({ control: true, ...p, row: `endpoint ${key}`, allowed: allowedHere, judge: p.judge ?? 'call' })
        continue
      }
      // An endpoint nobody wrote a generator for: called as-is with the parameters filled in.
      const path = route
        .replace(/^\/api/, '')
        .replace(':id?', String(world.docs[slug]?.[0] ?? 1))
        .replace(':id', String(world.docs[slug]?.[0] ?? 1))
        .replace(/:[a-zA-Z]+\??/g, 'probe')
      add({ actor, row: `endpoint ${key}`, allowed: allowedHere, control: true, judge: 'call', prepare: async () => ({ request: { method, path, json: method === 'GET' ? undefined : {} } }) })
    }
  }

  // ---- media files: the bytes of an upload go to whoever may see the document
  for (const actor of actors) {
    for (const file of world.files) {
      add({
        actor,
        row: `endpoint GET /api/media/file/:filename`,
        allowed: false,
        judge: file.visibleTo.includes(actor) ? 'read' : 'call',
        prepare: async () => ({ request: { method: 'GET', path: `/media/file/${encodeURIComponent(file.name)}` } }),
      })
    }
  }

  // ---- client mistakes: 400 naming the field, nothing written
  mistakes(world, victims, add, countWatch, docsWatch)

  // ---- a signed-in editor's cookie sent from another origin counts for nothing
  crossSite(world, victims, add, countWatch, docsWatch)

  oracles.push(...generateOracles(world))
  return { hostile, allowed, oracles }
}

const LIST_QUERIES = [
  '',
  '?draft=true',
  '?locale=*',
  '?locale=all&draft=true',
  '?locale=xx&draft=true',
  '?locale=ar&fallback-locale=de&draft=true',
  '?locale=de&fallback-locale=none',
  '?depth=10&draft=true',
  '?depth=10&locale=*&draft=true',
  '?select[internalNotes]=true&select[email]=true&select[title]=true&select[uploadedBy]=true&select[alt]=true&draft=true',
  '?populate[contacts][internalNotes]=true&populate[contacts][email]=true&populate[media][uploadedBy]=true&depth=3&draft=true',
  '?where[_status][equals]=draft',
  '?where[_status][equals]=draft&draft=true',
  '?pagination=false&depth=3&draft=true',
  '?joins[reports][limit]=100&depth=2&draft=true',
  '?trash=true&draft=true',
  '?where[organization.name][like]=a&draft=true&depth=2',
  '?where[contacts.email][exists]=true&draft=true&depth=2',
  '?sort=-organization.name&draft=true&depth=1',
]
const DOC_QUERIES = ['', '?draft=true', '?locale=*&draft=true&depth=10', '?locale=ar&fallback-locale=de&draft=true&depth=2']

/** `{ title: 'x' }` → `{ title: { de: 'x' } }`: the shape writes with `locale=all` carry. */
function prefixLocales(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { de: v, ar: v }]))
}

const GLOBAL_CHANGES: Record<string, Record<string, unknown>> = {
  'system-state': { demoSeededAt: null, seedVersion: 999 },
  'payload-jobs-stats': { stats: { scheduledRuns: {} } },
  freshness: { offerMonths: 3, contactMonths: 4, graceWeeks: 2 },
}

interface SpecialArgs {
  world: World
  victims: Victims
  add: (p: Probe) => void
  slug: string
  docsWatch: (slug: string, ids: () => ID[]) => () => Promise<string>
  countWatch: (slug: string, where?: Where) => () => Promise<string>
}

/** Plain writes (create, update, delete) of collections without owner, drafts or locales. */
function plainWrites(args: SpecialArgs, ops: { create: Operation; update: Operation; delete: Operation }) {
  const { world, victims, add, slug, docsWatch, countWatch } = args
  for (const actor of actors) {
    add({
      actor,
      row: `${slug}.${ops.create}`,
      allowed: allows(slug, ops.create, actor),
      control: true,
      judge: 'write',
      prepare: async () => ({ request: { method: 'POST', path: `/${slug}`, json: sampleData(world, slug, victims.next(), world.orgA) }, watch: countWatch(slug) }),
    })
    for (const bulk of [false, true]) {
      add({
        actor,
        row: `${slug}.${ops.update}`,
        allowed: allows(slug, ops.update, actor),
        control: !bulk,
        judge: bulk ? 'state' : 'write',
        prepare: async () => {
          const id = await victims.doc(slug)
          const data = germanChange(slug, victims.next())
          const watch = bulk ? () => snapshotFields(args.world.payload, slug, [id], Object.keys(data)) : docsWatch(slug, () => [id])
          return { request: { method: 'PATCH', path: bulk ? `/${slug}?${byId(id)}` : `/${slug}/${id}`, json: data }, watch, touches: [`${slug}:published`] }
        },
      })
      add({
        actor,
        row: `${slug}.${ops.delete}`,
        allowed: allows(slug, ops.delete, actor),
        control: !bulk,
        judge: bulk ? 'state' : 'write',
        prepare: async () => {
          const id = await victims.doc(slug)
          return { request: { method: 'DELETE', path: bulk ? `/${slug}?${byId(id)}` : `/${slug}/${id}` }, watch: docsWatch(slug, () => [id]), touches: [`${slug}:published`] }
        },
      })
    }
  }
}

/** Collections whose operations are not the document ones. */
const SPECIAL: Record<string, (args: SpecialArgs) => void> = {
  deploys: (args) => plainWrites(args, { create: 'create', update: 'update', delete: 'delete' }),
  'payload-jobs': (args) => plainWrites(args, { create: 'create', update: 'update', delete: 'delete' }),
  'payload-kv': (args) => plainWrites(args, { create: 'create', update: 'update', delete: 'delete' }),
  glossary: (args) => {
    plainWrites(args, { create: 'create', update: 'update', delete: 'delete' })
    const { victims, add, slug, docsWatch } = args
    for (const actor of actors) {
      add({
        actor,
        row: `${slug}.translate`,
        allowed: allows(slug, 'translate', actor),
        control: true,
        judge: 'write',
        prepare: async () => {
          const id = await victims.doc(slug)
          return { request: { method: 'PATCH', path: `/${slug}/${id}?locale=ar`, json: localizedChange(slug, victims.next()) }, watch: docsWatch(slug, () => [id]), touches: [`${slug}:published`] }
        },
      })
    }
  },
  users: ({ world, victims, add, docsWatch, countWatch }) => {
    const { payload } = world
    const fieldsWatch = (id: ID, names: string[]) => async () => {
      const doc = (await payload.findByID({ collection: 'users', id, depth: 0, overrideAccess: true, showHiddenFields: true, disableErrors: true })) as unknown as Record<string, unknown> | null
      return JSON.stringify(names.map((n) => doc?.[n]))
    }
    for (const actor of actors) {
      const self = world.actor[actor].id
      const may = (op: Operation) => allows('users', op, actor)
      add({
        actor,
        row: 'users.create',
        allowed: may('create'),
        control: true,
        judge: 'write',
        prepare: async () => ({ request: { method: 'POST', path: '/users', json: { ...sampleData(world, 'users', victims.next(), world.orgA), role: 'admin' } }, watch: countWatch('users') }),
      })
      if (self !== null) {
        add({
          actor,
          row: 'users.updateSelf',
          allowed: may('updateSelf'),
          judge: 'write',
          prepare: async () => ({ request: { method: 'PATCH', path: `/users/${self}`, json: { name: `Name ${victims.next()}` } } }),
        })
        for (const data of [{ role: 'admin' }, { organization: world.actor[actor].other }, { role: 'admin', organization: world.orgB }]) {
          add({
            actor,
            row: 'users.changeRole',
            allowed: may('changeRole'),
            control: 'role' in data && !('organization' in data),
            judge: 'state',
            prepare: async () => ({ request: { method: 'PATCH', path: `/users/${self}`, json: data }, watch: fieldsWatch(self, ['role', 'organization']) }),
          })
        }
      }
      const others: { data: () => Record<string, unknown>; op: Operation; bulk?: boolean }[] = [
        { data: () => ({ name: `Name ${victims.next()}` }), op: 'updateOthers' },
        { data: () => ({ password: 'a-new-password-chosen' }), op: 'updateOthers' },
        { data: () => ({ email: `taken-${victims.next()}@test.local` }), op: 'updateOthers' },
        { data: () => ({ name: `Name ${victims.next()}` }), op: 'updateOthers', bulk: true },
        { data: () => ({ role: 'admin' }), op: 'changeRole' },
      ]
      for (const o of others) {
        add({
          actor,
          row: `users.${o.op}`,
          allowed: may(o.op),
          control: !o.bulk,
          judge: o.bulk ? 'state' : 'write',
          prepare: async () => {
            const id = await victims.doc('users')
            return { request: { method: 'PATCH', path: o.bulk ? `/users?${byId(id)}` : `/users/${id}`, json: o.data() }, watch: docsWatch('users', () => [id]), touches: ['users:published'] }
          },
        })
      }
      for (const bulk of [false, true]) {
        add({
          actor,
          row: 'users.delete',
          allowed: may('delete'),
          control: !bulk,
          judge: bulk ? 'state' : 'write',
          prepare: async () => {
            const id = await victims.doc('users')
            return { request: { method: 'DELETE', path: bulk ? `/users?${byId(id)}` : `/users/${id}` }, watch: docsWatch('users', () => [id]), touches: ['users:published'] }
          },
        })
      }
    }
  },
  media: ({ world, victims, add, docsWatch, countWatch }) => {
    const { payload } = world
    const fieldsWatch = (id: ID, names: string[]) => async () => {
      const doc = (await payload.findByID({ collection: 'media', id, depth: 0, overrideAccess: true, disableErrors: true })) as unknown as Record<string, unknown> | null
      return JSON.stringify(names.map((n) => doc?.[n]))
    }
    /**
     * Uploads stored with a name or type the site would serve as something other than an
     * image: files in the upload folder, and media documents (every fixture is a PNG).
     */
    const unsafeUploads = async (): Promise<Set<string>> => {
      const all = await payload.find({ collection: 'media', overrideAccess: true, depth: 0, limit: 0, pagination: false })
      const bad = all.docs.filter((d) => !/\.png$/.test(d.filename ?? '') || d.mimeType !== 'image/png')
      return new Set([...dangerousFiles(world.staticDir).map((f) => `file ${f}`), ...bad.map((d) => `media ${d.id} as ${d.filename} (${d.mimeType})`)])
    }
    /** A check that fails when the probe added an unsafe upload. */
    const storedSafely = async () => {
      const before = await unsafeUploads()
      return async (): Promise<string | null> => {
        const added = [...(await unsafeUploads())].filter((x) => !before.has(x))
        return added.length ? `stored ${added.join(', ')}` : null
      }
    }
    for (const actor of actors) {
      const a = world.actor[actor]
      const may = (op: Operation) => allows('media', op, actor)
      const uploads: { name: string; type: string; file: () => Promise<Buffer>; org: 'own' | 'other'; extra?: Record<string, unknown>; op: Operation; judge?: Judge; watchWhere?: () => Where }[] = [
        { name: 'kueste.png', type: 'image/png', file: png, org: 'own', op: 'create' },
        { name: 'cover.html', type: 'image/png', file: pngWithScript, org: 'own', op: 'create' },
        { name: 'cover.svg', type: 'image/svg+xml', file: pngWithScript, org: 'own', op: 'create' },
        { name: 'bild.png', type: 'image/png', file: png, org: 'other', op: 'createForOther', watchWhere: () => ({ organization: { equals: a.other } }) },
        {
          name: 'bild.png',
          type: 'image/png',
          file: png,
          org: 'own',
          op: 'forgeUser',
          extra: { uploadedBy: world.users.bystander.id },
          judge: 'state',
          watchWhere: () => ({ uploadedBy: { equals: world.users.bystander.id } }),
        },
      ]
      for (const u of uploads) {
        add({
          actor,
          row: `media.${u.op}`,
          allowed: may(u.op),
          control: u.name === 'kueste.png',
          judge: u.judge ?? 'write',
          prepare: async () => ({
            request: {
              method: 'POST',
              path: '/media',
              form: uploadForm(await u.file(), u.name, u.type, { alt: `Bild ${victims.next()}`, organization: u.org === 'own' ? a.own : a.other, ...u.extra }),
            },
            watch: countWatch('media', u.watchWhere?.()),
            check: await storedSafely(),
          }),
        })
      }
      // replace the file of organization A's upload, also with an HTML name
      for (const [name, file] of [
        ['neu.png', png],
        ['cover.html', pngWithScript],
      ] as const) {
        add({
          actor,
          row: 'media.replaceFile',
          allowed: may('replaceFile'),
          control: name === 'neu.png',
          judge: 'write',
          prepare: async () => {
            const id = await victims.doc('media')
            return {
              request: { method: 'PATCH', path: `/media/${id}`, form: uploadForm(await file(), name, 'image/png', {}) },
              watch: fieldsWatch(id, ['filename', 'filesize', 'mimeType', 'url', 'width']),
              touches: ['media:published'],
              check: await storedSafely(),
            }
          },
        })
      }
      // base fields of the upload written directly
      for (const data of [{ filename: 'cover.html' }, { mimeType: 'text/html' }, { url: 'javascript:alert(1)' }, { filename: '../../../etc/passwd.png' }]) {
        add({
          actor,
          row: 'media.writeFileFields',
          allowed: false,
          judge: 'state',
          prepare: async () => {
            const id = await victims.doc('media')
            return {
              request: { method: 'PATCH', path: `/media/${id}`, json: data },
              watch: fieldsWatch(id, ['filename', 'mimeType', 'url']),
              touches: ['media:published'],
              check: await storedSafely(),
            }
          },
        })
      }
      // metadata, translation, owner, deletion
      const edits: { op: Operation; query: string; data: () => Record<string, unknown>; judge?: Judge; bulk?: boolean }[] = [
        { op: 'update', query: '', data: () => germanChange('media', victims.next()) },
        { op: 'update', query: '?locale=de', data: () => ({ credit: `Foto ${victims.next()}` }) },
        { op: 'update', query: '', data: () => germanChange('media', victims.next()), bulk: true, judge: 'state' },
        { op: 'update', query: '?locale=ar', data: () => ({ credit: `Foto ${victims.next()}` }), judge: may('translate') ? 'state' : 'write' },
        { op: 'translate', query: '?locale=ar', data: () => localizedChange('media', victims.next())! },
        { op: 'moveToOther', query: '', data: () => ({ organization: a.other }) },
      ]
      for (const e of edits) {
        add({
          actor,
          row: `media.${e.op}`,
          allowed: may(e.op),
          control: !e.bulk && e.judge === undefined && (e.op !== 'update' || e.query === ''),
          judge: e.judge ?? 'write',
          prepare: async () => {
            const id = await victims.doc('media')
            const data = e.data()
            const watch = e.judge === 'state' ? () => snapshotFields(payload, 'media', [id], Object.keys(data)) : docsWatch('media', () => [id])
            return { request: { method: 'PATCH', path: e.bulk ? `/media?${byId(id)}` : `/media/${id}${e.query}`, json: data }, watch, touches: ['media:published'] }
          },
        })
      }
      for (const bulk of [false, true]) {
        add({
          actor,
          row: 'media.delete',
          allowed: may('delete'),
          control: !bulk,
          judge: bulk ? 'state' : 'write',
          prepare: async () => {
            const id = await victims.doc('media')
            return { request: { method: 'DELETE', path: bulk ? `/media?${byId(id)}` : `/media/${id}` }, watch: docsWatch('media', () => [id]), touches: ['media:published'] }
          },
        })
      }
      add({
        actor,
        row: 'media.duplicate',
        allowed: may('duplicate'),
        control: true,
        judge: 'write',
        prepare: async () => {
          const id = await victims.doc('media')
          return { request: { method: 'POST', path: `/media/${id}/duplicate`, json: {} }, watch: countWatch('media') }
        },
      })
    }
  },
  'payload-locked-documents': ({ world, victims, add, docsWatch, countWatch }) => {
    const slug = 'payload-locked-documents'
    for (const actor of actors) {
      const self = world.actor[actor].id ?? world.users.bystander.id
      const may = (op: Operation) => allows(slug, op, actor)
      add({
        actor,
        row: `${slug}.lock`,
        allowed: may('lock'),
        control: true,
        judge: 'write',
        prepare: async () => {
          const offer = await victims.doc('offers', 'draft', 'lockTarget')
          return {
            request: { method: 'POST', path: `/${slug}`, json: { document: { relationTo: 'offers', value: offer }, user: { relationTo: 'users', value: self } } },
            watch: countWatch(slug, { 'document.value': { equals: offer } }),
            touches: ['offers:draft:lockTarget'],
          }
        },
      })
      add({
        actor,
        row: `${slug}.forgeUser`,
        allowed: false,
        judge: 'state',
        prepare: async () => {
          const offer = await victims.doc('offers', 'draft', 'lockTarget')
          return {
            request: { method: 'POST', path: `/${slug}`, json: { document: { relationTo: 'offers', value: offer }, user: { relationTo: 'users', value: world.users.bystander.id } } },
            watch: countWatch(slug, { 'user.value': { equals: world.users.bystander.id } }),
            touches: ['offers:draft:lockTarget'],
          }
        },
      })
      add({
        actor,
        row: `${slug}.lockGlobal`,
        allowed: may('lockGlobal'),
        control: true,
        judge: 'write',
        prepare: async () => ({
          request: { method: 'POST', path: `/${slug}`, json: { globalSlug: 'system-state', user: { relationTo: 'users', value: self } } },
          watch: countWatch(slug, { globalSlug: { equals: 'system-state' } }),
        }),
      })
      for (const mode of ['delete', 'takeOver', 'bulk']) {
        const op: Operation = mode === 'takeOver' ? 'takeOverLock' : 'removeOthersLock'
        add({
          actor,
          row: `${slug}.${op}`,
          allowed: may(op),
          control: mode !== 'bulk',
          judge: mode === 'bulk' ? 'state' : 'write',
          prepare: async () => {
            const lock = await victims.doc(slug)
            const request: RawRequest =
              mode === 'delete'
                ? { method: 'DELETE', path: `/${slug}/${lock}` }
                : mode === 'takeOver'
                  ? { method: 'PATCH', path: `/${slug}/${lock}`, json: { user: { relationTo: 'users', value: self } } }
                  : { method: 'DELETE', path: `/${slug}?${q({ 'where[user.value][equals]': world.users.bystander.id })}` }
            return { request, watch: docsWatch(slug, () => [lock]), touches: [`${slug}:published`] }
          },
        })
      }
    }
  },
  'payload-preferences': ({ world, victims, add, docsWatch, countWatch }) => {
    const slug = 'payload-preferences'
    for (const actor of actors) {
      const may = (op: Operation) => allows(slug, op, actor)
      const writes: { mode: string; bulk?: boolean }[] = [{ mode: 'patch' }, { mode: 'delete' }, { mode: 'bulk-delete', bulk: true }, { mode: 'bulk-patch', bulk: true }]
      for (const w of writes) {
        add({
          actor,
          row: `${slug}.writeOthersPreferences`,
          allowed: false,
          judge: w.bulk ? 'state' : 'write',
          prepare: async () => {
            const id = await victims.doc(slug)
            const request: RawRequest =
              w.mode === 'patch'
                ? { method: 'PATCH', path: `/${slug}/${id}`, json: { value: { hijacked: true } } }
                : w.mode === 'delete'
                  ? { method: 'DELETE', path: `/${slug}/${id}` }
                  : w.mode === 'bulk-delete'
                    ? { method: 'DELETE', path: `/${slug}?${byId(id)}` }
                    : { method: 'PATCH', path: `/${slug}?${byId(id)}`, json: { value: { hijacked: true } } }
            return { request, watch: docsWatch(slug, () => [id]), touches: [`${slug}:published`] }
          },
        })
      }
      add({
        actor,
        row: `${slug}.writeOthersPreferences`,
        allowed: false,
        judge: 'state',
        prepare: async () => ({
          request: { method: 'POST', path: `/${slug}`, json: { key: `forged-${victims.next()}`, value: { x: 1 }, user: { relationTo: 'users', value: world.users.bystander.id } } },
          watch: countWatch(slug, { 'user.value': { equals: world.users.bystander.id } }),
        }),
      })
      add({
        actor,
        row: `${slug}.writeOwnPreferences`,
        allowed: may('writeOwnPreferences'),
        control: true,
        judge: 'write',
        prepare: async () => ({ request: { method: 'POST', path: `/${slug}`, json: { key: `own-${victims.next()}`, value: { x: 1 } } }, watch: countWatch(slug) }),
      })
    }
  },
}

interface EndpointArgs {
  world: World
  victims: Victims
  actor: Actor
  key: string
  slug: string
  docsWatch: (slug: string, ids: () => ID[]) => () => Promise<string>
  countWatch: (slug: string, where?: Where) => () => Promise<string>
}
type EndpointProbe = Omit<Probe, 'row' | 'allowed' | 'judge'> & { judge?: Judge }

/** Requests for the custom endpoints, by the route they match. */
const ENDPOINTS: { match: RegExp; probes: (args: EndpointArgs) => EndpointProbe[] }[] = [
  {
    match: /\/:id\/machine-translate$/,
    probes: ({ victims, actor, slug, countWatch }) => [
      {
        actor,
        prepare: async () => {
          const id = await victims.doc(slug, 'published')
          return { request: { method: 'POST', path: `/${slug}/${id}/machine-translate`, json: { locales: ['ar'] } }, watch: countWatch('payload-jobs', { taskSlug: { equals: 'machineTranslate' } }) }
        },
      },
    ],
  },
  {
    // "Still correct" writes reviewedAt only: judged by the entry's reviewedAt in the database.
    match: /\/:id\/still-correct$/,
    probes: ({ world, victims, actor, slug }) =>
      (['published', 'draft'] as const).map((status) => ({
        actor,
        prepare: async () => {
          const id = await victims.doc(slug, status)
          const watch = async () => {
            const doc = (await world.payload.findByID({ collection: slug as CollectionSlug, id, draft: true, depth: 0, overrideAccess: true })) as unknown as Record<string, unknown>
            return String(doc.reviewedAt ?? '')
          }
          return { request: { method: 'POST' as const, path: `/${slug}/${id}/still-correct`, json: {} }, watch }
        },
      })),
  },
  {
    // The preview renders a real page per request (about 0.2 s once the renderer is warm): two
    // documents per collection, the first published, the second a draft where the world has one.
    match: /\/:id\/preview$/,
    probes: ({ world, actor, slug }) =>
      (world.docs[slug] ?? []).slice(0, 2).map((id) => ({ actor, prepare: async () => ({ request: { method: 'GET' as const, path: `/${slug}/${id}/preview?locale=de` } }) })),
  },
  {
    match: /\/:id\/translation-status$/,
    probes: ({ world, actor, slug }) => (world.docs[slug] ?? []).map((id) => ({ actor, prepare: async () => ({ request: { method: 'GET' as const, path: `/${slug}/${id}/translation-status` } }) })),
  },
  {
    // An import through organization A's source of a file with the header only: allowed
    // actors get 200 and change nothing, so the probe can run again; the others 401/403/404.
    match: /\/:id\/(dry-run|apply)$/,
    probes: ({ victims, actor, slug, key, countWatch }) => [
      {
        actor,
        prepare: async () => {
          const id = await victims.doc(slug)
          const form = new FormData()
          form.append('file', new Blob(['Nr;Titel\n'], { type: 'text/csv' }), 'kurse.csv')
          return { request: { method: 'POST' as const, path: `/${slug}/${id}/${key.endsWith('apply') ? 'apply' : 'dry-run'}`, form }, watch: countWatch('offers') }
        },
      },
    ],
  },
  {
    // A near-copy of the published offer's title (a draft of the same organization is among what
    // it may find): staff only, and only what the asker reads; the canaries judge the rest.
    match: /^GET \/api\/similar-entries$/,
    probes: ({ world, actor }) => [
      {
        actor,
        prepare: async () => {
          const offer = (await world.payload.findByID({ collection: 'offers', id: world.named.offerPublished, depth: 0, overrideAccess: true })) as unknown as { title: string }
          const query = new URLSearchParams({ collection: 'offers', title: `${offer.title}.`, organization: String(world.orgA), municipality: String(world.municipality) })
          return { request: { method: 'GET' as const, path: `/similar-entries?${query}` } }
        },
      },
    ],
  },
  {
    match: /^GET \/api\/deploys\/site-status$/,
    probes: ({ world, actor }) => [{ actor, prepare: async () => ({ request: { method: 'GET', path: `/deploys/site-status?collection=offers&id=${world.named.offerDraft}` } }) }],
  },
  {
    match: /^POST \/api\/deploys\/rebuild$/,
    probes: ({ actor, countWatch }) => [{ actor, prepare: async () => ({ request: { method: 'POST', path: '/deploys/rebuild', json: {} }, watch: countWatch('deploys') }) }],
  },
  {
    match: /paste-url/,
    probes: ({ victims, actor }) => [
      { actor, prepare: async () => ({ request: { method: 'GET', path: `/media/paste-url/${await victims.doc('media')}?src=${encodeURIComponent('http://127.0.0.1:9/x.png')}` } }) },
      { actor, prepare: async () => ({ request: { method: 'GET', path: `/media/paste-url?src=${encodeURIComponent('http://169.254.169.254/latest/meta-data/')}` } }) },
    ],
  },
  // Served by the file probes of `generateProbes`, with the visibility of each file.
  { match: /\/file\/:filename$/, probes: () => [] },
  {
    match: /^POST \/api\/users\/unlock$/,
    probes: ({ world, victims, actor }) => [
      {
        actor,
        prepare: async () => {
          const id = await victims.lockedUser()
          const user = (await world.payload.findByID({ collection: 'users', id, overrideAccess: true, showHiddenFields: true })) as unknown as { email: string }
          const watch = async () => {
            const u = (await world.payload.findByID({ collection: 'users', id, overrideAccess: true, showHiddenFields: true })) as unknown as Record<string, unknown>
            return JSON.stringify([u.loginAttempts, u.lockUntil])
          }
          return { request: { method: 'POST', path: '/users/unlock', json: { email: user.email } }, watch, touches: ['users:locked'] }
        },
      },
    ],
  },
  {
    match: /^POST \/api\/users\/first-register$/,
    probes: ({ victims, actor, countWatch }) => [
      {
        actor,
        prepare: async () => ({
          request: { method: 'POST', path: '/users/first-register', json: { email: `first-${victims.next()}@test.local`, password: 'first-register-password', role: 'admin' } },
          watch: countWatch('users'),
        }),
      },
    ],
  },
  {
    match: /^POST \/api\/users\/reset-password$/,
    probes: ({ actor, world }) => [
      {
        actor,
        prepare: async () => ({
          request: { method: 'POST', path: '/users/reset-password', json: { token: 'forged-token-0000', password: 'taken-over-password' } },
          watch: () => snapshotDocs(world.payload, 'users', [world.users.admin.id]),
        }),
      },
    ],
  },
  { match: /^POST \/api\/users\/verify\/:id$/, probes: ({ actor }) => [{ actor, prepare: async () => ({ request: { method: 'POST', path: '/users/verify/forged-token-0000' } }) }] },
  // Signing in and out changes the actor's own session only; requests that end or rotate a
  // session are not sent (they would invalidate the token the rest of the suite uses).
  { match: /^POST \/api\/users\/(login|logout|forgot-password)$/, probes: () => [] },
  {
    match: /^POST \/api\/users\/refresh-token$/,
    probes: ({ actor }) => (actor === 'anonymous' ? [{ actor, prepare: async () => ({ request: { method: 'POST', path: '/users/refresh-token', json: {} } }) }] : []),
  },
  { match: /^GET \/api\/users\/(me|init)$/, probes: ({ actor, key }) => [{ actor, judge: 'read', prepare: async () => ({ request: { method: 'GET', path: key.slice('GET /api'.length) } }) }] },
  { match: /^GET \/api\/access$/, probes: ({ actor }) => [{ actor, judge: 'read', prepare: async () => ({ request: { method: 'GET', path: '/access' } }) }] },
  {
    match: /^(GET|POST|DELETE) \/api\/payload-preferences\/:key$/,
    probes: ({ world, victims, actor, key, countWatch }) => {
      const method = key.split(' ')[0] as RawRequest['method']
      const self = world.actor[actor].id
      /** The actor's own preference under `name`, made first when the request needs one to exist. */
      const own = async (name: string) => {
        if (self !== null) {
          const user = { ...(await world.payload.findByID({ collection: 'users', id: self, depth: 0, overrideAccess: true })), collection: 'users' as const }
          await world.payload.create({ collection: 'payload-preferences', data: { key: name, value: { columns: [] } } as never, user, overrideAccess: true })
        }
        return name
      }
      const probe = (path: () => Promise<string>, judge: Judge, control = true): EndpointProbe => ({
        actor,
        judge,
        control,
        prepare: async () => ({
          request: { method, path: `/payload-preferences/${await path()}`, json: method === 'POST' ? { value: { columns: [] } } : undefined },
          watch: countWatch('payload-preferences'),
        }),
      })
      // Reading answers 200 with `value: null` when nobody is signed in: judged by what it shows.
      if (method === 'GET') return [probe(async () => 'collection-offers', 'read')]
      if (method === 'POST') return [probe(async () => `list-${victims.next()}`, 'call')]
      // Deleting: an existing preference, and one that does not exist (a 404, not a server error).
      return [probe(() => own(`list-${victims.next()}`), 'call'), probe(async () => `missing-${victims.next()}`, 'read', false)]
    },
  },
  {
    match: /^GET \/api\/payload-jobs\/(run|handle-schedules)$/,
    probes: ({ actor, key, countWatch }) => [
      {
        actor,
        prepare: async () => ({ request: { method: 'GET', path: `${key.slice('GET /api'.length)}?allQueues=true&limit=1` }, watch: countWatch('payload-jobs', { completedAt: { exists: true } }) }),
      },
    ],
  },
]

/** Client mistakes: a relation to a document that does not exist, array rows with taken IDs. */
function mistakes(world: World, victims: Victims, add: (p: Probe) => void, countWatch: SpecialArgs['countWatch'], docsWatch: SpecialArgs['docsWatch']) {
  const { payload } = world
  const takenRowIds = async (): Promise<string[]> => {
    const offer = (await payload.findByID({ collection: 'offers', id: world.named.offerPublished, draft: false, depth: 0, overrideAccess: true })) as unknown as { schedule?: { id: string }[] }
    return (offer.schedule ?? []).map((r) => r.id)
  }
  const everything = async () =>
    [
      await snapshotCount(payload, 'offers'),
      await snapshotCount(payload, 'deploys'),
      await snapshotCount(payload, 'payload-jobs'),
      await snapshotDocs(payload, 'offers', [world.named.offerPublished]),
    ].join(' ')
  const cases: { actor: Actor; field: string; prepare: () => Promise<Prepared> }[] = [
    {
      actor: 'editorOwn',
      field: 'municipality',
      prepare: async () => ({
        request: { method: 'POST', path: '/offers', json: { ...sampleData(world, 'offers', victims.next(), world.orgA), municipality: 999999, _status: 'published' } },
        watch: everything,
      }),
    },
    {
      actor: 'editorOwn',
      field: 'municipality',
      prepare: async () => ({
        request: { method: 'POST', path: '/offers?draft=true', json: { ...sampleData(world, 'offers', victims.next(), world.orgA), municipality: 999999, _status: 'draft' } },
        watch: countWatch('offers'),
      }),
    },
    {
      actor: 'editorOwn',
      field: 'contacts',
      prepare: async () => {
        const id = await victims.doc('offers')
        return { request: { method: 'PATCH', path: `/offers/${id}`, json: { contacts: [999999] } }, watch: docsWatch('offers', () => [id]), touches: ['offers:published'] }
      },
    },
    {
      actor: 'press',
      field: 'coverImage',
      prepare: async () => ({
        request: { method: 'POST', path: '/reports', json: { ...sampleData(world, 'reports', victims.next(), world.orgA), coverImage: 999999, _status: 'published' } },
        watch: countWatch('reports'),
      }),
    },
    {
      actor: 'press',
      field: 'organizer',
      prepare: async () => ({ request: { method: 'POST', path: '/events', json: { ...sampleData(world, 'events', victims.next(), 999999), _status: 'published' } }, watch: countWatch('events') }),
    },
    {
      actor: 'editorOwn',
      field: 'schedule',
      prepare: async () => {
        const ids = await takenRowIds()
        const schedule = ids.map((id) => ({ id, weekday: 'mon', from: '09:00', to: '10:00' }))
        return { request: { method: 'POST', path: '/offers', json: { ...sampleData(world, 'offers', victims.next(), world.orgA), schedule, _status: 'published' } }, watch: everything }
      },
    },
    {
      actor: 'editorOwn',
      field: 'schedule',
      prepare: async () => {
        const id = await victims.doc('offers')
        const schedule = (await takenRowIds()).map((row) => ({ id: row, weekday: 'wed', from: '09:00', to: '10:00' }))
        return {
          request: { method: 'PATCH', path: `/offers/${id}`, json: { schedule } },
          watch: async () => `${await everything()} ${await snapshotDocs(payload, 'offers', [id])}`,
          touches: ['offers:published'],
        }
      },
    },
    {
      actor: 'editorOwn',
      field: 'file',
      prepare: async () => ({
        request: {
          method: 'POST',
          path: '/media',
          form: uploadForm(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'logo.svg', 'image/svg+xml', { alt: 'Logo', organization: world.orgA }),
        },
        watch: countWatch('media'),
      }),
    },
  ]
  for (const c of cases) add({ actor: c.actor, row: `client mistake (${c.field})`, allowed: false, judge: 'badRequest', field: c.field, prepare: c.prepare })
}

/** A signed-in editor's session cookie sent by another site: Payload must treat it as anonymous. */
function crossSite(world: World, victims: Victims, add: (p: Probe) => void, countWatch: SpecialArgs['countWatch'], docsWatch: SpecialArgs['docsWatch']) {
  const cases: { row: string; judge: Judge; prepare: () => Promise<Prepared> }[] = [
    {
      row: 'offers.update',
      judge: 'write',
      prepare: async () => {
        const id = await victims.doc('offers')
        return { request: { method: 'PATCH', path: `/offers/${id}`, json: { title: `Gekapert ${victims.next()}` } }, watch: docsWatch('offers', () => [id]), touches: ['offers:published'] }
      },
    },
    {
      row: 'offers.create',
      judge: 'write',
      prepare: async () => ({ request: { method: 'POST', path: '/offers', json: { ...sampleData(world, 'offers', victims.next(), world.orgA), _status: 'published' } }, watch: countWatch('offers') }),
    },
    { row: 'offers.read', judge: 'read', prepare: async () => ({ request: { method: 'GET', path: `/offers/${world.named.offerDraft}?draft=true` } }) },
    { row: 'users.read', judge: 'read', prepare: async () => ({ request: { method: 'GET', path: '/users/me' } }) },
  ]
  for (const c of cases) add({ actor: 'anonymous', crossSiteAs: 'editorOwn', row: c.row, allowed: false, judge: c.judge, prepare: c.prepare })
}

/** Guesses at secrets through `where` and `sort`, also through relation paths, for everyone who may not see them. */
function generateOracles(world: World): Oracle[] {
  const s = world.secrets
  const staffOnly = actors.filter((a) => allows('contacts', 'readUnpublished', a))
  const notes = fieldPolicy['contacts.internalNotes']!.read
  const editorEmail = world.canaries.find((c) => c.marker === world.users.editorOwn.email.split('@')[0])?.visibleTo ?? []
  const specs: { visibleTo: readonly Actor[]; row: string; path: string; param: string; secret: string; compare?: 'total' | 'order' }[] = [
    { visibleTo: notes, row: 'contacts.internalNotes via offers', path: '/offers', param: 'where[contacts.internalNotes][like]', secret: s.note },
    { visibleTo: notes, row: 'contacts.internalNotes via offers', path: '/offers/count', param: 'where[contacts.internalNotes][like]', secret: s.note },
    { visibleTo: notes, row: 'contacts.internalNotes via offers', path: '/offers?draft=true&depth=0', param: 'where[or][0][contacts.internalNotes][like]', secret: s.note },
    { visibleTo: notes, row: 'contacts.internalNotes', path: '/contacts', param: 'where[internalNotes][like]', secret: s.note },
    { visibleTo: staffOnly, row: 'unpublished contact via offers', path: '/offers', param: 'where[contacts.email][like]', secret: s.draftEmail },
    { visibleTo: staffOnly, row: 'unpublished contact via offers', path: '/offers?draft=true', param: 'where[contacts.email][like]', secret: s.draftEmail },
    { visibleTo: staffOnly, row: 'unpublished contact via offers', path: '/offers', param: 'where[contacts.name][like]', secret: s.draftContactName },
    { visibleTo: staffOnly, row: 'draft page via pages', path: '/pages', param: 'where[parent.title][like]', secret: s.draftPageTitle },
    { visibleTo: staffOnly, row: 'draft report via measures', path: '/measures', param: 'where[reports.title][like]', secret: s.draftReportTitle },
    {
      visibleTo: staffOnly,
      row: 'draft offer',
      path: '/offers?draft=true',
      param: 'where[title][like]',
      secret: world.canaries.find((c) => c.what === 'title of a draft offer')!.marker.slice('canary-'.length),
    },
    { visibleTo: editorEmail, row: 'media.uploadedBy via media', path: '/media', param: 'where[uploadedBy.email][like]', secret: s.editorEmail },
  ]
  const out: Oracle[] = []
  for (const spec of specs) {
    for (const actor of actors) {
      const control = actor === 'admin'
      if (spec.visibleTo.includes(actor) && !control) continue
      const join = spec.path.includes('?') ? '&' : '?'
      const wrong = spec.secret.replace(/[0-9a-f]/g, (ch) => (ch === '0' ? '1' : '0')).replace(/[g-z]/g, 'q')
      out.push({
        actor,
        row: spec.row,
        hit: `${spec.path}${join}${spec.param}=${encodeURIComponent(spec.secret)}`,
        miss: `${spec.path}${join}${spec.param}=${encodeURIComponent(wrong)}`,
        compare: 'total',
        control,
      })
    }
  }
  // Sorting by a hidden field orders the results by it.
  for (const actor of actors) {
    const control = actor === 'admin'
    if (notes.includes(actor) && !control) continue
    out.push({
      actor,
      row: 'contacts.internalNotes via offers (sort)',
      hit: '/offers?sort=contacts.internalNotes&depth=0&limit=100',
      miss: '/offers?sort=-contacts.internalNotes&depth=0&limit=100',
      compare: 'order',
      control,
    })
    out.push({ actor, row: 'contacts.internalNotes (sort)', hit: '/contacts?sort=internalNotes&depth=0&limit=100', miss: '/contacts?sort=-internalNotes&depth=0&limit=100', compare: 'order', control })
  }
  return out
}

/** What the suite reports for one request that got through. */
export interface Finding {
  actor: string
  method: string
  path: string
  status: number
  why: string
  row: string
}

export function formatFinding(f: Finding): string {
  return `${f.actor} ${f.method} /api${f.path} → ${f.status} (${f.why}) [${f.row}]`
}

/** The canaries an answer carries that its reader may see (proof that the canaries are reachable at all). */
export function seenCanaries(world: World, actor: Actor, res: RawResponse): string[] {
  const text = res.text.toLowerCase()
  return world.canaries.filter((c) => c.visibleTo.includes(actor) && text.includes(c.marker)).map((c) => c.marker)
}

/** What an answer carries that its reader may not see: canaries and internal fields. */
export function contentLeaks(world: World, actor: Actor, res: RawResponse): string[] {
  const text = res.text.toLowerCase()
  const out: string[] = []
  for (const c of forbiddenCanaries(world, actor)) if (text.includes(c.marker)) out.push(`shows ${c.what}`)
  const hidden = Object.entries(fieldPolicy).filter(([, rule]) => !rule.read.includes(actor))
  if (hidden.length && res.json !== undefined) {
    const names = new Map(hidden.map(([path]) => [path.split('.').pop()!, path]))
    const found = new Map<string, string>()
    walk(res.json, '', (key, _value, at) => {
      // `GET /api/access` lists every field's permissions under `fields`; that is not its value.
      if (names.has(key) && !at.endsWith(`.fields.${key}`) && !found.has(names.get(key)!)) found.set(names.get(key)!, at)
    })
    for (const [path, at] of found) out.push(`shows field ${path} (at ${at})`)
  }
  return out
}

function walk(value: unknown, at: string, visit: (key: string, value: unknown, at: string) => void): void {
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${at}[${i}]`, visit))
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      visit(k, v, `${at}.${k}`)
      walk(v, `${at}.${k}`, visit)
    }
  }
}

export type { Payload }
