import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Payload } from 'payload'
import { describe, expect, it } from 'vitest'

import { siteStatus, type SiteStatus } from '@lotse/cms/publish/status'

import { type Fixtures, TEST_PASSWORD, useFixtureCms } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'

/**
 * Publish means rebuild: which saves queue a site build, and how a burst of publishes is
 * coalesced. Builds themselves are not run here (see the deploy tests); the queue is inspected.
 */
let payload: Payload
let f: Fixtures
useFixtureCms((world) => ({ payload, f } = world))

const pendingJobs = async () =>
  (await payload.count({ collection: 'payload-jobs', where: { and: [{ taskSlug: { equals: 'rebuildSite' } }, { completedAt: { exists: false } }, { processing: { equals: false } }] } })).totalDocs

async function reset() {
  await payload.delete({ collection: 'payload-jobs', where: { taskSlug: { equals: 'rebuildSite' } } })
  await payload.delete({ collection: 'deploys', where: { id: { exists: true } } })
}

/**
 * Runs `fn` with the deploy command replaced (the boundary these tests stop at). The stand-in
 * answers over the deploy protocol on fd 3 (cms/src/publish/protocol.ts), as the real deploy does.
 */
async function withDeployCommand<T>(command: string, fn: () => Promise<T>): Promise<T> {
  process.env.LOTSE_DEPLOY_COMMAND = command
  try {
    return await fn()
  } finally {
    delete process.env.LOTSE_DEPLOY_COMMAND
  }
}

async function queuedTriggers(): Promise<{ action: string; title: string }[]> {
  const { docs } = await payload.find({ collection: 'deploys', where: { status: { equals: 'queued' } }, sort: 'queuedAt', limit: 100 })
  return docs.flatMap((d) => (d.triggers as { action: string; title: string }[]) ?? [])
}

describe('what triggers a rebuild', () => {
  it('ignores draft saves, and rebuilds on publish, edit, unpublish and delete', async () => {
    await reset()
    const draft = await payload.create({ collection: 'offers', draft: true, data: { title: 'Neues Angebot', municipality: f.municipality, organization: f.orgA, _status: 'draft' } })
    await payload.update({ collection: 'offers', id: draft.id, draft: true, data: { summary: 'noch ein Entwurf' } })
    expect(await pendingJobs()).toBe(0)
    expect(await queuedTriggers()).toEqual([])

    await payload.update({ collection: 'offers', id: draft.id, data: { _status: 'published' } })
    expect((await queuedTriggers()).map((t) => t.action)).toEqual(['publish'])

    // A draft of a published document changes nothing public.
    await payload.update({ collection: 'offers', id: draft.id, draft: true, data: { title: 'Neuer Titel (Entwurf)' } })
    expect((await queuedTriggers()).map((t) => t.action)).toEqual(['publish'])

    await payload.update({ collection: 'offers', id: draft.id, data: { title: 'Neuer Titel', _status: 'published' } })
    await payload.update({ collection: 'offers', id: draft.id, data: { _status: 'draft' } })
    await payload.delete({ collection: 'offers', id: f.offerB })
    const unpublishedDraft = await payload.create({
      collection: 'events',
      draft: true,
      data: { title: 'Nie veröffentlicht', start: '2027-01-01T10:00:00.000Z', municipality: f.municipality, organizer: f.orgA, _status: 'draft' },
    })
    await payload.delete({ collection: 'events', id: unpublishedDraft.id })
    // After a draft, publishing its changes counts as a publish again.
    expect((await queuedTriggers()).map((t) => t.action)).toEqual(['publish', 'publish', 'unpublish', 'delete'])
    expect(await pendingJobs()).toBe(1)
  })

  it('rebuilds when a scheduled publish comes due', async () => {
    await reset()
    const draft = await payload.create({ collection: 'offers', draft: true, data: { title: 'Sprachkurs ab Montag', municipality: f.municipality, organization: f.orgA, _status: 'draft' } })
    // What the admin's "schedule publish" queues: Payload's own task, due now.
    const job = await payload.jobs.queue({ task: 'schedulePublish', input: { type: 'publish', doc: { relationTo: 'offers', value: String(draft.id) } }, waitUntil: new Date(Date.now() - 1000) })
    expect(await queuedTriggers()).toEqual([])
    await payload.jobs.runByID({ id: job.id })
    expect((await payload.findByID({ collection: 'offers', id: draft.id, depth: 0 }))._status).toBe('published')
    expect(await queuedTriggers()).toEqual([expect.objectContaining({ action: 'publish', title: 'Sprachkurs ab Montag' })])
    expect(await pendingJobs()).toBe(1)
  })

  it('lets seeding and imports opt out', async () => {
    await reset()
    await payload.create({ collection: 'topics', data: { name: 'Import' }, context: { lotseSeed: true } })
    expect(await pendingJobs()).toBe(0)
    await payload.create({ collection: 'topics', data: { name: 'Von Hand' } })
    expect(await pendingJobs()).toBe(1)
  })

  it.each([
    ['one after another', false],
    ['all at once', true],
  ] as const)('coalesces a burst of 30 publishes (%s) into one build that includes all of them', async (_, parallel) => {
    await reset()
    const counterDir = mkdtempSync(path.join(tmpdir(), 'lotse-builds-'))
    const counter = path.join(counterDir, 'builds')
    // The deploy command is the boundary here: it counts how often a build ran.
    try {
      await withDeployCommand(`echo build >> ${counter}; echo '{"type":"result","release":"r","phases":{"build":1}}' >&3`, async () => {
        const publish = (i: number) =>
          payload.create({ collection: 'events', data: { title: `Termin ${i + 1}`, start: '2027-02-01T10:00:00.000Z', municipality: f.municipality, organizer: f.orgA, _status: 'published' } })
        if (parallel) await Promise.all(Array.from({ length: 30 }, (_, i) => publish(i)))
        else for (let i = 0; i < 30; i++) await publish(i)
        if (!parallel) expect(await pendingJobs()).toBe(1)
        const triggers = await queuedTriggers()
        expect(new Set(triggers.map((t) => t.title)).size).toBe(30)

        for (let i = 0; i < 40 && (await pendingJobs()) > 0; i++) await payload.jobs.run({ limit: 50 })
        const builds = readFileSync(counter, 'utf8').trim().split('\n').length
        expect(builds).toBeLessThanOrEqual(2)
        const done = await payload.find({ collection: 'deploys', where: { status: { equals: 'success' } }, limit: 10 })
        const included = new Set(done.docs.flatMap((d) => ((d.triggers as { title: string }[]) ?? []).map((t) => t.title)))
        expect(included.size).toBe(30)
      })
    } finally {
      rmSync(counterDir, { recursive: true, force: true })
    }
  })
})

