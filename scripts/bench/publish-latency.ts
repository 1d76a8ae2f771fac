/**
 * Benchmark: publish-to-live latency. A CMS on a temporary SQLite database with its job worker
 * running (as inside `npm start`), the live site served from its deploy directory. Each round
 * renames one offer and publishes it; the clock runs from the publish call returning until the
 * live site serves the new title; then (outside the clock: pages and search bundles go live in
 * one switch) every locale whose page shows the title must find it in its live search index.
 * Reports p50/p95, how each build was made (incremental: how many pages; full: why), where the
 * time goes (the worker picking the publish up, export, the publisher's phases, the deletion of
 * old releases after the switch, which no reader waits for), and the peak memory of everything
 * running (this process, which is the CMS with its job worker, and the publisher with what it
 * starts). A round starts once the processes the bench started have been idle for a second (the
 * publisher gets ready for the next publish after each one), so each measures one publish on an
 * idle system, not a queue behind another or behind the publisher's own preparation. Last, the
 * nightly rebuild: a full build of the same content beside the live release, with its phases,
 * timed from its start until its build record ends (`nightly_build_s`) and until it went live
 * (`nightly_build_live_s`: without its compressed copies and the deletion of old releases,
 * which come after the switch); the first build's are reported the same way.
 *
 *   node --import tsx scripts/bench/publish-latency.ts [extraOffers] [rounds]   (npm run bench:publish)
 *
 * `npm run bench:publish` runs it as `npm start` runs the CMS: with glibc's malloc held to two
 * arenas (`GLIBC_TUNABLES`, scripts/src/cli.ts), which every process here inherits; run directly,
 * the environment's setting applies.
 *
 * `extraOffers` adds synthetic offers translated into all 12 locales on top of the demo seed
 * (0 = seed size; 1000 and 5000 for the large cases). Targets on 2 cores (issue 9): one changed
 * offer p95 ≤ 3 s at seed size, ≤ 5 s at 1,044 offers × 13 locales; peak memory ≤ 3 GB.
 *
 * A failed run says so: the first error, with its cause and the state of the build queue, and
 * exit code 1. Either way, and when it is stopped by hand (Ctrl+C, SIGTERM), everything the bench
 * started (its CMS and job worker, the build in progress, the deploy process started ahead, the
 * site server) is stopped before its data folder is removed, and the bench checks that no process
 * of that folder is left.
 */
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs'
import type { Server } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { createLocalReq, getPayload, type Payload } from 'payload'

import { stopRunningDeploys } from '@lotse/cms/publish/job'
import { queueRebuild } from '@lotse/cms/publish/trigger'
import { localeCodes } from '@lotse/translations'

import { exportCmsEnv } from '../src/lib/cmsEnv'
import { serveSite } from '../src/site/server'
import { onStop, percentile, seconds } from './lib'
import { syntheticSnapshot } from './synthetic'

const extra = Number(process.argv[2] ?? 0)
const rounds = Number(process.argv[3] ?? 10)
if (!Number.isInteger(extra) || extra < 0 || !Number.isInteger(rounds) || rounds < 1) {
  console.error(`[bench] usage: npm run bench:publish -- [extraOffers ≥ 0] [rounds ≥ 1], got "${process.argv.slice(2).join(' ')}"`)
  process.exit(2)
}
const dataDir = mkdtempSync(path.join(tmpdir(), 'lotse-bench-publish-'))
process.env.LOTSE_DATA_DIR = dataDir
delete process.env.DATABASE_URI
process.env.LOTSE_LOG_LEVEL = 'warn'
// Run directly (not through cli.ts): no hot-reload socket to whatever serves PORT (see cli.ts).
process.env.DISABLE_PAYLOAD_HMR = 'true'
exportCmsEnv()
const live = path.join(dataDir, 'site')
const sitePort = 4700 + Math.floor(Math.random() * 200)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** What this bench has started so far, for `finish` to stop. */
const started: { payload?: Payload; server?: Server; sampler?: NodeJS.Timeout } = {}
let finishing: Promise<boolean> | undefined
onStop(() => finish())

/** Processes that carry this bench's data folder in their environment (Linux /proc). */
function processesOfDataDir(): string[] {
  const marker = `LOTSE_DATA_DIR=${dataDir}\0`
  return readdirSync('/proc').filter((pid) => {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) return false
    try {
      return readFileSync(`/proc/${pid}/environ`, 'latin1').includes(marker)
    } catch {
      return false
    }
  })
}

/** An error's message with its causes, for the one line that says why the run failed. */
function describe(err: unknown): string {
  const parts: string[] = []
  for (let e: unknown = err; e && parts.length < 5; e = (e as { cause?: unknown }).cause) parts.push(e instanceof Error ? e.message : String(e))
  return parts.join(' ← caused by: ')
}

