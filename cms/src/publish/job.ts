import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import type { PayloadRequest, TaskConfig } from 'payload'

import { findRoot } from '../lib/env'
import { NO_REBUILD_CONTEXT, type PublishTrigger, queueRebuild, summarize } from './trigger'

/** What the deploy command prints as its last line on success. */
interface DeployResult {
  release: string
  phases: Record<string, number>
  pages?: number
}

/**
 * The command that builds and deploys the site: export, Astro build, Pagefind, checks, atomic
 * switch (scripts/src/tasks/deploy.ts). It runs as a child process so the build's memory never
 * burdens the CMS, and so a crash of the build cannot take the CMS down. `LOTSE_DEPLOY_COMMAND`
 * replaces it (tests inject a failing build that way).
 */
function deployCommand(): { cmd: string; args: string[] } {
  const custom = process.env.LOTSE_DEPLOY_COMMAND
  if (custom) return { cmd: '/bin/sh', args: ['-c', custom] }
  const root = findRoot()
  return { cmd: process.env.LOTSE_NODE ?? process.execPath, args: ['--import', 'tsx', path.join(root, 'scripts/src/cli.ts'), 'deploy'] }
}

/** Deploys in progress, each the leader of its own process group (Astro builds, Pagefind). */
const running = new Set<ChildProcess>()

/**
 * Stops every deploy in progress with all it started. Runs when the host (the CMS or the
 * worker) exits, however it was stopped; a deploy also ends itself when its IPC channel to the
 * host closes (the host was killed outright). The interrupted build is re-queued on the next
 * start (recover.ts); the live site is never touched by a deploy that did not finish.
 */
export function stopRunningDeploys(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  const ending = [...running].map((child) => new Promise<void>((resolve) => (alive(child) ? child.once('exit', () => resolve()) : resolve())))
  for (const child of running) stopGroup(child, signal)
  return Promise.all(ending).then(() => undefined)
}

const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null

/** Signals a deploy and every process it started (it leads its own process group). */
function stopGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  try {
    process.kill(-child.pid!, signal)
  } catch {
    // already gone
  }
}
process.once('exit', () => void stopRunningDeploys())

interface DeployProcess {
  child: ChildProcess
  /** Resolves when the process has ended, with everything it printed (the last 200 KB). */
  done: Promise<{ code: number; stdout: string; stderr: string }>
}

/**
 * Starts the deploy command. With `LOTSE_DEPLOY_AWAIT_TRIGGERS` in `env` it loads the CMS and
 * waits for `{ triggers }` over IPC; otherwise it takes them from `LOTSE_DEPLOY_TRIGGERS`.
 */
function startDeploy(env: NodeJS.ProcessEnv): DeployProcess {
  const { cmd, args } = deployCommand()
  const child = spawn(/*turbopackIgnore: true*/ cmd, args, { cwd: findRoot(), env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], detached: true })
  running.add(child)
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (c) => (stdout = (stdout + c).slice(-200_000)))
  child.stderr!.on('data', (c) => (stderr = (stderr + c).slice(-200_000)))
  const done = new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    child.on('error', (err) => resolve({ code: 127, stdout, stderr: `${stderr}\n${err.message}` }))
    child.on('exit', (code) => {
      running.delete(child)
      resolve({ code: code ?? 1, stdout, stderr })
    })
  })
  return { child, done }
}

/**
 * The next deploy, started ahead: loading the CMS config takes the deploy process about 2.4 s
 * (measured), a tenth of publish-to-live at 1,000 offers and a third at the seed size. After a
 * build, the worker starts the next deploy process at once; it loads everything, opens the
 * database and waits for its triggers, so the next publish starts exporting immediately. It
 * reads the database only when triggered, so it builds what is committed then. Only after a
 * first build (a CMS that never builds keeps no idle process), never for a custom command, and
 * `LOTSE_DEPLOY_PRESTART=off` turns it off (about 400 MB resident while waiting, measured).
 */
let prestarted: (DeployProcess & { settings: string }) | undefined

/** The environment a deploy depends on; a process started under other settings is not used. */
const deploySettings = () => JSON.stringify(Object.entries(process.env).filter(([k]) => /^(LOTSE_|DEPLOY_|DATABASE_URI$|SITE_URL$|PAYLOAD_SECRET$)/.test(k)).sort())

function prestartNext(): void {
  if (process.env.LOTSE_DEPLOY_COMMAND || process.env.LOTSE_DEPLOY_PRESTART === 'off') return
  const settings = deploySettings()
  prestarted = { ...startDeploy({ ...process.env, LOTSE_LOG_LEVEL: 'warn', LOTSE_DEPLOY_AWAIT_TRIGGERS: '1' }), settings }
}

