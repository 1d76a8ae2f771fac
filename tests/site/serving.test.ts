import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildSite } from '@lotse/scripts/site/build'
import { uiStrings } from '@lotse/translations/ui'

import { launchBrowser, searchAnswered } from '../helpers/browser'
import { fixtureEvent, fixtureSnapshot, loc, rich, writeFixture } from '../helpers/snapshot'
import { HOSTILE_REQUESTS, LEAK } from './hostile'
import { rawRequest, startBuiltin, startNginx, type RunningServer } from './servers'

/**
 * The release as readers get it, from both servers: the built-in one (`npm start`) and nginx
 * with the generated config (production). One release is built from a fixture snapshot whose
 * media hold hostile uploads, and goes live under a DEPLOY_DIR containing `/media/` (which once
 * made every page cacheable for a year); then the same checks run against each server.
 */
let work: string
let release: string
const servers: Record<string, RunningServer> = {}
const phases: Record<string, number> = {}
let browser: Browser

// A 1×1 PNG, and the same PNG with a script appended under an HTML name (issue 8, item 1).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64')
const SCRIPT = '<script>alert(document.domain)</script>'
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')
const MEDIA: Record<string, Buffer> = {
  '3f2a9c1e-titelbild.png': PNG,
  '5d6e7f80-FOTO.PNG': PNG,
  '7b1d4e20-jahresbericht.pdf': PDF,
  'cover.html': Buffer.concat([PNG, Buffer.from(SCRIPT)]),
  '0c0ffee0-grafik.svg': Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg">${SCRIPT}</svg>`),
  '1a2b3c4d-notiz.txt': Buffer.from('intern'),
}

/**
 * An event whose texts carry every kind of line break an editor can paste: a lone CR (old Mac,
 * some Word exports), LF and CRLF. None may end a line of the iCal files.
 */
const BREAKS = fixtureEvent('sprachcafe-zeilen', '2026-12-01T17:00:00.000Z', {
  title: loc({ de: 'Sprachcafé\rmit Kinderbetreuung' }),
  description: rich({ de: ['Erste Zeile\rzweite Zeile\ndritte Zeile\r\nvierte Zeile'] }),
  place: 'Kreishaus\rRaum 2',
})

beforeAll(async () => {
  process.env.LOTSE_NOW = '2026-11-25T08:00:00.000Z'
  // Each locale's search index in shards of three pages: both servers and Chromium's search go through the shard folders.
  process.env.LOTSE_SEARCH_SHARD_PAGES = '3'
  work = mkdtempSync(path.join(tmpdir(), 'lotse-serving-'))
  const liveDir = path.join(work, 'media', 'site')
  release = path.join(work, 'media', 'site.releases', 'r1')
  const snapshot = fixtureSnapshot({ events: [BREAKS] })
  // A page whose slug is "media": its URL contains /media/, it is still a page.
  snapshot.pages.push({ ...snapshot.pages[0]!, slug: 'media', legal: null, order: 5 })
  const snapshotDir = writeFixture(path.join(work, 'snapshot'), snapshot)
  for (const [name, bytes] of Object.entries(MEDIA)) writeFileSync(path.join(snapshotDir, 'media', name), bytes)
  mkdirSync(path.dirname(release), { recursive: true })
  await buildSite(snapshotDir, release, async (phase, fn) => {
    const start = performance.now()
    const result = await fn()
    phases[phase] = Math.round(performance.now() - start)
    return result
  })
  writeFileSync(path.join(release, '.lotse-release.json'), JSON.stringify({ activatedAt: '2026-11-25T08:00:00.000Z' }))
  symlinkSync(release, liveDir)
  // nginx's workers run as another user (nobody here, www-data on Debian): mkdtemp made 0700.
  chmodSync(work, 0o755)
  ;[servers['built-in server'], servers.nginx, browser] = await Promise.all([startBuiltin(liveDir), startNginx(liveDir), launchBrowser()])
}, 240_000)

afterAll(async () => {
  delete process.env.LOTSE_NOW
  delete process.env.LOTSE_SEARCH_SHARD_PAGES
  await browser?.close()
  await Promise.all(Object.values(servers).map((s) => s.stop()))
  if (work) rmSync(work, { recursive: true, force: true })
  console.log(`serving test: build phases ${JSON.stringify(phases)} ms`)
})