const { default: config } = await import('@lotse/cms/config')
const { prepareDatabase } = await import('@lotse/cms/prepare')
const payload = await getPayload({ config, cron: true })
started.payload = payload
const server = await serveSite(live, sitePort, '127.0.0.1')
started.server = server

/** What the build queue looks like: for a publish that never went live, that is the cause. */
async function queueState(): Promise<string> {
  const deploys = await payload.find({ collection: 'deploys', sort: '-createdAt', limit: 3, depth: 0 })
  const jobs = await payload.find({ collection: 'payload-jobs', where: { taskSlug: { equals: 'rebuildSite' } }, sort: '-createdAt', limit: 3, depth: 0 })
  const d = deploys.docs.map((x) => `deploy ${x.id} ${x.status}${x.reason ? ` (${x.reason})` : ''}${x.leaseUntil ? ` lease until ${x.leaseUntil}` : ''}`)
  const j = jobs.docs.map((x) => `job ${x.id}${x.processing ? ' processing' : ''}${x.hasError ? ' failed' : ''}${x.completedAt ? ' completed' : ''}`)
  return [...d, ...j].join('; ') || 'no deploys, no jobs'
}

/** Resident memory of this process and every process of the data folder now (bytes), and who holds it. */
function resident(): { total: number; parts: string } {
  let total = 0
  const parts: string[] = []
  for (const pid of [String(process.pid), ...processesOfDataDir()]) {
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
      if (!rss) continue
      total += Number(rss[1]) * 1024
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean)
      const what =
        pid === String(process.pid)
          ? 'cms+bench'
          : (cmd
              .find((a) => /cli\.ts$|astro\.mjs$|pagefind/.test(a))
              ?.split('/')
              .at(-1) ?? cmd[0]?.split('/').at(-1)) + (cmd.includes('deploy') ? ' deploy' : '')
      parts.push(`${what} ${Math.round(Number(rss[1]) / 1024)}`)
    } catch {
      // Ended meanwhile.
    }
  }
  return { total, parts: parts.join(', ') }
}
let peakBytes = 0
let peakParts = ''
/** The part of the run being sampled, and the peak of each part (MB), to tell where the peak is. */
let stage = 'content'
const stagePeaks: Record<string, number> = {}
started.sampler = setInterval(() => {
  const now = resident()
  if (now.total > peakBytes) [peakBytes, peakParts] = [now.total, now.parts]
  stagePeaks[stage] = Math.max(stagePeaks[stage] ?? 0, Math.round(now.total / 1_048_576))
}, 250)

/** Whether the live search index of `locale` holds `token` (in any shard; its fragments are gzipped JSON). */
function indexed(token: string, locale: string): boolean {
  let root: string
  try {
    root = realpathSync(live)
  } catch {
    return false
  }
  // The fragments of every shard (`fragment/`, `1/fragment/` …).
  const dir = path.join(root, 'pagefind', locale)
  const fragments = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.pf_fragment'))
  return fragments.some((f) => {
    const raw = readFileSync(path.join(dir, f))
    // Pagefind prefixes its gzip streams with a signature; find the gzip header.
    const start = raw.indexOf(Buffer.from([0x1f, 0x8b]))
    return gunzipSync(start > 0 ? raw.subarray(start) : raw)
      .toString('utf8')
      .includes(token)
  })
}

async function waitLive(slug: string, token: string, timeoutMs = 180_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    const res = await fetch(`http://127.0.0.1:${sitePort}/de/offers/${slug}/`).catch(() => null)
    if (res?.ok && (await res.text()).includes(token)) return
    // A build that failed will not bring it: say so now, with its reason.
    const failed = (await payload.find({ collection: 'deploys', where: { status: { equals: 'failed' } }, sort: '-finishedAt', limit: 1, depth: 0 })).docs[0]
    if (failed && (failed.triggers as { title?: string }[] | null)?.some((t) => t.title?.includes(token))) {
      throw new Error(`"${token}" did not go live: its build failed`, { cause: new Error(failed.reason ?? 'no reason recorded') })
    }
    await sleep(100)
  }
  throw new Error(`"${token}" did not go live within ${timeoutMs / 1000} s`, { cause: new Error(`build queue: ${await queueState().catch((e: Error) => e.message)}`) })
}

interface Deploy {
  status?: string
  startedAt?: string
  durationMs?: number | null
  mode?: string | null
  reason?: string | null
  phases?: Record<string, number>
  triggers?: { title?: string }[]
}

/**
 * How long a full build took until its release went live: its whole time but what a full build
 * does after the switch, which no reader waits for: its compressed copies (`compress`) and the
 * deletion of old releases (`prune`, about 3 s at 1,000 offers).
 */
