import { existsSync } from 'node:fs'
import path from 'node:path'
import { getPayload, type Payload } from 'payload'

import { type ReleaseExpectations, checkRelease, URL_SEGMENT } from '../deploy/checks'
import { LocalReleases } from '../deploy/releases'
import { LocalTarget, targetFromEnv } from '../deploy/targets'
import { phaseTimer } from '../lib/phases'
import { exportCmsEnv } from '../lib/cmsEnv'
import { binOf } from '../lib/paths'
import { buildSite, siteDir } from '../site/build'
import { exportSnapshot } from './export'

/** Where the live site is served from (`DEPLOY_DIR`, default `<data>/site`). */
export function deployDir(dataDir: string): string {
  return path.resolve(process.env.DEPLOY_DIR ?? path.join(dataDir, 'site'))
}

interface Trigger {
  collection: string
  slug?: string
  action: string
}

/** What the release must and must not contain, from the database and the triggering publishes. */
async function expectations(payload: Payload, triggers: Trigger[]): Promise<ReleaseExpectations> {
  const mustExist = triggers.filter((t) => t.slug && (t.action === 'publish' || t.action === 'update') && URL_SEGMENT[t.collection]).map((t) => ({ collection: t.collection, slug: t.slug! }))
  const mustNotExist: ReleaseExpectations['mustNotExist'] = []
  for (const collection of Object.keys(URL_SEGMENT) as ('offers' | 'contacts' | 'events' | 'reports' | 'pages')[]) {
    // The main rows hold the published state; a draft there was never (or is no longer) public.
    const drafts = await payload.find({ collection, where: { _status: { equals: 'draft' } }, draft: false, limit: 0, pagination: false, depth: 0, select: { slug: true } })
    for (const d of drafts.docs as { slug?: string | null }[]) if (d.slug) mustNotExist.push({ collection, slug: d.slug })
  }
  const notes = await payload.find({ collection: 'contacts', where: { internalNotes: { exists: true } }, limit: 0, pagination: false, depth: 0, select: { internalNotes: true } })
  const secrets = (notes.docs as { internalNotes?: string | null }[]).map((d) => d.internalNotes ?? '').filter(Boolean)
  return { mustExist: mustExist.filter((m) => !mustNotExist.some((n) => n.collection === m.collection && n.slug === m.slug)), mustNotExist, secrets }
}

/**
 * Started by the CMS's build job (cms/src/publish/job.ts) as the leader of its own process
 * group with an IPC channel: when that channel closes, the CMS is gone (stopped or killed), and
 * the whole build (Astro processes, Pagefind) ends with it instead of writing on unattended.
 */
function endWithHost(): void {
  if (!process.send) return // run by hand: nothing to follow
  process.once('disconnect', () => {
    console.error('[lotse] deploy failed: the CMS that started this build stopped')
    try {
      process.kill(-process.pid, 'SIGTERM')
    } catch {
      process.exit(143)
    }
  })
  process.channel?.unref()
}

/**
 * What this build is for. Started ahead by the CMS (`LOTSE_DEPLOY_AWAIT_TRIGGERS`), the deploy
 * has loaded everything and now waits for them over IPC; cli.ts listens from its first line,
 * so a message sent while this process was still loading is not lost. Otherwise they come in
 * `LOTSE_DEPLOY_TRIGGERS` (or none: a build by hand).
 */
async function receiveTriggers(): Promise<Trigger[]> {
  const pending = (globalThis as { lotseDeployTriggers?: Promise<{ triggers?: Trigger[] }> }).lotseDeployTriggers
  if (!pending) return JSON.parse(process.env.LOTSE_DEPLOY_TRIGGERS ?? '[]') as Trigger[]
  // The channel keeps the process alive while it waits; the build itself must not wait on it.
  process.channel?.ref()
  const message = await pending
  process.channel?.unref()
  return message.triggers ?? []
}

/**
 * `npm run deploy`: export → Astro build → Pagefind into a fresh release directory → checks →
 * atomic switch of the live site → prune old releases. Prints one JSON line with the release
 * and the time per phase; on failure the live site is untouched and the reason is printed as
 * `[lotse] deploy failed: …`.
 */
export async function deploy(): Promise<void> {
  endWithHost()
  const env = exportCmsEnv()
  const { phases, time } = phaseTimer()
  const releases = new LocalReleases(deployDir(env.dataDir))
  const { default: config } = await import('@lotse/cms/config')
  const payload = await getPayload({ config, key: 'deploy' })
  const triggers = await receiveTriggers()
  let release: { name: string; dir: string } | undefined
  try {
    const { dir: snapshotDir } = await time('export', () => exportSnapshot(payload, env.dataDir))
    releases.discardIncomplete()
    release = releases.create()
    const out = release.dir
    if (!existsSync(binOf(siteDir, 'astro/bin/astro.mjs'))) throw new Error('The site package (site/) is not installed; run npm start once, which installs it.')
    await buildSite(snapshotDir, out, time)
    const problems = await time('check', async () => checkRelease(out, await expectations(payload, triggers)))
    if (problems.length > 0) throw new Error(`the new site failed its checks: ${problems.join('; ')}`)
    const target = targetFromEnv(releases)
    await time('switch', () => target.publish(release!.name, out))
    // A remote target serves its own copy; the local one stays as the record of what went out.
    if (!(target instanceof LocalTarget)) releases.activate(release.name)
    // After the switch: the new release is live while old ones are deleted (about 4 s for a
    // release of 1,000 offers, 30,000 files, on this disk).
    await time('prune', async () => releases.prune())
    console.log(JSON.stringify({ release: release.name, phases }))
  } catch (err) {
    if (release) releases.discard(release.name)
    console.error(`[lotse] deploy failed: ${(err as Error).message}`)
    process.exitCode = 1
  } finally {
    await payload.destroy()
  }
}

/** `npm run rollback`: the release before the live one goes live again. */
export async function rollback(): Promise<void> {
  const env = exportCmsEnv()
  const releases = new LocalReleases(deployDir(env.dataDir))
  const name = releases.rollback()
  console.log(`[lotse] rolled back: ${name} is live again (${releases.liveLink})`)
}
