import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import type { Server } from 'node:http'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildSite, type PageReads, siteDir } from '@lotse/scripts/site/build'
import { SHARDS_FILE, searchablePages, shardDir } from '@lotse/scripts/site/pagefind'
import { serveSite } from '@lotse/scripts/site/server'
import { localeCodes } from '@lotse/translations'
import { uiStrings } from '@lotse/translations/ui'

import { launchBrowser } from '../helpers/browser'
import { freePort } from '../helpers/ports'
import { fixtureEvent, fixtureSnapshot, freshnessFixtures, writeFixture } from '../helpers/snapshot'
import { openSearch } from './search/harness'

/**
 * The site built from scenario snapshots with a frozen clock (25 November 2026): right-to-left
 * pages, a missing, a machine and an outdated translation, recurring events over a month
 * boundary, a past and a cancelled event, an empty event list, the byte budgets, and entries
 * of every freshness state (current, due, overdue, ended; `freshnessFixtures`).
 */
const work = mkdtempSync(path.join(tmpdir(), 'lotse-site-'))
const out = path.join(work, 'dist')
const emptyOut = path.join(work, 'dist-empty')
/** What each page of the full build read (its URL → dependency keys). */
let reads: PageReads
const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8')
const html = (file: string) => read(out, file)
const gz = (s: string | Buffer) => gzipSync(s).length
const noop = <T>(_: string, fn: () => Promise<T>) => fn()

/**
 * Every script file a page makes the browser fetch on load, from the built files: its
 * `<script src>`s, the component and renderer of its islands, and every module those import
 * (Astro's chunks import each other with relative paths), each once.
 */
function scriptsOf(page: string): string[] {
  const entries = [...page.matchAll(/<script[^>]*\ssrc="([^"]+)"/g), ...page.matchAll(/\s(?:component|renderer|before-hydration)-url="([^"]+)"/g)].map((m) => m[1]!)
  const seen = new Set<string>()
  const visit = (url: string) => {
    if (seen.has(url)) return
    seen.add(url)
    const code = read(out, url)
    for (const m of code.matchAll(/(?:\bimport|\bfrom)\s*["'](\.{1,2}\/[^"']+)["']/g)) visit(path.posix.join(path.posix.dirname(url), m[1]!))
  }
  for (const url of entries.filter((u) => u !== '')) visit(url)
  return [...seen]
}
const gzOf = (urls: string[]) => urls.reduce((sum, url) => sum + gz(readFileSync(path.join(out, url))), 0)

const ev = fixtureEvent

/** A process standing in for a build of another process that still runs. */
const runningBuilder = spawn('sleep', ['600'], { stdio: 'ignore' })
/** A build folder as a build of process `pid` leaves it in site/.builds when it is killed. */
function plantBuildFolder(pid: number): string {
  const dir = path.join(siteDir, '.builds', `build-${pid}-leftover`)
  mkdirSync(path.join(dir, 'de'), { recursive: true })
  writeFileSync(path.join(dir, 'de', 'index.html'), '<!doctype html>')
  return dir
}
let leftovers: { ended: string; running: string } | undefined
afterAll(() => {
  runningBuilder.kill('SIGKILL')
  if (leftovers) rmSync(leftovers.running, { recursive: true, force: true })
})

beforeAll(async () => {
  process.env.LOTSE_NOW = '2026-11-25T08:00:00.000Z'
  const unsafeBody = {
    root: {
      type: 'root' as const,
      children: [{ type: 'paragraph', children: [{ type: 'link', fields: { url: 'javascript:alert(1)' }, children: [{ type: 'text', text: 'Gefährlicher Link', format: 0 }] }] }],
    },
  }
  const fresh = freshnessFixtures()
  const base = fixtureSnapshot()
  const full = fixtureSnapshot({
    offers: [...base.offers, ...fresh.offers],
    contacts: [...base.contacts, ...fresh.contacts],
    events: [
      // Saturdays 10:00 since October: the next dates fall in November and December.
      ev('samstagstreff', '2026-10-03T08:00:00.000Z', { recurrence: { frequency: 'weekly', interval: 1, monthlyMode: 'dayOfMonth', weekOfMonth: null, until: null } }),
      ev('vergangener-abend', '2026-11-02T17:00:00.000Z'),
      ev('abgesagtes-fest', '2026-12-12T13:00:00.000Z', { cancelled: true }),
    ],
  })
  full.pages[0]!.body = { ...full.pages[0]!.body, de: unsafeBody }
  writeFixture(path.join(work, 'full'), full)
  // Build folders left by a build whose process has ended, and by one whose process still runs.
  leftovers = { ended: plantBuildFolder(spawnSync('true').pid!), running: plantBuildFolder(runningBuilder.pid!) }
  reads = await buildSite(path.join(work, 'full'), out, noop)
  writeFixture(path.join(work, 'empty'), fixtureSnapshot({ events: [] }))
  await buildSite(path.join(work, 'empty'), emptyOut, noop)
}, 240_000)

