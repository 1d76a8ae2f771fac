import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createTestCms, type TestCms } from '../helpers/payload'

let cms: TestCms
beforeAll(async () => {
  cms = await createTestCms()
})
afterAll(async () => cms?.cleanup())

describe('smoke', () => {
  it('boots and creates an organization', async () => {
    const org = await cms.payload.create({ collection: 'organizations', data: { name: 'AWO Kreisverband Wittmund', kind: 'welfare' } })
    expect(org.slug).toBe('awo-kreisverband-wittmund')
  })
})

describe('database schema', () => {
  it('indexes every locales table by parent, so reading a document does not scan every text', async (ctx) => {
    if (cms.payload.db.name !== 'sqlite') return ctx.skip()
    const db = (cms.payload.db as unknown as { client: { execute: (q: string) => Promise<{ rows: Record<string, unknown>[] }> } }).client
    const tables = (await db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB '*_locales'")).rows.map((r) => String(r.name))
    expect(tables.length).toBeGreaterThan(10)
    const unindexed: string[] = []
    for (const table of tables) {
      const indexes = (await db.execute(`PRAGMA index_list("${table}")`)).rows.map((r) => String(r.name))
      let found = false
      for (const index of indexes) {
        const first = (await db.execute(`PRAGMA index_info("${index}")`)).rows.find((r) => Number(r.seqno) === 0)
        if (first?.name === '_parent_id') found = true
      }
      if (!found) unindexed.push(table)
    }
    expect(unindexed).toEqual([])
  })
})
