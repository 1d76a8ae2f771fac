import { existsSync, linkSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

import { removeTempDirs, tempDir, tempFiles } from '../lib/tempFiles'
import { closeIndexes, filesOf, globOf, indexLocale, placeBundle, shardCount, shardOf } from './pagefind'

afterEach(removeTempDirs)

const bytes = (text: string) => new TextEncoder().encode(text)
const bundle = (files: Record<string, string>) => new Map(Object.entries(files).map(([name, text]) => [name, bytes(text)]))

/** A live bundle written in full, and a new release's bundle made of hard links to it (compressed copies included), as the publisher makes one. */
async function liveAndLinked(files: Record<string, string>) {
  const root = tempDir('lotse-bundle-')
  const live = path.join(root, 'live', 'pagefind', 'de')
  const next = path.join(root, 'next', 'pagefind', 'de')
  const { files: written } = await placeBundle(live, bundle(files), null)
  writeFileSync(path.join(live, 'pagefind-entry.json.gz'), 'compressed entry')
  writeFileSync(path.join(live, 'fragment', 'de_old.pf_fragment.gz'), 'compressed old')
  for (const name of [...written.keys(), 'pagefind-entry.json.gz', 'fragment/de_old.pf_fragment.gz']) {
    mkdirSync(path.dirname(path.join(next, name)), { recursive: true })
    linkSync(path.join(live, name), path.join(next, name))
  }
  return { live, next, before: written }
}

describe('placing a Pagefind bundle', () => {
  it('writes every file of a new bundle and knows what it wrote', async () => {
    const { live, before } = await liveAndLinked({ 'pagefind-entry.json': '{"v":1}', 'fragment/de_old.pf_fragment': 'old page' })
    expect(readFileSync(path.join(live, 'fragment', 'de_old.pf_fragment'), 'utf8')).toBe('old page')
    expect(before).toEqual(filesOf(live))
  })

  it('writes only the files whose bytes changed, as new files, leaving the live bundle as it was', async () => {
    const { live, next, before } = await liveAndLinked({ 'pagefind-entry.json': '{"v":1}', 'fragment/de_old.pf_fragment': 'old page', 'wasm.de.pagefind': 'wasm' })
    const { written, files } = await placeBundle(next, bundle({ 'pagefind-entry.json': '{"v":2}', 'fragment/de_old.pf_fragment': 'old page', 'wasm.de.pagefind': 'wasm' }), before)
    expect(written).toEqual([path.join(next, 'pagefind-entry.json')])
    expect(readFileSync(path.join(next, 'pagefind-entry.json'), 'utf8')).toBe('{"v":2}')
    expect(readFileSync(path.join(live, 'pagefind-entry.json'), 'utf8')).toBe('{"v":1}')
    // The unchanged file is still the live one's link.
    expect(statSync(path.join(next, 'wasm.de.pagefind')).ino).toBe(statSync(path.join(live, 'wasm.de.pagefind')).ino)
    expect(files).toEqual(filesOf(next))
  })

  it('removes the files the new bundle no longer has, with their compressed copies, from the new release only', async () => {
    const { live, next, before } = await liveAndLinked({ 'pagefind-entry.json': '{"v":1}', 'fragment/de_old.pf_fragment': 'old page' })
    await placeBundle(next, bundle({ 'pagefind-entry.json': '{"v":1}', 'fragment/de_new.pf_fragment': 'new page' }), before)
    expect(existsSync(path.join(next, 'fragment', 'de_old.pf_fragment'))).toBe(false)
    expect(existsSync(path.join(next, 'fragment', 'de_old.pf_fragment.gz'))).toBe(false)
    expect(readFileSync(path.join(next, 'fragment', 'de_new.pf_fragment'), 'utf8')).toBe('new page')
    expect(existsSync(path.join(live, 'fragment', 'de_old.pf_fragment.gz'))).toBe(true)
  })
})

describe('sharing a locale’s pages out among shards', () => {
  const pages = (code: string, n: number) => Array.from({ length: n }, (_, i) => `${code}/offers/angebot-${i}/index.html`)

  it('keeps a locale of up to 200 searchable pages in one shard', () => {
    expect(shardCount(pages('de', 200))).toBe(1)
    expect(shardCount([])).toBe(1)
  })

  it('makes shards of about 200 pages for larger locales, each page in the same shard in every locale', () => {
    const count = shardCount(pages('de', 1373))
    expect(count).toBe(7)
    const sizes = Array.from({ length: count }, (_, shard) => pages('de', 1373).filter((p) => shardOf(p, count) === shard).length)
    expect(Math.min(...sizes)).toBeGreaterThan(150)
    expect(pages('ar', 1373).map((p) => shardOf(p, count))).toEqual(pages('de', 1373).map((p) => shardOf(p, count)))
  })

  it('takes fewer shards when one would be left without pages', () => {
    // Two pages and shards of one page: two shards only if the pages fall into different ones.
    process.env.LOTSE_SEARCH_SHARD_PAGES = '1'
    try {
      for (let i = 0; i < 50; i++) {
        const two = [`de/a-${i}/index.html`, `de/b-${i}/index.html`]
        const count = shardCount(two)
        expect(new Set(two.map((p) => shardOf(p, count))).size).toBe(count)
      }
    } finally {
      delete process.env.LOTSE_SEARCH_SHARD_PAGES
    }
  })

  it('reads a shard’s files without the other shards’ folders below it', async () => {
    const root = tempDir('lotse-bundle-')
    await placeBundle(root, bundle({ 'pagefind-entry.json': '{"v":0}', 'fragment/de_a.pf_fragment': 'a' }), null)
    await placeBundle(path.join(root, '1'), bundle({ 'pagefind-entry.json': '{"v":1}' }), null)
    expect([...filesOf(root).keys()].sort()).toEqual(['fragment/de_a.pf_fragment', 'pagefind-entry.json'])
    expect([...filesOf(path.join(root, '1')).keys()]).toEqual(['pagefind-entry.json'])
  })
})

describe('indexing pages picked out of a release', () => {
  const page = (title: string) => `<html lang="de"><body><main data-pagefind-body><h1>${title}</h1><p>Beratung in Esens</p></main></body></html>`
  const release = (files: Record<string, string>) => tempFiles(files, 'lotse-release-')
  afterEach(() => closeIndexes())

  it('starts the glob with the pages’ common folder, so Pagefind walks only below it', () => {
    expect(globOf(['de/offers/a/index.html', 'de/offers/b/index.html'])).toBe('de/offers/{a/index.html,b/index.html}')
    expect(globOf(['de/a/index.html', 'de-x-ls/a/index.html'])).toBe('{de/a/index.html,de-x-ls/a/index.html}')
    expect(globOf(['de/a,b/{c}.html'])).toBe('de/a\\,b/{\\{c\\}.html}')
  })

  it('indexes exactly the listed pages, names with glob metacharacters included, and leaves out the others', async () => {
    const root = release({ 'de/a/index.html': page('Sprachkurs'), 'de/x{1},y (2)/index.html': page('Hausaufgabenhilfe'), 'de/c/index.html': page('Nicht gelistet') })
    const { kept, bundles } = await indexLocale('de', root, ['de/a/index.html', 'de/x{1},y (2)/index.html'])
    expect(kept.map((s) => [...s.pages])).toEqual([['de/a/index.html', 'de/x{1},y (2)/index.html']])
    const fragments = [...bundles.get(0)!.keys()].filter((name) => name.startsWith('fragment/'))
    expect(fragments).toHaveLength(2)
  })

  it('sends a page given as content instead of reading it from the release', async () => {
    const root = release({ 'de/a/index.html': page('Sprachkurs') })
    const { bundles } = await indexLocale('de', root, ['de/a/index.html'], new Map([['de/b/index.html', bytes(page('Neu'))]]))
    expect([...bundles.get(0)!.keys()].filter((name) => name.startsWith('fragment/'))).toHaveLength(2)
  })

  it('fails, naming the shard, when a listed page is missing from the release', async () => {
    const root = release({ 'de/a/index.html': page('Sprachkurs') })
    await expect(indexLocale('de', root, ['de/a/index.html', 'de/weg/index.html'])).rejects.toThrow(/indexed 1 of the 2 pages of de shard 0/)
  })
})
