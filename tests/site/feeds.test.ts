import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseFeed } from '@rowanmanning/feed-parser'
import { SaxesParser } from 'saxes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Report } from '@lotse/content-schemas'
import { buildSite } from '@lotse/scripts/site/build'
import { localeCodes, type LocaleCode } from '@lotse/translations'
import { uiStrings } from '@lotse/translations/ui'

import { fixtureSnapshot, loc, rich, states, writeFixture } from '../helpers/snapshot'

/**
 * The Atom feeds as feed readers read them. A fixture site is built with 31 reports; every
 * locale's `reports/feed.xml` must be well-formed XML 1.0 (saxes, a strict parser), and
 * `@rowanmanning/feed-parser` (a feed reader's parser) must find in it the newest 30 reports,
 * newest first, each with its title, summary and text in the reader's language (German where a
 * report is not translated, marked as German), its dates, and an absolute link to its page in
 * the build; and every page of the locale must point feed readers at that feed.
 */
const SITE = 'http://localhost:4321'
const work = mkdtempSync(path.join(tmpdir(), 'lotse-feeds-'))
const out = path.join(work, 'dist')

type Texts = Partial<Record<LocaleCode, string>>

/** A report of the fixture; its texts per locale (German always), as the fixture writes them. */
interface Fixture {
  slug: string
  publishedDate: string
  updatedAt: string
  title: Texts
  summary: Texts
  body: Texts
}

const fixtures: Fixture[] = [
  {
    slug: 'ein-jahr-lotse',
    publishedDate: '2026-11-01T12:00:00.000Z',
    updatedAt: '2026-11-10T09:00:00.000Z',
    title: { de: 'Ein Jahr Lotse', ar: 'عام على لوتسه', ti: 'ሓደ ዓመት ሎትሰ', uk: 'Рік Lotse' },
    summary: { de: 'Was das Integrationskonzept erreicht hat.', ar: 'ما حققه مفهوم الاندماج.' },
    body: { de: 'Die Plattform ist online.', ar: 'المنصة متاحة على الإنترنت.', ti: 'እቲ መድረኽ ኣብ መስመር ኣሎ።' },
  },
  {
    // German only; characters XML and HTML must escape, and a vertical tab (Word's manual line
    // break when pasted), which XML 1.0 does not allow in a document at all.
    slug: 'kinder-und-jugend',
    publishedDate: '2026-06-30T10:00:00.000Z',
    // Changed after the newer report: the order follows the publication date, not the change.
    updatedAt: '2026-11-20T10:00:00.000Z',
    title: { de: "Kinder & Jugend: „Zwischenbilanz“ <Halbjahr> '26" },
    summary: { de: 'Wenn a < b && c > d, dann "e".' },
    body: { de: 'Erste\u000bZeile & <b>nicht fett</b> ]]> zweimal ]]> Ende' },
  },
  // Older reports, German only and without text, so that the feed has more than it shows.
  ...Array.from({ length: 29 }, (_, i) => ({
    slug: `bericht-${String(i + 1).padStart(2, '0')}`,
    publishedDate: new Date(Date.UTC(2024, 0, 31 - i, 12)).toISOString(),
    updatedAt: new Date(Date.UTC(2024, 1, 1 + i, 8)).toISOString(),
    title: { de: `Bericht ${i + 1}` },
    summary: {},
    body: {},
  })),
]

/** The newest 30, newest first: what each feed must hold. */
const expected = [...fixtures].sort((a, b) => b.publishedDate.localeCompare(a.publishedDate)).slice(0, 30)

const toReport = (f: Fixture): Report => ({
  slug: f.slug,
  updatedAt: f.updatedAt,
  demo: false,
  translations: states(
    Object.fromEntries(
      Object.keys(f.title)
        .filter((c) => c !== 'de')
        .map((c) => [c, c === 'ti' ? 'machine' : 'reviewed'] as const),
    ),
  ),
  title: loc(f.title),
  summary: loc(f.summary),
  body: rich(Object.fromEntries(Object.entries(f.body).map(([c, text]) => [c, [text]]))),
  coverImage: null,
  publishedDate: f.publishedDate,
  measures: [],
  topics: [],
})

