import type { CollectionSlug, Payload } from 'payload'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'

import { type Fixtures, restAs, useFixtureCms } from '../helpers/fixtures'

/**
 * Bad input from issue #2: every rejection names the field (path and label in the message),
 * and a rejected save changes nothing that was stored.
 */
let payload: Payload
let f: Fixtures
useFixtureCms((world) => ({ payload, f } = world))

interface FieldError {
  path: string
  message: string
}

/** The field errors of a rejected operation; fails the test when the operation went through. */
async function fieldErrors(fn: () => Promise<unknown>): Promise<FieldError[]> {
  try {
    await fn()
  } catch (err) {
    const errors = (err as { data?: { errors?: FieldError[] } }).data?.errors
    if (errors) return errors
    throw err
  }
  throw new Error('expected the operation to be rejected')
}

/** Asserts an update is rejected on `path` with a message starting with the field's label, and nothing changed. */
async function expectRejectedUpdate(collection: CollectionSlug, id: number | string, data: Record<string, unknown>, path: string, label: string) {
  const before = await payload.findByID({ collection, id, depth: 0, draft: true, locale: 'all' })
  const errors = await fieldErrors(() => payload.update({ collection, id, data: data as never, locale: 'de' }))
  const error = errors.find((e) => e.path === path)
  expect(error, `errors were ${JSON.stringify(errors)}`).toBeDefined()
  expect(error!.message.startsWith(`${label}:`), error!.message).toBe(true)
  const after = await payload.findByID({ collection, id, depth: 0, draft: true, locale: 'all' })
  expect(after).toEqual(before)
}

