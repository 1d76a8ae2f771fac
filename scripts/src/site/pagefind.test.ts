import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

import { filesOf, placeBundle } from './pagefind'

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
