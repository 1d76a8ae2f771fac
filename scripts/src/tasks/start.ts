import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { readDevLogin } from '@lotse/cms/seed/users'

import { ensureAdminBuild, nextEnv } from '../lib/cms'
import { describeDatabase, exportCmsEnv } from '../lib/cmsEnv'
import { binOf, cmsDir, nodeBin, root } from '../lib/paths'
import { waitForHttp, waitForPort } from '../lib/proc'
import { PrepareResult } from '../supervisor/prepareResult'
import { stripTypesFlag, Supervisor } from '../supervisor/supervise'

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
  // The database step's Payload (prepare.ts, inheriting this environment) needs no config hot
  // reload; outside production Payload would open a WebSocket to the Next.js server on PORT for
  // it (see cli.ts), one more connection the CMS's stop would wait for. `npm run dev` keeps it
  // for the CMS.
  const hmrSetting = process.env.DISABLE_PAYLOAD_HMR
  process.env.DISABLE_PAYLOAD_HMR = 'true'
  try {
    await Promise.all([portFree(env.port, 'PORT'), portFree(sitePort, 'SITE_PORT')])

    const prepared = await prepare(supervisor, 'start')
    const live = prepared.liveDir
    const firstBuild = prepared.firstBuild
    const seeded = [prepared.seeded?.concept ? 'concept measures' : null, prepared.seeded?.demo ? 'demo content' : null].filter(Boolean)
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
      beforeRestart: async () => void (await prepare(supervisor, 'recover')),
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
 * Runs the database step (scripts/src/supervisor/prepare.ts) as a supervised child and reads
 * its result: `start` prepares the database, `recover` re-queues the build a dead CMS was
 * running. A stop ends it like every other part.
 */
async function prepare(supervisor: Supervisor, mode: 'start' | 'recover'): Promise<PrepareResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lotse-prepare-'))
  try {
    const resultFile = path.join(dir, 'result.json')
    await supervisor.runStep({
      name: mode === 'start' ? 'database preparation' : 'recovery of interrupted site builds',
      command: nodeBin,
      args: ['--import', 'tsx', path.join(root, 'scripts/src/supervisor/prepare.ts'), mode, resultFile],
      cwd: root,
    })
    const result = PrepareResult.parse(JSON.parse(readFileSync(resultFile, 'utf8')))
    if (result.requeued > 0) console.log(`[lotse] re-queued ${result.requeued} site build(s) interrupted by ${mode === 'start' ? 'the last stop' : 'the crash'}`)
    return result
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
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
