import { createLocalReq, type Payload } from 'payload'
import { describe, expect, it, vi } from 'vitest'

import { readTranslationRecord, translationState } from '@lotse/content-schemas'
import { MACHINE_TRANSLATION_CONTEXT } from '@lotse/cms/hooks/translationStatus'
import { translationOverview } from '@lotse/cms/translation/status'

import { type Fixtures, TEST_PASSWORD, useFixtureCms } from '../helpers/fixtures'
import { RestClient } from '../helpers/rest'

/**
 * Translation state per document and locale, derived from saves: German edit → outdated,
 * minor German edit → unchanged, translator's edit or review → reviewed, machine run → machine.
 */
let payload: Payload
let f: Fixtures
useFixtureCms((world) => ({ payload, f } = world))

async function states(id: Fixtures['offerA']) {
  const all = await payload.findByID({ collection: 'offers', id, locale: 'all', depth: 0 })
  const record = readTranslationRecord(all.translationStatus)
  const title = all.title as unknown as Record<string, string | null>
  return Object.fromEntries(['de', 'ar', 'uk', 'ti'].map((code) => [code, translationState(record, code, Boolean(title[code]))]))
}

/**
 * Saves a step later than the previous one, so "newer than" is never a tie. The clock starts
 * at the real time: versions are ordered by date, so a fake clock behind the document's
 * creation would make Payload read the creation as the latest version.
 */
let clock = Date.now()
function tick() {
  clock += 60_000
  vi.setSystemTime(clock)
}

describe('translation state', () => {
  it('follows German edits, minor changes, translations, reviews and machine runs', async () => {
    clock = Date.now()
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(clock)
    try {
      const offer = await payload.create({ collection: 'offers', data: { title: 'Elterncafé', municipality: f.municipality, organization: f.orgA, _status: 'published' } })
      tick()
      await payload.update({ collection: 'offers', id: offer.id, locale: 'ar', data: { title: 'مقهى الأهل' }, overrideAccess: false, user: f.users.translator.user })
      tick()
      await payload.update({ collection: 'offers', id: offer.id, locale: 'ti', data: { title: 'ካፈ ወለዲ' }, context: { [MACHINE_TRANSLATION_CONTEXT]: true } })
      expect(await states(offer.id)).toEqual({ de: 'original', ar: 'reviewed', uk: null, ti: 'machine' })

      tick()
      await payload.update({ collection: 'offers', id: offer.id, locale: 'de', data: { title: 'Elterncafe', minorChange: true } })
      expect(await states(offer.id)).toEqual({ de: 'original', ar: 'reviewed', uk: null, ti: 'machine' })

      tick()
      await payload.update({ collection: 'offers', id: offer.id, locale: 'de', data: { summary: 'Jetzt mittwochs statt dienstags.' } })
      expect(await states(offer.id)).toEqual({ de: 'original', ar: 'outdated', uk: null, ti: 'outdated' })

      tick()
      await payload.update({ collection: 'offers', id: offer.id, locale: 'ar', data: { summary: 'الآن يوم الأربعاء.' }, overrideAccess: false, user: f.users.translator.user })
      tick()
      await payload.update({ collection: 'offers', id: offer.id, locale: 'ti', data: { markReviewed: true }, overrideAccess: false, user: f.users.translator.user })
      expect(await states(offer.id)).toEqual({ de: 'original', ar: 'reviewed', uk: null, ti: 'reviewed' })
    } finally {
      vi.useRealTimers()
    }
  })

  it('ignores a forged record sent with a save', async () => {
    const forged = { sourceChangedAt: null, locales: { uk: { kind: 'human', basedOn: '2999-01-01T00:00:00.000Z', updatedAt: '2999-01-01T00:00:00.000Z' } } }
    const updated = await payload.update({ collection: 'offers', id: f.offerA, locale: 'ar', data: { translationStatus: forged }, overrideAccess: false, user: f.users.translator.user })
    expect(readTranslationRecord(updated.translationStatus).locales.uk).toBeUndefined()
  })
})

describe('translation overview', () => {
  it('lists documents × locales with counts, filtered by state and locale, with the user’s access', async () => {
    const req = await createLocalReq({ user: f.users.translator.user as never }, payload)
    const all = await translationOverview(req)
    const offerRow = all.rows.find((r) => r.collection === 'offers' && r.id === f.offerA)!
    expect(offerRow.states.de).toBe('original')
    const missingUk = await translationOverview(req, { locale: 'uk', state: 'missing' })
    expect(missingUk.rows.length).toBeGreaterThan(0)
    expect(missingUk.rows.every((r) => r.states.uk === 'missing')).toBe(true)
    expect(missingUk.counts.uk?.missing).toBe(missingUk.rows.length)
    const offersOnly = await translationOverview(req, { collection: 'offers' })
    expect(offersOnly.rows.every((r) => r.collection === 'offers')).toBe(true)
    // Counts add up to the rows shown, per locale.
    const total = Object.values(all.counts.ar ?? {}).reduce((a, b) => a + b, 0)
    expect(total).toBe(all.rows.length)
  })

  it('answers the per-document panel over REST', async () => {
    const rest = new RestClient(payload.config)
    expect((await rest.request('GET', `/offers/${f.offerA}/translation-status`)).status).toBe(401)
    await rest.login(f.users.translator.email, TEST_PASSWORD)
    const { status, body } = await rest.json<{ states: Record<string, string>; machineTranslation: boolean }>('GET', `/offers/${f.offerA}/translation-status`)
    expect(status).toBe(200)
    expect(body.states.de).toBe('original')
    expect(body.states.ti).toBe('missing')
    expect(body.machineTranslation).toBe(false)
  })
})
