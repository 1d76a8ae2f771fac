import { readdirSync } from 'node:fs'
import type { CollectionSlug, SanitizedConfig } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createTestCms, type TestCms } from '../helpers/payload'
import { RawRest, type RawResponse } from '../helpers/rawRest'
import type { Actor } from './policy'
import { namesField, pngWithScript, uploadForm } from './probes'
import { type ID, png, PASSWORD, sampleData, snapshotCount, Victims, type World, createWorld } from './world'

/**
 * Named regression tests for the items of issue #8 on the CMS side: each confirmed hole
 * (1 uploads, 3 translators and `_status`, 4 ownership through drafts, 5 transactions, 6 client
 * mistakes as 500) and each finding by reading (locks and unlock, unused uploads listed,
 * relation-path `where`), one behaviour per test, through the real REST handlers. The
 * hostile suite (`hostile.test.ts`) covers the same ground generically; these name it.
 */
process.env.LOTSE_JOBS = 'off'
process.env.LOTSE_DEPLOY_COMMAND = 'exit 3'
process.env.LOTSE_DEPLOY_PRESTART = 'off'
process.env.LOTSE_LOG_LEVEL = process.env.HOSTILE_LOG_LEVEL ?? 'fatal'

let cms: TestCms
let world: World
let victims: Victims
let client: RawRest
const tokens: Partial<Record<Actor, string>> = {}

beforeAll(async () => {
  cms = await createTestCms()
  world = await createWorld(cms.payload)
  victims = new Victims(world)
  client = new RawRest(cms.payload.config as SanitizedConfig)
  for (const actor of ['translator', 'editorOwn', 'editorOther', 'press', 'admin'] as const) tokens[actor] = await client.login(world.actor[actor].email!, PASSWORD)
}, 300_000)
afterAll(async () => cms?.cleanup())

const as = (actor: Actor) => tokens[actor]
const find = (collection: string, id: ID, draft = false) =>
  cms.payload.findByID({ collection: collection as CollectionSlug, id, draft, depth: 0, overrideAccess: true, showHiddenFields: true, disableErrors: true } as never) as Promise<Record<
    string,
    unknown
  > | null>
const idOf = (res: RawResponse) => (res.json as { doc?: { id?: ID } } | undefined)?.doc?.id
const relation = (value: unknown) => (value && typeof value === 'object' ? (value as { id: ID }).id : value)
const is4xx = (status: number) => status >= 400 && status < 500

/** The name uploads are stored under: content hash, slug of the alt text, extension of the sniffed type. */
const STORED_PNG = /^[0-9a-f]{12}-[a-z0-9-]+\.png$/

