import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { sendDigests } from '@lotse/cms/freshness/digest'

import { buildSnapshot } from '@lotse/cms/export/snapshot'
import { createFixtures, type Fixtures, TEST_PASSWORD, restAs, useFixtureCms } from '../helpers/fixtures'
import { createTestCms, type TestCms } from '../helpers/payload'
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtpServer'

/**
 * Freshness in the CMS (issue 11): "still correct" sets the last check and nothing else, the
 * to-check list shows each member of staff what is due, the admin's intervals drive both and the
 * site build, and the weekly digest mail reaches each organization's editors once a week.
 */
process.env.LOTSE_JOBS = 'off'
process.env.LOTSE_DEPLOY_COMMAND = 'exit 3'
process.env.LOTSE_DEPLOY_PRESTART = 'off'

const MONTH = 30.5 * 86_400_000
const monthsAgo = (n: number) => new Date(Date.now() - n * MONTH).toISOString()

let payload: Payload
let f: Fixtures
useFixtureCms((world) => ({ payload, f } = world))

const as = (email: string | null) => restAs(payload, email)

const read = async (collection: 'offers' | 'contacts', id: number | string, draft = false) =>
  (await payload.findByID({ collection, id: id as number, draft, depth: 0, overrideAccess: true })) as unknown as Record<string, unknown>
const queuedFor = async (collection: string, id: number | string) =>
  (await payload.find({ collection: 'deploys', where: { status: { equals: 'queued' } }, pagination: false, depth: 0 })).docs.filter((d) =>
    ((d as { triggers?: { collection: string; id: string }[] }).triggers ?? []).some((t) => t.collection === collection && t.id === String(id)),
  ).length

interface ToCheckBody {
  entries: { collection: string; id: string; title: string; state: string; organization: { name: string } | null; mayEdit: boolean; published: boolean }[]
  counts: { organization: { name: string } | null; due: number; overdue: number }[]
  allOrganizations: boolean
}

describe('“still correct”', () => {
  it('sets the last check of a published offer to now and leaves its text and translation state alone', async () => {
    await payload.update({ collection: 'offers', id: f.offerA, data: { reviewedAt: monthsAgo(9) } as never, context: { lotseSeed: true } })
    const before = await read('offers', f.offerA)
    const builds = await queuedFor('offers', f.offerA)
    const started = Date.now()
    const { status, body } = await (await as(f.users.editorA.email)).json<{ reviewedAt: string }>('POST', `/offers/${f.offerA}/still-correct`)
    expect(status, JSON.stringify(body)).toBe(200)
    const after = await read('offers', f.offerA)
    expect(new Date(String(after.reviewedAt)).getTime()).toBeGreaterThanOrEqual(started - 1000)
    expect(after.title).toBe(before.title)
    expect(after._status).toBe('published')
    expect(after.translationStatus).toEqual(before.translationStatus)
    expect(await queuedFor('offers', f.offerA)).toBe(builds + 1)
  })

  it('keeps changes waiting in a newer draft a draft, and dates both', async () => {
    await payload.update({ collection: 'offers', id: f.offerA, draft: true, data: { title: 'Sprach-Café (neuer Entwurf)', reviewedAt: monthsAgo(9) } as never })
    const { status } = await (await as(f.users.editorA.email)).json('POST', `/offers/${f.offerA}/still-correct`)
    expect(status).toBe(200)
    const published = await read('offers', f.offerA)
    const draft = await read('offers', f.offerA, true)
    expect(published.title).toBe('Sprach-Café Wittmund')
    expect(published._status).toBe('published')
    expect(draft.title).toBe('Sprach-Café (neuer Entwurf)')
    expect(draft._status).toBe('draft')
    expect(Date.now() - new Date(String(published.reviewedAt)).getTime()).toBeLessThan(60_000)
    expect(Date.now() - new Date(String(draft.reviewedAt)).getTime()).toBeLessThan(60_000)
  })

  it('confirms a contact', async () => {
    await payload.update({ collection: 'contacts', id: f.contactA, data: { reviewedAt: monthsAgo(7) } as never, context: { lotseSeed: true } })
    expect((await (await as(f.users.editorA.email)).json('POST', `/contacts/${f.contactA}/still-correct`)).status).toBe(200)
    expect(Date.now() - new Date(String((await read('contacts', f.contactA)).reviewedAt)).getTime()).toBeLessThan(60_000)
  })

  it.each([
    ['an editor of another organization', 'editorB', 403],
    ['a translator', 'translator', 403],
    ['the press office (offers are the organizations’ own)', 'press', 403],
    ['an anonymous reader', null, 401],
  ] as const)('is refused to %s, leaving the date as it was', async (_, who, expected) => {
    await payload.update({ collection: 'offers', id: f.offerB, data: { reviewedAt: monthsAgo(9) } as never, context: { lotseSeed: true } })
    const id = who === 'editorB' ? f.offerA : f.offerB
    await payload.update({ collection: 'offers', id, data: { reviewedAt: monthsAgo(9) } as never, context: { lotseSeed: true } })
    const before = (await read('offers', id)).reviewedAt
    const { status } = await (await as(who ? f.users[who].email : null)).json('POST', `/offers/${id}/still-correct`)
    expect(status).toBe(expected)
    expect((await read('offers', id)).reviewedAt).toBe(before)
  })

  it('answers 423 while someone else has the entry open, and changes nothing', async () => {
    await payload.update({ collection: 'offers', id: f.offerA, data: { reviewedAt: monthsAgo(9) } as never, context: { lotseSeed: true } })
    const before = (await read('offers', f.offerA, true)).reviewedAt
    const lock = await payload.create({
      collection: 'payload-locked-documents',
      data: { document: { relationTo: 'offers', value: f.offerA }, user: { relationTo: 'users', value: f.users.admin.id } } as never,
    })
    try {
      const { status, body } = await (await as(f.users.editorA.email)).json<{ errors: { message: string }[] }>('POST', `/offers/${f.offerA}/still-correct`)
      expect(status).toBe(423)
      expect(body.errors[0]!.message).toContain('gerade von jemand anderem bearbeitet')
      expect((await read('offers', f.offerA, true)).reviewedAt).toBe(before)
    } finally {
      await payload.delete({ collection: 'payload-locked-documents', id: lock.id })
    }
  })

  it('answers 404 for an entry that does not exist', async () => {
    expect((await (await as(f.users.editorA.email)).json('POST', '/offers/999999/still-correct')).status).toBe(404)
  })
})

