/**
 * The real deploy path (export, Astro, Pagefind, checks, atomic switch) around its failures:
 * a release that fails its checks, a build that hangs, the nightly rebuild, `npm run deploy`
 * beside a running system, a worker that stops in the middle of a build, and a build whose
 * worker died. One CMS on a temporary database; the builds run in this process (the build job)
 * or in a worker started like `npm run worker`.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { stopRunningDeploys } from '@lotse/cms/publish/job'

import { leaveDeadBuild } from '../helpers/deadBuild'
import { createTestCms, type TestCms } from '../helpers/payload'
import { processesFor, waitForNoProcesses } from '../helpers/processes'

const root = path.resolve(import.meta.dirname, '../..')
const cli = path.join(root, 'scripts/src/cli.ts')
let cms: TestCms
let payload: Payload
let dataDir: string
let liveLink: string
const saved = { ...process.env }
const children: ChildProcess[] = []
let offer: { id: number | string; slug: string }
let town: number | string
let org: number | string

/** The environment a Lotse process on this test's data needs (worker, deploy). */
const lotseEnv = (): NodeJS.ProcessEnv => ({ ...process.env, LOTSE_DATA_DIR: dataDir, DATABASE_URI: cms.env.databaseUri, PAYLOAD_SECRET: cms.env.secret, LOTSE_LOG_LEVEL: 'warn' })

beforeAll(async () => {
  cms = await createTestCms()
  payload = cms.payload
  dataDir = cms.env.dataDir
  liveLink = path.join(dataDir, 'site')
  // Deploys this process starts build from this database; none is started ahead here (the
  // workers below do that), so the process checks see only what a test started.
  Object.assign(process.env, lotseEnv(), { LOTSE_DEPLOY_PRESTART: 'off' })
  org = (await payload.create({ collection: 'organizations', data: { name: 'AWO Kreisverband', slug: 'awo' } })).id
  town = (await payload.create({ collection: 'municipalities', data: { name: 'Stadt Wittmund', slug: 'wittmund' } })).id
  const created = await payload.create({ collection: 'offers', data: { title: 'Deutschkurs für Eltern', slug: 'deutschkurs-eltern', organization: org, municipality: town, _status: 'published' } })
  offer = { id: created.id, slug: created.slug! }
  await payload.create({
    collection: 'contacts',
    data: { name: 'Anlaufstelle Integration', kind: 'office', organization: org, internalNotes: 'Vertretung durch Frau Albers, privat 0170 5550123', _status: 'published' },
  })
  // The release every test below has to protect.
  await payload.jobs.run({ limit: 5 })
  expect((await latestDeploy()).status).toBe('success')
}, 240_000)

