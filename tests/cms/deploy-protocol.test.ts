/**
 * The build job and its deploy process, at the process boundary: stand-ins for the deploy
 * (`LOTSE_DEPLOY_COMMAND`, run by /bin/sh) hang, ignore SIGTERM, report and linger, die or speak
 * nonsense over the protocol's fd 3, and every time the build ends within its bound, says why,
 * and leaves no process behind. Then the leases: renewed while a build runs, taken back when
 * they expire. The real deploy is in tests/e2e/deploy-lifecycle.test.ts.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createLocalReq, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { stopRunningDeploys } from '@lotse/cms/publish/job'
import { MAX_ATTEMPTS } from '@lotse/cms/publish/lease'
import { reclaimExpiredBuilds } from '@lotse/cms/publish/recover'
import { queueRebuild } from '@lotse/cms/publish/trigger'

import { leaveDeadBuild } from '../helpers/deadBuild'
import { createTestCms, type TestCms } from '../helpers/payload'
import { processesFor, waitForNoProcesses } from '../helpers/processes'

let cms: TestCms
let payload: Payload
let dataDir: string
const saved = { ...process.env }

beforeAll(async () => {
  cms = await createTestCms()
  payload = cms.payload
  dataDir = cms.env.dataDir
  // The stand-ins carry the data folder in their environment, so the process checks find them.
  process.env.LOTSE_DATA_DIR = dataDir
}, 120_000)

afterAll(async () => {
  for (const line of processesFor(dataDir)) process.kill(Number(line.split(' ')[0]), 'SIGKILL')
  process.env = saved
  await cms?.cleanup()
})

/** One line of the protocol on fd 3, as the real deploy sends it over its IPC channel. */
const say = (message: Record<string, unknown>) => `echo '${JSON.stringify(message)}' >&3`

/** Queues a build as a publish does, with `command` standing in for the deploy. */
async function queueBuild(command: string, env: Record<string, string> = {}): Promise<void> {
  await payload.delete({ collection: 'payload-jobs', where: { taskSlug: { equals: 'rebuildSite' } } })
  await payload.delete({ collection: 'deploys', where: { id: { exists: true } } })
  process.env.LOTSE_DEPLOY_COMMAND = command
  delete process.env.LOTSE_BUILD_TIMEOUT
  Object.assign(process.env, env)
  await queueRebuild(await createLocalReq({}, payload), { collection: 'offers', id: '1', title: 'Sprachkurs', action: 'publish' })
}

/** Runs the queued build job; returns how long that took (ms). */
async function runBuild(): Promise<number> {
  const started = Date.now()
  await payload.jobs.run({ limit: 5 })
  return Date.now() - started
}

const latestDeploy = async () => (await payload.find({ collection: 'deploys', sort: '-createdAt', limit: 1, depth: 0 })).docs[0]!

/** A stand-in that runs `first` the first time and answers with a release the second time (a mark file tells them apart). */
function secondTimeLucky(first: string): { command: string; done: () => void } {
  const mark = path.join(mkdtempSync(path.join(tmpdir(), 'lotse-retry-')), 'first-try')
  return {
    command: `if [ -e ${mark} ]; then ${say({ type: 'result', release: 'r-second', phases: {} })}; else touch ${mark}; ${first}; fi`,
    done: () => rmSync(path.dirname(mark), { recursive: true, force: true }),
  }
}

