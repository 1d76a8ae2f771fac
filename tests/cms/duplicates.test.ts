import type { Payload } from 'payload'
import { describe, expect, it } from 'vitest'

import { titleSimilarity } from '@lotse/cms/duplicates/similar'

import { type Fixtures, restAs, useFixtureCms } from '../helpers/fixtures'

/**
 * Duplicate warning (issue 11): an entry with a very similar title in the same organization and
 * municipality is called out, with a link, before a second one is created.
 */
process.env.LOTSE_JOBS = 'off'
process.env.LOTSE_DEPLOY_COMMAND = 'exit 3'
process.env.LOTSE_DEPLOY_PRESTART = 'off'

let payload: Payload
let f: Fixtures
useFixtureCms((world) => ({ payload, f } = world))

const as = (email: string | null) => restAs(payload, email)

interface SimilarBody {
  entries: { id: string; title: string; similarity: number; editUrl: string }[]
  errors?: { message: string }[]
}
const ask = async (who: string | null, params: Record<string, string | number>) =>
  (await as(who)).json<SimilarBody>('GET', `/similar-entries?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`)

describe('title similarity', () => {
  it('counts case, accents, punctuation and spacing as the same title', () => {
    expect(titleSimilarity('Sprach-Café Wittmund', 'sprachcafe  wittmund!')).toBeGreaterThanOrEqual(0.85)
  })
  it('keeps different offers of one place apart', () => {
    expect(titleSimilarity('Sprach-Café Wittmund', 'Nähcafé Wittmund')).toBeLessThan(0.85)
  })
  it('calls out titles that differ only in a level code (a warning the editor judges, never a refusal)', () => {
    expect(titleSimilarity('Integrationskurs A1', 'Integrationskurs B2')).toBeGreaterThanOrEqual(0.85)
  })
})

describe('GET /api/similar-entries', () => {
  it('finds an offer with a near-identical title in the same organization and municipality, with a link', async () => {
    const { status, body } = await ask(f.users.editorA.email, { collection: 'offers', title: 'Sprachcafé  Wittmund', organization: f.orgA, municipality: f.municipality })
    expect(status).toBe(200)
    expect(body.entries.map((e) => e.id)).toEqual([String(f.offerA)])
    expect(body.entries[0]!.editUrl).toBe(`/admin/collections/offers/${f.offerA}`)
  })

  it('finds nothing in another organization or another municipality', async () => {
    expect((await ask(f.users.editorA.email, { collection: 'offers', title: 'Sprach-Café Wittmund', organization: f.orgB, municipality: f.municipality })).body.entries).toEqual([])
    expect((await ask(f.users.editorA.email, { collection: 'offers', title: 'Sprach-Café Wittmund', organization: f.orgA, municipality: f.otherMunicipality })).body.entries).toEqual([])
  })

  it('looks in every municipality while none is chosen yet', async () => {
    const { body } = await ask(f.users.editorA.email, { collection: 'offers', title: 'Sprach-Café Wittmund', organization: f.orgA })
    expect(body.entries.map((e) => e.id)).toEqual([String(f.offerA)])
  })

  it('leaves out the entry itself when editing it', async () => {
    expect((await ask(f.users.editorA.email, { collection: 'offers', title: 'Sprach-Café Wittmund', organization: f.orgA, municipality: f.municipality, exclude: f.offerA })).body.entries).toEqual([])
  })

  it('finds contacts by name', async () => {
    const { body } = await ask(f.users.editorA.email, { collection: 'contacts', title: 'Anlaufstelle Integrations', organization: f.orgA })
    expect(body.entries.map((e) => e.id)).toContain(String(f.contactA))
  })

  it('is refused to anonymous readers', async () => {
    expect((await ask(null, { collection: 'offers', title: 'Sprach-Café Wittmund' })).status).toBe(401)
  })

  it.each([
    ['an unknown collection', { collection: 'users', title: 'admin' }, 'collection:'],
    ['no title', { collection: 'offers' }, 'title:'],
    ['an ID that is none', { collection: 'offers', title: 'x y z', organization: '1 OR 1=1' }, 'organization:'],
  ])('answers %s with a 400 naming the parameter', async (_, params, field) => {
    const { status, body } = await ask(f.users.editorA.email, params)
    expect(status).toBe(400)
    expect(body.errors![0]!.message.startsWith(field)).toBe(true)
  })
})