describe('1: uploads cannot put a script on the site', () => {
  it('stores a PNG uploaded as cover.html (HTML appended) under a .png name of hash and alt text', async () => {
    const res = await client.send({ method: 'POST', path: '/media', token: as('editorOwn'), form: uploadForm(await pngWithScript(), 'cover.html', 'image/png', { alt: 'Titelbild Sprachcafé' }) })
    expect(res.status).toBe(201)
    const doc = await find('media', idOf(res)!)
    expect(doc?.filename).toMatch(STORED_PNG)
  })

  it('records the sniffed type, not the one the client sent', async () => {
    const res = await client.send({ method: 'POST', path: '/media', token: as('editorOwn'), form: uploadForm(await png(), 'logo.svg', 'image/svg+xml', { alt: 'Logo' }) })
    const doc = res.status === 201 ? await find('media', idOf(res)!) : null
    // Refusing the mismatch (naming the file) is as good as storing the PNG as a PNG.
    if (doc) expect([doc.mimeType, doc.filename]).toEqual(['image/png', expect.stringMatching(STORED_PNG)])
    else expect(res.status === 400 && namesField(res, 'file')).toBe(true)
  })

  it('keeps no file with an HTML name in the upload folder after replacing a file with cover.html', async () => {
    const id = await victims.fresh('media')
    const res = await client.send({ method: 'PATCH', path: `/media/${id}`, token: as('editorOwn'), form: uploadForm(await pngWithScript(), 'cover.html', 'image/png', {}) })
    expect(res.status).toBe(200)
    expect((await find('media', id))?.filename).toMatch(STORED_PNG)
    expect(readdirSync(world.staticDir).filter((f) => !/\.(png|webp|avif)$/.test(f))).toEqual([])
  })

  it('refuses an editor replacing another organization’s file', async () => {
    const id = await victims.fresh('media')
    const before = await find('media', id)
    const res = await client.send({ method: 'PATCH', path: `/media/${id}`, token: as('editorOther'), form: uploadForm(await png(), 'neu.png', 'image/png', {}) })
    expect(res.status).toBe(403)
    expect((await find('media', id))?.filename).toBe(before?.filename)
  })

  it('refuses a translator replacing a file', async () => {
    const id = await victims.fresh('media')
    const before = await find('media', id)
    const res = await client.send({ method: 'PATCH', path: `/media/${id}?locale=ar`, token: as('translator'), form: uploadForm(await png(), 'neu.png', 'image/png', {}) })
    expect(is4xx(res.status)).toBe(true)
    expect((await find('media', id))?.filesize).toBe(before?.filesize)
  })

  it('refuses an editor changing another organization’s alt text', async () => {
    const id = await victims.fresh('media')
    const res = await client.send({ method: 'PATCH', path: `/media/${id}`, token: as('editorOther'), json: { alt: 'Übernommen' } })
    expect(res.status).toBe(403)
  })

  it('gives an editor’s upload to the editor’s own organization, whatever the request names', async () => {
    const res = await client.send({ method: 'POST', path: '/media', token: as('editorOwn'), form: uploadForm(await png(), 'bild.png', 'image/png', { alt: 'Bild', organization: world.orgB }) })
    if (res.status === 201) expect(relation((await find('media', idOf(res)!))?.organization)).toBe(world.orgA)
    else expect(res.status === 400 && namesField(res, 'organization')).toBe(true)
  })

  it('records the uploader, whatever the request names', async () => {
    const res = await client.send({ method: 'POST', path: '/media', token: as('editorOwn'), form: uploadForm(await png(), 'bild.png', 'image/png', { alt: 'Bild', uploadedBy: world.users.admin.id }) })
    expect(res.status).toBe(201)
    expect(relation((await find('media', idOf(res)!))?.uploadedBy)).toBe(world.users.editorOwn.id)
  })

  it('keeps filename, mimeType and url when an editor writes them directly', async () => {
    const id = await victims.fresh('media')
    const before = await find('media', id)
    await client.send({ method: 'PATCH', path: `/media/${id}`, token: as('editorOwn'), json: { filename: 'cover.html', mimeType: 'text/html', url: 'javascript:alert(1)' } })
    const after = await find('media', id)
    expect([after?.filename, after?.mimeType, after?.url]).toEqual([before?.filename, before?.mimeType, before?.url])
  })

  it('lets an editor delete an upload of their own organization', async () => {
    const id = await victims.fresh('media')
    const res = await client.send({ method: 'DELETE', path: `/media/${id}`, token: as('editorOwn') })
    expect(res.status).toBe(200)
  })
})