/** What the reader of `code` is given of a text: their language's, else German. */
const shown = (texts: Texts, code: LocaleCode) => (texts[code] !== undefined ? { value: texts[code], lang: code } : texts.de === undefined ? null : { value: texts.de, lang: 'de' })
/** Text as XML 1.0 can carry it: without the control characters it does not allow. */
// eslint-disable-next-line no-control-regex
const xmlText = (s: string) => s.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '')

const feedUrl = (code: LocaleCode) => `${SITE}/${code}/reports/feed.xml`
const feedXml = (code: LocaleCode) => readFileSync(path.join(out, code, 'reports', 'feed.xml'), 'utf8')
type Feed = ReturnType<typeof parseFeed>
const feeds = new Map<LocaleCode, Feed>()

beforeAll(async () => {
  process.env.LOTSE_NOW = '2026-11-25T08:00:00.000Z'
  writeFixture(path.join(work, 'snapshot'), fixtureSnapshot({ reports: fixtures.map(toReport) }))
  await buildSite(path.join(work, 'snapshot'), out, (_, fn) => fn())
}, 300_000)

afterAll(() => {
  delete process.env.LOTSE_NOW
  rmSync(work, { recursive: true, force: true })
})

/** Reads a locale's feed with the feed reader's parser, once. */
function feed(code: LocaleCode): Feed {
  if (!feeds.has(code)) feeds.set(code, parseFeed(feedXml(code)))
  return feeds.get(code)!
}

/** The first well-formedness error a strict XML 1.0 parser finds, or null. */
function wellFormednessError(xml: string): string | null {
  const parser = new SaxesParser({ xmlns: true })
  let error: string | null = null
  parser.on('error', (e) => {
    error ??= e.message
  })
  parser.write(xml).close()
  return error
}

/** The built page a site URL names (`/de/reports/x/` is `de/reports/x/index.html`), if it exists. */
function builtPage(url: string): string | null {
  const { origin, pathname } = new URL(url)
  if (origin !== SITE) return null
  const file = path.join(out, decodeURIComponent(pathname), pathname.endsWith('/') ? 'index.html' : '')
  return existsSync(file) ? readFileSync(file, 'utf8') : null
}

const decodeHtml = (s: string) => s.replace(/&(lt|gt|quot|#39|#x27|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", amp: '&' })[e]!)
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

const pageFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? pageFiles(path.join(dir, e.name)) : e.name.endsWith('.html') ? [path.join(dir, e.name)] : []))