afterAll(() => {
  delete process.env.LOTSE_NOW
  rmSync(work, { recursive: true, force: true })
})

describe('site build', () => {
  it('builds every locale with its direction, a search index and a 404 page', () => {
    for (const code of localeCodes) {
      const home = html(`${code}/index.html`)
      const dir = ['ar', 'fa', 'ps'].includes(code) ? 'rtl' : 'ltr'
      expect(home).toContain(`<html lang="${code}" dir="${dir}">`)
      expect(readdirSync(path.join(out, 'pagefind', code))).toContain('pagefind-entry.json')
      expect(html(`${code}/404/index.html`)).toContain(uiStrings(code)['notFound.title'])
    }
    expect(html('index.html')).toContain('ትግርኛ')
  })

  it("indexes exactly the pages that carry the search body, in every locale's index", () => {
    // The build learns which pages are searchable from the pages themselves (`searchBody`), not
    // by reading them: a page that carries the attribute but was not reported would be missing.
    for (const code of localeCodes) {
      const bundle = path.join(out, 'pagefind', code)
      const { shards } = JSON.parse(read(bundle, SHARDS_FILE)) as { shards: number }
      let indexed = 0
      for (let shard = 0; shard < shards; shard++) {
        const entry = JSON.parse(read(shardDir(bundle, shard), 'pagefind-entry.json')) as { languages: Record<string, { page_count: number }> }
        indexed += Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0)
      }
      const carrying = searchablePages(out, code)
      expect(carrying.length).toBeGreaterThan(5)
      expect(indexed, code).toBe(carrying.length)
    }
  })

  it('has Leichte Sprache as its own variant of German, with the start page explanations BITV 2.0 asks for', () => {
    const easy = html('de-x-ls/index.html')
    expect(easy).toContain('<html lang="de-x-ls" dir="ltr">')
    for (const id of ['inhalt', 'bedienung', 'barrierefreiheit', 'mehr']) expect(easy).toContain(`id="${id}"`)
    expect(easy).toContain('Was finden Sie auf dieser Internet·seite?')
    expect(html('de/index.html')).toContain('href="/de-x-ls/"')
    // Offers without a Leichte Sprache version show German, marked and explained.
    expect(html('de-x-ls/offers/sprachkurs/index.html')).toContain('data-notice="fallback"')
  })

  it('marks every block with its language and translation state, and tells the reader', () => {
    const ar = html('ar/offers/sprachkurs/index.html')
    expect(ar).toMatch(/<article data-pagefind-body lang="ar" dir="rtl" data-translation-state="reviewed">/)
    expect(ar).not.toContain('data-notice=')

    const fa = html('fa/offers/sprachkurs/index.html')
    expect(fa).toMatch(/<article data-pagefind-body lang="de" dir="ltr" data-translation-state="fallback">/)
    expect(fa).toContain('data-notice="fallback"')
    expect(fa).toContain(uiStrings('fa')['notice.fallback'].replace('{{language}}', 'فارسی'))

    const ti = html('ti/offers/sprachkurs/index.html')
    expect(ti).toMatch(/data-translation-state="machine"/)
    expect(ti).toContain('data-notice="machine"')
    // The body has no Tigrinya text: that block alone falls back to German.
    expect(ti).toMatch(/<div class="prose" lang="de" dir="ltr" data-translation-state="fallback">/)

    const uk = html('uk/offers/sprachkurs/index.html')
    expect(uk).toContain('data-notice="outdated"')
    expect(uk).toContain('href="/de/offers/sprachkurs/"')
    expect(uk).toContain('10 листопада 2026')

    expect(html('de/offers/sprachkurs/index.html')).toMatch(/data-translation-state="original"/)
    // In right-to-left pages a phone number must not have its digit groups reordered.
    expect(html('ar/contacts/anlaufstelle/index.html')).toContain('dir="ltr">04462 86-1100</a>')
    // Names (Latin script, never translated) are isolated, so "Reza M." keeps its full stop at the end.
    expect(html('ar/contacts/index.html')).toMatch(/<h4><a href="\/ar\/contacts\/[^"]+\/"><bdi lang="de">/)
  })

  it('lists upcoming dates by month, recurring ones expanded, past ones gone, cancelled ones marked', () => {
    const list = html('de/events/index.html')
    expect(list).toContain('<h2>November 2026</h2>')
    expect(list).toContain('<h2>Dezember 2026</h2>')
    expect(list).toContain('Sa., 28. Nov.')
    expect(list).toContain('Sa., 5. Dez.')
    expect(list).not.toContain('vergangener-abend')
    expect(list).toMatch(/data-event="abgesagtes-fest"[\s\S]*?Abgesagt/)
    const ics = read(out, 'de/events.ics')
    expect(ics).toContain('RRULE:FREQ=WEEKLY')
    expect(ics).toContain('STATUS:CANCELLED')
    expect(read(out, 'de/events/samstagstreff.ics')).toContain('DTSTART;TZID=Europe/Berlin:20261003T100000')
    expect(html('ar/events/index.html')).toContain('نوفمبر')

    const empty = read(emptyOut, 'de/events/index.html')
    expect(empty).toContain('id="no-events"')
    expect(empty).toContain('Zurzeit sind keine Termine geplant.')
  })

  it('is honest about the concept: done counts, an overdue measure says so', () => {
    const concept = html('de/concept/index.html')
    expect(concept).toContain('1 von 2 Maßnahmen umgesetzt')
    expect(concept).toMatch(/id="befragung"[\s\S]*?Frist überschritten/)
    expect(concept).not.toMatch(/id="plattform"[^]*?Frist überschritten[^]*?id="befragung"/)
  })

  it('lists offers in the sitemaps by slug, so renaming an offer does not render the sitemaps again', () => {
    const sitemap = reads.get('/ar/sitemap.xml')
    expect(sitemap).toContain('content:slugs')
    // Not the alphabetical list, nor any offer's title: an incremental publish renders a page again when one of these changes.
    expect(sitemap!.filter((key) => key.startsWith('content:currentOffers') || key.startsWith('content:offers') || key.startsWith('doc:offers/'))).toEqual([])
    const urls = [...read(out, 'ar/sitemap.xml').matchAll(/<loc>[^<]*\/ar\/offers\/([^/<]+)\/<\/loc>/g)].map((m) => m[1]!)
    expect(urls.length).toBeGreaterThan(2)
    expect(urls).toEqual([...urls].sort())
  })

  it('sanitizes rich text links and publishes structured data, feeds and a sitemap with alternates', () => {
    const page = html('de/info/erste-schritte/index.html')
    expect(page).toContain('Gefährlicher Link')
    expect(page).not.toContain('javascript:')
    expect(html('de/offers/sprachkurs/index.html')).toContain('"@type":"Service"')
    expect(html('de/contacts/anlaufstelle/index.html')).toContain('"@type":"ContactPoint"')
    // A sitemap index names one sitemap per locale; each lists its locale's pages with alternates.
    expect(read(out, 'sitemap.xml')).toContain('<sitemap><loc>http://localhost:4321/ti/sitemap.xml</loc></sitemap>')
    const arMap = read(out, 'ar/sitemap.xml')
    expect(arMap).toContain('<url><loc>http://localhost:4321/ar/offers/sprachkurs/</loc><xhtml:link rel="alternate" hreflang="de"')
    expect(arMap).toContain('<xhtml:link rel="alternate" hreflang="ti" href="http://localhost:4321/ti/offers/sprachkurs/"/>')
    expect(arMap).not.toContain('<loc>http://localhost:4321/de/')
    expect(read(out, 'de/reports/feed.xml')).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">')
    const offline = JSON.parse(read(out, 'ar/offline.json')) as { files: string[]; bytes: number; pages: number }
    expect(offline.files).toContain('/ar/offers/sprachkurs/')
    expect(offline.files.some((f) => f.startsWith('/pagefind/ar/'))).toBe(true)
    expect(offline.files.some((f) => f.startsWith('/pagefind/de/'))).toBe(false)
    expect(offline.files.some((f) => f.includes('noto-sans-arabic'))).toBe(true)
    expect(offline.bytes).toBeGreaterThan(0)
  })

  it('keeps the byte budgets: offer page HTML + CSS ≤ 14 KB gzip, ≤ 10 KB gzip JavaScript without search or filters', () => {
    const css = readdirSync(path.join(out, '_astro')).filter((f) => f.endsWith('.css'))
    const cssBytes = css.reduce((sum, f) => sum + gz(readFileSync(path.join(out, '_astro', f))), 0)
    for (const code of ['de', 'ar', 'ti'] as const) {
      const page = html(`${code}/offers/sprachkurs/index.html`)
      expect(gz(page) + cssBytes).toBeLessThanOrEqual(14 * 1024)
    }
    for (const file of ['de/offers/sprachkurs/index.html', 'de/index.html', 'de/events/index.html', 'de/concept/index.html', 'ar/info/erste-schritte/index.html']) {
      const page = html(file)
      const inline = [...page.matchAll(/<script(?![^>]*(?:src=|application\/ld\+json))[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!).join('')
      const external = [...page.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => readFileSync(path.join(out, m[1]!)))
      const bytes = gz(inline) + external.reduce((sum, b) => sum + gz(b), 0)
      expect(bytes, file).toBeLessThanOrEqual(10 * 1024)
    }
  })

  it('keeps the search page’s JavaScript (island, React, pagefind.js) within 80 KB gzip before the first query', () => {
    for (const code of ['de', 'ar', 'ti'] as const) {
      const page = html(`${code}/search/index.html`)
      const urls = [...scriptsOf(page), `/pagefind/${code}/pagefind.js`]
      // The measurement covers React itself: a renderer chunk with react-dom's hydration.
      expect(
        urls.some((u) => read(out, u).includes('hydrateRoot')),
        urls.join(' '),
      ).toBe(true)
      expect(gzOf(urls), `${code}: ${urls.map((u) => `${u} ${gzOf([u])}`).join(', ')}`).toBeLessThanOrEqual(80 * 1024)
    }
  })

  it('ships React and the island only to the search pages', () => {
    const pages = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'))
    const search = pages.filter((f) => /^[^/]+\/search\/index\.html$/.test(f))
    expect(search).toHaveLength(localeCodes.length)
    for (const file of pages.filter((f) => !search.includes(f))) {
      const page = html(file)
      expect(page.includes('<astro-island'), file).toBe(false)
      for (const url of scriptsOf(page)) expect(read(out, url).includes('hydrateRoot'), `${file}: ${url}`).toBe(false)
    }
  })

  it('moves Astro’s island scripts into files, so the search page has no inline script', () => {
    const page = html('fa/search/index.html')
    expect(page).toContain('<astro-island')
    expect(page).not.toMatch(/<script(?![^>]*\ssrc=)(?![^>]*application\/ld\+json)[^>]*>/)
    const runtime = scriptsOf(page).filter((u) => u.includes('/island-'))
    expect(runtime.some((u) => read(out, u).includes('astro-island'))).toBe(true)
  })
})

/** Every file of a built site, by its path inside it, with its bytes. */
function filesOf(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const full = path.join(dir, file)
    if (statSync(full).isFile()) files.set(file, readFileSync(full))
  }
  return files
}

