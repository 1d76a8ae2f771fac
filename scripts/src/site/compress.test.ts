import { existsSync, linkSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'

import { removeTempDirs, tempFiles } from '../lib/tempFiles'
import { precompress } from './compress'

afterEach(removeTempDirs)

/** A page long enough to be worth compressing, different for each `text`. */
const page = (text: string) => `<!doctype html><html lang="de"><body>${`<p>${text}</p>`.repeat(200)}</body></html>`

/** A release folder holding the given files (relative path → text). */
const release = (files: Record<string, string>) => tempFiles(files, 'lotse-compress-')

const inode = (file: string) => statSync(file).ino

describe('precompressed copies beside the live release', () => {
  it('links the live copies of a page whose bytes are the same there', async () => {
    const live = release({ 'de/index.html': page('gleich') })
    await precompress(live)
    const next = release({ 'de/index.html': page('gleich') })
    expect(await precompress(next, { previous: live })).toEqual({ files: 1, reused: 1 })
    for (const suffix of ['.br', '.gz']) expect(inode(path.join(next, `de/index.html${suffix}`))).toBe(inode(path.join(live, `de/index.html${suffix}`)))
  })

  it('compresses a page whose bytes changed anew, leaving the live copies as they were', async () => {
    const live = release({ 'de/index.html': page('alt') })
    await precompress(live)
    const liveCopy = readFileSync(path.join(live, 'de/index.html.br'))
    const next = release({ 'de/index.html': page('neu') })
    expect(await precompress(next, { previous: live })).toEqual({ files: 1, reused: 0 })
    expect(brotliDecompressSync(readFileSync(path.join(next, 'de/index.html.br'))).toString()).toBe(page('neu'))
    expect(gunzipSync(readFileSync(path.join(next, 'de/index.html.gz'))).toString()).toBe(page('neu'))
    expect(readFileSync(path.join(live, 'de/index.html.br'))).toEqual(liveCopy)
  })

  it('compresses a page the live release does not have', async () => {
    const live = release({ 'de/index.html': page('start') })
    await precompress(live)
    const next = release({ 'de/index.html': page('start'), 'de/offers/neu/index.html': page('neues Angebot') })
    await precompress(next, { previous: live })
    expect(brotliDecompressSync(readFileSync(path.join(next, 'de/offers/neu/index.html.br'))).toString()).toBe(page('neues Angebot'))
  })

  it('replaces the copies a release made of links to the live one holds, as new files', async () => {
    const live = release({ 'de/index.html': page('alt') })
    await precompress(live)
    const liveCopy = readFileSync(path.join(live, 'de/index.html.br'))
    const next = release({ 'de/index.html': page('neu') })
    for (const suffix of ['.br', '.gz']) linkSync(path.join(live, `de/index.html${suffix}`), path.join(next, `de/index.html${suffix}`))
    await precompress(next, { only: [path.join(next, 'de/index.html')] })
    expect(brotliDecompressSync(readFileSync(path.join(next, 'de/index.html.br'))).toString()).toBe(page('neu'))
    expect(readFileSync(path.join(live, 'de/index.html.br'))).toEqual(liveCopy)
  })

  it('gives a page no copy where the live release kept none for the same bytes', async () => {
    // Too short for a copy to save a tenth: neither release has one.
    const live = release({ 'robots.txt': 'User-agent: *\n' })
    await precompress(live)
    const next = release({ 'robots.txt': 'User-agent: *\n' })
    await precompress(next, { previous: live })
    expect(existsSync(path.join(live, 'robots.txt.br'))).toBe(false)
    expect(existsSync(path.join(next, 'robots.txt.br'))).toBe(false)
    expect(existsSync(path.join(next, 'robots.txt.gz'))).toBe(false)
  })
})
