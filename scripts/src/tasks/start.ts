import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createLocalReq, getPayload, type SanitizedConfig } from 'payload'

import { prepareDatabase } from '@lotse/cms/prepare'
import { recoverInterruptedBuilds } from '@lotse/cms/publish/recover'
import { queueRebuild } from '@lotse/cms/publish/trigger'
import { readDevLogin } from '@lotse/cms/seed/users'

import { ensureAdminBuild, nextEnv } from '../lib/cms'
import { describeDatabase, exportCmsEnv, wantsDemo } from '../lib/cmsEnv'
import { binOf, cmsDir, nodeBin, root } from '../lib/paths'
import { waitForHttp, waitForPort } from '../lib/proc'
import { stripTypesFlag, Supervisor } from '../supervisor/supervise'
import { deployDir } from './deploy'

/**
 * `npm start` (and `npm run dev` with `mode: 'dev'`): prepares the database (migrations, seed
 * once, first user), builds the admin when its sources changed, then runs the CMS (Next.js) and
 * the static site server as supervised child processes (scripts/src/supervisor/supervise.ts)
 * and says what runs where. A part that dies is restarted; a stop ends everything within 15 s.
 */
export async function start(mode: 'start' | 'dev'): Promise<void> {
  const started = Date.now()
  // A refused configuration (production without PAYLOAD_SECRET or SERVER_URL) fails here,
  // before anything is opened or started.
  const env = exportCmsEnv()
  // Production on a new SQLite database has no user yet; refuse before creating the file.
  // (An existing database without users is refused in prepareDatabase, for MongoDB too.)
  const newDatabase = env.databaseUri.startsWith('file:') && !existsSync(env.databaseUri.slice('file:'.length))
  if (env.production && newDatabase && !(process.env.ADMIN_EMAIL && process.env.ADMIN_PASSWORD)) {
    throw new Error('ADMIN_EMAIL and ADMIN_PASSWORD are not set. A production start on a new database creates the first admin account from them (password at least 12 characters).')
  }
  const sitePort = Number(process.env.SITE_PORT ?? 4321)
  const supervisor = new Supervisor()
  supervisor.installHandlers()
  // This process's own Payload (preparing, recovering) needs no config hot reload; outside
  // production Payload would open a WebSocket to the Next.js server on PORT for it (see cli.ts),
  // one more connection the CMS's stop would wait for. The CMS under `npm run dev` keeps it.
  const hmrSetting = process.env.DISABLE_PAYLOAD_HMR
  process.env.DISABLE_PAYLOAD_HMR = 'true'
  try {
    await Promise.all([portFree(env.port, 'PORT'), portFree(sitePort, 'SITE_PORT')])

    const { default: config } = await import('@lotse/cms/config')
    const payload = await getPayload({ config })
    const demo = wantsDemo(env)
    const prepared = await prepareDatabase(payload, { dataDir: env.dataDir, production: env.production, demo })
    // A build the last run was in the middle of is queued again (its publishes are not lost).
    if (process.env.LOTSE_JOBS !== 'off') reportRequeued(await recoverInterruptedBuilds(payload), 'the last stop')
    // No live site yet (first start, or DEPLOY_DIR emptied): the worker in the CMS builds one.
    const live = deployDir(env.dataDir)
    const firstBuild = !existsSync(live)
    if (firstBuild) await queueRebuild(await createLocalReq({}, payload), { collection: 'site', id: 'start', title: 'Erster Start', action: 'manual' })
    await payload.destroy()
    const seeded = [prepared.seed.concept === 'seeded' ? 'concept measures' : null, prepared.seed.demo === 'seeded' ? 'demo content' : null].filter(Boolean)
    console.log(`[lotse] database ready (${describeDatabase(env)})${seeded.length ? `; seeded ${seeded.join(' and ')}` : ''}`)

    if (mode === 'start') {
      await ensureAdminBuild(process.env, (command, args, options) => supervisor.runStep({ name: 'admin build (next build)', command, args, ...options }))
    }

    // Hot reloading re-evaluates the build job's module and would lose track of a deploy process
    // started ahead for the next publish: in development every build starts its own.
    if (mode === 'dev') process.env.LOTSE_DEPLOY_PRESTART ??= 'off'
    const cmsReady = () => waitForHttp(`http://127.0.0.1:${env.port}/api/users/me`, mode === 'dev' ? 180_000 : 60_000)
    // A site build in progress leads a process group of its own and ends when the CMS goes
    // (cms/src/publish/job.ts); the supervisor removes what is left of a dead CMS before it
    // starts the next one, which re-queues that build.
    supervisor.keep({
      name: 'CMS (Next.js)',
      command: nodeBin,
      args: [...stripTypesFlag(), '--import', pathToFileURL(path.join(root, 'scripts/src/supervisor/cmsProcess.ts')).href, binOf(cmsDir, 'next/dist/bin/next'), mode, '--port', String(env.port)],
      cwd: cmsDir,
      env: { ...nextEnv(process.env), DISABLE_PAYLOAD_HMR: mode === 'dev' ? hmrSetting : 'true' },
      ready: cmsReady,
      beforeRestart: () => recover(config, 'the crash'),
    })
    supervisor.keep({
      name: 'site server',
      command: nodeBin,
      args: ['--import', 'tsx', path.join(root, 'scripts/src/supervisor/site.ts'), live, String(sitePort)],
      cwd: root,
      ready: () => waitForPort(sitePort, '127.0.0.1', 30_000),
    })
    await Promise.all([cmsReady(), waitForPort(sitePort, '127.0.0.1', 30_000)])

    const lines = [
      '',
      `Lotse is running (${mode === 'dev' ? 'development, hot reload' : 'production build'}; ready in ${((Date.now() - started) / 1000).toFixed(1)} s):`,
      `  CMS admin   ${env.serverURL}/admin`,
      `  REST API    ${env.serverURL}/api`,
      `  Public site http://localhost:${sitePort}/${firstBuild ? '   (first build queued; ready in about a minute)' : ''}`,
      `  Database    ${describeDatabase(env)}`,
      `  Data        ${env.dataDir}`,
    ]
    const login = readDevLogin(env.dataDir)
    if (login && !env.production) {
      lines.push(`  Login       ${login.accounts.map((a) => a.email).join(', ')}`)
      lines.push(`  Password    ${login.password}   (development login; every account above, one per role)`)
    } else if (prepared.users === 'from-env') {
      lines.push(`  Login       ${process.env.ADMIN_EMAIL} (from ADMIN_EMAIL)`)
    }
    lines.push('  Stop with Ctrl+C (everything ends within 15 s; a part that dies is restarted).', '')
    console.log(lines.join('\n'))
  } catch (err) {
    // Whatever failed, what was started so far stops with it (a stop already running goes on).
    await supervisor.stop(`start failed: ${(err as Error).message}`, 1)
  }
}

/**
 * Re-queues site builds that were interrupted (by a stop, or by the crash of the CMS that ran
 * them), in a short-lived Payload instance of its own, so they are built again instead of
 * blocking the queue. Not when a separate worker runs the builds (`LOTSE_JOBS=off`).
 */
async function recover(config: Promise<SanitizedConfig> | SanitizedConfig, cause: string): Promise<void> {
  if (process.env.LOTSE_JOBS === 'off') return
  const payload = await getPayload({ config, key: `recover-${Date.now()}` })
  try {
    reportRequeued(await recoverInterruptedBuilds(payload), cause)
  } finally {
    await payload.destroy()
  }
}

function reportRequeued({ requeued }: { requeued: number }, cause: string): void {
  if (requeued > 0) console.log(`[lotse] re-queued ${requeued} site build(s) interrupted by ${cause}`)
}

/** Refuses at once, naming the setting, when another program holds a port Lotse needs. */
function portFree(port: number, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(err.code === 'EADDRINUSE' ? `port ${port} is in use by another program; stop it or choose another port with ${variable}` : `port ${port} (${variable}): ${err.message}`)),
    )
    probe.listen(port, () => probe.close(() => resolve()))
  })
}
