import type { Payload } from 'payload'
import { describe, expect, it } from 'vitest'

import { paragraphsToLexical } from '@lotse/cms/seed/richText'

import { type Fixtures, useFixtureCms } from '../helpers/fixtures'

/**
 * Round trips of the content model in several locales: what goes in comes out, translations
 * are kept per locale, and a missing translation falls back to German.
 */
let payload: Payload
let f: Fixtures
useFixtureCms((world) => ({ payload, f } = world))

const idOf = (value: unknown) => (value && typeof value === 'object' ? (value as { id: unknown }).id : value)

describe('offers in several locales', () => {
  it('keeps every field and falls back to German where a translation is missing', async () => {
    const offer = await payload.create({
      collection: 'offers',
      locale: 'de',
      data: {
        title: 'Integrationskurs mit Kinderbetreuung',
        summary: 'Deutsch lernen bis B1, Kinder werden betreut.',
        body: paragraphsToLexical(['## Ablauf', 'Vormittags Unterricht.', '- Montag bis Freitag', '- 9 bis 12:15 Uhr']),
        topics: [f.topic],
        targetGroups: ['newcomers', 'women'],
        languages: ['de', 'ar', 'ti'],
        municipality: f.municipality,
        address: { street: 'Am Markt 9', postalCode: '26409', city: 'Wittmund' },
        location: { lat: 53.5766, lng: 7.7796 },
        organization: f.orgA,
        contacts: [f.contactA],
        schedule: [{ weekday: 'mon', from: '09:00', to: '12:15', note: 'Raum 2' }],
        cost: { free: false, note: 'Kostenlos mit Berechtigungsschein, sonst 2,29 € je Stunde' },
        childcare: true,
        barrierFree: true,
        registration: { required: true, how: 'Anmeldung in der KVHS', url: 'https://example.org/anmeldung' },
        validFrom: '2026-01-01T12:00:00.000Z',
        validUntil: '2027-06-30T12:00:00.000Z',
        reviewedAt: '2026-11-01T12:00:00.000Z',
        _status: 'published',
      },
    })
    expect(offer.slug).toBe('integrationskurs-mit-kinderbetreuung')

    await payload.update({ collection: 'offers', id: offer.id, locale: 'ar', data: { title: 'دورة الاندماج مع رعاية الأطفال', summary: 'تعلم الألمانية حتى مستوى B1.' } })
    await payload.update({ collection: 'offers', id: offer.id, locale: 'ti', data: { title: 'ኮርስ ምውህሃድ ምስ ክንክን ህጻናት' } })
    await payload.update({ collection: 'offers', id: offer.id, locale: 'en', data: { cost: { note: 'Free with an entitlement, else €2.29 per hour' } } })

    const ar = await payload.findByID({ collection: 'offers', id: offer.id, locale: 'ar', depth: 0 })
    expect(ar.title).toBe('دورة الاندماج مع رعاية الأطفال')
    expect(ar.summary).toBe('تعلم الألمانية حتى مستوى B1.')
    // Body not translated into Arabic: German fallback.
    expect(JSON.stringify(ar.body)).toContain('Vormittags Unterricht.')

    const ti = await payload.findByID({ collection: 'offers', id: offer.id, locale: 'ti', depth: 0 })
    expect(ti.title).toBe('ኮርስ ምውህሃድ ምስ ክንክን ህጻናት')
    expect(ti.summary).toBe('Deutsch lernen bis B1, Kinder werden betreut.')

    const en = await payload.findByID({ collection: 'offers', id: offer.id, locale: 'en', depth: 0 })
    expect(en.cost?.note).toBe('Free with an entitlement, else €2.29 per hour')
    expect(en.cost?.free).toBe(false)
    expect(en.title).toBe('Integrationskurs mit Kinderbetreuung')

    const uk = await payload.findByID({ collection: 'offers', id: offer.id, locale: 'uk', depth: 0 })
    expect(uk.title).toBe('Integrationskurs mit Kinderbetreuung')

    // Without fallback the gaps are visible (the site marks such blocks as German).
    const ukStrict = await payload.findByID({ collection: 'offers', id: offer.id, locale: 'uk', fallbackLocale: false, depth: 0 })
    expect(ukStrict.title ?? null).toBeNull()

    const all = await payload.findByID({ collection: 'offers', id: offer.id, locale: 'all', depth: 0 })
    expect(all.title).toMatchObject({ de: 'Integrationskurs mit Kinderbetreuung', ar: 'دورة الاندماج مع رعاية الأطفال', ti: 'ኮርስ ምውህሃድ ምስ ክንክን ህጻናት' })

    const de = await payload.findByID({ collection: 'offers', id: offer.id, locale: 'de', depth: 1 })
    expect(de).toMatchObject({
      targetGroups: ['newcomers', 'women'],
      languages: ['de', 'ar', 'ti'],
      address: { street: 'Am Markt 9', postalCode: '26409', city: 'Wittmund' },
      location: { lat: 53.5766, lng: 7.7796 },
      childcare: true,
      barrierFree: true,
      registration: { required: true, how: 'Anmeldung in der KVHS', url: 'https://example.org/anmeldung' },
      schedule: [expect.objectContaining({ weekday: 'mon', from: '09:00', to: '12:15', note: 'Raum 2' })],
      reviewedAt: '2026-11-01T12:00:00.000Z',
    })
    expect(idOf(de.municipality)).toBe(f.municipality)
    expect(idOf(de.organization)).toBe(f.orgA)
    expect((de.contacts ?? []).map(idOf)).toEqual([f.contactA])
    expect(JSON.stringify(de.body)).toContain('"tag":"h2"')
  })
})

