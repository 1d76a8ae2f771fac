import type { Migration } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { migrations } from '@lotse/cms/migrations'

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

  it('gives a duplicate a slug of its own', async () => {
    const org = await cms.payload.create({ collection: 'organizations', data: { name: 'Tafel Esens', kind: 'association' } })
    const copy = await cms.payload.duplicate({ collection: 'organizations', id: org.id })
    expect(copy.slug).toBe('tafel-esens-2')
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

describe('migrations', () => {
  it('rebuild a table the way drizzle-kit does without deleting the rows that reference it', async (ctx) => {
    if (cms.payload.db.name !== 'sqlite') return ctx.skip()
    const { payload } = cms
    const town = await payload.create({ collection: 'municipalities', data: { name: 'Langeoog' } })
    const org = await payload.create({ collection: 'organizations', data: { name: 'Inselverein', kind: 'association', municipality: town.id } })
    // drizzle-kit changes a column on SQLite by creating, copying, dropping and renaming the
    // table; dropping "organizations" with foreign keys on would null or delete what points at it.
    const rebuild: Migration = {
      name: '29990101_000000_rebuild_organizations_test',
      up: async ({ db }: { db: unknown }) => {
        const run = (raw: string) => (payload.db as unknown as { execute: (a: { drizzle: unknown; raw: string }) => Promise<unknown> }).execute({ drizzle: db, raw })
        const client = (payload.db as unknown as { client: { execute: (q: string) => Promise<{ rows: { sql?: string }[] }> } }).client
        const create = String((await client.execute(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'municipalities'`)).rows[0]?.sql)
        await run('PRAGMA foreign_keys=OFF;')
        await run(create.replace(/municipalities/, '__new_municipalities'))
        await run('INSERT INTO "__new_municipalities" SELECT * FROM "municipalities"')
        await run('DROP TABLE "municipalities"')
        await run('ALTER TABLE "__new_municipalities" RENAME TO "municipalities"')
        await run('PRAGMA foreign_keys=ON;')
      },
      down: async () => undefined,
    } as unknown as Migration
    await payload.db.migrate({ migrations: [...(migrations as unknown as Migration[]), rebuild] })
    const after = await payload.findByID({ collection: 'organizations', id: org.id, depth: 0 })
    expect(after.municipality).toBe(town.id)
  })
})
