import type { Payload } from 'payload'
import { afterAll, beforeAll, expect } from 'vitest'

import { paragraphsToLexical } from '@lotse/cms/seed/richText'

import { createTestCms, type TestCms } from './payload'
import { RestClient } from './rest'

export type ID = number | string

/** A password long enough for the 12-character rule, the same for every test user. */
export const TEST_PASSWORD = 'correct-horse-battery'

export interface Fixtures {
  municipality: ID
  otherMunicipality: ID
  topic: ID
  orgA: ID
  orgB: ID
  users: Record<'admin' | 'press' | 'editorA' | 'editorB' | 'translator', { id: ID; email: string; user: Record<string, unknown> }>
  /** Published offer of organization A. */
  offerA: ID
  /** Draft (never published) offer of organization A. */
  draftOfferA: ID
  /** Published offer of organization B. */
  offerB: ID
  contactA: ID
  eventA: ID
  report: ID
  page: ID
  measureField: ID
  measureGoal: ID
  measure: ID
}

export const body = (text: string) => paragraphsToLexical([text])

/**
 * The smallest world the access and validation tests need: two organizations with one editor
 * each, one user per role, and one document of each public kind (published unless named draft).
 */
export async function createFixtures(payload: Payload): Promise<Fixtures> {
  const municipality = (await payload.create({ collection: 'municipalities', data: { name: 'Stadt Wittmund' } })).id
  const otherMunicipality = (await payload.create({ collection: 'municipalities', data: { name: 'Samtgemeinde Esens' } })).id
  const topic = (await payload.create({ collection: 'topics', data: { name: 'Sprache' } })).id
  const orgA = (await payload.create({ collection: 'organizations', data: { name: 'AWO Kreisverband', kind: 'welfare' } })).id
  const orgB = (await payload.create({ collection: 'organizations', data: { name: 'Diakonisches Werk', kind: 'welfare' } })).id

  const makeUser = async (email: string, role: string, organization?: ID) => {
    const user = await payload.create({ collection: 'users', data: { email, password: TEST_PASSWORD, role: role as 'admin', organization } })
    return { id: user.id, email, user: { ...user, collection: 'users' } as Record<string, unknown> }
  }
  const users = {
    admin: await makeUser('admin@test.local', 'admin'),
    press: await makeUser('presse@test.local', 'press'),
    editorA: await makeUser('editor-a@test.local', 'editor', orgA),
    editorB: await makeUser('editor-b@test.local', 'editor', orgB),
    translator: await makeUser('translator@test.local', 'translator'),
  }

  const offer = (title: string, organization: ID, status: 'draft' | 'published') =>
    payload.create({
      collection: 'offers',
      draft: status === 'draft',
      data: { title, summary: `${title} – Kurzbeschreibung`, body: body(`${title} Text`), municipality, organization, topics: [topic], _status: status },
    })
  const offerA = (await offer('Sprach-Café Wittmund', orgA, 'published')).id
  const draftOfferA = (await offer('Hausaufgabenhilfe (Entwurf)', orgA, 'draft')).id
  const offerB = (await offer('Nähcafé Esens', orgB, 'published')).id

  const contactA = (
    await payload.create({
      collection: 'contacts',
      data: {
        name: 'Anlaufstelle Integration',
        kind: 'office',
        organization: orgA,
        languages: ['de', 'ar'],
        phone: '04462 86-1234',
        internalNotes: 'Vertretung über Frau M., privat 0170 0000000',
        _status: 'published',
      },
    })
  ).id
  const eventA = (
    await payload.create({
      collection: 'events',
      data: { title: 'Informationsabend Ausbildung', start: '2026-12-03T17:00:00.000Z', municipality, organizer: orgA, _status: 'published' },
    })
  ).id
  const report = (await payload.create({ collection: 'reports', data: { title: 'Anlaufstelle eröffnet', publishedDate: '2019-07-01T12:00:00.000Z', _status: 'published' } })).id
  const page = (await payload.create({ collection: 'pages', data: { title: 'Erste Schritte', _status: 'published' } })).id
  const measureField = (await payload.create({ collection: 'measures', data: { level: 'field', title: 'Begegnung und Teilhabe', _status: 'published' } })).id
  const measureGoal = (await payload.create({ collection: 'measures', data: { level: 'goal', parent: measureField, title: 'Die Erstorientierung ist erleichtert.', _status: 'published' } })).id
  const measure = (
    await payload.create({
      collection: 'measures',
      data: { level: 'measure', parent: measureGoal, title: 'Digitale Formate werden eingerichtet.', status: 'in_progress', _status: 'published' },
    })
  ).id

  return { municipality, otherMunicipality, topic, orgA, orgB, users, offerA, draftOfferA, offerB, contactA, eventA, report, page, measureField, measureGoal, measure }
}

/**
 * Registers a test file's CMS: a fresh temporary database with the fixtures, created before
 * the file's tests and removed after them. `ready` receives it once it exists.
 */
export function useFixtureCms(ready: (world: { cms: TestCms; payload: Payload; f: Fixtures }) => void): void {
  let cms: TestCms | undefined
  beforeAll(async () => {
    cms = await createTestCms()
    ready({ cms, payload: cms.payload, f: await createFixtures(cms.payload) })
  })
  afterAll(async () => cms?.cleanup())
}

/** A REST client through Payload's real handlers, signed in as `email` (anonymous for null). */
export async function restAs(payload: Payload, email: string | null): Promise<RestClient> {
  const client = new RestClient(payload.config)
  if (email) expect(await client.login(email, TEST_PASSWORD), `login of ${email}`).toBe(200)
  return client
}
