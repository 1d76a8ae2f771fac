import type { CollectionSlug, Payload } from 'payload'
import { describe, expect, it } from 'vitest'

import { body, type Fixtures, type ID, useFixtureCms } from '../helpers/fixtures'

/**
 * The role matrix of issue #2, through the Local API with `overrideAccess: false`, exactly as
 * REST requests are checked: each role × each collection × create/read/update/delete/publish.
 */
type Op = 'create' | 'read' | 'update' | 'delete' | 'publish'
type Actor = 'admin' | 'press' | 'editorOwn' | 'editorOther' | 'translator' | 'anonymous'
type Row = Record<Op, boolean | null>

const Y = true
const N = false
const row = (create: boolean, read: boolean, update: boolean, del: boolean, publish: boolean | null): Row => ({ create, read, update, delete: del, publish })

/** Editors' own-organization collections (offers, contacts), press writes events too. */
const editorial = (pressWrites: boolean): Record<Actor, Row> => ({
  admin: row(Y, Y, Y, Y, Y),
  press: row(pressWrites, Y, pressWrites, pressWrites, pressWrites),
  editorOwn: row(Y, Y, Y, Y, Y),
  editorOther: row(Y, Y, N, N, N),
  translator: row(N, Y, N, N, N),
  anonymous: row(N, Y, N, N, N),
})
const pressOffice: Record<Actor, Row> = {
  admin: row(Y, Y, Y, Y, Y),
  press: row(Y, Y, Y, Y, Y),
  editorOwn: row(N, Y, N, N, N),
  editorOther: row(N, Y, N, N, N),
  translator: row(N, Y, N, N, N),
  anonymous: row(N, Y, N, N, N),
}
const reference: Record<Actor, Row> = {
  admin: row(Y, Y, Y, Y, null),
  press: row(N, Y, N, N, null),
  editorOwn: row(N, Y, N, N, null),
  editorOther: row(N, Y, N, N, null),
  translator: row(N, Y, N, N, null),
  anonymous: row(N, Y, N, N, null),
}
const users: Record<Actor, Row> = {
  admin: row(Y, Y, Y, Y, null),
  press: row(N, N, N, N, null),
  editorOwn: row(N, N, N, N, null),
  editorOther: row(N, N, N, N, null),
  translator: row(N, N, N, N, null),
  anonymous: row(N, N, N, N, null),
}

const matrix: Partial<Record<CollectionSlug, Record<Actor, Row>>> = {
  offers: editorial(false),
  contacts: editorial(false),
  events: editorial(true),
  reports: pressOffice,
  pages: pressOffice,
  measures: pressOffice,
  organizations: reference,
  municipalities: reference,
  topics: reference,
  users,
}

let payload: Payload
let f: Fixtures
useFixtureCms((world) => ({ payload, f } = world))

function actorUser(actor: Actor): Record<string, unknown> | undefined {
  switch (actor) {
    case 'admin':
      return f.users.admin.user
    case 'press':
      return f.users.press.user
    case 'editorOwn':
      return f.users.editorA.user
    case 'editorOther':
      return f.users.editorB.user
    case 'translator':
      return f.users.translator.user
    case 'anonymous':
      return undefined
  }
}

/** The organization an actor would put on a new document (editors: their own). */
function actorOrg(actor: Actor): ID {
  return actor === 'editorOther' ? f.orgB : f.orgA
}

let counter = 0
/** Valid data for a new document of a collection, owned by organization `org`. */
function newData(collection: CollectionSlug, org: ID): Record<string, unknown> {
  const n = ++counter
  switch (collection) {
    case 'offers':
      return { title: `Angebot ${n}`, municipality: f.municipality, organization: org, body: body('Text') }
    case 'contacts':
      return { name: `Kontakt ${n}`, kind: 'person', organization: org }
    case 'events':
      return { title: `Veranstaltung ${n}`, start: '2027-01-12T17:00:00.000Z', municipality: f.municipality, organizer: org }
    case 'reports':
      return { title: `Bericht ${n}`, publishedDate: '2026-01-01T12:00:00.000Z' }
    case 'pages':
      return { title: `Seite ${n}` }
    case 'measures':
      return { level: 'measure', parent: f.measureGoal, title: `Maßnahme ${n}` }
    case 'organizations':
      return { name: `Verein ${n}`, kind: 'association' }
    case 'municipalities':
      return { name: `Gemeinde ${n}` }
    case 'topics':
      return { name: `Thema ${n}` }
    case 'users':
      return { email: `user${n}@test.local`, password: 'long-enough-password', role: 'editor', organization: org }
    default:
      throw new Error(`no data for ${collection}`)
  }
}