describe('slugs', () => {
  it('are generated from the German title, stay unique and survive retitling', async () => {
    const a = await payload.create({ collection: 'events', data: { title: 'Sprach-Café für alle', start: '2027-01-05T17:00:00.000Z', municipality: f.municipality, organizer: f.orgA } })
    const b = await payload.create({ collection: 'events', data: { title: 'Sprach-Café für alle', start: '2027-01-12T17:00:00.000Z', municipality: f.municipality, organizer: f.orgA } })
    expect(a.slug).toBe('sprach-cafe-fuer-alle')
    expect(b.slug).toBe('sprach-cafe-fuer-alle-2')
    const renamed = await payload.update({ collection: 'events', id: a.id, data: { title: 'Sprach-Café (neu)' } })
    expect(renamed.slug).toBe('sprach-cafe-fuer-alle')
  })
})

describe('contacts, events, measures, pages', () => {
  it('stores consultation hours and languages of the interpreter pool', async () => {
    const interpreter = await payload.create({
      collection: 'contacts',
      data: {
        name: 'Samir K.',
        kind: 'interpreter',
        organization: f.orgA,
        languages: ['ar', 'ku', 'de'],
        responsibility: 'Dolmetschen bei Behördengängen',
        consultationHours: [{ weekday: 'thu', from: '14:00', to: '16:00', appointmentOnly: true }],
        _status: 'published',
      },
    })
    const found = await payload.find({ collection: 'contacts', where: { and: [{ kind: { equals: 'interpreter' } }, { languages: { in: ['ku'] } }] }, overrideAccess: false })
    expect(found.docs.map((d) => d.id)).toEqual([interpreter.id])
    expect(found.docs[0]?.consultationHours?.[0]).toMatchObject({ weekday: 'thu', from: '14:00', to: '16:00', appointmentOnly: true })
  })

  it('stores recurrence rules such as every 2nd Tuesday', async () => {
    const event = await payload.create({
      collection: 'events',
      data: {
        title: 'Elterncafé',
        start: '2026-12-08T15:00:00.000Z',
        end: '2026-12-08T17:00:00.000Z',
        recurrence: { frequency: 'monthly', monthlyMode: 'weekdayOfMonth', weekOfMonth: '2', interval: 1, until: '2027-06-30T12:00:00.000Z' },
        municipality: f.municipality,
        organizer: f.orgA,
      },
    })
    expect(event.recurrence).toMatchObject({ frequency: 'monthly', monthlyMode: 'weekdayOfMonth', weekOfMonth: '2', interval: 1 })
  })

  it('links reports to measures and shows them on the measure', async () => {
    await payload.update({ collection: 'reports', id: f.report, data: { measures: [f.measure] } })
    const measure = await payload.findByID({ collection: 'measures', id: f.measure, depth: 1 })
    const reports = (measure.reports?.docs ?? []).map(idOf)
    expect(reports).toEqual([f.report])
  })

  it('keeps pages as a tree and legal pages by role', async () => {
    const child = await payload.create({ collection: 'pages', data: { title: 'Anmeldung beim Bürgerbüro', parent: f.page, order: 1 } })
    const impressum = await payload.create({ collection: 'pages', data: { title: 'Impressum', legal: 'impressum' } })
    const children = await payload.find({ collection: 'pages', where: { parent: { equals: f.page } } })
    expect(children.docs.map((d) => d.id)).toEqual([child.id])
    const legal = await payload.find({ collection: 'pages', where: { legal: { equals: 'impressum' } } })
    expect(legal.docs.map((d) => d.id)).toEqual([impressum.id])
  })
})