describe('bad input names the field and loses nothing', () => {
  it('refuses an event that ends before it starts', async () => {
    await expectRejectedUpdate('events', f.eventA, { start: '2026-12-03T17:00:00.000Z', end: '2026-12-03T15:00:00.000Z', title: 'Neu' }, 'end', 'Ende')
  })

  it('refuses a recurrence that ends before the first date', async () => {
    await expectRejectedUpdate('events', f.eventA, { recurrence: { frequency: 'weekly', until: '2026-11-01T12:00:00.000Z' } }, 'recurrence.until', 'Wiederholen bis')
  })

  it('refuses an offer valid until a date before it is valid from', async () => {
    await expectRejectedUpdate('offers', f.offerA, { validFrom: '2027-01-01T12:00:00.000Z', validUntil: '2026-01-01T12:00:00.000Z' }, 'validUntil', 'Gültig bis')
  })

  it('refuses malformed phone, e-mail and web address', async () => {
    await expectRejectedUpdate('contacts', f.contactA, { phone: '0446 2x-12' }, 'phone', 'Telefon')
    await expectRejectedUpdate('contacts', f.contactA, { email: 'anlaufstelle(at)example.org' }, 'email', 'E-Mail')
    await expectRejectedUpdate('contacts', f.contactA, { website: 'www.example.org' }, 'website', 'Webseite')
  })

  it('refuses javascript: and data: links in link fields and in rich text', async () => {
    await expectRejectedUpdate('contacts', f.contactA, { website: 'javascript:alert(document.cookie)' }, 'website', 'Webseite')
    await expectRejectedUpdate('offers', f.offerA, { registration: { required: true, url: 'data:text/html,<script>alert(1)</script>' } }, 'registration.url', 'Anmelde-Link')
    const body = {
      root: {
        type: 'root',
        direction: 'ltr',
        format: '',
        indent: 0,
        version: 1,
        children: [
          {
            type: 'paragraph',
            direction: 'ltr',
            format: '',
            indent: 0,
            version: 1,
            textFormat: 0,
            textStyle: '',
            children: [
              {
                type: 'link',
                direction: 'ltr',
                format: '',
                indent: 0,
                version: 3,
                fields: { url: 'javascript:alert(1)', linkType: 'custom', newTab: false },
                children: [{ type: 'text', text: 'Hier klicken', detail: 0, format: 0, mode: 'normal', style: '', version: 1 }],
              },
            ],
          },
        ],
      },
    }
    await expectRejectedUpdate('offers', f.offerA, { body }, 'body', 'Beschreibung')
  })

  it('refuses coordinates outside a sane range and half a coordinate pair', async () => {
    await expectRejectedUpdate('contacts', f.contactA, { location: { lat: 7.78, lng: 53.57 } }, 'location.lat', 'Breitengrad')
    await expectRejectedUpdate('contacts', f.contactA, { location: { lat: 53.57, lng: 181 } }, 'location.lng', 'Längengrad')
    await expectRejectedUpdate('contacts', f.contactA, { location: { lat: 53.57 } }, 'location.lat', 'Breitengrad')
  })

  it('refuses consultation hours that end before they start, and times that are not times', async () => {
    await expectRejectedUpdate('contacts', f.contactA, { consultationHours: [{ weekday: 'tue', from: '14:00', to: '09:00' }] }, 'consultationHours.0.to', 'Bis')
    await expectRejectedUpdate('contacts', f.contactA, { consultationHours: [{ weekday: 'tue', from: '9 Uhr', to: '12:00' }] }, 'consultationHours.0.from', 'Von')
  })

  it('refuses bad and duplicate slugs', async () => {
    await expectRejectedUpdate('offers', f.offerA, { slug: 'Sprach Café' }, 'slug', 'Kurzname (URL)')
    const other = await payload.findByID({ collection: 'offers', id: f.offerB })
    await expectRejectedUpdate('offers', f.offerA, { slug: other.slug }, 'slug', 'Kurzname (URL)')
  })

  it('refuses a measure under the wrong level and a page under its own sub-page', async () => {
    await expectRejectedUpdate('measures', f.measure, { parent: f.measureField }, 'parent', 'Übergeordnet')
    const child = await payload.create({ collection: 'pages', data: { title: 'Unterseite', parent: f.page } })
    await expectRejectedUpdate('pages', f.page, { parent: child.id }, 'parent', 'Übergeordnete Seite')
  })

  it('refuses a fee without a description', async () => {
    await expectRejectedUpdate('offers', f.offerA, { cost: { free: false, note: '' } }, 'cost.note', 'Kostenhinweis')
  })

  it('refuses a short password', async () => {
    const errors = await fieldErrors(() => payload.create({ collection: 'users', data: { email: 'kurz@test.local', password: 'kurz12345', role: 'editor' } }))
    expect(errors[0]).toMatchObject({ path: 'password', message: expect.stringMatching(/^Passwort: .*12 Zeichen/) })
    expect((await payload.count({ collection: 'users', where: { email: { equals: 'kurz@test.local' } } })).totalDocs).toBe(0)
  })

  it('creates nothing when a new document is rejected', async () => {
    const before = (await payload.count({ collection: 'events' })).totalDocs
    const errors = await fieldErrors(() =>
      payload.create({ collection: 'events', data: { title: 'Falsch', start: '2027-02-01T10:00:00.000Z', end: '2027-01-01T10:00:00.000Z', municipality: f.municipality, organizer: f.orgA } }),
    )
    expect(errors.map((e) => e.path)).toContain('end')
    expect((await payload.count({ collection: 'events' })).totalDocs).toBe(before)
  })
})

describe('the German original comes first', () => {
  it('refuses a page created in Arabic without a German title, naming the title, and creates nothing', async () => {
    const before = (await payload.count({ collection: 'pages', overrideAccess: true })).totalDocs
    const client = await restAs(payload, f.users.press.email)
    const { status, body } = await client.json<{ errors: { data?: { errors: FieldError[] } }[] }>('POST', '/pages?locale=ar', { body: { _status: 'published' } })
    expect(status).toBe(400)
    expect(body.errors[0]!.data!.errors.map((e) => e.path)).toEqual(['title'])
    expect(body.errors[0]!.data!.errors[0]!.message).toMatch(/^Titel: Bitte zuerst auf Deutsch/)
    expect((await payload.count({ collection: 'pages', overrideAccess: true })).totalDocs).toBe(before)
  })

  it('refuses to publish in Arabic a draft that has an Arabic title only', async () => {
    const draft = await payload.create({ collection: 'pages', locale: 'ar', draft: true, data: { title: 'الخطوات الأولى', _status: 'draft' } as never })
    const errors = await fieldErrors(() => payload.update({ collection: 'pages', id: draft.id, locale: 'ar', data: { _status: 'published' } as never }))
    expect(errors.map((e) => e.path)).toEqual(['title'])
    expect((await payload.findByID({ collection: 'pages', id: draft.id, depth: 0 }))._status).toBe('draft')
  })

  it('publishes an Arabic title beside the German one', async () => {
    const page = await payload.update({ collection: 'pages', id: f.page as number, locale: 'ar', data: { title: 'الخطوات الأولى', _status: 'published' } as never })
    expect(page._status).toBe('published')
  })
})