/** The field that names a document of the collection. */
const titleKey = (collection: CollectionSlug) => (['contacts', 'organizations', 'municipalities', 'topics', 'users'].includes(collection) ? 'name' : 'title')

const hasDrafts = (collection: CollectionSlug) => Boolean(payload.collections[collection]?.config.versions?.drafts)

/** A document the actor's rights are tested on: owned by organization A, made by an admin. */
async function target(collection: CollectionSlug, status: 'draft' | 'published' = 'published'): Promise<ID> {
  const drafts = hasDrafts(collection)
  const doc = await payload.create({
    collection,
    data: { ...newData(collection, f.orgA), ...(drafts ? { _status: status } : {}) } as never,
    draft: drafts && status === 'draft',
  })
  return doc.id
}

/** Runs an operation; `true` when it went through, `false` when access or ownership refused it. */
async function allowed(fn: () => Promise<unknown>): Promise<boolean> {
  try {
    await fn()
    return true
  } catch (err) {
    const e = err as { status?: number; name?: string; data?: { errors?: { path?: string }[] } }
    if (e.status === 403 || e.status === 404 || e.name === 'Forbidden' || e.name === 'NotFound') return false
    // Editors naming a foreign organization are refused by the organization field itself.
    if (e.name === 'ValidationError' && e.data?.errors?.some((x) => x.path === 'organization' || x.path === 'organizer')) return false
    throw err
  }
}

async function check(collection: CollectionSlug, actor: Actor, op: Op): Promise<boolean> {
  const user = actorUser(actor)
  const as = { overrideAccess: false, user } as const
  const drafts = hasDrafts(collection)
  switch (op) {
    case 'create':
      return allowed(() => payload.create({ collection, data: newData(collection, actorOrg(actor)) as never, ...as, draft: drafts }))
    case 'read': {
      const id = collection === 'users' ? f.users.admin.id : await target(collection)
      return allowed(() => payload.findByID({ collection, id, ...as }))
    }
    case 'update': {
      const id = collection === 'users' ? f.users.admin.id : await target(collection)
      const data = { [titleKey(collection)]: 'Geändert' }
      return allowed(() => payload.update({ collection, id, locale: 'de', data: data as never, ...as }))
    }
    case 'delete': {
      const id = collection === 'users' ? (await payload.create({ collection: 'users', data: newData('users', f.orgA) as never })).id : await target(collection)
      return allowed(() => payload.delete({ collection, id, ...as }))
    }
    case 'publish': {
      const id = await target(collection, 'draft')
      const ok = await allowed(() => payload.update({ collection, id, locale: actor === 'translator' ? 'ar' : 'de', data: { _status: 'published' } as never, ...as }))
      const after = await payload.findByID({ collection, id, draft: false, depth: 0 })
      // Publishing counts only when the document really is published afterwards.
      return ok && (after as { _status?: string })._status === 'published'
    }
  }
}

describe('role matrix', () => {
  for (const [collection, actors] of Object.entries(matrix) as [CollectionSlug, Record<Actor, Row>][]) {
    describe(collection, () => {
      for (const [actor, expected] of Object.entries(actors) as [Actor, Row][]) {
        it(`${actor}: ${Object.entries(expected)
          .map(([op, v]) => `${op}=${v === null ? '-' : v ? 'yes' : 'no'}`)
          .join(' ')}`, async () => {
          const actual: Partial<Row> = {}
          for (const op of Object.keys(expected) as Op[]) {
            if (expected[op] === null) continue
            actual[op] = await check(collection, actor, op)
          }
          const wanted = Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== null))
          expect(actual).toEqual(wanted)
        })
      }
    })
  }
})

