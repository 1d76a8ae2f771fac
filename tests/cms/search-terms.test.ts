import type { Payload } from 'payload'
import { describe, expect, it } from 'vitest'

import { synonymsFor } from '@lotse/content-schemas'

import { buildSnapshot } from '@lotse/cms/export/snapshot'
import { type Fixtures, TEST_PASSWORD, useFixtureCms } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'

/**
 * Search terms (issue 10): the press office keeps groups of equivalent words over REST, bad
 * groups are refused with a 400 naming the field, the public reads the groups without their
 * notes, the export carries them for the site build, and saving one queues a rebuild.
 */
let payload: Payload
let f: Fixtures
useFixtureCms((world) => ({ payload, f } = world))

const rest = () => new RestClient(payload.config)
async function as(email: string | null): Promise<RestClient> {
  const client = rest()
  if (email) expect(await client.login(email, TEST_PASSWORD)).toBe(200)
  return client
}

const group = (terms: string[], locales = ['de'], notes?: string) => ({ terms: terms.map((term) => ({ term })), appliesIn: locales, ...(notes ? { notes } : {}) })

interface ErrorBody {
  errors?: { message?: string; data?: { errors?: { path?: string; message?: string }[] } }[]
}
const fieldErrors = (body: ErrorBody) => (body.errors ?? []).flatMap((e) => e.data?.errors ?? [])

const queuedBuilds = async () => (await payload.find({ collection: 'deploys', where: { status: { equals: 'queued' } }, limit: 100, depth: 0 })).docs

describe('search terms in the CMS', () => {
  it('lets the press office create a group, titled by its terms', async () => {
    const press = await as(f.users.press.email)
    const { status, body } = await press.json<{ doc: { title: string; appliesIn: string[] } }>('POST', '/search-terms', {
      body: group(['Deutschkurs', 'Sprachkurs', 'Integrationskurs'], ['de', 'de-x-ls']),
    })
    expect(status).toBe(201)
    expect(body.doc.title).toBe('Deutschkurs = Sprachkurs = Integrationskurs')
    expect(body.doc.appliesIn).toEqual(['de', 'de-x-ls'])
  })

  it('keeps editors and translators out, and admins in', async () => {
    for (const email of [f.users.editorA.email, f.users.translator.email, null]) {
      const { status } = await (await as(email)).json('POST', '/search-terms', { body: group([`Arzt ${email}`, 'Doktor']) })
      expect(status, String(email)).toBe(403)
    }
    expect((await (await as(f.users.admin.email)).json('POST', '/search-terms', { body: group(['Arzt', 'Doktor']) })).status).toBe(201)
  })

  it.each([
    ['an empty group', group([]), 'terms', 'Begriffe: Eine Gruppe braucht mindestens 2 Begriffe'],
    ['a group of one', group(['Jobcenter']), 'terms', 'Begriffe: Eine Gruppe braucht mindestens 2 Begriffe'],
    ['a term of one character', group(['Jobcenter', 'J']), 'terms.1.term', 'Begriff: „J“ ist zu kurz'],
    ['an empty term', group(['Jobcenter', 'Arbeitsamt', ' ']), 'terms.2.term', 'Begriff: Bitte ausfüllen.'],
    ['a term twice', group(['Jobcenter', 'Arbeitsamt', 'jobcenter ']), 'terms', 'Begriffe: „jobcenter“ steht zweimal in der Gruppe.'],
    ['no locale', group(['Jobcenter', 'Arbeitsamt'], []), 'appliesIn', 'Gilt in den Sprachen: Bitte ausfüllen.'],
  ])('refuses %s with a 400 naming the field, and stores nothing', async (_, data, path, message) => {
    const before = (await payload.count({ collection: 'search-terms' })).totalDocs
    const { status, body } = await (await as(f.users.press.email)).json<ErrorBody>('POST', '/search-terms', { body: data })
    expect(status).toBe(400)
    const error = fieldErrors(body).find((e) => e.path === path)
    expect(error, JSON.stringify(body)).toBeDefined()
    expect(error!.message).toContain(message)
    expect((await payload.count({ collection: 'search-terms' })).totalDocs).toBe(before)
  })

  it('refuses an update that would leave a group of one', async () => {
    const created = await payload.create({ collection: 'search-terms', data: group(['Kita', 'Kindergarten']) as never })
    const { status, body } = await (await as(f.users.press.email)).json<ErrorBody>('PATCH', `/search-terms/${created.id}`, { body: { terms: [{ term: 'Kita' }] } })
    expect(status).toBe(400)
    expect(fieldErrors(body).map((e) => e.path)).toContain('terms')
    const after = await payload.findByID({ collection: 'search-terms', id: created.id, depth: 0 })
    expect(after.terms?.map((t: { term?: string | null }) => t.term)).toEqual(['Kita', 'Kindergarten'])
  })

  it('shows the public the groups but not their notes', async () => {
    await payload.create({ collection: 'search-terms', data: group(['Jobcenter', 'جوب سنتر'], ['ar'], 'Quelle: Sprachmittlerin Frau K.') as never })
    const { status, body } = await rest().json<{ docs: { title: string; notes?: string }[] }>('GET', '/search-terms?limit=100')
    expect(status).toBe(200)
    expect(body.docs.map((d) => d.title)).toContain('Jobcenter = جوب سنتر')
    expect(JSON.stringify(body)).not.toContain('Sprachmittlerin')
    // Nor one guess at a time through a query on the notes.
    const guess = await rest().json<{ docs?: unknown[] }>('GET', `/search-terms?where[notes][like]=${encodeURIComponent('Sprachmittlerin')}`)
    expect(guess.body.docs ?? []).toEqual([])
    const { body: staffBody } = await (await as(f.users.translator.email)).json<{ docs: { notes?: string }[] }>('GET', '/search-terms?limit=100')
    expect(JSON.stringify(staffBody)).toContain('Sprachmittlerin')
  })
})

