/**
 * The separate worker (`npm run worker`) killed in the middle of a deploy, as by a power cut:
 * the live release it had to protect stays live and unchanged, the build it had started ends
 * with it, and after a restart the interrupted build is done again and includes the publish.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createTestCms, type TestCms } from '../helpers/payload'
import { waitForNoProcesses } from '../helpers/processes'

const root = path.resolve(import.meta.dirname, '../..')
let cms: TestCms
let payload: Payload
let worker: ChildProcess | undefined

beforeAll(async () => {
  cms = await createTestCms()
  payload = cms.payload
}, 120_000)

afterAll(async () => {
  if (worker?.pid && worker.exitCode === null && worker.signalCode === null) process.kill(-worker.pid, 'SIGKILL')
  await cms?.cleanup()
})

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/src/cli.ts'), 'worker'], {
    cwd: root,
    detached: true,
    env: { ...process.env, LOTSE_DATA_DIR: cms.env.dataDir, DATABASE_URI: cms.env.databaseUri, PAYLOAD_SECRET: cms.env.secret, LOTSE_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.resume()
  child.stderr!.resume()
  return child
}

async function until<T>(fn: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    const value = await fn()
    if (value) return value
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`Timed out waiting for ${what}`)
}

const deployStatus = async () => (await payload.find({ collection: 'deploys', sort: '-createdAt', limit: 1, depth: 0 })).docs[0]?.status
const pageHash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

describe('the worker', () => {
  it('survives being killed mid-deploy: the live site stays whole and the build is retried', { timeout: 300_000 }, async () => {
    const live = path.join(cms.env.dataDir, 'site')
    const releases = `${live}.releases`
    const org = await payload.create({ collection: 'organizations', data: { name: 'Träger', slug: 'traeger' } })
    const town = await payload.create({ collection: 'municipalities', data: { name: 'Stadt Wittmund', slug: 'wittmund' } })
    const offer = await payload.create({
      collection: 'offers',
      data: { title: 'Deutschkurs für Eltern', slug: 'deutschkurs-eltern', organization: org.id, municipality: town.id, _status: 'published' },
    })
    worker = startWorker()
    // A live release to protect.
    await until(async () => (await deployStatus()) === 'success', 180_000, 'the first release')
    const page = path.join(live, 'de', 'offers', 'deutschkurs-eltern', 'index.html')
    const protect = { link: readlinkSync(live), page: pageHash(page) }

    await payload.update({ collection: 'offers', id: offer.id, data: { title: 'Deutschkurs für Eltern am Abend' } })
    // Killed at a moment the test has seen: the build is writing its new release (Astro runs).
    const building = await until(
      () => readdirSync(releases).find((r) => !protect.link.endsWith(r) && !existsSync(path.join(releases, r, '.lotse-release.json'))),
      120_000,
      'the build to write its release',
    )
    process.kill(-worker.pid!, 'SIGKILL')
    await new Promise((r) => worker!.once('exit', r))
    // The build it had started ends with it (its process group notices the worker is gone)
    // rather than finishing unattended and switching the live site behind everyone's back.
    expect(await waitForNoProcesses(cms.env.dataDir)).toEqual([])
    expect(readlinkSync(live)).toBe(protect.link)
    expect(pageHash(page)).toBe(protect.page)
    expect(existsSync(path.join(live, '.lotse-release.json'))).toBe(true)
    expect(await deployStatus()).toBe('running')

    worker = startWorker()
    await until(async () => (await deployStatus()) === 'success', 180_000, 'the retried build')
    expect(readFileSync(page, 'utf8')).toContain('Deutschkurs für Eltern am Abend')
    expect(readlinkSync(live)).not.toBe(protect.link)
    // The half-built release of the killed run is gone; the protected one is kept for rollback.
    expect(readdirSync(releases)).not.toContain(building)
    // Every release folder went live once (a hidden `.next-<pid>-<n>` is the next release the new publisher has begun).
    for (const name of readdirSync(releases).filter((n) => !n.startsWith('.'))) expect(existsSync(path.join(releases, name, '.lotse-release.json')), name).toBe(true)
    // Stopped normally, the worker leaves nothing running either.
    const exited = new Promise((r) => worker!.once('exit', r))
    process.kill(worker.pid!, 'SIGTERM')
    await exited
    expect(await waitForNoProcesses(cms.env.dataDir)).toEqual([])
  })
})