const untilLive = (deploy: Deploy) => seconds((deploy.durationMs ?? 0) - (deploy.phases?.compress ?? 0) - (deploy.phases?.prune ?? 0))

/** A build's time, how it was made and its phases, for the log. */
const describeDeploy = (deploy: Deploy) =>
  `${seconds(deploy.durationMs ?? 0)} s, ${deploy.mode} (${Object.entries(deploy.phases ?? {})
    .map(([k, v]) => `${k} ${seconds(v)}`)
    .join(', ')})`

/** Waits until the build that carries a trigger whose title holds `title` has ended; throws when it failed. */
async function waitDeploy(title: string, timeoutMs = 1_800_000): Promise<Deploy> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    const recent = (await payload.find({ collection: 'deploys', sort: '-queuedAt', limit: 5, depth: 0 })).docs as Deploy[]
    const deploy = recent.find((d) => d.triggers?.some((t) => t.title?.includes(title)))
    if (deploy?.status === 'failed') throw new Error(`the build "${title}" failed`, { cause: new Error(deploy.reason ?? 'no reason recorded') })
    if (deploy?.status === 'success') return deploy
    await sleep(500)
  }
  throw new Error(`the build "${title}" did not end within ${timeoutMs / 1000} s`, { cause: new Error(`build queue: ${await queueState().catch((e: Error) => e.message)}`) })
}

/** CPU time (clock ticks) the processes of the data folder have used so far. */
function cpuTicks(): number {
  let ticks = 0
  for (const pid of processesOfDataDir()) {
    try {
      // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
      ticks += Number(fields[11]) + Number(fields[12])
    } catch {
      // Ended meanwhile.
    }
  }
  return ticks
}

/**
 * Waits until the processes of the data folder (the deploy process getting ready for the next
 * publish: its warm build, the next release's links; Pagefind's services) have been idle for a
 * second, i.e. used less than 5 % of one core; at most `limitMs`. Returns how long it waited.
 */
async function waitIdle(limitMs = 120_000): Promise<number> {
  const started = Date.now()
  let before = cpuTicks()
  while (Date.now() - started < limitMs) {
    await sleep(1000)
    const now = cpuTicks()
    // Clock ticks are 1/100 s: under 5 ticks in a second is under 5 %.
    if (now - before < 5) return Date.now() - started
    before = now
  }
  return Date.now() - started
}

