import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Payload } from 'payload'
import { describe, expect, it } from 'vitest'

import { buildSnapshot } from '@lotse/cms/export/snapshot'
import { renderPage, rendererPid, stopRenderers } from '@lotse/cms/preview/renderer'

import { type Fixtures, restAs, useFixtureCms } from '../helpers/fixtures'
import { isAlive } from '../helpers/processes'

/**
 * The preview (issue 11): `GET /api/<collection>/:id/preview?locale=` renders the latest saved
 * version with the site's own templates (the warm renderer, a real Astro process) from the
 * published content with this version in its place; only with a session, never cached or
 * indexed; the live content stays as it was.
 */
process.env.LOTSE_JOBS = 'off'
process.env.LOTSE_DEPLOY_COMMAND = 'exit 3'
process.env.LOTSE_DEPLOY_PRESTART = 'off'

let payload: Payload
let f: Fixtures
useFixtureCms((world) => ({ payload, f } = world))

const as = (email: string | null) => restAs(payload, email)
const preview = async (email: string | null, path: string) => {
  const res = await (await as(email)).request('GET', path)
  return { status: res.status, headers: res.headers, text: await res.text() }
}
const alive = isAlive

describe('preview of a draft', () => {
  it('shows the draft title in German as the site renders it, while the published content keeps the old one', { timeout: 180_000 }, async () => {
    await payload.update({ collection: 'offers', id: f.offerA as number, draft: true, locale: 'de', data: { title: 'Sprach-Café Wittmund – jetzt donnerstags' } as never })
    const { status, headers, text } = await preview(f.users.editorA.email, `/offers/${f.offerA}/preview?locale=de`)
    expect(status, text.slice(0, 500)).toBe(200)
    expect(text).toMatch(/<h1[^>]*>[^<]*Sprach-Café Wittmund – jetzt donnerstags/)
    expect(text).toContain('<html lang="de" dir="ltr"')
    expect(text).toContain('data-preview-notice')
    expect(headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(headers.get('cache-control')).toBe('no-store')
    expect(headers.get('x-robots-tag')).toBe('noindex, nofollow')
    const published = await buildSnapshot(payload)
    expect(published.snapshot.offers.find((o) => o.title.de?.startsWith('Sprach-Café'))?.title.de).toBe('Sprach-Café Wittmund')
  })

  it('says in Arabic that the text is shown in German when the draft has no Arabic text', { timeout: 60_000 }, async () => {
    const { status, text } = await preview(f.users.editorA.email, `/offers/${f.offerA}/preview?locale=ar`)
    expect(status, text.slice(0, 500)).toBe(200)
    expect(text).toContain('<html lang="ar" dir="rtl"')
    expect(text).toMatch(/data-notice="fallback"/)
    expect(text).toContain('Sprach-Café Wittmund – jetzt donnerstags')
  })

  it('carries the site stylesheet and fonts inside the page and no script', { timeout: 60_000 }, async () => {
    const { text } = await preview(f.users.editorA.email, `/offers/${f.offerA}/preview?locale=ti`)
    expect(text).not.toMatch(/<link rel="stylesheet"/)
    expect(text).toMatch(/<style>[^<]*font-family/)
    expect(text).toContain('url(data:font/woff2;base64,')
    expect(text).not.toMatch(/<script/i)
  })

  it('shows a draft that was never published', { timeout: 60_000 }, async () => {
    const { status, text } = await preview(f.users.editorA.email, `/offers/${f.draftOfferA}/preview?locale=de`)
    expect(status, text.slice(0, 500)).toBe(200)
    expect(text).toContain('Hausaufgabenhilfe (Entwurf)')
  })

  it.each([
    ['contacts', 'contactA', 'Anlaufstelle Integration'],
    ['events', 'eventA', 'Informationsabend Ausbildung'],
    ['reports', 'report', 'Anlaufstelle eröffnet'],
    ['pages', 'page', 'Erste Schritte'],
  ] as const)('renders the page of a document of %s', { timeout: 60_000 }, async (collection, key, title) => {
    const { status, text } = await preview(f.users.press.email, `/${collection}/${f[key]}/preview?locale=de`)
    expect(status, text.slice(0, 500)).toBe(200)
    expect(text).toContain(title)
  })
})

describe('who gets a preview', () => {
  it('refuses it without a session', async () => {
    const { status, text } = await preview(null, `/offers/${f.offerA}/preview?locale=de`)
    expect(status).toBe(401)
    expect(text).not.toContain('jetzt donnerstags')
  })

  it('answers 400 naming the locale for a language the site does not have', async () => {
    const { status, text } = await preview(f.users.editorA.email, `/offers/${f.offerA}/preview?locale=xx`)
    expect(status).toBe(400)
    expect(JSON.parse(text).errors[0].field).toBe('locale')
  })

  it('answers 404 for a document that does not exist', async () => {
    const { status } = await preview(f.users.editorA.email, `/offers/999999/preview?locale=de`)
    expect(status).toBe(404)
  })
})

describe('the renderer process', () => {
  it('answers 404 for a path the site has no page at, and renders the next page as before', { timeout: 60_000 }, async () => {
    const json = JSON.stringify((await buildSnapshot(payload)).snapshot)
    const folders: string[] = []
    // Each request brings a snapshot folder of its own, as the endpoint's do.
    const render = (pagePath: string) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'lotse-preview-test-'))
      folders.push(dir)
      writeFileSync(path.join(dir, 'snapshot.json'), json)
      return renderPage(dir, pagePath)
    }
    try {
      expect((await render('/de/offers/gibt-es-nicht/')).status).toBe(404)
      expect((await render('/de/nirgendwo/')).status).toBe(404)
      const page = await render('/de/offers/sprach-cafe-wittmund/')
      expect(page.status).toBe(200)
      expect(page.html).toContain('Sprach-Café Wittmund')
    } finally {
      for (const dir of folders) rmSync(dir, { recursive: true, force: true })
    }
  })

  it('refuses a snapshot folder an earlier request used (the site reads each folder once)', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lotse-preview-test-'))
    try {
      writeFileSync(path.join(dir, 'snapshot.json'), JSON.stringify((await buildSnapshot(payload)).snapshot))
      expect((await renderPage(dir, '/de/offers/sprach-cafe-wittmund/')).status).toBe(200)
      await expect(renderPage(dir, '/de/offers/sprach-cafe-wittmund/')).rejects.toThrow('was used by an earlier request')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('is replaced by a fresh one when it was killed, and the next preview works', { timeout: 180_000 }, async () => {
    const first = rendererPid()
    expect(alive(first)).toBe(true)
    process.kill(-first!, 'SIGKILL')
    await new Promise((r) => setTimeout(r, 500))
    const { status, text } = await preview(f.users.editorA.email, `/offers/${f.offerA}/preview?locale=de`)
    expect(status, text.slice(0, 500)).toBe(200)
    expect(rendererPid()).not.toBe(first)
  })

  it('ends when the CMS stops', { timeout: 30_000 }, async () => {
    const pid = rendererPid()
    expect(alive(pid)).toBe(true)
    expect(await stopRenderers()).toEqual({ stopped: 1 })
    expect(alive(pid)).toBe(false)
  })
})