describe('the to-check list', () => {
  beforeAll(async () => {
    const quiet = { context: { lotseSeed: true } }
    // Published explicitly: an earlier test left a draft, whose state an update would otherwise take.
    await payload.update({ collection: 'offers', id: f.offerA, data: { reviewedAt: monthsAgo(9), _status: 'published' } as never, ...quiet }) // overdue (6 months + 8 weeks)
    await payload.update({ collection: 'contacts', id: f.contactA, data: { reviewedAt: monthsAgo(7) } as never, ...quiet }) // due
    await payload.update({ collection: 'offers', id: f.offerB, data: { reviewedAt: monthsAgo(10) } as never, ...quiet }) // overdue, organization B
    await payload.update({ collection: 'offers', id: f.draftOfferA, draft: true, data: { reviewedAt: monthsAgo(1) } as never, ...quiet }) // current
    await payload.create({
      collection: 'events',
      data: { title: 'Sommerfest 2024', start: '2024-07-06T12:00:00.000Z', municipality: f.municipality, organizer: f.orgA, _status: 'published' } as never,
      ...quiet,
    })
  })

  const keys = (body: ToCheckBody) => body.entries.map((e) => `${e.collection}:${e.id}:${e.state}`)
  let pastEvent: string

  it('shows an editor the due and overdue entries of their own organization, oldest first', async () => {
    pastEvent = String((await payload.find({ collection: 'events', where: { title: { equals: 'Sommerfest 2024' } }, depth: 0 })).docs[0]!.id)
    const { status, body } = await (await as(f.users.editorA.email)).json<ToCheckBody>('GET', '/to-check')
    expect(status).toBe(200)
    expect(body.allOrganizations).toBe(false)
    const list = keys(body)
    const [offer, contact, event] = [`offers:${f.offerA}:overdue`, `contacts:${f.contactA}:due`, `events:${pastEvent}:due`]
    expect(list).toEqual(expect.arrayContaining([offer, contact, event]))
    expect(list.some((k) => k.startsWith(`offers:${f.offerB}:`))).toBe(false)
    expect(list.some((k) => k.startsWith(`offers:${f.draftOfferA}:`))).toBe(false)
    expect(list.indexOf(event)).toBeLessThan(list.indexOf(offer))
    expect(list.indexOf(offer)).toBeLessThan(list.indexOf(contact))
    expect(body.entries.find((e) => e.collection === 'offers' && e.id === String(f.offerA))).toMatchObject({ mayEdit: true, published: true })
  })

  it('shows the press office every organization’s entries with counts per organization', async () => {
    const { body } = await (await as(f.users.press.email)).json<ToCheckBody>('GET', '/to-check')
    expect(body.allOrganizations).toBe(true)
    expect(keys(body)).toEqual(expect.arrayContaining([`offers:${f.offerA}:overdue`, `offers:${f.offerB}:overdue`]))
    const counts = Object.fromEntries(body.counts.map((c) => [c.organization?.name ?? '-', c]))
    expect(counts['Diakonisches Werk']).toMatchObject({ overdue: 1, due: 0 })
    expect(counts['AWO Kreisverband']!.overdue).toBeGreaterThanOrEqual(1)
    expect(counts['AWO Kreisverband']!.due).toBeGreaterThanOrEqual(2)
    expect(body.entries.find((e) => e.id === String(f.offerB))!.mayEdit).toBe(false)
  })

  it('is empty for a translator and refused to anonymous readers', async () => {
    expect((await (await as(f.users.translator.email)).json<ToCheckBody>('GET', '/to-check')).body.entries).toEqual([])
    expect((await (await as(null)).json('GET', '/to-check')).status).toBe(401)
  })

  it('drops an entry once it is confirmed', async () => {
    const editor = await as(f.users.editorA.email)
    expect((await editor.json('POST', `/contacts/${f.contactA}/still-correct`)).status).toBe(200)
    expect(keys((await editor.json<ToCheckBody>('GET', '/to-check')).body).some((k) => k.startsWith(`contacts:${f.contactA}:`))).toBe(false)
  })
})

