import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import type { Server } from 'node:http'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { seed } from '@lotse/cms/seed'
import { buildSnapshot, writeSnapshot } from '@lotse/cms/export/snapshot'
import { buildSite } from '@lotse/scripts/site/build'
import { serveSite } from '@lotse/scripts/site/server'
import { uiStrings } from '@lotse/translations/ui'

import { launchBrowser, searchAnswered } from '../helpers/browser'
import { freePort } from '../helpers/ports'
import { createTestCms, type TestCms } from '../helpers/payload'

/**
 * The built site in Debian's Chromium, from the seeded demo content: language switching,
 * right-to-left layout, search in six scripts with the German fallback, offline use after
 * "save this language", the Ethiopic font, print, accessibility (axe), and reading without
 * JavaScript. Every test opens its pages through `newContext`, which records every request
 * (service worker included) and every Content-Security-Policy violation of every page: after
 * each test both lists must be empty, so no page the tests open asks a third party for anything
 * or runs into the policy (which has no 'unsafe-inline' for scripts).
 */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
let cms: TestCms
let work: string
let server: Server
let browser: Browser
let base: string
const foreign: string[] = []
const violations: string[] = []

beforeAll(async () => {
  process.env.LOTSE_NOW = '2026-11-25T08:00:00.000Z'
  cms = await createTestCms()
  await seed(cms.payload, { demo: true })
  // A draft that must not reach the site, and an internal note that must not either.
  const org = (await cms.payload.find({ collection: 'organizations', limit: 1 })).docs[0]!
  const town = (await cms.payload.find({ collection: 'municipalities', limit: 1 })).docs[0]!
  await cms.payload.create({ collection: 'offers', data: { title: 'Geheimer Entwurf', slug: 'geheimer-entwurf', organization: org.id, municipality: town.id, _status: 'draft' }, draft: true })
  const contact = (await cms.payload.find({ collection: 'contacts', limit: 1 })).docs[0]!
  await cms.payload.update({ collection: 'contacts', id: contact.id, data: { internalNotes: 'Nur intern: Schlüssel liegt beim Hausmeister' } })
  work = mkdtempSync(path.join(tmpdir(), 'lotse-site-e2e-'))
  writeSnapshot(path.join(work, 'export'), path.join(cms.env.dataDir, 'media'), await buildSnapshot(cms.payload))
  await buildSite(path.join(work, 'export'), path.join(work, 'dist'), (_, fn) => fn())
  const port = await freePort()
  server = await serveSite(path.join(work, 'dist'), port, '127.0.0.1')
  base = `http://127.0.0.1:${port}`
  browser = await launchBrowser()
}, 300_000)

afterAll(async () => {
  delete process.env.LOTSE_NOW
  await browser?.close()
  server?.close()
  await cms?.cleanup()
  if (work) rmSync(work, { recursive: true, force: true })
})

/** A browser context that reports foreign requests and policy violations of all its pages (checked after each test). */
async function newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options)
  context.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url())
  })
  context.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text())
  })
  await context.exposeBinding('lotseReportViolation', (_source, v: string) => void violations.push(v))
  await context.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { lotseReportViolation: (v: string) => void }).lotseReportViolation(`${location.pathname}: ${e.violatedDirective} ${e.blockedURI}`),
    ),
  )
  return context
}

afterEach(() => {
  const seen = { foreign: foreign.splice(0), violations: violations.splice(0) }
  expect(seen).toEqual({ foreign: [], violations: [] })
})

async function open(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage()
  await page.goto(base + url, { waitUntil: 'load' })
  return page
}

/** The search island's one result list, split by the index each result came from. */
async function resultsOf(page: Page, locale: string): Promise<{ own: string[]; german: string[] }> {
  const links = (source: string) => page.$$eval(`#search-results > li[data-locale="${source}"] h2 a`, (as) => as.map((a) => a.getAttribute('href') ?? ''))
  return { own: await links(locale), german: locale === 'de' ? [] : await links('de') }
}