describe('build folders', () => {
  it('removes the folders of builds whose process has ended, and leaves those of running ones', () => {
    expect(existsSync(leftovers!.ended)).toBe(false)
    expect(existsSync(leftovers!.running)).toBe(true)
  })
})

describe('a build is a function of its snapshot', () => {
  // What an incremental build will be compared with (issue 9): with the clock frozen, a second
  // full build of the same snapshot must give the same files, byte for byte, Pagefind's too.
  it('gives the same files, byte for byte, when the same snapshot is built again', { timeout: 240_000 }, async () => {
    const again = path.join(work, 'dist-again')
    await buildSite(path.join(work, 'full'), again, noop)
    const first = filesOf(out)
    const second = filesOf(again)
    expect([...second.keys()].sort()).toEqual([...first.keys()].sort())
    const differing = [...first].filter(([file, bytes]) => !bytes.equals(second.get(file)!)).map(([file]) => file)
    expect(differing).toEqual([])
  })
})

/** The element of a page's notice of one kind (`data-notice`), or null. */
const noticeOf = (page: string, kind: string) => new RegExp(`<p class="notice" data-notice="${kind}"[^>]*>[\\s\\S]*?</p>`).exec(page)?.[0] ?? null
/** Text as the reader sees it: tags gone, entities decoded, white space collapsed. */
const textOf = (fragment: string) =>
  fragment
    .replace(/<[^>]+>/g, '')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
