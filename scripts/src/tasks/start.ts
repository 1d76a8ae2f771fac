import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createLocalReq, getPayload } from 'payload'

import { prepareDatabase } from '@lotse/cms/prepare'
import { recoverInterruptedBuilds } from '@lotse/cms/publish/recover'
import { queueRebuild } from '@lotse/cms/publish/trigger'
import { readDevLogin } from '@lotse/cms/seed/users'

import { ensureAdminBuild, nextEnv } from '../lib/cms'
import { describeDatabase, exportCmsEnv, wantsDemo } from '../lib/cmsEnv'
import { binOf, cmsDir, nodeBin } from '../lib/paths'
import { waitForHttp } from '../lib/proc'
import { serveSite } from '../site/server'
import { deployDir } from './deploy'

/**
 * `npm start` (and `npm run dev` with `mode: 'dev'`): prepares the database (migrations, seed
 * once, first user), builds the admin when its sources changed, then serves the CMS admin and
 * REST API on PORT and says what runs where.
 */
export async function start(mode: 'start' | 'dev'): Promise<void> {
  const started = Date.now()
  const env = exportCmsEnv()
  const demo = wantsDemo(env)

  const { default: config } = await import('@lotse/cms/config')
  const payload = await getPayload({ config })
  const prepared = await prepareDatabase(payload, { dataDir: env.dataDir, production: env.production, demo })
  // A build the last run was in the middle of is queued again (its publishes are not lost).
  if (process.env.LOTSE_JOBS !== 'off') {
    const { requeued } = await recoverInterruptedBuilds(payload)
    if (requeued > 0) console.log(`[lotse] re-queued ${requeued} site build(s) interrupted by the last stop`)
  }
  // No live site yet (first start, or DEPLOY_DIR emptied): the worker in the CMS builds one.
  const live = deployDir(env.dataDir)
  const firstBuild = !existsSync(live)
  if (firstBuild) await queueRebuild(await createLocalReq({}, payload), { collection: 'site', id: 'start', title: 'Erster Start', action: 'manual' })
  await payload.destroy()
  const seeded = [
    prepared.seed.concept === 'seeded' ? 'concept measures' : null,
    prepared.seed.demo === 'seeded' ? 'demo content' : null,
  ].filter(Boolean)
  console.log(`[lotse] database ready (${describeDatabase(env)})${seeded.length ? `; seeded ${seeded.join(' and ')}` : ''}`)

  if (mode === 'start') await ensureAdminBuild(process.env)

  // Hot reloading re-evaluates the build job's module and would lose track of a deploy process
  // started ahead for the next publish: in development every build starts its own.
  if (mode === 'dev') process.env.LOTSE_DEPLOY_PRESTART ??= 'off'
  // Next.js runs in its own process group, which a stop signals as a whole. A site build in
  // progress leads a group of its own and ends when the CMS goes (cms/src/publish/job.ts); the
  // recovery above re-queues it on the next start.
  const next = spawn(nodeBin, [binOf(cmsDir, 'next/dist/bin/next'), mode, '--port', String(env.port)], {
    cwd: cmsDir,
    env: nextEnv(process.env),
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  })
  const stop = (signal: NodeJS.Signals) => {
    try {
      process.kill(-next.pid!, signal)
    } catch {
      next.kill(signal)
    }
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  next.on('exit', (code) => process.exit(code ?? 0))

  const sitePort = Number(process.env.SITE_PORT ?? 4321)
  const site = await serveSite(live, sitePort)
  process.on('exit', () => site.close())

  await waitForHttp(`http://127.0.0.1:${env.port}/api/users/me`, mode === 'dev' ? 180_000 : 60_000)
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
  lines.push('  Stop with Ctrl+C.', '')
  console.log(lines.join('\n'))
}