describe('a build that hangs', () => {
  it('is stopped after LOTSE_BUILD_TIMEOUT, tried once more in a new process, and the record says so', async () => {
    await queueBuild('sleep 300', { LOTSE_BUILD_TIMEOUT: '1' })
    const took = await runBuild()
    expect(took).toBeGreaterThanOrEqual(2000)
    expect(took).toBeLessThan(5000)
    expect(await latestDeploy()).toMatchObject({
      status: 'failed',
      reason: 'The build took longer than 1 s (LOTSE_BUILD_TIMEOUT) and was stopped. The live site is unchanged. (tried twice, each time in a new deploy process)',
    })
    expect(await waitForNoProcesses(dataDir, 2000)).toEqual([])
  })

  it('is replaced by a new deploy process, which builds the release', async () => {
    const standIn = secondTimeLucky('sleep 300')
    try {
      await queueBuild(standIn.command, { LOTSE_BUILD_TIMEOUT: '1' })
      await runBuild()
      expect(await latestDeploy()).toMatchObject({
        status: 'success',
        release: 'r-second',
        reason: 'A first deploy process did not finish (The build took longer than 1 s (LOTSE_BUILD_TIMEOUT) and was stopped. The live site is unchanged.); a new one built the release.',
      })
      expect(await waitForNoProcesses(dataDir, 2000)).toEqual([])
    } finally {
      standIn.done()
    }
  })

  it("has the deploy's log name what it was still waiting for when the watchdog stopped it", async () => {
    // The real deploy's side of the protocol (scripts/src/deploy/channel.ts), waiting for a child process that does not end.
    const script = `import { openDeployChannel } from './scripts/src/deploy/channel.ts'; import { spawn } from 'node:child_process'; openDeployChannel(); spawn('sleep', ['300'], { stdio: 'ignore' })`
    await queueBuild(`exec '${process.execPath}' --import tsx --input-type=module -e "${script}"`, { LOTSE_BUILD_TIMEOUT: '2' })
    await runBuild()
    const deploy = await latestDeploy()
    expect(deploy.status).toBe('failed')
    expect(deploy.log).toMatch(/\[lotse\] deploy stopped by SIGTERM while waiting for: .*ProcessWrap/)
    expect(await waitForNoProcesses(dataDir, 2000)).toEqual([])
  })

  it('is killed 5 s after SIGTERM when it ignores it, with every process it started', async () => {
    const standIn = secondTimeLucky(`trap '' TERM; sleep 300 & sleep 300`)
    try {
      await queueBuild(standIn.command, { LOTSE_BUILD_TIMEOUT: '1' })
      const took = await runBuild()
      expect(took).toBeGreaterThanOrEqual(6000)
      expect(took).toBeLessThan(10_000)
      expect((await latestDeploy()).release).toBe('r-second')
      expect(await waitForNoProcesses(dataDir, 2000)).toEqual([])
    } finally {
      standIn.done()
    }
  })

  it('with an unreadable LOTSE_BUILD_TIMEOUT fails naming the variable', async () => {
    await queueBuild(say({ type: 'result', release: 'r1', phases: {} }), { LOTSE_BUILD_TIMEOUT: 'zehn Minuten' })
    await runBuild()
    expect((await latestDeploy()).reason).toBe('LOTSE_BUILD_TIMEOUT must be a number of seconds greater than 0 (e.g. 600), got "zehn Minuten"')
  })
})

describe('a deploy process that', () => {
  it('reported its release but does not end is stopped, and the release recorded as live', async () => {
    await queueBuild(`${say({ type: 'result', release: 'r-lingers', phases: { build: 1200 } })}; sleep 300`)
    const took = await runBuild()
    expect(took).toBeLessThan(9000)
    const deploy = await latestDeploy()
    expect(deploy).toMatchObject({ status: 'success', release: 'r-lingers', phases: { build: 1200 } })
    expect(deploy.log).toContain('did not end within 5 s of reporting and was stopped')
    expect(await waitForNoProcesses(dataDir, 2000)).toEqual([])
  })

  it('ends without a result, twice, fails with its exit code and its last words', async () => {
    await queueBuild(`echo 'Astro: JavaScript heap out of memory' >&2; exit 134`)
    await runBuild()
    expect((await latestDeploy()).reason).toBe('The deploy process ended with exit code 134 without a result: Astro: JavaScript heap out of memory (tried twice, each time in a new deploy process)')
  })

  it('dies without a result is replaced by a new one, which builds the release', async () => {
    // The first process leaves a mark and dies; the second finds the mark and answers.
    const standIn = secondTimeLucky('kill -9 $$')
    try {
      await queueBuild(standIn.command)
      await runBuild()
      expect(await latestDeploy()).toMatchObject({
        status: 'success',
        release: 'r-second',
        reason: 'A first deploy process did not finish (The deploy process was ended by SIGKILL without a result.); a new one built the release.',
      })
    } finally {
      standIn.done()
    }
  })

  it('hands a full build over has a fresh one build it, asked with that reason as `full`', async () => {
    // The first process reads the request and hands it over; the second keeps the request it got and answers.
    const dir = mkdtempSync(path.join(tmpdir(), 'lotse-handover-'))
    const [mark, request] = [path.join(dir, 'first-try'), path.join(dir, 'request.json')]
    const reason = 'the change touches 9000 of 18163 pages'
    await queueBuild(
      `if [ -e ${mark} ]; then head -n 1 <&3 > ${request}; ${say({ type: 'result', release: 'r-fresh', phases: {} })}; else touch ${mark}; head -n 1 <&3 > /dev/null; ${say({ type: 'handover', reason })}; fi`,
    )
    await runBuild()
    expect(await latestDeploy()).toMatchObject({ status: 'success', release: 'r-fresh' })
    expect(JSON.parse(readFileSync(request, 'utf8'))).toMatchObject({ type: 'build', full: reason })
    expect(await waitForNoProcesses(dataDir, 2000)).toEqual([])
    rmSync(dir, { recursive: true, force: true })
  })

  it('sends a message outside the protocol fails, naming the field, and is stopped', async () => {
    await queueBuild(`${say({ type: 'result', release: 'r1', phases: { build: 'schnell' } })}; sleep 300`)
    const took = await runBuild()
    expect(took).toBeLessThan(4000)
    const deploy = await latestDeploy()
    expect(deploy.status).toBe('failed')
    expect(deploy.reason).toMatch(/^The deploy process sent a message outside the protocol: phases\.build: /)
    expect(await waitForNoProcesses(dataDir, 2000)).toEqual([])
  })

  it('reports a failure has it recorded with its reason and phases', async () => {
    await queueBuild(`${say({ type: 'failure', reason: 'the new site failed its checks: the de home page is missing (/de/)', phases: { export: 90, build: 3100 } })}; exit 1`)
    await runBuild()
    expect(await latestDeploy()).toMatchObject({ status: 'failed', reason: 'the new site failed its checks: the de home page is missing (/de/)', phases: { export: 90, build: 3100 } })
  })
})