describe('a failing build', () => {
  it('is recorded with its reason, and the next publish tries again', async () => {
    await reset()
    await withDeployCommand(`echo '{"type":"failure","reason":"the Astro build stopped (injected failure)"}' >&3; exit 1`, async () => {
      await payload.update({ collection: 'pages', id: f.page, data: { title: 'Erste Schritte in Wittmund' } })
      await payload.jobs.run({ limit: 5 })
      const { docs } = await payload.find({ collection: 'deploys', sort: '-createdAt', limit: 1 })
      expect(docs[0]).toMatchObject({ status: 'failed', reason: 'the Astro build stopped (injected failure)' })
      expect(docs[0]?.summary).toContain('Erste Schritte in Wittmund')
      const failedJob = await payload.find({ collection: 'payload-jobs', where: { taskSlug: { equals: 'rebuildSite' } }, sort: '-createdAt', limit: 1 })
      expect(failedJob.docs[0]?.hasError).toBe(true)

      await payload.update({ collection: 'pages', id: f.page, data: { summary: 'Neu' } })
      expect(await pendingJobs()).toBe(1)
    })
  })
})

describe('what editors see', () => {
  it('says per document whether it is queued, live or failed, and on the dashboard what went live when', async () => {
    await reset()
    await payload.update({ collection: 'offers', id: f.offerA, data: { title: 'Elterncafé am Mittwoch' } })
    const doc = { collection: 'offers', id: String(f.offerA) }
    expect((await siteStatus(payload, doc)).document).toBe('queued')

    await withDeployCommand(`echo '{"type":"result","release":"r1","phases":{"export":100,"build":2000}}' >&3`, () => payload.jobs.run({ limit: 5 }))
    const live = await siteStatus(payload, doc)
    expect(live.document).toBe('live')
    expect(live.lastSuccess).toMatchObject({ status: 'success', triggers: 1 })
    expect(live.lastSuccess?.summary).toBe('Geändert: Elterncafé am Mittwoch')
    expect(live.lastFailure).toBeNull()

    await payload.update({ collection: 'offers', id: f.offerA, data: { summary: 'Jetzt mit Kinderbetreuung' } })
    await withDeployCommand(`echo '{"type":"failure","reason":"2 broken internal links","phases":{"build":900}}' >&3; exit 1`, () => payload.jobs.run({ limit: 5 }))
    const failed = await siteStatus(payload, doc)
    expect(failed.document).toBe('failed')
    expect(failed.lastFailure?.reason).toBe('2 broken internal links')
    expect(failed.lastSuccess?.summary).toContain('Elterncafé am Mittwoch')
    expect((await siteStatus(payload, { collection: 'offers', id: String(f.draftOfferA) })).document).toBe('unpublished')
  })

  it('lets the press office and admins rebuild by hand, not editors', async () => {
    await reset()
    const rest = new RestClient(payload.config)
    await rest.login(f.users.editorA.email, TEST_PASSWORD)
    expect((await rest.request('POST', '/deploys/rebuild')).status).toBe(403)
    expect((await rest.json<SiteStatus>('GET', '/deploys/site-status')).status).toBe(200)
    await rest.login(f.users.press.email, TEST_PASSWORD)
    expect((await rest.request('POST', '/deploys/rebuild')).status).toBe(202)
    expect((await queuedTriggers()).map((t) => t.action)).toEqual(['manual'])
    rest.logout()
    expect((await rest.request('GET', '/deploys/site-status')).status).toBe(401)
  })
})