afterAll(async () => {
  for (const child of children) if (child.pid && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGKILL')
  for (const line of processesFor(dataDir)) process.kill(Number(line.split(' ')[0]), 'SIGKILL')
  process.env = saved
  await cms?.cleanup()
})

// By id: the daily rebuild's test writes records under a clock set into 2027.
const latestDeploy = async () => (await payload.find({ collection: 'deploys', sort: '-id', limit: 1, depth: 0 })).docs[0]!
const live = () => readlinkSync(liveLink)
/** The release folders; a hidden `.next-<pid>-<n>` one is the next release the idle publisher has begun (scripts/src/site/publisher.ts). */
const releases = () =>
  readdirSync(`${liveLink}.releases`)
    .filter((n) => !n.startsWith('.'))
    .sort()
const liveFile = (relative: string) => readFileSync(path.join(liveLink, relative), 'utf8')
const hashOf = (relative: string) => createHash('sha256').update(liveFile(relative)).digest('hex')
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function until<T>(fn: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    const value = await fn()
    if (value) return value
    await sleep(100)
  }
  throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`)
}

/** Starts `npm run worker` on this test's data; resolves once it runs jobs. */
async function startWorker(env: Record<string, string> = {}): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'worker'], {
    cwd: root,
    detached: true,
    env: { ...lotseEnv(), LOTSE_DEPLOY_PRESTART: 'on', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let output = ''
  child.stdout!.on('data', (c) => (output += c))
  child.stderr!.on('data', (c) => (output += c))
  await until(() => output.includes('worker running') || child.exitCode !== null, 120_000, 'the worker to start')
  expect(output).toContain('worker running')
  return { child, output: () => output }
}

/** SIGTERM to the worker (as a service manager stops it); resolves with how long it took to exit. */
async function stopWorker(child: ChildProcess): Promise<number> {
  const exited = new Promise((r) => child.once('exit', r))
  const started = Date.now()
  process.kill(child.pid!, 'SIGTERM')
  await exited
  return Date.now() - started
}

/**
 * Deploy processes of this data folder right now (pid → command). A child the deploy is starting
 * (Astro, Pagefind) carries its parent's command line from fork until exec, so a process whose
 * parent is a deploy is not one more deploy: without this, a look taken the moment the build
 * starts Astro counted two (seen in CI).
 */
const deployProcesses = () => {
  const deploys = processesFor(dataDir).filter((line) => line.includes('cli.ts deploy'))
  const pids = new Set(deploys.map((line) => line.split(' ')[0]))
  return deploys.filter((line) => !pids.has(parentOf(line.split(' ')[0]!)))
}
/** The parent pid of a process (field 4 of /proc/<pid>/stat, after the command in parentheses). */
const parentOf = (pid: string): string | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(') ') + 2).split(' ')[1]
  } catch {
    return undefined // gone meanwhile
  }
}

describe('a release that fails its checks', () => {
  it('never goes live, and the previous release stays live and unchanged', { timeout: 180_000 }, async () => {
    const before = { link: live(), releases: releases(), page: hashOf(`de/offers/${offer.slug}/index.html`) }
    // An editor copies the internal note (a private phone number) into the public text.
    const contact = (await payload.find({ collection: 'contacts', limit: 1, depth: 0 })).docs[0]!
    await payload.update({ collection: 'contacts', id: contact.id, data: { responsibility: 'Urlaubsvertretung: Vertretung durch Frau Albers, privat 0170 5550123' } })
    try {
      await payload.jobs.run({ limit: 5 })

      const deploy = await latestDeploy()
      expect(deploy.status).toBe('failed')
      expect(deploy.reason).toMatch(/^the new site failed its checks: an internal note appears in /)
      expect(live()).toBe(before.link)
      expect(releases()).toEqual(before.releases)
      expect(hashOf(`de/offers/${offer.slug}/index.html`)).toBe(before.page)
    } finally {
      // The later tests publish this contact again.
      await payload.update({ collection: 'contacts', id: contact.id, data: { responsibility: 'Erstberatung und Vermittlung' } })
    }
  })
})

describe('a build that hangs', () => {
  it('is stopped by the watchdog with everything it started, tried once more, and the live site stays', { timeout: 60_000 }, async () => {
    const before = live()
    process.env.LOTSE_DEPLOY_COMMAND = `trap '' TERM; sleep 600 & sleep 600`
    process.env.LOTSE_BUILD_TIMEOUT = '2'
    try {
      const started = Date.now()
      await payload.jobs.run({ limit: 5 })
      // Twice (the second time in a new process): 2 s of build, 5 s of grace for a group that ignores SIGTERM; and some slack.
      expect(Date.now() - started).toBeLessThan(19_000)
    } finally {
      delete process.env.LOTSE_DEPLOY_COMMAND
      delete process.env.LOTSE_BUILD_TIMEOUT
    }
    expect(await latestDeploy()).toMatchObject({ status: 'failed', reason: expect.stringMatching(/took longer than 2 s \(LOTSE_BUILD_TIMEOUT\).*\(tried twice, each time in a new deploy process\)$/) })
    expect(await waitForNoProcesses(dataDir, 3000)).toEqual([])
    expect(live()).toBe(before)
  })

  it('does not hold up the next publish: it goes live', { timeout: 180_000 }, async () => {
    await payload.update({ collection: 'offers', id: offer.id, data: { title: 'Deutschkurs für Eltern am Abend' } })
    await payload.jobs.run({ limit: 5 })
    expect((await latestDeploy()).status).toBe('success')
    expect(liveFile(`de/offers/${offer.slug}/index.html`)).toContain('Deutschkurs für Eltern am Abend')
  })
})

describe('the daily rebuild', () => {
  // The job system's clock and the site's clock (LOTSE_NOW), both set; local time, as cron is.
  const eveningBefore = new Date(2027, 2, 10, 9, 0)
  const justBefore = new Date(2027, 2, 11, 3, 14, 30)
  const justAfter = new Date(2027, 2, 11, 3, 15, 5)

  it('runs at 03:15 and drops events that are over', { timeout: 300_000 }, async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(eveningBefore)
      process.env.LOTSE_NOW = eveningBefore.toISOString()
      const event = (title: string, slug: string, start: Date) =>
        payload.create({
          collection: 'events',
          data: { title, slug, start: start.toISOString(), end: new Date(start.getTime() + 2 * 3_600_000).toISOString(), municipality: town, organizer: org, _status: 'published' },
        })
      await event('Infoabend Ausbildung', 'infoabend-ausbildung', new Date(2027, 2, 10, 18, 0))
      await event('Sprachcafé im April', 'sprachcafe-april', new Date(2027, 3, 7, 15, 0))
      await payload.jobs.run({ limit: 5 })
      expect((await latestDeploy()).status).toBe('success')
      expect(liveFile('de/events/index.html')).toContain('data-event="infoabend-ausbildung"')

      vi.setSystemTime(justBefore)
      await payload.jobs.handleSchedules()
      const scheduled = await payload.find({ collection: 'payload-jobs', where: { taskSlug: { equals: 'dailyRebuild' } }, depth: 0 })
      expect(scheduled.docs.map((j) => new Date(j.waitUntil!).getTime())).toEqual([new Date(2027, 2, 11, 3, 15).getTime()])
      await payload.jobs.run({ limit: 5 })
      expect((await payload.count({ collection: 'deploys', where: { status: { equals: 'queued' } } })).totalDocs).toBe(0)

      vi.setSystemTime(justAfter)
      process.env.LOTSE_NOW = justAfter.toISOString()
      await payload.jobs.run({ limit: 5 }) // the daily task: it queues a build
      await payload.jobs.run({ limit: 5 }) // the build
      const deploy = await latestDeploy()
      expect(deploy).toMatchObject({ status: 'success', triggers: [expect.objectContaining({ action: 'daily' })] })
      const events = liveFile('de/events/index.html')
      expect(events).not.toContain('data-event="infoabend-ausbildung"')
      expect(events).toContain('data-event="sprachcafe-april"')
    } finally {
      vi.useRealTimers()
      delete process.env.LOTSE_NOW
    }
  })
})

/** A server that accepts WebSocket upgrades and keeps them open, as the CMS of `npm start` does on PORT. */
async function upgradeServer(): Promise<{ server: Server; port: number; upgrades: string[] }> {
  const upgrades: string[] = []
  const server = createServer((_, res) => res.end())
  server.on('upgrade', (req, socket) => {
    upgrades.push(req.url ?? '')
    const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64')
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`)
    socket.on('error', () => undefined)
  })
  await new Promise<void>((r) => server.listen(0, r))
  return { server, port: (server.address() as AddressInfo).port, upgrades }
}