describe('the review intervals', () => {
  it('are changed by admins only', async () => {
    expect((await (await as(f.users.editorA.email)).json('POST', '/globals/freshness', { body: { offerMonths: 24 } })).status).toBe(403)
    expect((await (await as(f.users.press.email)).json('POST', '/globals/freshness', { body: { offerMonths: 24 } })).status).toBe(403)
    expect((await (await as(f.users.editorA.email)).json<{ offerMonths: number }>('GET', '/globals/freshness')).body.offerMonths).toBe(6)
  })

  it('refuses a fraction of a month with a 400 naming the field', async () => {
    const { status, body } = await (
      await as(f.users.admin.email)
    ).json<{ errors: { data?: { errors?: { path: string; message: string }[] } }[] }>('POST', '/globals/freshness', {
      body: { offerMonths: 6.5 },
    })
    expect(status).toBe(400)
    expect(body.errors[0]!.data!.errors![0]).toMatchObject({ path: 'offerMonths', message: expect.stringContaining('ganze Zahl von 1 bis 36') })
  })

  it('decide what is due, and reach the site through the export', async () => {
    await payload.update({ collection: 'offers', id: f.offerB, data: { reviewedAt: monthsAgo(10) } as never, context: { lotseSeed: true } })
    const admin = await as(f.users.admin.email)
    expect((await admin.json('POST', '/globals/freshness', { body: { offerMonths: 12, contactMonths: 6, graceWeeks: 4 } })).status).toBe(200)
    try {
      const { body } = await admin.json<ToCheckBody>('GET', '/to-check')
      expect(body.entries.some((e) => e.title === 'Nähcafé Esens')).toBe(false)
      expect((await buildSnapshot(payload)).snapshot.freshness).toEqual({ offerMonths: 12, contactMonths: 6, graceWeeks: 4 })
      expect(await queuedFor('freshness', '-')).toBeGreaterThanOrEqual(1)
    } finally {
      await payload.updateGlobal({ slug: 'freshness', data: { offerMonths: 6, contactMonths: 6, graceWeeks: 8 }, context: { lotseSeed: true } })
    }
  })
})