/** The card of a document in a list: the innermost `<li>…</li>` around the link to it, or null. */
function cardOf(page: string, href: string): string | null {
  const at = page.indexOf(`href="${href}"`)
  const open: number[] = []
  for (const m of page.matchAll(/<li\b|<\/li>/g)) {
    if (m[0] !== '</li>') open.push(m.index)
    else {
      const start = open.pop()!
      if (at >= 0 && start < at && at < m.index) return page.slice(start, m.index + 5)
    }
  }
  return null
}

describe('freshness at build time', () => {
  // Intl's long dates, as the site writes every date (site/src/lib/format.ts).
  const overdueOffer = [
    { code: 'de', dir: 'ltr', date: '20. März 2026' },
    { code: 'ar', dir: 'rtl', date: '20 مارس 2026' },
    { code: 'ti', dir: 'ltr', date: 'መጋቢት 20, 2026' },
    // The offer has no Persian text: the page is German, the notice still the reader's.
    { code: 'fa', dir: 'rtl', date: '۲۰ مارس ۲۰۲۶' },
  ] as const

  it.each(overdueOffer)('tells $code readers of an overdue offer since when it is not confirmed, and whom to ask', ({ code, dir, date }) => {
    const notice = noticeOf(html(`${code}/offers/hausaufgabenhilfe/index.html`), 'overdue')
    expect(notice).toMatch(new RegExp(`^<p class="notice" data-notice="overdue" data-pagefind-ignore lang="${code}" dir="${dir}">`))
    expect(textOf(notice!)).toBe(`${uiStrings(code)['freshness.overdueOffer'].replace('{{date}}', date)} Kreisvolkshochschule · 04462 1234`)
    expect(notice).toContain('<a href="tel:044621234" dir="ltr">04462 1234</a>')
  })

  it('tells readers of an overdue contact and interpreter, with their own phone or e-mail, counted from the last change when never reviewed', () => {
    const office = noticeOf(html('ar/contacts/beratung-esens/index.html'), 'overdue')
    expect(office).toMatch(/^<p class="notice" data-notice="overdue" data-pagefind-ignore lang="ar" dir="rtl">/)
    expect(textOf(office!)).toBe(`${uiStrings('ar')['freshness.overdueContact'].replace('{{date}}', '15 يناير 2026')} 04971 555-0`)
    const interpreter = noticeOf(html('ti/contacts/dolmetscher-arabisch/index.html'), 'overdue')
    expect(interpreter).toMatch(/^<p class="notice" data-notice="overdue" data-pagefind-ignore lang="ti" dir="ltr">/)
    expect(textOf(interpreter!)).toBe(`${uiStrings('ti')['freshness.overdueContact'].replace('{{date}}', 'ታሕሳስ 1, 2025')} karim@example.org`)
    expect(interpreter).toContain('href="mailto:karim@example.org"')
  })

  it('says nothing of the kind on a current or a merely due entry', () => {
    for (const code of ['de', 'ar', 'ti'] as const) {
      for (const file of ['offers/sprachkurs/', 'offers/bewerbungstraining/', 'contacts/anlaufstelle/', 'offers/sommerkurs/']) {
        expect(html(`${code}/${file}index.html`), `${code}/${file}`).not.toContain('data-notice="overdue"')
      }
    }
  })

  it('labels overdue offers and contacts in the lists readers see, and only those', () => {
    const label = uiStrings('de')['freshness.overdueLabel']
    const overdue = `<li class="bad" data-overdue>${label}</li>`
    for (const file of ['offers/index.html', 'offers/topic/sprache/index.html', 'offers/in/esens/index.html'])
      expect(cardOf(html(`de/${file}`), '/de/offers/hausaufgabenhilfe/'), file).toContain(overdue)
    expect(cardOf(html('de/offers/index.html'), '/de/offers/bewerbungstraining/')).not.toContain('data-overdue')
    expect(cardOf(html('de/offers/index.html'), '/de/offers/sprachkurs/')).not.toContain('data-overdue')
    expect(cardOf(html('de/contacts/index.html'), '/de/contacts/beratung-esens/')).toContain(label)
    expect(cardOf(html('de/contacts/index.html'), '/de/contacts/anlaufstelle/')).not.toContain('data-overdue')
    expect(cardOf(html('ar/interpreters/index.html'), '/ar/contacts/dolmetscher-arabisch/')).toContain(uiStrings('ar')['freshness.overdueLabel'])
    expect(cardOf(html('de/interpreters/index.html'), '/de/contacts/dolmetscherin-tigrinya/')).not.toContain('data-overdue')
    // The contact's own list of offers, too.
    expect(cardOf(html('de/contacts/anlaufstelle/index.html'), '/de/offers/hausaufgabenhilfe/')).toContain(label)
  })

  it('shows when a contact was last checked, as offers do', () => {
    expect(html('de/contacts/anlaufstelle/index.html')).toContain(`<p class="meta">${uiStrings('de')['common.lastChecked'].replace('{{date}}', '1. Oktober 2026')}</p>`)
    expect(html('ar/contacts/anlaufstelle/index.html')).toContain(`<p class="meta">${uiStrings('ar')['common.lastChecked'].replace('{{date}}', '1 أكتوبر 2026')}</p>`)
  })

  it('takes an ended offer out of the lists, topic and municipality pages, its contact’s offers and the sitemap', () => {
    for (const code of ['de', 'ar', 'ti'] as const) {
      for (const file of ['offers/index.html', 'offers/topic/sprache/index.html', 'offers/in/wittmund/index.html', 'contacts/anlaufstelle/index.html', 'sitemap.xml']) {
        const page = read(out, `${code}/${file}`)
        // The offer beside it, of the same topic, municipality and contact, is there.
        expect(page, `${code}/${file}`).toContain(`/${code}/offers/sprachkurs/`)
        expect(page, `${code}/${file}`).not.toContain(`/${code}/offers/sommerkurs/`)
      }
    }
  })

  it.each([
    { code: 'de', dir: 'ltr', date: '31. Oktober 2026' },
    { code: 'ar', dir: 'rtl', date: '31 أكتوبر 2026' },
    { code: 'ti', dir: 'ltr', date: 'ጥቅምቲ 31, 2026' },
  ] as const)('keeps an ended offer’s page in $code, saying at the top that it has ended, with the current offers of its topic', ({ code, dir, date }) => {
    const page = html(`${code}/offers/sommerkurs/index.html`)
    const notice = noticeOf(page, 'ended')
    expect(notice).toMatch(new RegExp(`^<p class="notice" data-notice="ended" data-pagefind-ignore lang="${code}" dir="${dir}">`))
    const topic = code === 'ar' ? 'اللغة' : 'Sprache'
    expect(textOf(notice!)).toBe(`${uiStrings(code)['offer.ended'].replace('{{date}}', date)} ${uiStrings(code)['offer.endedTopic'].replace('{{topic}}', topic)}`)
    expect(notice).toContain(`<a href="/${code}/offers/topic/sprache/">`)
    // Right under the title, before anything of the offer's own text.
    expect(page.indexOf('data-notice="ended"')).toBeLessThan(page.indexOf('class="lead"'))
    expect(page).toContain('<meta name="robots" content="noindex">')
    expect(page).not.toContain('data-pagefind-body')
  })

  it('leaves an ended offer out of the search index, and marks overdue results', async () => {
    const search = await openSearch(out)
    try {
      expect(await search.search('de', 'Sommerferien-Intensivkurs')).not.toContain('sommerkurs')
      expect(await search.search('ar', 'مكثفة')).not.toContain('sommerkurs')
      const found = await search.hits('de', 'Hausaufgabenhilfe')
      expect(found.map((h) => [h.url, h.overdue])).toContainEqual(['/de/offers/hausaufgabenhilfe/', true])
      expect((await search.hits('ar', 'الواجبات')).find((h) => h.url === '/ar/offers/hausaufgabenhilfe/')?.overdue).toBe(true)
      const current = (await search.hits('de', 'Deutschkurs')).find((h) => h.url === '/de/offers/sprachkurs/')
      expect(current).toBeDefined()
      expect(current?.overdue).toBeUndefined()
    } finally {
      search.close()
    }
  })
})

