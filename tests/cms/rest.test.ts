import type { SanitizedConfig } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createFixtures, TEST_PASSWORD, type Fixtures } from '../helpers/fixtures'
import { createTestCms, type TestCms } from '../helpers/payload'
import { RestClient } from '../helpers/rest'

/** The REST API as anonymous readers and editors meet it. */
let cms: TestCms
let f: Fixtures
let rest: RestClient

beforeAll(async () => {
  cms = await createTestCms()
  f = await createFixtures(cms.payload)
  rest = new RestClient(cms.payload.config as SanitizedConfig)
})
afterAll(async () => cms?.cleanup())

describe('anonymous REST readers', () => {
  it('see published offers only', async () => {
    const { status, body } = await rest.json<{ docs: { id: unknown; _status: string }[] }>('GET', '/offers?limit=100&depth=0')
    expect(status).toBe(200)
    const ids = body.docs.map((d) => d.id)
    expect(ids).toContain(f.offerA)
    expect(ids).not.toContain(f.draftOfferA)
    expect(body.docs.every((d) => d._status === 'published')).toBe(true)
    expect((await rest.request('GET', `/offers/${f.draftOfferA}`)).status).toBe(404)
  })

  it('cannot read drafts by asking for them', async () => {
    const { body } = await rest.json<{ docs: { id: unknown }[] }>('GET', '/offers?draft=true&limit=100&depth=0')
    expect(body.docs.map((d) => d.id)).not.toContain(f.draftOfferA)
  })

  it('never get internal notes or users', async () => {
    const { body } = await rest.json('GET', `/contacts/${f.contactA}`)
    expect(body.name).toBe('Anlaufstelle Integration')
    expect(body).not.toHaveProperty('internalNotes')
    expect(JSON.stringify(body)).not.toContain('0170')
    expect((await rest.request('GET', '/users')).status).toBe(403)
    expect((await rest.request('GET', `/users/${f.users.admin.id}`)).status).toBe(403)
  })

  it('cannot write', async () => {
    const res = await rest.request('PATCH', `/offers/${f.offerA}`, { body: { title: 'Gehackt' } })
    expect(res.status).toBe(403)
  })

  it('get localized content with German fallback', async () => {
    await cms.payload.update({ collection: 'offers', id: f.offerA, locale: 'uk', data: { title: 'Мовне кафе Віттмунд' } })
    const uk = await rest.json('GET', `/offers/${f.offerA}?locale=uk`)
    expect(uk.body.title).toBe('Мовне кафе Віттмунд')
    const ti = await rest.json('GET', `/offers/${f.offerA}?locale=ti`)
    expect(ti.body.title).toBe('Sprach-Café Wittmund')
  })

  it('find no GraphQL endpoint', async () => {
    const res = await rest.request('POST', '/graphql', { body: { query: '{ Offers { docs { title } } }' } })
    expect(res.status).toBe(404)
  })
})

describe('signed-in editors over REST', () => {
  it('log in, edit their own offer and are refused on another organization’s', async () => {
    expect(await rest.login(f.users.editorA.email, TEST_PASSWORD)).toBe(200)
    const own = await rest.json('PATCH', `/offers/${f.offerA}`, { body: { title: 'Sprach-Café Wittmund (dienstags)' } })
    expect(own.status).toBe(200)
    const foreign = await rest.request('PATCH', `/offers/${f.offerB}`, { body: { title: 'Übernommen' } })
    expect(foreign.status).toBe(403)
    rest.logout()
  })

  it('get validation errors that name the field in their admin language', async () => {
    expect(await rest.login(f.users.editorA.email, TEST_PASSWORD)).toBe(200)
    const de = await rest.json<{ errors: { data?: { errors: { path: string; message: string }[] } }[] }>('PATCH', `/contacts/${f.contactA}`, {
      body: { phone: 'keine Nummer' },
      headers: { 'Accept-Language': 'de' },
    })
    expect(de.status).toBe(400)
    expect(de.body.errors[0]?.data?.errors[0]).toMatchObject({ path: 'phone', message: expect.stringMatching(/^Telefon: /) })
    const en = await rest.json<{ errors: { data?: { errors: { path: string; message: string }[] } }[] }>('PATCH', `/contacts/${f.contactA}`, {
      body: { phone: 'no number' },
      headers: { 'Accept-Language': 'en' },
    })
    expect(en.body.errors[0]?.data?.errors[0]).toMatchObject({ path: 'phone', message: expect.stringMatching(/^Phone: /) })
    rest.logout()
  })

  it('are locked out after repeated wrong passwords', async () => {
    for (let i = 0; i < 5; i++) await rest.login(f.users.translator.email, 'wrong-password-123')
    expect(await rest.login(f.users.translator.email, TEST_PASSWORD)).not.toBe(200)
  })
})
