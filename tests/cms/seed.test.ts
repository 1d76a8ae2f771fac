import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { SearchTermGroupSchema, synonymsFor } from '@lotse/content-schemas'
import { seed, type SeedResult } from '@lotse/cms/seed'

import { createTestCms, type TestCms } from '../helpers/payload'

/**
 * The seed: the concept word for word, the demo content in the promised amounts with visible
 * translation gaps, and idempotence (a second run, or a run after an editor deleted something,
 * changes nothing).
 */
let cms: TestCms
let payload: Payload
let first: SeedResult

beforeAll(async () => {
  cms = await createTestCms()
  payload = cms.payload
  first = await seed(payload, { demo: true })
}, 300_000)
afterAll(async () => cms?.cleanup())

const count = async (collection: 'offers' | 'contacts' | 'events' | 'reports' | 'pages' | 'measures' | 'municipalities' | 'topics', where = {}) =>
  (await payload.count({ collection, where })).totalDocs

/** Sub-goals and measures as the concept's tables list them (HTML list items, bullets stripped). */
function conceptTables(): { goals: string[]; measures: string[] } {
  const text = readFileSync(path.resolve(import.meta.dirname, '../../cms/src/seed/source/integrationskonzept-wittmund-2018.md'), 'utf8')
  const rows = text.split('\n').filter((line) => line.includes('\t') && !line.startsWith('Unterziele'))
  const goals = rows.map((line) => line.split('\t')[0]!.trim())
  const measures = [...text.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1]!.replace(/^•\s*/, '').trim())
  return { goals, measures }
}

describe('seed', () => {
  it('reports what it seeded', () => {
    expect(first.concept).toBe('seeded')
    expect(first.demo).toBe('seeded')
  })

  it('holds every sub-goal and measure of the concept word for word', async () => {
    const { goals, measures } = conceptTables()
    expect(goals.length).toBe(14)
    expect(measures.length).toBe(18)
    const all = await payload.find({ collection: 'measures', limit: 0, pagination: false, locale: 'de', depth: 0 })
    const titles = (level: string) => all.docs.filter((d) => d.level === level).map((d) => d.title)
    expect(titles('field')).toEqual(['Integrationsarbeit Sprache-Bildung-Beruf', 'Begegnung und Teilhabe', 'Kommunikation und Koordination'])
    for (const goal of goals) expect(titles('goal')).toContain(goal)
    for (const measure of measures) expect(titles('measure')).toContain(measure)
    const coordination = all.docs.find((d) => d.title.startsWith('Eine Sprachkoordinierungsstelle'))
    expect(coordination?.deadline).toBe('2019-06-30T12:00:00.000Z')
    expect(coordination?.deadlineText).toBe('bis Mitte 2019')
  })

  it('seeds the county and the demo content in the promised amounts', async () => {
    expect(await count('municipalities')).toBe(6)
    expect(await count('topics')).toBe(8)
    expect(await count('offers')).toBeGreaterThanOrEqual(40)
    expect(await count('contacts')).toBeGreaterThanOrEqual(25)
    expect(await count('contacts', { kind: { equals: 'interpreter' } })).toBeGreaterThanOrEqual(5)
    expect(await count('events')).toBeGreaterThanOrEqual(20)
    expect(await count('events', { 'recurrence.frequency': { not_equals: 'none' } })).toBeGreaterThanOrEqual(3)
    expect(await count('reports')).toBeGreaterThanOrEqual(6)
    expect(await count('pages', { legal: { exists: false } })).toBeGreaterThanOrEqual(8)
    for (const legal of ['impressum', 'privacy', 'accessibility']) expect(await count('pages', { legal: { equals: legal } })).toBe(1)
    // Everything invented is marked as demo, so a county can remove it before going live.
    for (const collection of ['offers', 'contacts', 'events', 'reports', 'pages'] as const) {
      expect(await count(collection, { demo: { not_equals: true } })).toBe(0)
    }
  })

  it('seeds search term groups that pass the contract, in German and in newcomers’ scripts', async () => {
    const { docs } = await payload.find({ collection: 'search-terms', limit: 0, pagination: false, depth: 0 })
    const groups = docs.map((d) => SearchTermGroupSchema.parse({ terms: (d.terms ?? []).map((t: { term?: string | null }) => t.term), locales: d.appliesIn }))
    for (const locale of ['de', 'ar', 'fa', 'uk'])
      expect(
        groups.some((g) => (g.locales as string[]).includes(locale)),
        locale,
      ).toBe(true)
    expect(synonymsFor('Integrationskurse in Wittmund', 'de', groups)).toEqual(expect.arrayContaining(['Deutschkurs', 'Sprachkurs']))
    expect(synonymsFor('Jobcenter Wittmund', 'ar', groups)).toContain('جوب سنتر')
    expect(synonymsFor('Jobcenter Wittmund', 'fa', groups)).toContain('جاب سنتر')
  })

  it('translates part of the content into en, ar, uk and ti so the German fallback shows', async () => {
    for (const locale of ['en', 'ar', 'uk', 'ti'] as const) {
      const strict = await payload.find({ collection: 'offers', locale, fallbackLocale: false, limit: 0, pagination: false, depth: 0 })
      const translated = strict.docs.filter((d) => d.title).length
      expect(translated, locale).toBeGreaterThan(0)
      expect(translated, locale).toBeLessThan(strict.docs.length)
    }
    const anyUntranslated = (await payload.find({ collection: 'offers', locale: 'ti', fallbackLocale: false, limit: 0, pagination: false, depth: 0 })).docs.find((d) => !d.title)!
    const withFallback = await payload.findByID({ collection: 'offers', id: anyUntranslated.id, locale: 'ti', depth: 0 })
    const german = await payload.findByID({ collection: 'offers', id: anyUntranslated.id, locale: 'de', depth: 0 })
    expect(withFallback.title).toBe(german.title)
  })

  it('never seeds twice, also not over an editor’s deletion', async () => {
    const offers = await count('offers')
    const victim = (await payload.find({ collection: 'offers', limit: 1, depth: 0 })).docs[0]!
    await payload.delete({ collection: 'offers', id: victim.id })
    const again = await seed(payload, { demo: true })
    expect(again).toMatchObject({ concept: 'already', demo: 'already' })
    expect(await count('offers')).toBe(offers - 1)
  })
})