interface Answer {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
}

function get(server: RunningServer, target: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.base}${target}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

const file = (rel: string) => readFileSync(path.join(release, rel))
const firstIn = (dir: string, pattern: RegExp) => `/${dir}/${readdirSync(path.join(release, dir)).find((f) => pattern.test(f))!}`

function filesOf(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesOf(path.join(dir, e.name), base) : [`/${path.relative(base, path.join(dir, e.name))}`]))
}

/** script-src as the test declares it: files of the site and Pagefind's WebAssembly, nothing inline. */
const SCRIPT_SRC = "'self' 'wasm-unsafe-eval'"
const directives = (csp: string | string[] | undefined) =>
  new Map(
    String(csp)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values.join(' ')]),
  )

describe('the built release', () => {
  it('has no inline script on any page, so the policy needs no unsafe-inline', () => {
    const pages = filesOf(release).filter((f) => f.endsWith('.html') && !f.startsWith('/media/'))
    expect(pages.length).toBeGreaterThan(100)
    for (const page of pages) {
      const inline = [...readFileSync(path.join(release, page), 'utf8').matchAll(/<script(?![^>]*\ssrc=)(?![^>]*application\/ld\+json)[^>]*>/g)]
      expect(
        inline.map((m) => m[0]),
        page,
      ).toEqual([])
    }
  })

  it('carries a brotli and a gzip copy of each page, written at build time', () => {
    const page = file('de/index.html')
    expect(brotliDecompressSync(file('de/index.html.br')).equals(page)).toBe(true)
    expect(gunzipSync(file('de/index.html.gz')).equals(page)).toBe(true)
    expect(phases.compress).toBeGreaterThanOrEqual(0)
  })
})

/** RFC 5545 content lines of an iCal file, unfolded: every line ends in CRLF, a continuation starts with a space. */
function contentLines(ics: string): string[] {
  expect(ics.endsWith('\r\n')).toBe(true)
  const physical = ics.slice(0, -2).split('\r\n')
  for (const line of physical) expect(line, JSON.stringify(line)).not.toMatch(/[\r\n]/)
  return physical.reduce<string[]>((lines, line) => (/^[ \t]/.test(line) ? [...lines.slice(0, -1), lines.at(-1)! + line.slice(1)] : [...lines, line]), [])
}

describe('the calendar files of the release', () => {
  it('hold no bare CR or LF inside a property value, whatever line breaks the editor pasted', () => {
    for (const ics of ['de/events.ics', 'de/events/sprachcafe-zeilen.ics']) {
      const lines = contentLines(file(ics).toString('utf8'))
      for (const line of lines) expect(line, ics).toMatch(/^[A-Z][A-Z0-9-]*(;[^:]*)?:/)
      const value = (name: string) => lines.find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1)
      expect(value('SUMMARY'), ics).toBe('Sprachcafé\\nmit Kinderbetreuung')
      expect(value('LOCATION'), ics).toBe('Kreishaus\\nRaum 2')
      expect(value('DESCRIPTION'), ics).toMatch(/^Erste Zeile\\nzweite Zeile\\ndritte Zeile\\nvierte Zeile/)
    }
  })
})