let failure: unknown
try {
  const prepared = Date.now()
  await prepareDatabase(payload, { dataDir, production: false, demo: true })
  if (extra > 0) {
    const synthetic = syntheticSnapshot(extra).offers
    const org = (await payload.find({ collection: 'organizations', limit: 1, depth: 0 })).docs[0]!.id
    const town = (await payload.find({ collection: 'municipalities', limit: 1, depth: 0 })).docs[0]!.id
    for (const o of synthetic) {
      // One save with every locale (`locale: 'all'`), as an import would do it.
      await payload.create({
        collection: 'offers',
        locale: 'all' as never,
        data: { title: o.title, summary: o.summary, body: o.body, slug: o.slug, organization: org, municipality: town, _status: 'published' } as never,
        context: { lotseSeed: true },
      })
    }
  }
  const offers = (await payload.count({ collection: 'offers' })).totalDocs
  console.log(`[bench] ${offers} offers × ${localeCodes.length} locales ready in ${seconds(Date.now() - prepared)} s; first build …`)

  // The first build, queued like npm start does, and waited for.
  stage = 'first build'
  const first = (await payload.find({ collection: 'offers', limit: 1, depth: 0, sort: 'createdAt' })).docs[0]!
  await payload.update({ collection: 'offers', id: first.id, data: { title: 'Erster Bau', _status: 'published' } })
  await waitLive(first.slug!, 'Erster Bau', 1_800_000)
  // Its record says "success" once the publisher has answered, a moment after the page is live.
  const firstBuild = await waitDeploy('Erster Bau')
  console.log(`[bench] first build: ${describeDeploy(firstBuild)}`)

  // As between any two publishes: the publisher gets ready for the next one (its warm build,
  // the values of its keys, the next release's links). Editors publish seconds to minutes
  // apart; each round measures one publish on an idle system.
  console.log(`[bench] publisher ready ${seconds(await waitIdle())} s after the first build`)
  stage = 'publishes'
  const latencies: number[] = []
  const modes: string[] = []
  const phases: Record<string, number[]> = {}
  for (let i = 0; i < rounds; i++) {
    const token = `Messlauf${i}x${Date.now().toString(36)}`
    await payload.update({ collection: 'offers', id: first.id, data: { title: `Sprachkurs ${token}`, _status: 'published' } })
    const started = Date.now()
    await waitLive(first.slug!, token)
    const live = Date.now()
    latencies.push(live - started)
    // The same release holds the search bundles: every locale whose page indexes the title
    // (in its `data-pagefind-body`, outside notices Pagefind ignores) finds it.
    for (const code of localeCodes) {
      const page = await fetch(`http://127.0.0.1:${sitePort}/${code}/offers/${first.slug}/`).then((r) => r.text())
      const body = (/<article data-pagefind-body[\s\S]*?<\/article>/.exec(page)?.[0] ?? '').replace(/<(\w+)[^>]*data-pagefind-ignore[^>]*>[\s\S]*?<\/\1>/g, '')
      if (body.includes(token) && !indexed(token, code)) throw new Error(`the ${code} page shows "${token}" but the live ${code} search index does not find it`)
    }
    // The phases of the build that carried this publish (recorded when its process has ended).
    const deploy = await waitDeploy(token)
    // Outside the build's own phases: the job worker picking the publish up, and what no phase
    // covers (messages, the poll of this bench: 100 ms).
    const pickedUp = deploy.startedAt ? Date.parse(deploy.startedAt) : started
    const { prune = 0, ...beforeLive } = deploy.phases ?? {}
    const measured: Record<string, number> = {
      pickup: pickedUp - started,
      ...beforeLive,
      other: live - pickedUp - Object.values(beforeLive).reduce((a, b) => a + b, 0),
      prune,
    }
    modes.push(deploy.mode ?? 'unknown')
    for (const [k, v] of Object.entries(measured)) (phases[k] ??= []).push(v)
    const round = Object.entries(measured)
      .map(([k, v]) => `${k} ${seconds(v)}`)
      .join(', ')
    console.log(`[bench] round ${i + 1}: ${seconds(latencies.at(-1)!)} s, ${modes.at(-1)} (${round})`)
    // Editors publish seconds apart, not back to back: time for the deploy process to get ready
    // again (the next release's links), as it is for any publish in practice.
    await waitIdle()
  }
  // The nightly rebuild, as the job at 03:15 queues it: a full build of the same content beside
  // the live release (issue 9: a full rebuild stays within 30 s at 1,000 offers).
  stage = 'nightly build'
  await queueRebuild(await createLocalReq({}, payload), { collection: '-', id: '-', title: 'Neubau (Messlauf)', action: 'daily' })
  const nightly = await waitDeploy('Neubau (Messlauf)')
  console.log(`[bench] nightly build: ${describeDeploy(nightly)}`)
  const summary = {
    offers,
    locales: localeCodes.length,
    rounds,
    p50_s: seconds(percentile(latencies, 50)),
    p95_s: seconds(percentile(latencies, 95)),
    max_s: seconds(Math.max(...latencies)),
    median_phase_s: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, seconds(percentile(v, 50))])),
    modes: [...new Set(modes)].map((m) => `${modes.filter((x) => x === m).length}× ${m}`),
    first_build_s: seconds(firstBuild.durationMs ?? 0),
    first_build_live_s: untilLive(firstBuild),
    nightly_build_s: seconds(nightly.durationMs ?? 0),
    nightly_build_live_s: untilLive(nightly),
    nightly_phases_s: Object.fromEntries(Object.entries(nightly.phases ?? {}).map(([k, v]) => [k, seconds(v)])),
    peak_memory_mb: Math.round(peakBytes / 1_048_576),
    peak_memory_by_process_mb: peakParts,
    peak_memory_by_stage_mb: stagePeaks,
  }
  console.log(JSON.stringify(summary))
} catch (err) {
  failure = err
  console.error(`[bench] failed: ${describe(err)}`)
}

process.exit(failure || !(await finish()) ? 1 : 0)

/**
 * Stops everything this bench started before its data folder goes (no new job, the build in
 * progress and the deploy process started ahead end: SIGTERM, SIGKILL after 5 s; the database
 * closes), then removes the folder. Resolves whether all of it went cleanly (else it says what
 * did not). Once: a stop by hand during the run and the run's own end share it.
 */
function finish(): Promise<boolean> {
  finishing ??= (async () => {
    const cleanup: string[] = []
    clearInterval(started.sampler)
    try {
      process.env.LOTSE_JOBS = 'off'
      await stopRunningDeploys()
      await started.payload?.destroy()
      const { server } = started
      if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
    } catch (err) {
      cleanup.push(`stopping: ${describe(err)}`)
    }
    for (let i = 0; i < 50 && processesOfDataDir().length > 0; i++) await sleep(100)
    const left = processesOfDataDir()
    if (left.length > 0) cleanup.push(`processes still using ${dataDir}: ${left.join(', ')}`)
    try {
      rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 })
    } catch (err) {
      cleanup.push(`removing ${dataDir}: ${describe(err)}`)
    }
    if (cleanup.length > 0) console.error(`[bench] clean-up: ${cleanup.join('; ')}`)
    return cleanup.length === 0
  })()
  return finishing
}