describe('search terms in the export', () => {
  it('carries every group with its terms and locales, never its notes', async () => {
    await payload.create({ collection: 'search-terms', data: group(['Hebamme', 'Entbindungspfleger'], ['de'], 'interne Notiz zur Hebamme') as never })
    const { snapshot } = await buildSnapshot(payload)
    expect(snapshot.searchTerms).toContainEqual({ terms: ['Hebamme', 'Entbindungspfleger'], locales: ['de'] })
    expect(snapshot.searchTerms).toContainEqual({ terms: ['Jobcenter', 'جوب سنتر'], locales: ['ar'] })
    expect(JSON.stringify(snapshot)).not.toContain('interne Notiz')
    // What the site build does with them: a page that says "Hebamme" is found by the other term too.
    expect(synonymsFor('Sprechstunde der Hebamme in Esens', 'de', snapshot.searchTerms)).toContain('Entbindungspfleger')
  })

  it('gives the same snapshot order however the database returns the groups', async () => {
    const first = (await buildSnapshot(payload)).snapshot.searchTerms
    const second = (await buildSnapshot(payload)).snapshot.searchTerms
    expect(second).toEqual(first)
    expect(first.length).toBe((await payload.count({ collection: 'search-terms' })).totalDocs)
  })
})

describe('search terms and the site', () => {
  it('queues a rebuild when the press office saves, changes or deletes a group', async () => {
    await payload.delete({ collection: 'deploys', where: { id: { exists: true } } })
    const press = await as(f.users.press.email)
    const { body } = await press.json<{ doc: { id: number } }>('POST', '/search-terms', { body: group(['Tafel', 'Lebensmittelausgabe']) })
    // Without drafts every save is public at once; the trigger calls it a change, as for topics.
    expect((await queuedBuilds()).map((d) => d.summary)).toEqual(['Geändert: Tafel = Lebensmittelausgabe'])
    expect((await press.json('PATCH', `/search-terms/${body.doc.id}`, { body: { terms: [{ term: 'Tafel' }, { term: 'Essensausgabe' }] } })).status).toBe(200)
    expect((await press.json('DELETE', `/search-terms/${body.doc.id}`)).status).toBe(200)
    expect((await queuedBuilds()).map((d) => d.summary).sort()).toEqual(['Gelöscht: Tafel = Essensausgabe', 'Geändert: Tafel = Essensausgabe', 'Geändert: Tafel = Lebensmittelausgabe'].sort())
  })
})