describe('npm run deploy', () => {
  it('ends after printing its release, beside a running worker and a CMS on PORT', { timeout: 240_000 }, async () => {
    await payload.delete({ collection: 'payload-jobs', where: { taskSlug: { equals: 'rebuildSite' } } })
    await payload.delete({ collection: 'deploys', where: { status: { equals: 'queued' } } })
    const cmsOnPort = await upgradeServer()
    const worker = await startWorker()
    try {
      // As an operator runs it: no NODE_ENV (the tests' "test" would hide the hole).
      const env: Record<string, string | undefined> = { ...lotseEnv(), PORT: String(cmsOnPort.port) }
      delete env.NODE_ENV
      const deploy = spawn(process.execPath, ['--import', 'tsx', cli, 'deploy'], { cwd: root, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] })
      children.push(deploy)
      let output = ''
      let printedAt = 0
      deploy.stdout.on('data', (c) => {
        output += c
        if (!printedAt && /\d{4}-\d\d-\d\dT[\d-]+Z/.test(output)) printedAt = Date.now()
      })
      deploy.stderr.on('data', (c) => (output += c))
      const code = await new Promise<number | null>((resolve) => deploy.once('exit', resolve))
      expect(printedAt, output.slice(-2000)).toBeGreaterThan(0)
      expect(code).toBe(0)
      // Nothing left to do after printing: it ends at once (the database closes in milliseconds).
      expect(Date.now() - printedAt).toBeLessThan(5_000)
      expect(output).toContain(path.basename(live()))
    } finally {
      await stopWorker(worker.child)
      cmsOnPort.server.closeAllConnections()
      cmsOnPort.server.close()
    }
  })

  it('leaves its release, live before the compression, with a brotli and a gzip copy of every page once it has ended', () => {
    const pages = (readdirSync(path.join(liveLink, 'de'), { recursive: true }) as string[]).filter((f) => f.endsWith('.html')).map((f) => path.join('de', f))
    expect(pages.length).toBeGreaterThan(10)
    for (const page of pages) {
      expect(brotliDecompressSync(readFileSync(path.join(liveLink, `${page}.br`))).toString('utf8'), page).toBe(liveFile(page))
      expect(gunzipSync(readFileSync(path.join(liveLink, `${page}.gz`))).toString('utf8'), page).toBe(liveFile(page))
    }
    // Each copy was written under a temporary name and renamed into place: none is left over.
    expect((readdirSync(liveLink, { recursive: true }) as string[]).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })
})

