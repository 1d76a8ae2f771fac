/**
 * The site's snapshot loader (site/src/lib/snapshot.ts): it cuts the snapshot's JSON into its
 * documents, parses and checks only the documents whose text is new since the snapshot read
 * before, and must give what parsing and checking the whole snapshot gives.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { SnapshotSchema } from '@lotse/content-schemas'

import { partFingerprints } from '../../site/src/lib/deps'
import { loadSnapshot, splitDocuments } from '../../site/src/lib/snapshot'
import { fixtureSnapshot, loc, writeFixture } from '../helpers/snapshot'

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  delete process.env.LOTSE_SNAPSHOT_DIR
})

/** Points the site at a new folder holding `json` as its snapshot, as the publisher does for each publish. */
function use(json: string): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'lotse-snapshot-'))
  dirs.push(dir)
  writeFileSync(path.join(dir, 'snapshot.json'), json)
  process.env.LOTSE_SNAPSHOT_DIR = dir
}

describe('splitDocuments', () => {
  it('cuts a snapshot into documents that, put back into the rest, parse to the whole', () => {
    const snapshot = fixtureSnapshot()
    // Brackets, quotes and backslashes inside strings are text, not structure.
    snapshot.offers[0]!.title = loc({ de: 'Kurs [A] {B} "C" \\ \\"D\\" \\\\' })
    const text = JSON.stringify(snapshot)
    const split = splitDocuments(Buffer.from(text))!
    const rebuilt = JSON.parse(split.skeleton) as Record<string, unknown>
    for (const [list, docs] of split.lists) rebuilt[list] = docs.map((d) => JSON.parse(d.toString('utf8')))
    expect(rebuilt).toEqual(JSON.parse(text))
    expect(split.lists.get('offers')).toHaveLength(snapshot.offers.length)
  })

  it('cuts text with whitespace between documents', () => {
    const text = JSON.stringify(fixtureSnapshot(), null, 2)
    const split = splitDocuments(Buffer.from(text))!
    const rebuilt = JSON.parse(split.skeleton) as Record<string, unknown>
    for (const [list, docs] of split.lists) rebuilt[list] = docs.map((d) => JSON.parse(d.toString('utf8')))
    expect(rebuilt).toEqual(JSON.parse(text))
  })

  it.each([
    ['a list holding a number', '{"offers":[1]}'],
    ['a list holding a string', '{"offers":["a"]}'],
    ['two commas', '{"offers":[{},,{}]}'],
    ['a comma at the end', '{"offers":[{},]}'],
    ['documents without a comma', '{"offers":[{}{}]}'],
    ['a list given twice', '{"offers":[],"offers":[{}]}'],
    ['an unclosed string', '{"offers":[{"a":"b}]}'],
    ['an unclosed list', '{"offers":[{}'],
  ])('leaves %s to the whole parse', (_, text) => {
    expect(splitDocuments(Buffer.from(text))).toBeNull()
  })
})

/** The fixture with a second offer. */
function twoOffers() {
  const snapshot = fixtureSnapshot()
  snapshot.offers.push({ ...snapshot.offers[0]!, slug: 'zweites-angebot' })
  return snapshot
}

describe('loadSnapshot', () => {
  it('gives what the contract gives for the whole snapshot', () => {
    const snapshot = fixtureSnapshot()
    use(JSON.stringify(snapshot))
    expect(JSON.parse(JSON.stringify(loadSnapshot()))).toEqual(JSON.parse(JSON.stringify(SnapshotSchema.parse(snapshot))))
  })

  it('keeps the documents whose text is unchanged and reads the changed one anew', () => {
    const snapshot = twoOffers()
    use(JSON.stringify(snapshot))
    const before = [...loadSnapshot().offers]
    const printsBefore = partFingerprints()
    snapshot.offers[1]!.title = loc({ de: 'Neuer Titel' })
    use(JSON.stringify(snapshot))
    const after = loadSnapshot().offers
    expect(after[0]).toBe(before[0])
    expect(after[1]).not.toBe(before[1])
    expect(after[1]!.title.de).toBe('Neuer Titel')
    const changed = [...partFingerprints()].filter(([part, print]) => printsBefore.get(part) !== print).map(([part]) => part)
    expect(changed).toEqual([`doc:offers/${snapshot.offers[1]!.slug}`])
  })

  it('names the field of a document that breaks the contract', () => {
    const snapshot = twoOffers()
    use(JSON.stringify(snapshot))
    loadSnapshot()
    ;(snapshot.offers[1] as Record<string, unknown>).slug = 'Not A Slug'
    const dir = writeFixture(mkdtempSync(path.join(tmpdir(), 'lotse-snapshot-')), snapshot)
    dirs.push(dir)
    process.env.LOTSE_SNAPSHOT_DIR = dir
    expect(() => loadSnapshot()).toThrow(/does not match the contract at "offers\.1\.slug"/)
  })

  it('names what is wrong outside the lists of documents', () => {
    use(JSON.stringify({ ...fixtureSnapshot(), generatedAt: 'yesterday' }))
    expect(() => loadSnapshot()).toThrow(/at "generatedAt"/)
  })
})
