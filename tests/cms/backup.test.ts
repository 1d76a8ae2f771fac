import { readdirSync } from 'node:fs'
import path from 'node:path'
import { getPayload } from 'payload'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildLotseConfig } from '@lotse/cms/buildConfig'

import { backup } from '../../scripts/src/tasks/backup'
import { createFixtures, type Fixtures } from '../helpers/fixtures'
import { createTestCms, type TestCms } from '../helpers/payload'

/**
 * `npm run backup` while the CMS is running: the copy opens as a Lotse database and holds the
 * data and media. SQLite only; MongoDB backups are `mongodump`'s job (see README).
 */
let cms: TestCms
let f: Fixtures

beforeAll(async () => {
  cms = await createTestCms()
  f = await createFixtures(cms.payload)
  process.env.DATABASE_URI = cms.env.databaseUri
  process.env.LOTSE_DATA_DIR = cms.env.dataDir
  process.env.PAYLOAD_SECRET = cms.env.secret
})
afterAll(async () => cms?.cleanup())

describe.runIf(!process.env.TEST_DATABASE_URI)('backup (SQLite)', () => {
  it('copies database and media consistently while the CMS writes', async () => {
    const png = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#6fb7c9' } })
      .png()
      .toBuffer()
    const picture = await cms.payload.create({ collection: 'media', data: { alt: 'Küste' }, file: { data: png, mimetype: 'image/png', name: 'kueste.png', size: png.length } })
    const written = await Promise.all(Array.from({ length: 5 }, (_, i) => cms.payload.create({ collection: 'topics', data: { name: `Vor dem Backup ${i}` } })))

    const target = path.join(cms.env.dataDir, 'backups', 'test')
    // Keep writing while the backup runs: VACUUM INTO must still produce a consistent copy.
    let writing = true
    const during: string[] = []
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        const name = `Während des Backups ${i}`
        await cms.payload.create({ collection: 'topics', data: { name } })
        during.push(name)
        await new Promise((r) => setImmediate(r))
      }
    })()
    await backup([target])
    writing = false
    await writer
    expect(during.length).toBeGreaterThan(0)

    expect(readdirSync(path.join(target, 'media'))).toContain(picture.filename)
    const copy = await getPayload({
      key: 'backup-copy',
      config: await buildLotseConfig({ ...cms.env, databaseUri: `file:${path.join(target, 'cms.db')}`, dataDir: target }),
    })
    try {
      const offer = await copy.findByID({ collection: 'offers', id: f.offerA, depth: 0 })
      expect(offer.title).toBe('Sprach-Café Wittmund')
      expect((await copy.count({ collection: 'users' })).totalDocs).toBe(5)
      expect((await copy.find({ collection: 'media', depth: 0 })).docs.map((d) => d.filename)).toContain(picture.filename)
      // Everything written before the backup is in it; of the writes during it, each one is
      // there whole (its row and its localized name) or not at all.
      const topics = (await copy.find({ collection: 'topics', locale: 'de', depth: 0, limit: 0, pagination: false })).docs
      const names = topics.map((t) => t.name)
      for (const t of written) expect(names).toContain(t.name)
      const known = new Set(['Sprache', ...written.map((w) => w.name), ...during])
      expect(names.filter((n) => !known.has(n ?? ''))).toEqual([])
      const client = (copy.db as unknown as { client: { execute: (sql: string) => Promise<{ rows: { integrity_check?: string }[] }> } }).client
      expect((await client.execute('PRAGMA integrity_check')).rows[0]?.integrity_check).toBe('ok')
    } finally {
      await copy.destroy()
    }
  })

  it('refuses to overwrite an existing backup', async () => {
    const target = path.join(cms.env.dataDir, 'backups', 'test')
    await expect(backup([target])).rejects.toThrow(/exists already/)
  })
})