async function runDeploy(triggers: PublishTrigger[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const ready = prestarted
  prestarted = undefined
  let run: DeployProcess
  if (ready && alive(ready.child) && ready.child.connected && ready.settings === deploySettings() && !process.env.LOTSE_DEPLOY_COMMAND) {
    run = ready
    run.child.send({ triggers })
  } else {
    if (ready) stopGroup(ready.child)
    run = startDeploy({ ...process.env, LOTSE_LOG_LEVEL: 'warn', LOTSE_DEPLOY_TRIGGERS: JSON.stringify(triggers) })
  }
  const result = await run.done
  prestartNext()
  return result
}

/** The last line of output that is a deploy result, if any. */
function parseResult(stdout: string): DeployResult | null {
  for (const line of stdout.trim().split('\n').reverse()) {
    try {
      const value = JSON.parse(line) as Partial<DeployResult>
      if (typeof value.release === 'string' && value.phases) return value as DeployResult
    } catch {
      // not the result line
    }
  }
  return null
}

/** The reason of a failure in plain words: the deploy command's own message, last lines first. */
function reasonOf(stderr: string, stdout: string, code: number): string {
  const lines = `${stderr}\n${stdout}`.split('\n').map((l) => l.trim()).filter(Boolean)
  const explicit = [...lines].reverse().find((l) => l.startsWith('[lotse] deploy failed:'))
  if (explicit) return explicit.replace('[lotse] deploy failed: ', '')
  return lines.slice(-3).join(' · ') || `The build stopped with exit code ${code}.`
}

/**
 * Rebuilds and redeploys the public site. Picks up the waiting deploy record (with every
 * publish it collected), runs the deploy command, and records success (release, phases) or
 * failure (reason, log). A failure leaves the live site as it was and fails the job; the next
 * publish tries again.
 */
export const rebuildSiteTask = {
  slug: 'rebuildSite',
  label: 'Website neu bauen',
  retries: 0,
  concurrency: { key: () => 'site-build', exclusive: true, supersedes: true },
  inputSchema: [{ name: 'reason', type: 'text' }],
  handler: async ({ req }: { req: PayloadRequest }) => {
    const payload = req.payload
    const ctx = { [NO_REBUILD_CONTEXT]: true }
    const waiting = await payload.find({ collection: 'deploys', where: { status: { equals: 'queued' } }, sort: 'queuedAt', limit: 0, pagination: false, depth: 0 })
    const [deploy, ...others] = waiting.docs
    // Every build is requested through a deploy record (publish, daily, manual, recovery). A job
    // finding none waiting: an earlier build claimed its record, so that build contains it.
    if (!deploy) return { output: {} }
    // Every waiting publish is built together: their records merge into the claimed one.
    const triggers = [deploy, ...others].flatMap((d) => (d.triggers as PublishTrigger[] | null) ?? [])
    if (others.length > 0) await payload.delete({ collection: 'deploys', where: { id: { in: others.map((o) => o.id) } }, context: ctx })
    const startedAt = new Date()
    await payload.update({ collection: 'deploys', id: deploy.id, data: { status: 'running', startedAt: startedAt.toISOString(), triggers, summary: summarize(triggers) }, context: ctx })

    const run = await runDeploy(triggers)
    const finishedAt = new Date()
    const result = run.code === 0 ? parseResult(run.stdout) : null
    const log = `${run.stdout}\n${run.stderr}`.trim().slice(-20_000)
    if (!result) {
      const reason = run.code === 0 ? 'The build finished without reporting a release.' : reasonOf(run.stderr, run.stdout, run.code)
      await payload.update({
        collection: 'deploys',
        id: deploy.id,
        data: { status: 'failed', finishedAt: finishedAt.toISOString(), durationMs: finishedAt.getTime() - startedAt.getTime(), reason, log },
        context: ctx,
      })
      throw new Error(`Site build failed: ${reason}`)
    }
    await payload.update({
      collection: 'deploys',
      id: deploy.id,
      data: { status: 'success', finishedAt: finishedAt.toISOString(), durationMs: finishedAt.getTime() - startedAt.getTime(), phases: result.phases, release: result.release, log },
      context: ctx,
    })
    return { output: {} }
  },
  // Input is typed above; Payload types task configs through generated job types.
} as unknown as TaskConfig

/**
 * The daily rebuild, so past events drop off and recurring events roll forward even without a
 * publish. Its own task on purpose: a scheduled job waits until 03:15, and sharing the build's
 * concurrency key it would supersede (delete) a publish's build that is waiting right now.
 * It only queues a build, like a publish does.
 */
export const dailyRebuildTask = {
  slug: 'dailyRebuild',
  label: 'Täglicher Neubau der Website',
  retries: 0,
  schedule: [{ cron: '15 3 * * *', queue: 'default' }],
  handler: async ({ req }: { req: PayloadRequest }) => {
    await queueRebuild(req, { collection: '-', id: '-', title: 'Neubau für aktuelle Termine', action: 'daily' })
    return { output: {} }
  },
} as unknown as TaskConfig