async function searchFor(page: Page, locale: string, query: string, params = ''): Promise<{ own: string[]; german: string[] }> {
  await page.goto(`${base}/${locale}/search/?q=${encodeURIComponent(query)}${params}`, { waitUntil: 'load' })
  await searchAnswered(page)
  await page.waitForTimeout(300)
  return resultsOf(page, locale)
}

describe('the built site in a browser', () => {
  it('switches language on the same page and lays Arabic out right to left', async () => {
    const context = await newContext()
    const page = await open(context, '/de/offers/integrationskurs-kvhs-wittmund/')
    await page.click('details.lang summary')
    await page.click('details.lang a[hreflang="ar"]')
    await page.waitForURL(`${base}/ar/offers/integrationskurs-kvhs-wittmund/`)
    expect(await page.getAttribute('html', 'dir')).toBe('rtl')
    expect(await page.textContent('h1')).toBe('دورة الاندماج مع رعاية الأطفال')
    const brand = (await page.locator('.brand').boundingBox())!
    const lang = (await page.locator('details.lang summary').boundingBox())!
    expect(brand.x).toBeGreaterThan(lang.x)
    const [text] = await page.$$eval('main article', (els) => els.map((e) => getComputedStyle(e).direction))
    expect(text).toBe('rtl')
    await context.close()
  })

  it('offers the browser’s language first on the language chooser, without redirecting', async () => {
    const context = await newContext({ locale: 'fa-IR' })
    const page = await open(context, '/')
    expect(page.url()).toBe(`${base}/`)
    expect(await page.getAttribute('.chooser li:first-child a', 'hreflang')).toBe('fa')
    await context.close()
  })

  it('searches in German, Arabic, Persian, Ukrainian, Tigrinya and Pashto, falling back to German', async () => {
    const context = await newContext()
    const page = await context.newPage()
    expect((await searchFor(page, 'de', 'Integrationskurs')).own).toContain('/de/offers/integrationskurs-kvhs-wittmund/')
    expect((await searchFor(page, 'ar', 'الاندماج')).own).toContain('/ar/offers/integrationskurs-kvhs-wittmund/')
    expect((await searchFor(page, 'fa', 'پزشک')).own).toContain('/fa/info/gesundheit/')
    expect((await searchFor(page, 'uk', 'лікаря')).own).toContain('/uk/info/gesundheit/')
    expect((await searchFor(page, 'ti', 'ሓኪም')).own).toContain('/ti/info/gesundheit/')
    // Pashto has no translations in the demo: its pages carry the German text, and are found.
    expect((await searchFor(page, 'ps', 'Notruf')).own).toContain('/ps/info/notdienst-notruf/')
    // Filters from the index: only events.
    await searchFor(page, 'de', 'Sprach')
    await page.selectOption('#search-filter-kind', 'Termine')
    await page.waitForFunction(
      () => [...document.querySelectorAll('#search-results a')].length > 0 && [...document.querySelectorAll('#search-results a')].every((a) => a.getAttribute('href')!.startsWith('/de/events/')),
      undefined,
      { timeout: 10_000 },
    )
    expect(page.url()).toContain('kind=Termine')
    // Hardly anything in English (the emergency page is translated): German results are offered below.
    const fallback = await searchFor(page, 'en', 'Straftat')
    expect(fallback.own.length, JSON.stringify(fallback.own)).toBeLessThan(3)
    expect(fallback.german).toContain('/de/info/notdienst-notruf/')
    await context.close()
  })

  it('adds the German index to the reader’s Pagefind instead of loading a second Pagefind', async () => {
    const context = await newContext()
    const requested: string[] = []
    context.on('request', (r) => requested.push(new URL(r.url()).pathname))
    const page = await context.newPage()
    const fallback = await searchFor(page, 'en', 'Straftat')
    expect(fallback.german).toContain('/de/info/notdienst-notruf/')
    const german = requested.filter((p) => p.startsWith('/pagefind/de/'))
    expect(german).toContain('/pagefind/de/pagefind-entry.json')
    expect(german.filter((p) => /\/(pagefind\.js|pagefind-worker\.js|wasm\.[a-z]+\.pagefind)$/.test(p))).toEqual([])
    expect(requested).toContain('/pagefind/en/wasm.en.pagefind')
    await context.close()
  })

  it('shows results while the reader types, and announces their number', async () => {
    const context = await newContext()
    const page = await open(context, '/de/search/')
    await page.locator('main').getByLabel(uiStrings('de')['search.label'], { exact: true }).pressSequentially('Integrationskurs', { delay: 30 })
    // Keys slower than the debounce (CI load) answer a shorter query first ("Integra"): the
    // island sets the URL when it starts a query, so the whole word's answer comes after it.
    await page.waitForURL(/q=Integrationskurs/, { timeout: 20_000 })
    await searchAnswered(page)
    expect(await page.getAttribute('#search-status', 'role')).toBe('status')
    await page.waitForSelector('#search-results a[href="/de/offers/integrationskurs-kvhs-wittmund/"]')
    const announced = async () => (await page.textContent('#search-status')) === uiStrings('de')['search.results'].replace('{{count}}', String(await page.locator('#search-results > li').count()))
    await expect.poll(announced, { timeout: 10_000 }).toBe(true)
    await context.close()
  })

  it('adds German results on request after the reader’s own, each page once, each with its language and a snippet', async () => {
    const context = await newContext()
    const page = await context.newPage()
    const without = await searchFor(page, 'ar', 'Kurs')
    expect(without.own.length).toBeGreaterThanOrEqual(3)
    expect(without.german).toEqual([])
    await page.check('#search-also-german')
    await page.waitForFunction(() => document.querySelector('#search-results > li[data-locale="de"]') !== null, undefined, { timeout: 10_000 })
    await searchAnswered(page)
    expect(page.url()).toContain('de=1')
    const sources = await page.$$eval('#search-results > li', (lis) => lis.map((li) => (li as HTMLElement).dataset.locale))
    // The reader's language first, German after it.
    expect(sources.indexOf('de')).toBeGreaterThan(sources.lastIndexOf('ar'))
    const { own, german } = await resultsOf(page, 'ar')
    const keys = [...own, ...german].map((u) => u.replace(/^\/[^/]+\//, ''))
    expect(new Set(keys).size).toBe(keys.length)
    // German results read left to right in German inside the Arabic page; each says its language and has a snippet.
    const first = page.locator('#search-results > li[data-locale="de"]').first()
    expect(await first.getAttribute('lang')).toBe('de')
    expect(await first.evaluate((li) => getComputedStyle(li).direction)).toBe('ltr')
    expect(await first.locator('.result-lang').textContent()).toBe('Deutsch')
    expect(
      await page
        .locator('#search-results > li[data-locale="ar"]')
        .first()
        .evaluate((li) => getComputedStyle(li).direction),
    ).toBe('rtl')
    expect(await page.locator('#search-results > li[data-locale="ar"] .result-lang').first().textContent()).toBe('العربية')
    expect((await first.locator('p').last().innerHTML()).length).toBeGreaterThan(0)
    await context.close()
  })

  it('searches what the reader typed before React had loaded', async () => {
    const context = await newContext()
    const page = await context.newPage()
    // Hold back React's renderer, as a slow connection would.
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route(/\/_astro\/client\.[\w-]+\.js$/, async (route) => {
      await held
      await route.continue()
    })
    await page.goto(`${base}/uk/search/`, { waitUntil: 'domcontentloaded' })
    await page.fill('#search-q', 'лікаря')
    expect(await page.textContent('#search-status')).toBe('')
    release()
    await searchAnswered(page)
    await page.waitForSelector('#search-results a[href="/uk/info/gesundheit/"]')
    expect(await page.inputValue('#search-q')).toBe('лікаря')
    await context.close()
  })

  it('searches from the keyboard alone', async () => {
    const context = await newContext()
    const page = await open(context, '/fa/search/')
    await page.focus('#search-q')
    await page.keyboard.type('پزشک')
    await page.keyboard.press('Enter')
    await searchAnswered(page)
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(uiStrings('fa')['search.submit'])
    await page.waitForSelector('#search-results a[href="/fa/info/gesundheit/"]')
    await context.close()
  })

  it('gives readers without JavaScript the offers by topic instead of a dead search form', async () => {
    const context = await newContext({ javaScriptEnabled: false })
    const page = await open(context, '/fa/search/?q=%D9%BE%D8%B2%D8%B4%DA%A9')
    expect(await page.isVisible('#search-q')).toBe(false)
    expect(await page.textContent('#search-without-js')).toBe(uiStrings('fa')['search.needsJs'])
    const topic = page.locator('main a[href^="/fa/offers/topic/"]').first()
    await topic.click()
    await page.waitForURL(/\/fa\/offers\/topic\/[^/]+\/$/)
    expect(await page.locator('main a[href^="/fa/offers/"]').count()).toBeGreaterThan(0)
    await context.close()
  })

  it('runs no script on a reading page but the service-worker registration', async () => {
    const context = await newContext()
    const page = await context.newPage()
    const scripts: string[] = []
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname)
    })
    await page.goto(`${base}/ar/offers/integrationskurs-kvhs-wittmund/`, { waitUntil: 'networkidle' })
    // Base.astro's script and the module it imports (scripts/register.ts): no island, no React, no Pagefind.
    expect(scripts.length).toBeGreaterThan(0)
    for (const url of scripts) expect(url).toMatch(/^\/_astro\/(?:Base\.astro_astro_type_script_index_0_lang|register)\.[\w-]+\.js$/)
    expect(scripts.map((url) => readFileSync(path.join(work, 'dist', url), 'utf8')).join('')).toContain('serviceWorker.register')
    await context.close()
  })

  it('filters offers instantly with JavaScript', async () => {
    const context = await newContext()
    const page = await open(context, '/de/offers/')
    const total = await page.locator('#offer-list > li').count()
    await page.selectOption('select[name="municipality"]', 'langeoog')
    const visible = page.locator('#offer-list > li:visible')
    const shown = await visible.count()
    expect(shown).toBeGreaterThan(0)
    expect(shown).toBeLessThan(total)
    expect(new Set(await visible.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.municipality)))).toEqual(new Set(['langeoog']))
    await context.close()
  })

  it('saves a language for offline use: pages and search work without a network', async () => {
    const context = await newContext()
    const page = await open(context, '/uk/')
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null || navigator.serviceWorker.ready.then(() => true), undefined, { timeout: 10_000 })
    await page.waitForSelector('#offline:not([hidden])')
    expect(await page.textContent('#offline-size')).toMatch(/\d/)
    await page.click('#offline-save')
    await page.waitForFunction(
      () => !(document.getElementById('offline-save') as HTMLButtonElement).disabled && (document.getElementById('offline-remove') as HTMLElement).hidden === false,
      undefined,
      { timeout: 60_000 },
    )
    await page.reload({ waitUntil: 'load' })
    await context.setOffline(true)
    await page.goto(`${base}/uk/info/gesundheit/`, { waitUntil: 'load' })
    expect(await page.textContent('h1')).toBe('Здоров’я')
    expect(await page.isVisible('#offline-banner')).toBe(true)
    const found = await searchFor(page, 'uk', 'лікаря')
    expect(found.own).toContain('/uk/info/gesundheit/')
    expect(await page.textContent('.search-offline')).toBe(uiStrings('uk')['search.offline'])
    await context.close()
  })

  it('lets an Arabic reader offline find an interpreter, next week’s Sprach-Café and a measure’s status', async () => {
    const context = await newContext()
    const page = await open(context, '/ar/')
    await page.waitForSelector('#offline:not([hidden])')
    await page.click('#offline-save')
    await page.waitForFunction(() => (document.getElementById('offline-remove') as HTMLElement).hidden === false, undefined, { timeout: 60_000 })
    await context.setOffline(true)
    await page.goto(`${base}/ar/interpreters/`, { waitUntil: 'load' })
    expect(await page.locator('#lang-ar li').count()).toBeGreaterThan(0)
    await page.goto(`${base}/ar/events/`, { waitUntil: 'load' })
    const cafe = page.locator('li[data-event^="sprach-cafe"]').first()
    const next = new Date(String(await cafe.locator('time').first().getAttribute('datetime')))
    expect(next.getTime() - Date.parse(process.env.LOTSE_NOW!)).toBeLessThan(7 * 86_400_000)
    await page.goto(`${base}/ar/concept/`, { waitUntil: 'load' })
    expect(await page.getAttribute('#sprachkoordinierungsstelle', 'data-status')).toBe('done')
    expect(await page.textContent('#sprachkoordinierungsstelle .status')).toBe(uiStrings('ar')['status.done'])
    await context.close()
  })

  it('serves its own Ethiopic and Arabic fonts, so Tigrinya is not boxes', async () => {
    const context = await newContext()
    const page = await open(context, '/ti/')
    const loaded = await page.evaluate(async () => {
      await document.fonts.ready
      return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, ''))
    })
    expect(loaded).toContain('Lotse Ethiopic')
    const ar = await open(context, '/ar/')
    expect(await ar.evaluate(async () => (await document.fonts.ready, [...document.fonts].some((f) => f.family.includes('Lotse Arabic') && f.status === 'loaded')))).toBe(true)
    await context.close()
  })

  it('prints right to left without navigation, and reads without JavaScript', async () => {
    const context = await newContext({ javaScriptEnabled: false })
    const page = await open(context, '/ar/offers/integrationskurs-kvhs-wittmund/')
    expect(await page.textContent('h1')).toBe('دورة الاندماج مع رعاية الأطفال')
    await page.emulateMedia({ media: 'print' })
    expect(await page.isHidden('header.top')).toBe(true)
    expect(await page.isHidden('form.search')).toBe(true)
    expect((await page.pdf({ format: 'A4' })).length).toBeGreaterThan(5_000)
    await context.close()
  })

  it('has no accessibility violations (axe, WCAG 2.1 AA) on any template in de, ar, fa and ti', { timeout: 240_000 }, async () => {
    const templates = [
      '',
      'offers/',
      'offers/integrationskurs-kvhs-wittmund/',
      'offers/topic/sprache/',
      'offers/in/esens/',
      'contacts/',
      'contacts/anlaufstelle-integration/',
      'interpreters/',
      'events/',
      'events/sprach-cafe-wittmund-dienstags/',
      'reports/',
      'reports/sprachkoordinierungsstelle-eingerichtet/',
      'concept/',
      'info/',
      'info/gesundheit/',
      'search/?q=Kurs',
      'search/?q=Kurs&de=1',
      '404/',
    ]
    const context = await newContext()
    const page = await context.newPage()
    await page.route('**/sw.js', (route) => route.abort())
    const found: string[] = []
    for (const url of ['/', ...['de', 'ar', 'fa', 'ti'].flatMap((code) => templates.map((t) => `/${code}/${t}`))]) {
      const response = await page.goto(base + url, { waitUntil: 'load' })
      expect(response?.status(), url).toBeLessThan(url.endsWith('404/') ? 500 : 400)
      if (url.includes('search')) await searchAnswered(page, 30_000)
      // Evaluated through the DevTools protocol: a <script> tag would be an inline script the policy blocks.
      await page.evaluate(axeSource)
      const violations = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe.run({
          runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
        })
        return result.violations.map((v) => `${v.id} ${JSON.stringify(v.nodes.slice(0, 2).map((n) => n.target))}`)
      })
      for (const v of violations) found.push(`${url}: ${v}`)
    }
    expect(found).toEqual([])
    await context.close()
  })

  it('holds no draft and no internal note anywhere', () => {
    const files: string[] = []
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name))
        else if (/\.(html|json|xml|ics|js|txt)$/.test(e.name)) files.push(path.join(dir, e.name))
      }
    }
    walk(path.join(work, 'dist'))
    expect(files.length).toBeGreaterThan(1000)
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      expect(text.includes('Schlüssel liegt beim Hausmeister'), file).toBe(false)
      expect(text.includes('geheimer-entwurf') || text.includes('Geheimer Entwurf'), file).toBe(false)
    }
  })
})
