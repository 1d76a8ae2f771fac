import type { Payload } from 'payload'
import { describe, expect, it } from 'vitest'

import { buildSnapshot, ExportCache } from '@lotse/cms/export/snapshot'
import { body, type Fixtures, restAs, useFixtureCms } from '../helpers/fixtures'

/**
 * The export a publish makes with the documents of the last one (`ExportCache`, issue 9):
 * after every kind of change it writes the snapshot a full export writes, byte for byte but
 * the export time, and it reads and maps only the documents that changed.
 */
let payload: Payload
let f: Fixtures
useFixtureCms((world) => ({ payload, f } = world))

const cache = new ExportCache()
const withoutTime = (json: string) => json.replace(/^\{"generatedAt":"[^"]+"/, '{"generatedAt":""')

/** The cached export's JSON, after checking it against a full export made now. */
async function cachedEqualsFull(): Promise<string> {
  const cached = (await buildSnapshot(payload, { cache })).json().toString()
  const full = (await buildSnapshot(payload)).json().toString()
  expect(withoutTime(cached)).toBe(withoutTime(full))
  return cached
}

describe('the export with the documents of the last one', () => {
  it('writes what a full export writes when nothing was cached yet', async () => {
    const json = await cachedEqualsFull()
    expect(json).toContain('Sprach-Café Wittmund')
    expect(cache.stats.offers).toEqual({ mapped: 2, kept: 0 })
  })

  it('maps nothing again when nothing changed', async () => {
    await cachedEqualsFull()
    expect(cache.stats).toEqual({ offers: { mapped: 0, kept: 2 }, contacts: { mapped: 0, kept: 1 }, events: { mapped: 0, kept: 1 } })
  })

  it('maps only the offer that was saved', async () => {
    await payload.update({ collection: 'offers', id: f.offerA, data: { title: 'Sprach-Café Wittmund am Abend' } })
    expect(await cachedEqualsFull()).toContain('Sprach-Café Wittmund am Abend')
    expect(cache.stats.offers).toEqual({ mapped: 1, kept: 1 })
  })

  it('follows a “still correct” that writes the published row directly beside a pending draft', async () => {
    await payload.update({ collection: 'contacts', id: f.contactA, draft: true, data: { phone: '04462 86-9999' } })
    expect((await (await restAs(payload, f.users.editorA.email)).json('POST', `/contacts/${f.contactA}/still-correct`)).status).toBe(200)
    const reviewedAt = String((await payload.findByID({ collection: 'contacts', id: f.contactA, depth: 0, draft: false })).reviewedAt)
    expect(await cachedEqualsFull()).toContain(reviewedAt)
    expect(cache.stats.contacts).toEqual({ mapped: 1, kept: 0 })
  })

  it('follows a write around Payload’s API that changes only the last check (as “still correct” makes one)', async () => {
    // The SQL adapters set `updatedAt` even then; a database adapter that does not is what the stamp's `reviewedAt` is for.
    const { updatedAt } = await payload.findByID({ collection: 'offers', id: f.offerA, depth: 0 })
    const reviewedAt = '2026-11-30T09:00:00.000Z'
    await payload.db.updateOne({ collection: 'offers', id: f.offerA, data: { reviewedAt, updatedAt } })
    expect((await payload.findByID({ collection: 'offers', id: f.offerA, depth: 0 })).updatedAt).toBe(updatedAt)
    expect(await cachedEqualsFull()).toContain(reviewedAt)
    expect(cache.stats.offers).toEqual({ mapped: 1, kept: 1 })
  })

  it('leaves out a document that was unpublished, and adds one that was published', async () => {
    await payload.update({ collection: 'offers', id: f.offerB, data: { _status: 'draft' } })
    const made = await payload.create({
      collection: 'offers',
      data: { title: 'Elterncafé Friedeburg', summary: 'Treffen', body: body('Treffen für Eltern'), municipality: f.municipality, organization: f.orgA, topics: [f.topic], _status: 'published' },
    })
    const json = await cachedEqualsFull()
    expect(json).toContain('Elterncafé Friedeburg')
    expect(json).not.toContain('Nähcafé Esens')
    expect(cache.stats.offers).toEqual({ mapped: 1, kept: 1 })
    await payload.delete({ collection: 'offers', id: made.id })
    expect(await cachedEqualsFull()).not.toContain('Elterncafé Friedeburg')
  })

  it('maps every document again when a slug they refer to changed', async () => {
    await payload.update({ collection: 'topics', id: f.topic, data: { slug: 'deutsch-lernen' } })
    expect(await cachedEqualsFull()).toContain('"topics":["deutsch-lernen"]')
    expect(cache.stats.offers).toEqual({ mapped: 1, kept: 0 })
    expect(cache.stats.events?.kept).toBe(0)
  })

  it('follows a deleted event', async () => {
    await payload.delete({ collection: 'events', id: f.eventA })
    expect(await cachedEqualsFull()).not.toContain('Informationsabend Ausbildung')
    expect(cache.stats.events).toEqual({ mapped: 0, kept: 0 })
  })
})