describe.each(localeCodes.map((code) => ({ code })))('the Atom feed in $code', ({ code }) => {
  it('is well-formed XML 1.0, and a feed reader parses it as Atom', () => {
    expect(wellFormednessError(feedXml(code))).toBeNull()
    expect(() => feed(code)).not.toThrow()
    expect(feed(code).meta.type).toBe('atom')
  })

  it('names itself, the reports page, its language, its author and its last change', () => {
    const f = feed(code)
    expect(f.self).toBe(feedUrl(code))
    expect(f.url).toBe(`${SITE}/${code}/reports/`)
    expect(f.language).toBe(code)
    expect(f.title).toBe(`${uiStrings(code)['site.name']} – ${uiStrings(code)['reports.title']}`)
    expect(f.authors.map((a) => a.name)).toEqual(['Landkreis Wittmund'])
    // The newest change among its reports: from the content, never the clock, nor the export's
    // date (a feed changes when its reports do, not with every publish).
    const newest = expected
      .map((r) => r.updatedAt)
      .sort()
      .at(-1)
    expect(newest).toBe('2026-11-20T10:00:00.000Z')
    expect(f.updated?.toISOString()).toBe(newest)
    expect(feedXml(code)).toMatch(new RegExp(`<feed\\b[^>]*\\bxml:lang="${code}"`))
  })

  it('has the newest 30 reports, newest first, with the ids and links of their pages', () => {
    const items = feed(code).items
    expect(items.map((i) => i.url)).toEqual(expected.map((r) => `${SITE}/${code}/reports/${r.slug}/`))
    expect(items.map((i) => i.id)).toEqual(expected.map((r) => `${SITE}/${code}/reports/${r.slug}/`))
    expect(items.map((i) => i.published?.toISOString())).toEqual(expected.map((r) => r.publishedDate))
    expect(items.map((i) => i.updated?.toISOString())).toEqual(expected.map((r) => r.updatedAt))
  })

  it('lists them in the order of the locale’s reports page', () => {
    const page = builtPage(`${SITE}/${code}/reports/`)!
    const linked = [...page.matchAll(/<h2\b[^>]*><a href="([^"]+)"/g)].map((m) => new URL(m[1]!, SITE).href)
    expect(feed(code).items.map((i) => i.url)).toEqual(linked.slice(0, 30))
  })

  it('links each entry with an absolute URL to its page in the build, whose heading is the entry’s title', () => {
    for (const item of feed(code).items) {
      // As written, not as the parser resolves it against the feed's address.
      expect(item.element.findElementWithName('link')?.getAttribute('href')).toBe(item.url)
      const page = builtPage(item.url!)
      expect(page, item.url!).not.toBeNull()
      expect(xmlText(decodeHtml(/<h1\b[^>]*>([^<]*)<\/h1>/.exec(page!)?.[1] ?? '')), item.url!).toBe(item.title)
    }
  })

  it('gives each entry’s title, summary and text in the reader’s language, German where untranslated, marked with xml:lang', () => {
    const items = feed(code).items
    for (const [i, r] of expected.entries()) {
      const item = items[i]!
      const lang = (name: string) => item.element.findElementWithName(name)?.getAttribute('xml:lang') ?? null
      const title = shown(r.title, code)!
      expect({ title: item.title, lang: lang('title') }, r.slug).toEqual({ title: xmlText(title.value), lang: title.lang })
      const summary = shown(r.summary, code)
      expect({ summary: item.description, lang: lang('summary') }, r.slug).toEqual(summary ? { summary: xmlText(summary.value), lang: summary.lang } : { summary: null, lang: null })
      const body = shown(r.body, code)
      const content = item.element.findElementWithName('content')
      if (!body) {
        expect(content, r.slug).toBeNull()
        continue
      }
      expect(content?.getAttribute('type'), r.slug).toBe('html')
      expect(content?.getAttribute('xml:lang'), r.slug).toBe(body.lang)
      // The HTML a reader renders: the paragraph with its text escaped once, as on the page.
      expect(content?.textContent, r.slug).toBe(`<p>${escapeHtml(xmlText(body.value))}</p>`)
    }
  })

  it('is announced on every page of the locale, pointing at this feed', () => {
    const problems: string[] = []
    const files = pageFiles(path.join(out, code))
    for (const file of files) {
      const url = `${SITE}/${path.relative(out, file).replace(/index\.html$/, '')}`
      const link = [...readFileSync(file, 'utf8').matchAll(/<link\b[^>]*>/g)].map((m) => m[0]).find((l) => /\brel="alternate"/.test(l) && /\btype="application\/atom\+xml"/.test(l))
      const target = link?.match(/\bhref="([^"]+)"/)?.[1]
      const resolved = target === undefined ? undefined : new URL(decodeHtml(target), url).href
      if (resolved !== feed(code).self) problems.push(`${path.relative(out, file)}: ${resolved ?? 'no feed link'}`)
    }
    expect(files.length).toBeGreaterThan(40)
    expect(problems).toEqual([])
  })
})

describe('the Arabic feed, as a reader sees it', () => {
  it('gives the translated report in Arabic and the untranslated one in German, marked as German', () => {
    const [translated, untranslated] = feed('ar').items
    const lang = (item: typeof translated, name: string) => item?.element.findElementWithName(name)?.getAttribute('xml:lang')
    expect(translated?.title).toBe('عام على لوتسه')
    expect(lang(translated, 'title')).toBe('ar')
    expect(translated?.content).toBe('<p>المنصة متاحة على الإنترنت.</p>')
    expect(lang(translated, 'content')).toBe('ar')
    expect(untranslated?.title).toBe("Kinder & Jugend: „Zwischenbilanz“ <Halbjahr> '26")
    expect(lang(untranslated, 'title')).toBe('de')
    expect(lang(untranslated, 'content')).toBe('de')
  })
})