describe('the weekly digest mail', () => {
  let cms: TestCms
  let mail: Payload
  let g: Fixtures
  let smtp: TestSmtpServer
  let port: number
  const WEEK = 7 * 86_400_000
  const day = (iso: string) => new Date(iso).toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' })
  const overdueCheck = monthsAgo(9)
  const dueCheck = monthsAgo(7)

  beforeAll(async () => {
    const refusing = await startSmtpServer({ refuse: true })
    port = refusing.port
    await refusing.close()
    cms = await createTestCms({ mail: { smtpUrl: `smtp://127.0.0.1:${port}`, fromAddress: 'lotse@lk.wittmund.test', fromName: 'Lotse Wittmund' } })
    mail = cms.payload
    g = await createFixtures(mail)
    const quiet = { context: { lotseSeed: true } }
    await mail.update({ collection: 'offers', id: g.offerA, data: { reviewedAt: overdueCheck } as never, ...quiet })
    await mail.update({ collection: 'contacts', id: g.contactA, data: { reviewedAt: dueCheck } as never, ...quiet })
    await mail.update({ collection: 'offers', id: g.offerB, data: { reviewedAt: monthsAgo(1) } as never, ...quiet }) // organization B: nothing to check
    await mail.update({ collection: 'events', id: g.eventA, data: { start: new Date(Date.now() + 4 * WEEK).toISOString() } as never, ...quiet })
    await mail.update({ collection: 'offers', id: g.draftOfferA, draft: true, data: { reviewedAt: monthsAgo(1) } as never, ...quiet })
    await mail.create({ collection: 'users', data: { email: 'zweite-awo@test.local', password: TEST_PASSWORD, role: 'editor', organization: g.orgA } as never })
  }, 120_000)

  afterAll(async () => {
    await cms?.cleanup()
    await smtp?.close()
  })

  const digests = async () => (await mail.find({ collection: 'freshness-digests', depth: 0, pagination: false })).docs

  it('keeps no record when the mail server refuses, so the next run sends it', async () => {
    const refusing = await startSmtpServer({ refuse: true, port })
    try {
      await expect(sendDigests(await createLocalReq({}, mail))).rejects.toThrow(/AWO Kreisverband: .*Relay access denied/)
    } finally {
      await refusing.close()
    }
    expect(await digests()).toEqual([])
  })

  it('sends the editors of an organization with entries to check one German mail, as a job on the queue', async () => {
    smtp = await startSmtpServer({ port })
    const job = (await mail.jobs.queue({ task: 'freshnessDigest' as never, input: {} as never })) as unknown as { id: number | string }
    await mail.jobs.runByID({ id: job.id })
    const received = await smtp.nthMail(1)
    expect(received.to.sort()).toEqual(['editor-a@test.local', 'zweite-awo@test.local'])
    expect(received.subject).toMatch(/^Lotse: 2 Einträge zu prüfen \(AWO Kreisverband, \d{4} KW \d\d\)$/)
    expect(received.text).toContain(
      `Überfällig – auf der Website steht bereits, dass diese Angaben nicht bestätigt sind (1):\n- Angebot „Sprach-Café Wittmund“: zuletzt geprüft am ${day(overdueCheck)}\n  http://localhost:3000/admin/collections/offers/${g.offerA}`,
    )
    expect(received.text).toContain(`Fällig (1):\n- Ansprechpartner „Anlaufstelle Integration“: zuletzt geprüft am ${day(dueCheck)}\n  http://localhost:3000/admin/collections/contacts/${g.contactA}`)
    expect(received.text).toContain('http://localhost:3000/admin/to-check')
    expect(smtp.mails).toHaveLength(1)
  })

  it('sends nothing more in the same week', async () => {
    const result = await sendDigests(await createLocalReq({}, mail))
    expect(result.sent).toEqual([])
    expect(smtp.mails).toHaveLength(1)
    expect((await digests()).map((d) => (d as unknown as { week: string }).week)).toEqual([result.week])
  })

  it('sends again the next week', async () => {
    const result = await sendDigests(await createLocalReq({}, mail), new Date(Date.now() + WEEK))
    expect(result.sent.map((s) => s.organization)).toEqual(['AWO Kreisverband'])
    expect(smtp.mails).toHaveLength(2)
  })

  it('sends no mail without SMTP_URL', async () => {
    const result = await sendDigests(await createLocalReq({}, payload))
    expect(result).toMatchObject({ sent: [], reason: expect.stringContaining('SMTP_URL') })
    expect((await payload.count({ collection: 'freshness-digests' })).totalDocs).toBe(0)
  })
})
