import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { JAVA } from '@lotse/scripts/lib/java'
import { root } from '@lotse/scripts/lib/paths'
import { buildSite } from '@lotse/scripts/site/build'
import { localeCodes } from '@lotse/translations'

import { fixtureSnapshot, freshnessFixtures, loc, rich, states, writeFixture } from '../helpers/snapshot'

/**
 * What programs nobody here wrote read from the built site: the Nu HTML Checker (the W3C
 * validator) finds no error on one page of every template in every locale, and every page of a
 * locale announces the locale's Atom feed and events calendar to feed readers and calendar apps.
 */
const vnuJar = String(createRequire(import.meta.url)('vnu-jar') as string)
const work = mkdtempSync(path.join(tmpdir(), 'lotse-nu-'))
const out = path.join(work, 'dist')
const pagesDir = path.join(root, 'site/src/pages')
const canary = path.join(work, 'canary.html')

/**
 * One built page per template (relative to site/src/pages), below the locale for `[locale]`
 * templates; the fixture below has a document for each, with the parts that render headings
 * and times (a recurring event with an end, a report on measures, a page with a sub-page).
 */
const samples: Record<string, string> = {
  'index.astro': 'index.html',
  '404.astro': '404.html',
  '[locale]/index.astro': 'index.html',
  '[locale]/404.astro': '404/index.html',
  '[locale]/info/index.astro': 'info/index.html',
  '[locale]/info/[slug].astro': 'info/erste-schritte/index.html',
  '[locale]/offers/index.astro': 'offers/index.html',
  '[locale]/offers/[slug].astro': 'offers/sprachkurs/index.html',
  '[locale]/offers/topic/[topic].astro': 'offers/topic/sprache/index.html',
  '[locale]/offers/in/[municipality].astro': 'offers/in/wittmund/index.html',
  '[locale]/contacts/index.astro': 'contacts/index.html',
  '[locale]/contacts/[slug].astro': 'contacts/anlaufstelle/index.html',
  '[locale]/interpreters/index.astro': 'interpreters/index.html',
  '[locale]/events/index.astro': 'events/index.html',
  '[locale]/events/[slug].astro': 'events/sprachcafe/index.html',
  '[locale]/reports/index.astro': 'reports/index.html',
  '[locale]/reports/[slug].astro': 'reports/fortschritt-2026/index.html',
  '[locale]/concept/index.astro': 'concept/index.html',
  '[locale]/search/index.astro': 'search/index.html',
}

/**
 * Pages in a state a template renders only sometimes, checked in every locale too: an overdue
 * offer and contact (the notice, with whom to ask) and an ended offer (the notice, no search body).
 * The lists sampled above label the overdue entries of the fixture.
 */
const statePages = ['offers/hausaufgabenhilfe/index.html', 'offers/sommerkurs/index.html', 'contacts/beratung-esens/index.html']

const pageFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? pageFiles(path.join(dir, e.name)) : e.name.endsWith('.html') ? [path.join(dir, e.name)] : []))

const templates = (dir: string, prefix = ''): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? templates(path.join(dir, e.name), `${prefix}${e.name}/`) : e.name.endsWith('.astro') ? [`${prefix}${e.name}`] : []))

interface NuMessage {
  type: 'error' | 'info' | 'non-document-error'
  subType?: string
  url?: string
  lastLine?: number
  firstColumn?: number
  message: string
  extract?: string
}

/** Runs the checker once over all files (Java starts in seconds, a page takes milliseconds). */
async function nuCheck(files: string[]): Promise<NuMessage[]> {
  const { stdout } = await promisify(execFile)(JAVA, ['-jar', vnuJar, '--format', 'json', '--stdout', '--exit-zero-always', ...files], { maxBuffer: 64 * 1024 * 1024 })
  return (JSON.parse(stdout) as { messages: NuMessage[] }).messages
}

const fileOf = (m: NuMessage) => (m.url ?? '').replace(/^file:/, '')
const where = (m: NuMessage) => `${path.relative(out, fileOf(m))}:${m.lastLine ?? '?'}:${m.firstColumn ?? '?'}`

let messages: NuMessage[] = []
let checked: string[] = []
let nuSeconds = 0