describe.each(['built-in server', 'nginx'])('%s', (name) => {
  const server = () => servers[name]!

  it('sends the security headers and a script policy without unsafe-inline on pages, assets, redirects and errors', async () => {
    const css = firstIn('_astro', /\.css$/)
    for (const target of ['/de/', css, '/de/gibt-es-nicht/', '/de/offers', '/media/cover.html']) {
      const { headers, status } = await get(server(), target)
      expect(status, target).toBeLessThan(500)
      const csp = directives(headers['content-security-policy'])
      expect(csp.get('script-src'), target).toBe(SCRIPT_SRC)
      expect(csp.get('default-src'), target).toBe("'self'")
      expect(csp.get('object-src'), target).toBe("'none'")
      expect(csp.get('frame-ancestors'), target).toBe("'none'")
      expect(headers['x-content-type-options'], target).toBe('nosniff')
      expect(headers['referrer-policy'], target).toBe('no-referrer')
    }
  })

  it('answers an unknown path with the locale’s own 404 page, and outside the locales with the root one', async () => {
    const de = await get(server(), '/de/gibt-es-nicht/')
    expect(de.status).toBe(404)
    expect(de.body.toString()).toContain('<html lang="de" dir="ltr">')
    expect(de.body.toString()).toContain(uiStrings('de')['notFound.title'])
    const ar = await get(server(), '/ar/offers/gibt-es-nicht')
    expect(ar.status).toBe(404)
    expect(ar.body.toString()).toContain('<html lang="ar" dir="rtl">')
    expect(ar.headers['cache-control']).toBe('no-cache')
    const root = await get(server(), '/gibt-es-nicht')
    expect(root.status).toBe(404)
    expect(root.body.toString()).toContain('Page not found')
  })

  it('redirects a folder without its slash to the slash form, relative and never to another host', async () => {
    expect(await get(server(), '/de/offers')).toMatchObject({ status: 301, headers: { location: '/de/offers/' } })
    expect((await get(server(), '/de/offers?topic=sprache')).headers.location).toBe('/de/offers/?topic=sprache')
    // `//de` once became `Location: //de/`, which a browser reads as the host "de".
    expect((await rawRequest(server().port, 'GET //de HTTP/1.1\r\nHost: lotse.test\r\nConnection: close\r\n\r\n')).head).toMatch(/\r\nLocation: \/de\/\r\n/i)
    for (const target of ['//evil.example', '/%2F%2Fevil.example', '//evil.example/de']) {
      const answer = await rawRequest(server().port, `GET ${target} HTTP/1.1\r\nHost: lotse.test\r\nConnection: close\r\n\r\n`)
      expect(answer.status, target).toBe(404)
    }
  })

  it('serves Pagefind’s files, feeds and manifests with their types', async () => {
    const types: Record<string, string> = {
      '/pagefind/de/pagefind.js': 'text/javascript; charset=utf-8',
      '/pagefind/de/pagefind-worker.js': 'text/javascript; charset=utf-8',
      '/pagefind/de/pagefind-entry.json': 'application/json; charset=utf-8',
      '/pagefind/de/wasm.de.pagefind': 'application/octet-stream',
      [firstIn('pagefind/de', /\.pf_meta$/)]: 'application/octet-stream',
      [firstIn('pagefind/de/fragment', /\.pf_fragment$/)]: 'application/octet-stream',
      [firstIn('pagefind/de/index', /\.pf_index$/)]: 'application/octet-stream',
      '/de/events.ics': 'text/calendar; charset=utf-8',
      '/de/manifest.webmanifest': 'application/manifest+json; charset=utf-8',
      '/sitemap.xml': 'application/xml; charset=utf-8',
      '/icon.svg': 'image/svg+xml',
    }
    for (const [target, type] of Object.entries(types)) {
      const answer = await get(server(), target)
      expect(answer.status, target).toBe(200)
      expect(answer.headers['content-type'], target).toBe(type)
    }
  })

  it('sends the precompressed copy the reader accepts: brotli first, gzip, or none', async () => {
    const page = file('de/index.html')
    const br = await get(server(), '/de/', { 'Accept-Encoding': 'gzip, deflate, br' })
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.vary).toMatch(/Accept-Encoding/)
    expect(brotliDecompressSync(br.body).equals(page)).toBe(true)
    const gzip = await get(server(), '/de/', { 'Accept-Encoding': 'br;q=0, gzip' })
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gzip.body).equals(page)).toBe(true)
    const none = await get(server(), '/de/')
    expect(none.headers['content-encoding']).toBeUndefined()
    expect(none.body.equals(page)).toBe(true)
    const css = firstIn('_astro', /\.css$/)
    expect((await get(server(), css, { 'Accept-Encoding': 'br' })).headers['content-encoding']).toBe('br')
  })

  it('answers HEAD with the headers of GET and no body', async () => {
    const head = await get(server(), '/de/', { 'Accept-Encoding': 'gzip' }, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.headers['content-encoding']).toBe('gzip')
    expect(Number(head.headers['content-length'])).toBe(file('de/index.html.gz').length)
    expect(head.body.length).toBe(0)
  })

  it('caches for a year only files with a content hash and media, though DEPLOY_DIR contains /media/', async () => {
    // Declared here, not taken from the rule table: Vite's assets, Pagefind's chunks, the CMS's media.
    const hashed = /^\/_astro\/|\.pf_(?:fragment|index|meta|filter)$|^\/media\//
    const urls = filesOf(release).filter((f) => !/\.(br|gz)$/.test(f))
    let immutable = 0
    for (const url of urls) {
      const answer = await get(server(), url, {}, 'HEAD')
      if (answer.status !== 200) continue
      const cached = /immutable/.test(String(answer.headers['cache-control']))
      expect(cached, url).toBe(hashed.test(url))
      if (cached) immutable++
    }
    expect(immutable).toBeGreaterThan(10)
    // A page whose slug is "media", under a DEPLOY_DIR with /media/ in it: revalidated like every page.
    expect((await get(server(), '/de/info/media/')).headers['cache-control']).toBe('no-cache')
  })

  it('serves media only from the allow-list, with the type of the extension, and PDFs as downloads', async () => {
    // The upload stored as cover.html (a PNG with a script appended) was served as text/html.
    const cover = await get(server(), '/media/cover.html')
    expect(cover.status).toBe(404)
    expect(cover.body.toString('latin1')).not.toContain(SCRIPT)
    const png = await get(server(), '/media/3f2a9c1e-titelbild.png')
    expect(png).toMatchObject({ status: 200, headers: { 'content-type': 'image/png', 'x-content-type-options': 'nosniff' } })
    expect(png.body.equals(PNG)).toBe(true)
    expect((await get(server(), '/media/5d6e7f80-FOTO.PNG')).headers['content-type']).toBe('image/png')
    const pdf = await get(server(), '/media/7b1d4e20-jahresbericht.pdf')
    expect(pdf).toMatchObject({ status: 200, headers: { 'content-type': 'application/pdf', 'content-disposition': 'attachment' } })
    for (const target of ['/media/0c0ffee0-grafik.svg', '/media/1a2b3c4d-notiz.txt', '/media/']) {
      const answer = await get(server(), target)
      expect(answer.status, target).toBe(404)
      expect(answer.body.toString('latin1'), target).not.toContain(SCRIPT)
    }
  })

  it('refuses every hostile request with a 4xx, leaks nothing, and keeps serving', async () => {
    for (const { name: what, raw } of HOSTILE_REQUESTS) {
      const answer = await rawRequest(server().port, raw)
      // A client error, or 505 for an HTTP version nginx does not speak.
      expect(answer.status >= 400 && (answer.status < 500 || answer.status === 505), `${what}: ${answer.status}`).toBe(true)
      expect(answer.body.toString('latin1'), what).not.toMatch(LEAK)
      expect(answer.body.toString('latin1'), what).not.toContain(SCRIPT)
    }
    expect(server().alive()).toBe(true)
    expect((await get(server(), '/de/')).status).toBe(200)
  })

  it('finds a page with the search in Chromium, with no policy violation and no third-party request', async () => {
    // Through the merged shards of the German index (shards of three pages, see beforeAll).
    expect((JSON.parse(file('pagefind/de/shards.json').toString()) as { shards: number }).shards).toBeGreaterThan(1)
    const context = await browser.newContext()
    const served: string[] = []
    const foreign: string[] = []
    const violations: string[] = []
    context.on('request', (r) => {
      if (!r.url().startsWith(server().base)) foreign.push(r.url())
      else served.push(new URL(r.url()).pathname)
    })
    await context.exposeBinding('lotseReportViolation', (_source, v: string) => void violations.push(v))
    await context.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { lotseReportViolation: (v: string) => void }).lotseReportViolation(`${e.violatedDirective} ${e.blockedURI}`)),
    )
    const page = await context.newPage()
    page.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text())
    })
    await page.goto(`${server().base}/de/search/?q=Deutschkurs`, { waitUntil: 'load' })
    await searchAnswered(page)
    expect(await page.$$eval('#search-results a', (as) => as.map((a) => a.getAttribute('href')))).toContain('/de/offers/sprachkurs/')
    await context.close()
    expect(served).toContain('/pagefind/de/1/pagefind-entry.json')
    expect(violations).toEqual([])
    expect(foreign).toEqual([])
  })
})