describe('the lease of a build', () => {
  it('is renewed every 5 s while the build runs, and released when it ends', async () => {
    const beat = say({ type: 'heartbeat' })
    await queueBuild(`for i in 1 2 3 4; do ${beat}; sleep 2; done; ${say({ type: 'result', release: 'r-slow', phases: {} })}`)
    const running = runBuild()
    const leases = new Set<string>()
    while (leases.size < 2) {
      const d = await latestDeploy()
      if (d.status === 'queued') continue
      if (d.status !== 'running') break
      expect(d.worker).toContain(`pid ${process.pid}`)
      expect(d.attempts).toBe(1)
      if (d.leaseUntil) {
        // A lease always reaches well beyond now: 30 s from the last renewal.
        expect(Date.parse(d.leaseUntil) - Date.now()).toBeGreaterThan(20_000)
        leases.add(d.leaseUntil)
      }
      await new Promise((r) => setTimeout(r, 500))
    }
    // The lease taken with the build, and one renewal 5 s later.
    expect(leases.size).toBe(2)
    await running
    expect(await latestDeploy()).toMatchObject({ status: 'success', leaseUntil: null })
  })

  /** The state a dead runner leaves: record running, job processing. */
  const deadBuild = (lease: { leaseUntil: string; attempts: number }) =>
    leaveDeadBuild(payload, { ...lease, worker: 'web1 pid 4242', trigger: { collection: 'offers', id: '7', title: 'Elterncafé', action: 'publish' } })

  const rebuildJobs = async () => (await payload.find({ collection: 'payload-jobs', where: { taskSlug: { equals: 'rebuildSite' } }, depth: 0 })).docs

  it('that expired is taken back: the build queued again and its stuck job replaced', async () => {
    const { deployId } = await deadBuild({ leaseUntil: new Date(Date.now() - 60_000).toISOString(), attempts: 1 })
    expect(await reclaimExpiredBuilds(payload)).toEqual({ requeued: 1, failed: 0 })
    const deploy = await payload.findByID({ collection: 'deploys', id: deployId, depth: 0 })
    expect(deploy).toMatchObject({ status: 'queued', leaseUntil: null, attempts: 1, reason: expect.stringContaining('web1 pid 4242') })
    // One job, waiting to run (SQLite may give it the dead one's id again).
    expect(await rebuildJobs()).toEqual([expect.objectContaining({ processing: false, hasError: false, completedAt: null })])
  })

  it('that is still valid is left alone', async () => {
    const { deployId, jobId } = await deadBuild({ leaseUntil: new Date(Date.now() + 20_000).toISOString(), attempts: 1 })
    expect(await reclaimExpiredBuilds(payload)).toEqual({ requeued: 0, failed: 0 })
    expect((await payload.findByID({ collection: 'deploys', id: deployId, depth: 0 })).status).toBe('running')
    expect((await rebuildJobs()).map((j) => [j.id, j.processing])).toEqual([[jobId, true]])
  })

  it(`that expired on the ${MAX_ATTEMPTS}rd attempt gives the build up, with a reason`, async () => {
    const { deployId } = await deadBuild({ leaseUntil: new Date(Date.now() - 60_000).toISOString(), attempts: MAX_ATTEMPTS })
    expect(await reclaimExpiredBuilds(payload)).toEqual({ requeued: 0, failed: 1 })
    const deploy = await payload.findByID({ collection: 'deploys', id: deployId, depth: 0 })
    expect(deploy).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^Aufgegeben nach 3 Versuchen/) })
    // Nothing left to block the next publish's build.
    expect(await rebuildJobs()).toEqual([])
  })
})

describe('a host that stops', () => {
  it('ends its build within the grace, also one that ignores SIGTERM, and queues it again', async () => {
    const marker = mkdtempSync(path.join(tmpdir(), 'lotse-started-'))
    try {
      await queueBuild(`trap '' TERM; touch ${marker}/started; sleep 300`)
      const job = runBuild()
      for (let i = 0; i < 100 && !existsSync(path.join(marker, 'started')); i++) await new Promise((r) => setTimeout(r, 100))
      expect(existsSync(path.join(marker, 'started'))).toBe(true)
      const started = Date.now()
      expect(await stopRunningDeploys({ graceMs: 1000 })).toEqual({ stopped: 1 })
      expect(Date.now() - started).toBeLessThan(3000)
      expect(processesFor(dataDir)).toEqual([])
      await job
      expect(await latestDeploy()).toMatchObject({ status: 'queued', attempts: 0, reason: 'Unterbrochen (Neustart) – wird wiederholt.', leaseUntil: null })
    } finally {
      rmSync(marker, { recursive: true, force: true })
    }
  })
})
