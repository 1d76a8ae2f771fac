import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, readlinkSync } from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createTestCms, type TestCms } from '../helpers/payload'
import { waitForNoProcesses } from '../helpers/processes'

/**
 * The separate worker (`npm run worker`) killed in the middle of a deploy, as by a power cut:
 * the live site stays a complete release, and after a restart the interrupted build is done
 * again and includes the publish.
 */
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

async function until<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    const value = await fn()
    if (value) return value
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`Timed out waiting for ${what}`)
}

const deployStatus = async () => (await payload.find({ collection: 'deploys', sort: '-createdAt', limit: 1, depth: 0 })).docs[0]?.status

describe('the worker', () => {
  it('survives being killed mid-deploy: the live site stays whole and the build is retried', { timeout: 300_000 }, async () => {
    const org = await payload.create({ collection: 'organizations', data: { name: 'Träger', slug: 'traeger' } })
    const town = await payload.create({ collection: 'municipalities', data: { name: 'Stadt Wittmund', slug: 'wittmund' } })
    await payload.create({ collection: 'offers', data: { title: 'Deutschkurs für Eltern', slug: 'deutschkurs-eltern', organization: org.id, municipality: town.id, _status: 'published' } })
    expect(await deployStatus()).toBe('queued')

    worker = startWorker()
    await until(async () => (await deployStatus()) === 'running', 60_000, 'the build to start')
    await new Promise((r) => setTimeout(r, 2500))
    process.kill(-worker.pid!, 'SIGKILL')
    await new Promise((r) => worker!.once('exit', r))
    const live = path.join(cms.env.dataDir, 'site')
    const releases = `${live}.releases`
    const liveAtKill = existsSync(live) ? readlinkSync(live) : null
    // The build it had started ends with it (its process group notices the worker is gone)
    // rather than finishing unattended and switching the live site behind everyone's back.
    expect(await waitForNoProcesses(cms.env.dataDir)).toEqual([])
    expect(existsSync(live) ? readlinkSync(live) : null).toBe(liveAtKill)
    // Nothing went live half-built: either no release yet, or a complete one.
    if (existsSync(live)) expect(existsSync(path.join(releases, path.basename(readlinkSync(live)), '.lotse-release.json'))).toBe(true)
    expect(await deployStatus()).toBe('running')

    worker = startWorker()
    await until(async () => (await deployStatus()) === 'success', 180_000, 'the retried build')
    expect(existsSync(path.join(live, 'de', 'offers', 'deutschkurs-eltern', 'index.html'))).toBe(true)
    expect(existsSync(path.join(live, '.lotse-release.json'))).toBe(true)
    // The half-built release of the killed run is gone.
    for (const name of readdirSync(releases)) expect(existsSync(path.join(releases, name, '.lotse-release.json')), name).toBe(true)
    // Stopped normally, the worker leaves nothing running either.
    const exited = new Promise((r) => worker!.once('exit', r))
    process.kill(worker.pid!, 'SIGTERM')
    await exited
    expect(await waitForNoProcesses(cms.env.dataDir)).toEqual([])
  })
})
