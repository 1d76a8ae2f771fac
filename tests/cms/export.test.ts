import type { Payload } from 'payload'
import { describe, expect, it } from 'vitest'

import { buildSnapshot, ExportError } from '@lotse/cms/export/snapshot'
import { statesOf } from '@lotse/cms/translation/status'
import { type Fixtures, useFixtureCms } from '../helpers/fixtures'

/** The export: published content only, public fields only, bad documents named. */
let payload: Payload
let f: Fixtures
useFixtureCms((world) => ({ payload, f } = world))

describe('export', () => {
  it('contains published documents with every locale and no drafts or internal notes', async () => {
    await payload.update({ collection: 'offers', id: f.offerA, locale: 'ar', data: { title: 'مقهى اللغة' } })
    const { snapshot } = await buildSnapshot(payload)
    const slugs = snapshot.offers.map((o) => o.slug)
    expect(slugs).toContain('sprach-cafe-wittmund')
    expect(slugs).not.toContain('hausaufgabenhilfe-entwurf')
    const offer = snapshot.offers.find((o) => o.slug === 'sprach-cafe-wittmund')!
    expect(offer.title.de).toBe('Sprach-Café Wittmund')
    expect(offer.title.ar).toBe('مقهى اللغة')
    expect(offer.title.uk).toBeNull()
    expect(offer.translations.de?.state).toBe('original')
    expect(offer.translations.ar?.state).toBe('reviewed')
    expect(offer.translations.uk).toBeNull()
    expect(offer.organization).toBe('awo-kreisverband')
    const serialized = JSON.stringify(snapshot)
    expect(serialized).not.toContain('Vertretung über Frau M.')
    expect(serialized).not.toContain('internalNotes')
    expect(serialized).not.toContain('@test.local')
  })

  it('tells readers the same translation state the admin shows, for a translation of any localized field', async () => {
    // Only the fee note (in the cost group) is in Ukrainian: the admin counts every localized
    // field; the export counted a hand-kept list (title, summary, body) and said "missing".
    await payload.update({ collection: 'offers', id: f.offerB, locale: 'uk', data: { cost: { free: false, note: 'Безкоштовно з довідкою' } } as never })
    const { snapshot } = await buildSnapshot(payload)
    const offer = snapshot.offers.find((o) => o.slug === 'naehcafe-esens')!
    const doc = (await payload.findByID({ collection: 'offers', id: f.offerB, locale: 'all', depth: 0, overrideAccess: true })) as unknown as Record<string, unknown>
    const admin = statesOf(payload, 'offers', doc)
    expect(admin.uk).toBe('reviewed')
    expect(offer.translations.uk?.state).toBe(admin.uk)
    for (const code of ['ar', 'fa', 'ti'] as const) expect(offer.translations[code]?.state ?? 'missing').toBe(admin[code])
  })

  it('names the document and field of a document that breaks the contract', async () => {
    // A slug the CMS would refuse, written around validation as a broken import could.
    const bad = await payload.create({ collection: 'offers', data: { title: 'Kaputt', municipality: f.municipality, organization: f.orgA, _status: 'published' } })
    await payload.db.updateOne({ collection: 'offers', id: bad.id, data: { slug: 'Kaputt Mit Leerzeichen' }, req: undefined })
    const error = await buildSnapshot(payload).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ExportError)
    expect((error as ExportError).message).toContain('offers "Kaputt Mit Leerzeichen", field "slug"')
    await payload.delete({ collection: 'offers', id: bad.id })
  })
})