describe('uploads', () => {
  const upload = (data: Buffer, mimetype: string, name: string) => payload.create({ collection: 'media', data: { alt: 'Test' }, file: { data, mimetype, name, size: data.length } })

  it('stores an image with WebP and AVIF sizes', async () => {
    const png = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#0b5c7a' } })
      .png()
      .toBuffer()
    const doc = await upload(png, 'image/png', 'kueste.png')
    expect(doc.mimeType).toBe('image/png')
    const sizes = doc.sizes as Record<string, { mimeType?: string | null; width?: number | null }>
    expect(sizes.w960webp).toMatchObject({ mimeType: 'image/webp', width: 960 })
    expect(sizes.w960avif).toMatchObject({ mimeType: 'image/avif', width: 960 })
    // Never enlarged beyond the original's 1200 pixels.
    expect(sizes.w1600webp?.width ?? 0).toBeLessThanOrEqual(1200)
  })

  it('refuses SVG and other types, naming the file field', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    const before = (await payload.count({ collection: 'media' })).totalDocs
    await expect(upload(svg, 'image/svg+xml', 'evil.svg')).rejects.toMatchObject({ data: { errors: [expect.objectContaining({ path: 'file' })] } })
    await expect(upload(Buffer.from('MZ executable'), 'application/x-msdownload', 'setup.exe')).rejects.toThrow()
    expect((await payload.count({ collection: 'media' })).totalDocs).toBe(before)
  })

  it('refuses files over 10 MB, naming the size', async () => {
    const header = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n')
    const big = Buffer.concat([header, Buffer.alloc(11 * 1024 * 1024, 0x20), Buffer.from('\n%%EOF\n')])
    await expect(upload(big, 'application/pdf', 'gross.pdf')).rejects.toMatchObject({
      data: { errors: [expect.objectContaining({ path: 'file', message: expect.stringContaining('höchstens 10.0 MB') })] },
    })
  })

  it('refuses an image that unpacks to more than 40 megapixels, naming the file field', async () => {
    // 8,000 × 6,000 pixels of one colour: a small file that sharp's default limit (268 MP) let
    // through to be decoded six times over for the sizes.
    const bomb = await sharp({ create: { width: 8000, height: 6000, channels: 3, background: '#fff' } })
      .png({ compressionLevel: 9 })
      .toBuffer()
    expect(bomb.length).toBeLessThan(1024 * 1024)
    const before = (await payload.count({ collection: 'media' })).totalDocs
    await expect(upload(bomb, 'image/png', 'weit.png')).rejects.toMatchObject({
      status: 400,
      data: { errors: [expect.objectContaining({ path: 'file', message: expect.stringContaining('48 Megapixel') })] },
    })
    expect((await payload.count({ collection: 'media' })).totalDocs).toBe(before)
  })

  it('refuses a file whose content is not what its name says, whatever the name', async () => {
    const html = Buffer.from('<!doctype html><script>alert(document.cookie)</script>')
    await expect(upload(html, 'image/png', 'foto.png')).rejects.toMatchObject({ status: 400, data: { errors: [expect.objectContaining({ path: 'file' })] } })
  })

  it('requires alt text', async () => {
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } })
      .png()
      .toBuffer()
    await expect(payload.create({ collection: 'media', data: {} as never, file: { data: png, mimetype: 'image/png', name: 'ohne-alt.png', size: png.length } })).rejects.toMatchObject({
      data: { errors: [expect.objectContaining({ path: 'alt' })] },
    })
  })
})