describe('freshness notices in Chromium, 360 px wide', () => {
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
  let server: Server
  let browser: Browser
  let page: Page
  let origin: string

  beforeAll(async () => {
    const port = await freePort()
    server = await serveSite(out, port, '127.0.0.1')
    origin = `http://127.0.0.1:${port}`
    browser = await launchBrowser()
    page = await browser.newPage({ viewport: { width: 360, height: 800 } })
    // The service worker would fetch the whole locale in the background.
    await page.route('**/sw.js', (route) => route.abort())
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    server?.close()
  })

  /** Opens a page of the build and waits for its fonts. */
  const open = async (url: string) => {
    const response = await page.goto(origin + url, { waitUntil: 'load' })
    expect(response?.status(), url).toBe(200)
    await page.evaluate(async () => void (await document.fonts.ready))
  }

  it('has no accessibility violations (axe, WCAG 2.1 AA) on overdue and ended entries and the lists marking them, in de, ar, fa and ti', { timeout: 120_000 }, async () => {
    const found: string[] = []
    for (const code of ['de', 'ar', 'fa', 'ti']) {
      for (const file of ['offers/hausaufgabenhilfe/', 'offers/sommerkurs/', 'contacts/beratung-esens/', 'offers/']) {
        const url = `/${code}/${file}`
        await open(url)
        await page.evaluate(axeSource)
        const violations = await page.evaluate(async () => {
          const result = await (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe.run({
            runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
          })
          return result.violations.map((v) => `${v.id} ${JSON.stringify(v.nodes.slice(0, 2).map((n) => n.target))}`)
        })
        for (const v of violations) found.push(`${url}: ${v}`)
      }
    }
    expect(found).toEqual([])
  })

  it('fits the notices into the screen, Tigrinya drawn in the site’s own Ethiopic font (no boxes)', async () => {
    for (const url of ['/ti/offers/hausaufgabenhilfe/', '/ti/offers/sommerkurs/', '/ar/offers/hausaufgabenhilfe/', '/ar/offers/sommerkurs/']) {
      await open(url)
      const notice = (await page.locator('[data-notice="overdue"], [data-notice="ended"]').boundingBox())!
      expect(notice.x, url).toBeGreaterThanOrEqual(0)
      expect(notice.x + notice.width, url).toBeLessThanOrEqual(360)
      expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(360)
    }
    // Which fonts Chromium drew the overdue notice's own text with: every Ethiopic letter in the
    // self-hosted Noto Sans Ethiopic (a letter the font lacked would fall back to a system font,
    // which has none here, and show as a box).
    await open('/ti/offers/hausaufgabenhilfe/')
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('DOM.enable')
    await cdp.send('CSS.enable')
    const { root } = await cdp.send('DOM.getDocument')
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '[data-notice="overdue"]' })
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId })
    const text = await page.locator('[data-notice="overdue"]').evaluate((p) =>
      [...p.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent)
        .join(''),
    )
    const letters = [...text].filter((ch) => /[\u1200-\u139f\u2d80-\u2ddf\uab00-\uab2f]/u.test(ch)).length
    expect(letters).toBeGreaterThan(20)
    const ethiopic = fonts.find((f) => f.isCustomFont && /Ethiopic/.test(f.familyName))
    expect(ethiopic?.glyphCount, JSON.stringify(fonts)).toBeGreaterThanOrEqual(letters)
  })
})