describe('3: translators never publish or unpublish', () => {
  it('keeps a page published when a translator sends _status draft in English', async () => {
    const id = await victims.fresh('pages', 'published')
    const res = await client.send({ method: 'PATCH', path: `/pages/${id}?locale=en`, token: as('translator'), json: { _status: 'draft' } })
    expect((await find('pages', id))?._status, `answered ${res.status}`).toBe('published')
  })

  it('keeps a draft unpublished when a translator sends _status published with a translation', async () => {
    const id = await victims.fresh('pages', 'draft')
    await client.send({ method: 'PATCH', path: `/pages/${id}?locale=ar`, token: as('translator'), json: { title: 'صفحة', _status: 'published' } })
    expect((await find('pages', id))?._status).toBe('draft')
  })

  it('lets a translator save a translation of a published page, which stays published', async () => {
    const id = await victims.fresh('pages', 'published')
    const res = await client.send({ method: 'PATCH', path: `/pages/${id}?locale=ar`, token: as('translator'), json: { title: 'الخطوات الأولى' } })
    expect(res.status).toBe(200)
    expect((await find('pages', id))?._status).toBe('published')
  })
})

describe('4: editors write only for their own organization, drafts included', () => {
  it('refuses a draft offer for another organization', async () => {
    const before = await snapshotCount(cms.payload, 'offers', { organization: { equals: world.orgB } })
    const res = await client.send({ method: 'POST', path: '/offers?draft=true', token: as('editorOwn'), json: { ...sampleData(world, 'offers', victims.next(), world.orgB), _status: 'draft' } })
    expect(is4xx(res.status), `answered ${res.status}`).toBe(true)
    expect(await snapshotCount(cms.payload, 'offers', { organization: { equals: world.orgB } })).toBe(before)
  })

  it('refuses moving the draft of an own offer to another organization', async () => {
    const id = await victims.fresh('offers', 'published')
    const res = await client.send({ method: 'PATCH', path: `/offers/${id}?draft=true`, token: as('editorOwn'), json: { organization: world.orgB } })
    expect(is4xx(res.status), `answered ${res.status}`).toBe(true)
    expect(relation((await find('offers', id, true))?.organization)).toBe(world.orgA)
  })

  it('names the organization field when refusing', async () => {
    const res = await client.send({ method: 'POST', path: '/offers?draft=true', token: as('editorOwn'), json: { ...sampleData(world, 'offers', victims.next(), world.orgB), _status: 'draft' } })
    expect(res.status === 400 && namesField(res, 'organization'), res.text.slice(0, 300)).toBe(true)
  })

  it('refuses an editor duplicating another organization’s offer', async () => {
    const id = await victims.fresh('offers', 'published')
    const before = await snapshotCount(cms.payload, 'offers')
    const res = await client.send({ method: 'POST', path: `/offers/${id}/duplicate?draft=true`, token: as('editorOther'), json: {} })
    expect(is4xx(res.status), `answered ${res.status}`).toBe(true)
    expect(await snapshotCount(cms.payload, 'offers')).toBe(before)
  })
})