describe('reading as the public', () => {
  it('lists only published documents and never drafts', async () => {
    const { docs } = await payload.find({ collection: 'offers', overrideAccess: false, limit: 100 })
    const ids = docs.map((d) => d.id)
    expect(ids).toContain(f.offerA)
    expect(ids).not.toContain(f.draftOfferA)
    await expect(payload.findByID({ collection: 'offers', id: f.draftOfferA, overrideAccess: false })).rejects.toThrow()
  })

  it('never sees internal notes, which editors do see', async () => {
    const publicContact = await payload.findByID({ collection: 'contacts', id: f.contactA, overrideAccess: false })
    expect(publicContact).not.toHaveProperty('internalNotes')
    const forTranslator = await payload.findByID({ collection: 'contacts', id: f.contactA, overrideAccess: false, user: f.users.translator.user })
    expect(forTranslator).not.toHaveProperty('internalNotes')
    const forEditor = await payload.findByID({ collection: 'contacts', id: f.contactA, overrideAccess: false, user: f.users.editorB.user })
    expect(forEditor.internalNotes).toContain('Vertretung')
  })

  it('cannot list users', async () => {
    await expect(payload.find({ collection: 'users', overrideAccess: false })).rejects.toThrow()
  })
})

describe('editors and their organization', () => {
  it('lets an editor edit only own entries when listing in bulk', async () => {
    const result = await payload.update({
      collection: 'offers',
      where: { title: { like: 'a' } },
      data: { scheduleNote: 'Bulk' },
      overrideAccess: false,
      user: f.users.editorA.user,
    })
    const orgs = new Set(result.docs.map((d) => (typeof d.organization === 'object' ? d.organization?.id : d.organization)))
    expect(result.docs.length).toBeGreaterThan(0)
    expect([...orgs]).toEqual([f.orgA])
  })

  it('fills in the own organization and refuses moving an entry to another one, naming the field', async () => {
    const created = await payload.create({
      collection: 'offers',
      data: { title: 'Ohne Organisation', municipality: f.municipality } as never,
      overrideAccess: false,
      user: f.users.editorA.user,
      draft: true,
    })
    const org = created.organization
    expect(typeof org === 'object' && org ? org.id : org).toBe(f.orgA)
    await expect(payload.update({ collection: 'offers', id: created.id, data: { organization: f.orgB }, overrideAccess: false, user: f.users.editorA.user })).rejects.toMatchObject({
      data: { errors: [expect.objectContaining({ path: 'organization', message: expect.stringContaining('Organisation') })] },
    })
  })
})

describe('translators', () => {
  it('translate a published document in Arabic and it stays published', async () => {
    const updated = await payload.update({
      collection: 'offers',
      id: f.offerA,
      locale: 'ar',
      data: { title: 'مقهى اللغة في فيتموند' },
      overrideAccess: false,
      user: f.users.translator.user,
    })
    expect(updated.title).toBe('مقهى اللغة في فيتموند')
    expect(updated._status).toBe('published')
    const german = await payload.findByID({ collection: 'offers', id: f.offerA, locale: 'de' })
    expect(german.title).toBe('Sprach-Café Wittmund')
  })

  it('cannot change fields shared by all languages', async () => {
    const updated = await payload.update({
      collection: 'offers',
      id: f.offerA,
      locale: 'ar',
      data: { municipality: f.otherMunicipality, slug: 'anders', summary: 'ملخص' },
      overrideAccess: false,
      user: f.users.translator.user,
    })
    const municipality = typeof updated.municipality === 'object' ? updated.municipality?.id : updated.municipality
    expect(municipality).toBe(f.municipality)
    expect(updated.slug).toBe('sprach-cafe-wittmund')
    expect(updated.summary).toBe('ملخص')
  })

  it('cannot write German, the source language', async () => {
    await expect(payload.update({ collection: 'offers', id: f.offerA, locale: 'de', data: { title: 'Überschrieben' }, overrideAccess: false, user: f.users.translator.user })).rejects.toThrow()
  })
})

describe('users', () => {
  it('cannot give themselves another role', async () => {
    const updated = await payload.update({
      collection: 'users',
      id: f.users.editorA.id,
      data: { role: 'admin', name: 'Editor A' },
      overrideAccess: false,
      user: f.users.editorA.user,
    })
    expect(updated.role).toBe('editor')
    expect(updated.name).toBe('Editor A')
  })
})
