import { afterEach, describe, expect, it } from 'vitest'

import { removeTempDirs, tempFiles } from '../lib/tempFiles'
import { checkLinks, checkPages } from './linkcheck'

afterEach(removeTempDirs)

const site = (files: Record<string, string>) => tempFiles(files, 'lotse-links-')

describe('link check', () => {
  it('passes when every internal link resolves, and names each broken one with its page', async () => {
    const ok = site({
      'de/index.html': '<a href="/de/offers/kurs/">Kurs</a><a href="https://example.org/x">extern</a><a href="#main">Sprung</a><img src="/icon.svg">',
      'de/offers/kurs/index.html': '<a href="/de/">Start</a><a href="/de/offers/kurs/?q=1#x">selbst</a>',
      'icon.svg': '<svg/>',
    })
    expect(await checkLinks(ok)).toEqual([])
    const broken = site({ 'ar/index.html': '<a href="/ar/offers/fehlt/">x</a><link href="/_astro/alt.css">' })
    expect(await checkLinks(broken)).toEqual(['/ar/index.html → /ar/offers/fehlt/', '/ar/index.html → /_astro/alt.css'])
  })

  it('names every script the Content-Security-Policy would block, and leaves bundled scripts and JSON-LD alone', async () => {
    const dir = site({
      'de/index.html': '<script type="module" src="/_astro/a.js"></script><script type="application/ld+json">{"@type":"Thing"}</script><p>online=ja</p>',
      'de/bad/index.html': '<script>alert(1)</script><script type="module">x()</script><img src="/i.png" onerror="x()"><a href="javascript:x()">x</a>',
      '_astro/a.js': '',
      'i.png': '',
      'media/cover.html': '<script>alert(1)</script>',
    })
    expect((await checkPages(dir)).inlineScripts).toEqual([
      '/de/bad/index.html: inline <script>',
      '/de/bad/index.html: inline <script type="module">',
      '/de/bad/index.html: onerror= handler attribute',
      '/de/bad/index.html: javascript: URL (href="javascript:)',
    ])
  })

  it('names every page on which an internal note appears, in one thread and in many', async () => {
    const note = 'Vertretung über Frau M., privat'
    const files: Record<string, string> = { 'media/upload.html': note }
    for (let i = 0; i < 300; i++) files[`de/p${i}/index.html`] = `<p>Seite ${i}</p>`
    files['de/p7/index.html'] = `<p>${note}</p>`
    files['ar/p250/index.html'] = `<p>Hinweis: ${note}</p>`
    const dir = site(files)
    expect((await checkPages(dir, undefined, [note])).internalNotes.sort()).toEqual(['/ar/p250/index.html', '/de/p7/index.html'])
    expect((await checkPages(dir, [`${dir}/de/p7/index.html`, `${dir}/de/p8/index.html`], [note])).internalNotes).toEqual(['/de/p7/index.html'])
    expect((await checkPages(dir)).internalNotes).toEqual([])
  })

  it("finds every problem among a full build's many pages, which it shares out among worker threads", async () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 300; i++) files[`de/p${i}/index.html`] = `<a href="/de/p${i + 1}/">weiter</a>`
    files['de/p10/index.html'] = '<a href="/de/p11/" onclick="x()">weiter</a>'
    files['de/p150/index.html'] = '<script>alert(1)</script><a href="/de/p151/">weiter</a>'
    files['de/p250/index.html'] = '<link href="/_astro/alt.css"><a href="/de/p251/">weiter</a>'
    const problems = await checkPages(site(files))
    expect(problems.brokenLinks.sort()).toEqual(['/de/p250/index.html → /_astro/alt.css', '/de/p299/index.html → /de/p300/'])
    expect(problems.inlineScripts.sort()).toEqual(['/de/p10/index.html: onclick= handler attribute', '/de/p150/index.html: inline <script>'])
  })
})
