import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

import { filesOf, placeBundle, shardCount, shardOf } from './pagefind'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

const bytes = (text: string) => new TextEncoder().encode(text)
const bundle = (files: Record<string, string>) => new Map(Object.entries(files).map(([name, text]) => [name, bytes(text)]))

/** A live bundle written in full, and a new release's bundle made of hard links to it (compressed copies included), as the publisher makes one. */
function liveAndLinked(files: Record<string, string>) {
  const root = mkdtempSync(path.join(tmpdir(), 'lotse-bundle-'))
  dirs.push(root)
  const live = path.join(root, 'live', 'pagefind', 'de')
  const next = path.join(root, 'next', 'pagefind', 'de')
  const { files: written } = placeBundle(live, bundle(files), null)
  writeFileSync(path.join(live, 'pagefind-entry.json.gz'), 'compressed entry')
  writeFileSync(path.join(live, 'fragment', 'de_old.pf_fragment.gz'), 'compressed old')
  for (const name of [...written.keys(), 'pagefind-entry.json.gz', 'fragment/de_old.pf_fragment.gz']) {
    mkdirSync(path.dirname(path.join(next, name)), { recursive: true })
    linkSync(path.join(live, name), path.join(next, name))
  }
  return { live, next, before: written }
}

describe('placing a Pagefind bundle', () => {
  it('writes every file of a new bundle and knows what it wrote', () => {
    const { live, before } = liveAndLinked({ 'pagefind-entry.json': '{"v":1}', 'fragment/de_old.pf_fragment': 'old page' })
    expect(readFileSync(path.join(live, 'fragment', 'de_old.pf_fragment'), 'utf8')).toBe('old page')
    expect(before).toEqual(filesOf(live))
  })

  it('writes only the files whose bytes changed, as new files, leaving the live bundle as it was', () => {
    const { live, next, before } = liveAndLinked({ 'pagefind-entry.json': '{"v":1}', 'fragment/de_old.pf_fragment': 'old page', 'wasm.de.pagefind': 'wasm' })
    const { written, files } = placeBundle(next, bundle({ 'pagefind-entry.json': '{"v":2}', 'fragment/de_old.pf_fragment': 'old page', 'wasm.de.pagefind': 'wasm' }), before)
    expect(written).toEqual([path.join(next, 'pagefind-entry.json')])
    expect(readFileSync(path.join(next, 'pagefind-entry.json'), 'utf8')).toBe('{"v":2}')
    expect(readFileSync(path.join(live, 'pagefind-entry.json'), 'utf8')).toBe('{"v":1}')
    // The unchanged file is still the live one's link.
    expect(statSync(path.join(next, 'wasm.de.pagefind')).ino).toBe(statSync(path.join(live, 'wasm.de.pagefind')).ino)
    expect(files).toEqual(filesOf(next))
  })

  it('removes the files the new bundle no longer has, with their compressed copies, from the new release only', () => {
    const { live, next, before } = liveAndLinked({ 'pagefind-entry.json': '{"v":1}', 'fragment/de_old.pf_fragment': 'old page' })
    placeBundle(next, bundle({ 'pagefind-entry.json': '{"v":1}', 'fragment/de_new.pf_fragment': 'new page' }), before)
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

  it('reads a shard’s files without the other shards’ folders below it', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'lotse-bundle-'))
    dirs.push(root)
    placeBundle(root, bundle({ 'pagefind-entry.json': '{"v":0}', 'fragment/de_a.pf_fragment': 'a' }), null)
    placeBundle(path.join(root, '1'), bundle({ 'pagefind-entry.json': '{"v":1}' }), null)
    expect([...filesOf(root).keys()].sort()).toEqual(['fragment/de_a.pf_fragment', 'pagefind-entry.json'])
    expect([...filesOf(path.join(root, '1')).keys()]).toEqual(['pagefind-entry.json'])
  })
})