describe('5 and 6: a failed write changes nothing and is answered 400 with the field', () => {
  /** Row IDs the published fixture offer already uses. */
  const takenRows = async () => ((await find('offers', world.named.offerPublished))?.schedule as { id: string }[]).map((r) => ({ id: r.id, weekday: 'mon', from: '09:00', to: '10:00' }))
  const everything = async () => [await snapshotCount(cms.payload, 'offers'), await snapshotCount(cms.payload, 'deploys'), await snapshotCount(cms.payload, 'payload-jobs')].join(' ')

  it('leaves no document, version, deploy or job behind when a published create fails halfway', async () => {
    const before = await everything()
    await client.send({
      method: 'POST',
      path: '/offers',
      token: as('editorOwn'),
      json: { ...sampleData(world, 'offers', victims.next(), world.orgA), schedule: await takenRows(), _status: 'published' },
    })
    expect(await everything()).toBe(before)
  })

  it('answers array rows with taken IDs with 400 naming the field', async () => {
    const res = await client.send({
      method: 'POST',
      path: '/offers',
      token: as('editorOwn'),
      json: { ...sampleData(world, 'offers', victims.next(), world.orgA), schedule: await takenRows(), _status: 'published' },
    })
    expect(res.status === 400 && namesField(res, 'schedule'), `${res.status} ${res.text.slice(0, 200)}`).toBe(true)
  })

  it('leaves the other document’s rows alone when an update sends its row IDs', async () => {
    const id = await victims.fresh('offers', 'published')
    const other = JSON.stringify((await find('offers', world.named.offerPublished))?.schedule)
    await client.send({ method: 'PATCH', path: `/offers/${id}`, token: as('editorOwn'), json: { schedule: await takenRows() } })
    expect(JSON.stringify((await find('offers', world.named.offerPublished))?.schedule)).toBe(other)
  })

  it('answers a relation to a document that does not exist with 400 naming the field', async () => {
    const res = await client.send({ method: 'POST', path: '/offers', token: as('editorOwn'), json: { ...sampleData(world, 'offers', victims.next(), world.orgA), municipality: 999999 } })
    expect(res.status === 400 && namesField(res, 'municipality'), `${res.status} ${res.text.slice(0, 200)}`).toBe(true)
  })

  it('leaves an offer unchanged when an update names a contact that does not exist', async () => {
    const id = await victims.fresh('offers', 'published')
    const before = JSON.stringify(await find('offers', id))
    const res = await client.send({ method: 'PATCH', path: `/offers/${id}`, token: as('editorOwn'), json: { contacts: [999999] } })
    expect(res.status === 400 && namesField(res, 'contacts'), `${res.status} ${res.text.slice(0, 200)}`).toBe(true)
    expect(JSON.stringify(await find('offers', id))).toBe(before)
  })
})

describe('locks and the login lockout', () => {
  const lockOf = (offer: ID, user: ID) => ({ document: { relationTo: 'offers', value: offer }, user: { relationTo: 'users', value: user } })
  const locksOn = async (offer: ID) => (await cms.payload.count({ collection: 'payload-locked-documents', where: { 'document.value': { equals: offer } }, overrideAccess: true })).totalDocs

  it('refuses a lock by someone who may not edit the document', async () => {
    const offer = await victims.fresh('offers', 'draft', 'lockTarget')
    const res = await client.send({ method: 'POST', path: '/payload-locked-documents', token: as('editorOther'), json: lockOf(offer, world.users.editorOther.id) })
    expect(res.status).toBe(403)
    expect(await locksOn(offer)).toBe(0)
  })

  it('refuses a lock in somebody else’s name', async () => {
    const offer = await victims.fresh('offers', 'draft', 'forged')
    await client.send({ method: 'POST', path: '/payload-locked-documents', token: as('editorOwn'), json: lockOf(offer, world.users.bystander.id) })
    const held = await cms.payload.find({ collection: 'payload-locked-documents', where: { 'document.value': { equals: offer } }, overrideAccess: true, depth: 0 })
    expect(held.docs.map((d) => relation((d.user as { value: unknown }).value))).not.toContain(world.users.bystander.id)
  })

  it('refuses a member of staff removing somebody else’s lock', async () => {
    const lock = await victims.fresh('payload-locked-documents')
    const res = await client.send({ method: 'DELETE', path: `/payload-locked-documents/${lock}`, token: as('press') })
    expect(res.status).toBe(403)
    expect(await find('payload-locked-documents', lock)).not.toBeNull()
  })

  it('lets an admin remove somebody else’s lock', async () => {
    const lock = await victims.fresh('payload-locked-documents')
    const res = await client.send({ method: 'DELETE', path: `/payload-locked-documents/${lock}`, token: as('admin') })
    expect(res.status).toBe(200)
  })

  it('refuses POST /api/users/unlock to anyone but an admin', async () => {
    victims.spoil(['users:locked'])
    const id = await victims.lockedUser()
    const { email } = (await find('users', id)) as { email: string }
    const res = await client.send({ method: 'POST', path: '/users/unlock', token: as('translator'), json: { email } })
    expect(res.status).toBe(403)
    expect((await find('users', id))?.lockUntil).toBeTruthy()
  })

  it('lets an admin lift the lockout', async () => {
    victims.spoil(['users:locked'])
    const id = await victims.lockedUser()
    const { email } = (await find('users', id)) as { email: string }
    const res = await client.send({ method: 'POST', path: '/users/unlock', token: as('admin'), json: { email } })
    expect(res.status).toBe(200)
    expect((await find('users', id))?.lockUntil ?? null).toBeNull()
  })
})