beforeAll(async () => {
  process.env.LOTSE_NOW = '2026-11-25T08:00:00.000Z'
  const event = {
    slug: 'sprachcafe',
    updatedAt: '2026-11-10T09:00:00.000Z',
    demo: false,
    translations: states({ ar: 'reviewed' }),
    title: loc({ de: 'Sprachcafé', ar: 'مقهى اللغة' }),
    description: rich({ de: ['Deutsch sprechen bei Kaffee und Tee.'] }),
    // Saturdays 10:00–12:00 since October: a series with an end time on every date.
    start: '2026-10-03T08:00:00.000Z',
    end: '2026-10-03T10:00:00.000Z',
    allDay: false,
    recurrence: { frequency: 'weekly' as const, interval: 1, monthlyMode: 'dayOfMonth' as const, weekOfMonth: null, until: null },
    place: 'Kreishaus',
    address: { street: 'Am Markt 9', postalCode: '26409', city: 'Wittmund' },
    location: null,
    municipality: 'wittmund',
    organizer: 'kvhs',
    topics: ['sprache'],
    languages: ['de', 'ar'],
    registration: { required: false, how: loc<string>({}), url: null },
    cost: { free: true, note: loc<string>({}) },
    cancelled: false,
  }
  const base = fixtureSnapshot()
  const fresh = freshnessFixtures()
  const snapshot = fixtureSnapshot({
    offers: [...base.offers, ...fresh.offers],
    contacts: [...base.contacts, ...fresh.contacts],
    events: [event],
    reports: [
      {
        slug: 'fortschritt-2026',
        updatedAt: '2026-11-10T09:00:00.000Z',
        demo: false,
        translations: states({}),
        title: loc({ de: 'Ein Jahr Lotse' }),
        summary: loc({ de: 'Was das Integrationskonzept erreicht hat.' }),
        body: rich({ de: ['Die Plattform ist online.'] }),
        coverImage: null,
        publishedDate: '2026-11-01T12:00:00.000Z',
        measures: ['plattform', 'befragung'],
        topics: ['sprache'],
      },
    ],
    pages: [...base.pages, { ...base.pages[0]!, slug: 'anmeldung', title: loc({ de: 'Anmeldung im Bürgerbüro' }), parent: 'erste-schritte', order: 2 }],
  })
  writeFixture(path.join(work, 'snapshot'), snapshot)
  await buildSite(path.join(work, 'snapshot'), out, (_, fn) => fn())
  checked = [
    ...Object.entries(samples).flatMap(([template, file]) => (template.startsWith('[locale]/') ? localeCodes.map((code) => path.join(out, code, file)) : [path.join(out, file)])),
    ...statePages.flatMap((file) => localeCodes.map((code) => path.join(out, code, file))),
  ]
  // A page with the error main had most often: proves the checker read the files and reported by file.
  writeFileSync(canary, '<!doctype html><html lang="de"><head><title>x</title></head><body><meta data-pagefind-filter="kind[content]" content="x"></body></html>')
  const started = Date.now()
  messages = await nuCheck([...checked, canary])
  nuSeconds = (Date.now() - started) / 1000
}, 300_000)

afterAll(() => {
  delete process.env.LOTSE_NOW
  rmSync(work, { recursive: true, force: true })
})

describe('what outside programs read', () => {
  it('checks one built page of every template the site has, in every locale', () => {
    expect(Object.keys(samples).sort()).toEqual(templates(pagesDir).sort())
    const missing = checked.filter((f) => !existsSync(f))
    expect(missing).toEqual([])
    expect(messages.filter((m) => fileOf(m) === canary).map((m) => m.message)).toEqual([expect.stringContaining('“itemprop”')])
  })

  it('has no Nu HTML Checker error on any of them', () => {
    const site = messages.filter((m) => fileOf(m) !== canary)
    const errors = site.filter((m) => m.type !== 'info')
    const warnings = site.filter((m) => m.type === 'info' && m.subType === 'warning')
    console.log(`[nu] ${checked.length} pages checked in ${nuSeconds.toFixed(1)} s: ${errors.length} errors, ${warnings.length} warnings`)
    expect(errors.map((m) => `${where(m)} ${m.message}`)).toEqual([])
  })

  it('announces the locale’s Atom feed and events calendar on every page of the locale', () => {
    const problems: string[] = []
    let pages = 0
    for (const code of localeCodes) {
      const wanted = { 'application/atom+xml': `/${code}/reports/feed.xml`, 'text/calendar': `/${code}/events.ics` }
      for (const file of pageFiles(path.join(out, code))) {
        pages++
        const links = [...readFileSync(file, 'utf8').matchAll(/<link\b[^>]*\brel="alternate"[^>]*>/g)].map((m) => m[0])
        for (const [type, href] of Object.entries(wanted)) {
          const link = links.find((l) => l.includes(`type="${type}"`))
          const target = link?.match(/\bhref="([^"]+)"/)?.[1]
          if (target !== href) problems.push(`${path.relative(out, file)}: ${type} link to ${target ?? 'nothing'}, expected ${href}`)
        }
      }
      for (const href of Object.values(wanted)) if (!existsSync(path.join(out, href))) problems.push(`${href} does not exist in the build`)
    }
    expect(problems).toEqual([])
    expect(pages).toBeGreaterThan(localeCodes.length * Object.keys(samples).length)
  })
})