describe('a worker that is stopped', () => {
  it('ends its build within 15 s, starts no deploy during the stop, and queues the build again', { timeout: 240_000 }, async () => {
    // This process's own publisher (kept warm after the builds above) is not the worker's.
    await stopRunningDeploys()
    const worker = await startWorker()
    const before = live()
    await payload.update({ collection: 'offers', id: offer.id, data: { title: 'Deutschkurs für Eltern (neu)' } })
    // Stopped where it matters: the build has begun writing its release (Astro is running).
    await until(() => releases().some((r) => !before.endsWith(r) && !existsSync(path.join(`${liveLink}.releases`, r, '.lotse-release.json'))), 120_000, 'the build to write its release')
    const building = new Set(deployProcesses())
    expect(building.size).toBe(1)
    const startedDuringStop = new Set<string>()
    let watching = true
    const watch = (async () => {
      while (watching) {
        for (const p of deployProcesses()) if (!building.has(p)) startedDuringStop.add(p)
        await sleep(20)
      }
    })()
    const took = await stopWorker(worker.child)
    watching = false
    await watch
    expect(took).toBeLessThan(15_000)
    expect(await waitForNoProcesses(dataDir, 2000)).toEqual([])
    expect([...startedDuringStop]).toEqual([])
    expect(live()).toBe(before)
    expect(await latestDeploy()).toMatchObject({ status: 'queued', reason: 'Unterbrochen (Neustart) – wird wiederholt.' })
  })
})

describe('a build whose worker died', () => {
  it('is taken back by the running worker once its lease expired, without a restart', { timeout: 120_000 }, async () => {
    const worker = await startWorker({ LOTSE_DEPLOY_COMMAND: `echo '{"type":"result","release":"r-taken-back","phases":{}}' >&3` })
    try {
      const dead = await leaveDeadBuild(payload, {
        leaseUntil: new Date(Date.now() - 60_000).toISOString(),
        attempts: 1,
        worker: 'web2 pid 4711',
        trigger: { collection: 'offers', id: String(offer.id), title: 'Deutschkurs', action: 'update' },
      })

      const done = await until(
        async () => {
          const d = await payload.findByID({ collection: 'deploys', id: dead.deployId, depth: 0 })
          return d.status === 'success' && d
        },
        60_000,
        'the running worker to take the build back and finish it',
      )
      expect(done).toMatchObject({ release: 'r-taken-back', attempts: 2, leaseUntil: null })
      expect(done.worker).not.toBe('web2 pid 4711')
    } finally {
      await stopWorker(worker.child)
    }
  })
})