describe('anonymous readers see only media a published document uses', () => {
  const listed = async (query = '') => ((await client.send({ method: 'GET', path: `/media?limit=100&depth=0${query}` })).json as { docs: { id: ID }[] }).docs.map((d) => d.id)

  it('does not list an upload no document uses', async () => {
    expect(await listed()).not.toContain(world.named.unusedMedia)
  })

  it('does not list an upload only a draft uses', async () => {
    expect(await listed('&draft=true')).not.toContain(world.named.draftCoverMedia)
  })

  it('lists the cover image of a published report', async () => {
    expect(await listed()).toContain(world.named.usedMedia)
  })

  it('does not serve the file of an unused upload', async () => {
    const file = (await find('media', world.named.unusedMedia))?.filename as string
    const res = await client.send({ method: 'GET', path: `/media/file/${encodeURIComponent(file)}` })
    expect(is4xx(res.status), `answered ${res.status}`).toBe(true)
  })

  it('never shows who uploaded a file', async () => {
    const res = await client.send({ method: 'GET', path: `/reports/${world.named.reportPublished}?depth=2` })
    expect(res.status).toBe(200)
    expect((res.json as { coverImage?: Record<string, unknown> }).coverImage).not.toHaveProperty('uploadedBy')
  })
})

describe('where and sort through relation paths reveal nothing hidden', () => {
  const total = async (path: string, actor?: Actor) => {
    const res = await client.send({ method: 'GET', path, token: actor ? as(actor) : undefined })
    return res.status === 200 ? (res.json as { totalDocs: number }).totalDocs : `status ${res.status}`
  }
  const guess = (path: string, param: string, right: string, wrong: string, actor?: Actor) =>
    Promise.all([total(`${path}?${param}=${encodeURIComponent(right)}`, actor), total(`${path}?${param}=${encodeURIComponent(wrong)}`, actor)])

  it('answers a right and a wrong guess at a contact’s internal note alike (through offers)', async () => {
    const [a, b] = await guess('/offers', 'where[contacts.internalNotes][like]', world.secrets.note, '0170 9999999', 'translator')
    expect(a).toEqual(b)
  })

  it('answers a right and a wrong guess at an unpublished contact’s e-mail alike (through offers)', async () => {
    const [a, b] = await guess('/offers', 'where[contacts.email][like]', world.secrets.draftEmail, 'nobody-here')
    expect(a).toEqual(b)
  })

  it('answers a right and a wrong guess at a draft parent’s title alike (through pages)', async () => {
    const [a, b] = await guess('/pages', 'where[parent.title][like]', world.secrets.draftPageTitle, 'nothing-like-it')
    expect(a).toEqual(b)
  })

  it('answers a right and a wrong guess at an uploader’s e-mail alike (through media)', async () => {
    const [a, b] = await guess('/media', 'where[uploadedBy.email][like]', world.secrets.editorEmail, 'nobody-here')
    expect(a).toEqual(b)
  })

  it('does not sort offers by their contacts’ internal notes', async () => {
    const order = async (sort: string) => {
      const res = await client.send({ method: 'GET', path: `/offers?sort=${sort}&depth=0&limit=100`, token: as('translator') })
      return res.status === 200 ? JSON.stringify((res.json as { docs: { id: ID }[] }).docs.map((d) => d.id)) : `status ${res.status}`
    }
    expect(await order('contacts.internalNotes')).toEqual(await order('-contacts.internalNotes'))
  })
})
