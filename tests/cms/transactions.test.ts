import { spawn } from 'node:child_process'
import path from 'node:path'
import type { CollectionAfterChangeHook, Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildSnapshot } from '@lotse/cms/export/snapshot'

import { createFixtures, type Fixtures } from '../helpers/fixtures'
import { createTestCms, type TestCms } from '../helpers/payload'

/**
 * Writes are all or nothing. A publish writes the offer, its array rows, its version, its
 * translation record, a deploy record and a rebuild job: when anything fails halfway, the
 * database must be exactly as before. And the one SQLite file is shared by the CMS (many
 * requests at once), a separate worker process and the export: real transactions must not
 * make them fail with "database is locked" or wait for each other for long.
 */
const root = path.resolve(import.meta.dirname, '../..')
const FAIL = 'SCHEITERT-NACH-DEM-JOB'
/** Fails a save at its very end, after the rebuild job was queued (the last write of a publish). */
const failLate: CollectionAfterChangeHook = ({ doc }) => {
  if (String(doc.title ?? '').includes(FAIL)) throw new Error('injected failure after the rebuild job was queued')
  return doc
}

let cms: TestCms
let payload: Payload
let f: Fixtures

beforeAll(async () => {
  cms = await createTestCms({
    adjust: (config) => {
      const offers = config.collections.find((c) => c.slug === 'offers')!
      offers.hooks.afterChange = [...offers.hooks.afterChange, failLate]
    },
  })
  payload = cms.payload
  f = await createFixtures(payload)
}, 120_000)

afterAll(async () => cms?.cleanup())

/** Every row of every table (SQLite) or document of every collection (MongoDB), in order. */
async function databaseState(): Promise<Record<string, unknown[]>> {
  const state: Record<string, unknown[]> = {}
  if (payload.db.name === 'sqlite') {
    const client = (payload.db as unknown as { client: { execute: (sql: string) => Promise<{ rows: unknown[] }> } }).client
    const tables = (await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).rows as { name: string }[]
    for (const { name } of tables) state[name] = (await client.execute(`SELECT * FROM "${name}" ORDER BY rowid`)).rows.map((r) => ({ ...(r as object) }))
    return state
  }
  const db = (
    payload.db as unknown as {
      connection: {
        db: { listCollections: () => { toArray: () => Promise<{ name: string }[]> }; collection: (n: string) => { find: () => { sort: (s: object) => { toArray: () => Promise<unknown[]> } } } }
      }
    }
  ).connection.db
  for (const { name } of (await db.listCollections().toArray()).sort((a, b) => a.name.localeCompare(b.name))) state[name] = await db.collection(name).find().sort({ _id: 1 }).toArray()
  return state
}

const offerData = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  municipality: f.municipality,
  organization: f.orgA,
  schedule: [{ weekday: 'tue', from: '18:00', to: '20:00' }],
  _status: 'published',
  ...extra,
})

describe('a write that fails halfway', () => {
  it('leaves no document, no version, no deploy record and no job when a publish fails after queueing its rebuild', async () => {
    const before = await databaseState()
    await expect(payload.create({ collection: 'offers', data: offerData(`Neu ${FAIL}`) as never })).rejects.toThrow(/injected failure/)
    expect(await databaseState()).toEqual(before)
  })

  it('leaves the published document as it was when an update fails after queueing its rebuild', async () => {
    const published = await payload.create({ collection: 'offers', data: offerData('Sprachkurs am Abend') as never })
    const before = await databaseState()
    await expect(payload.update({ collection: 'offers', id: published.id, data: { title: `Geändert ${FAIL}`, schedule: [{ weekday: 'wed', from: '09:00', to: '10:00' }] } as never })).rejects.toThrow(
      /injected failure/,
    )
    expect(await databaseState()).toEqual(before)
    const live = await payload.findByID({ collection: 'offers', id: published.id, draft: false })
    expect(live.title).toBe('Sprachkurs am Abend')
  })

  it('leaves the database as before when array rows carry ids that belong to another offer', async () => {
    const other = await payload.findByID({ collection: 'offers', id: (await payload.create({ collection: 'offers', data: offerData('Nähcafé') as never })).id })
    const takenId = other.schedule![0]!.id!
    const before = await databaseState()
    await expect(
      payload.create({ collection: 'offers', data: offerData('Doppelte Zeile', { schedule: [{ id: takenId, weekday: 'mon', from: '10:00', to: '11:00' }] }) as never }),
    ).rejects.toMatchObject({
      status: 400,
    })
    expect(await databaseState()).toEqual(before)
  })
})

describe('one database file, many writers', () => {
  it('serves 40 saves at once from one process without "database is locked"', async () => {
    const started = Date.now()
    const results = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => payload.create({ collection: 'offers', data: offerData(`Gleichzeitig ${i}`) as never })))
    const failed = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))
    expect(failed).toEqual([])
    console.log(`[measure] 40 concurrent publishes in one process: ${Date.now() - started} ms`)
  })

  it('lets a second process write and an export read while the CMS writes', { timeout: 180_000 }, async () => {
    if (payload.db.name !== 'sqlite') return // the shared-file question is SQLite's alone
    // The second process is what `npm run worker` is: a Payload on the same file, writing.
    const script = `
      const { getPayload } = await import('payload')
      const { buildLotseConfig } = await import('@lotse/cms/buildConfig')
      const env = JSON.parse(process.env.LOTSE_TEST_ENV)
      const payload = await getPayload({ config: await buildLotseConfig(env), key: 'second' })
      const started = Date.now()
      for (let i = 0; i < 60; i++) {
        await payload.create({ collection: 'offers', data: { title: 'Zweiter Prozess ' + i, municipality: env.municipality, organization: env.org, _status: 'published' } })
      }
      console.log(JSON.stringify({ ms: Date.now() - started }))
      await payload.destroy()
      process.exit(0)
    `
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: path.join(root, 'tests'),
      env: { ...process.env, LOTSE_TEST_ENV: JSON.stringify({ ...cms.env, municipality: f.municipality, org: f.orgA }), LOTSE_LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (c) => (out += c))
    child.stderr.on('data', (c) => (err += c))
    const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)))
    // Bounded: a writer stuck on the lock must fail this test, not hang it.
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 120_000)

    const started = Date.now()
    const latencies: number[] = []
    let exports = 0
    const exportLoop = (async () => {
      while (child.exitCode === null) {
        await buildSnapshot(payload)
        exports++
        // The export runs in its own process in real life; here it must let the saves run too
        // (libsql answers synchronously, so the loop would otherwise never leave the microtasks).
        await new Promise((r) => setImmediate(r))
      }
    })()
    for (let i = 0; i < 60; i++) {
      const t = Date.now()
      await payload.update({ collection: 'offers', id: f.offerA, data: { summary: `Stand ${i}` } })
      latencies.push(Date.now() - t)
    }
    const code = await exited
    clearTimeout(watchdog)
    await exportLoop
    expect(err.match(/database is locked|SQLITE_BUSY/g) ?? [], err).toEqual([])
    expect(code, err).toBe(0)
    expect((await payload.count({ collection: 'offers', where: { title: { like: 'Zweiter Prozess' } } })).totalDocs).toBe(60)
    expect(exports).toBeGreaterThan(0)
    const sorted = [...latencies].sort((a, b) => a - b)
    console.log(
      `[measure] CMS 60 saves beside a writing process and ${exports} exports: ${Date.now() - started} ms, save p50 ${sorted[29]} ms, p95 ${sorted[56]} ms; second process 60 publishes: ${JSON.parse(out.trim().split('\n').pop() ?? '{}').ms} ms`,
    )
  })
})
