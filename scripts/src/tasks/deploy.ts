/**
 * `npm run deploy`, and the deploy process the CMS's build job starts for every publish:
 * export → Astro build → Pagefind into a fresh release directory → checks → atomic switch of
 * the live site → prune old releases. A failure leaves the live site untouched.
 *
 * Started by the CMS (cms/src/publish/job.ts) it speaks the protocol of
 * cms/src/publish/protocol.ts over its IPC channel (scripts/src/deploy/channel.ts): it loads the
 * CMS, says `ready`, waits for one build request, reports each phase, `live` at the switch and
 * a `result` or `failure`, and cli.ts then ends the process. Run by hand it builds with no
 * triggers and prints what went live.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { getPayload, type Payload } from 'payload'

import type { DeployMessage, PublishTrigger } from '@lotse/cms/publish/protocol'

import { isPagedCollection, PAGED_COLLECTIONS } from '@lotse/content-schemas'

import { type ReleaseExpectations, checkRelease } from '../deploy/checks'
import { deployChannel } from '../deploy/channel'
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

/** What the release must and must not contain, from the database and the triggering publishes. */
async function expectations(payload: Payload, triggers: PublishTrigger[]): Promise<ReleaseExpectations> {
  const mustExist = triggers.filter((t) => t.slug && (t.action === 'publish' || t.action === 'update') && isPagedCollection(t.collection)).map((t) => ({ collection: t.collection, slug: t.slug! }))
  const mustNotExist: ReleaseExpectations['mustNotExist'] = []
  for (const collection of PAGED_COLLECTIONS) {
    // The main rows hold the published state; a draft there was never (or is no longer) public.
    const drafts = await payload.find({ collection, where: { _status: { equals: 'draft' } }, draft: false, limit: 0, pagination: false, depth: 0, select: { slug: true } })
    for (const d of drafts.docs as { slug?: string | null }[]) if (d.slug) mustNotExist.push({ collection, slug: d.slug })
  }
  const notes = await payload.find({ collection: 'contacts', where: { internalNotes: { exists: true } }, limit: 0, pagination: false, depth: 0, select: { internalNotes: true } })
  const secrets = (notes.docs as { internalNotes?: string | null }[]).map((d) => d.internalNotes ?? '').filter(Boolean)
  return { mustExist: mustExist.filter((m) => !mustNotExist.some((n) => n.collection === m.collection && n.slug === m.slug)), mustNotExist, secrets }
}

/** What a build ends with: the release that went live, or why nothing did. */
type Outcome = Extract<DeployMessage, { type: 'result' | 'failure' }>

/**
 * Builds, checks and switches one release. Progress goes to `report` (the host, when there is
 * one): each phase as it starts and ends, and `live` the moment the switch is done.
 */
async function buildRelease(payload: Payload, releases: LocalReleases, dataDir: string, triggers: PublishTrigger[], report: (m: DeployMessage) => void): Promise<Outcome> {
  const { phases, time } = phaseTimer()
  const timed = async <T>(phase: string, fn: () => Promise<T>): Promise<T> => {
    report({ type: 'phase', phase })
    try {
      return await time(phase, fn)
    } finally {
      report({ type: 'phase', phase, ms: phases[phase] ?? 0 })
    }
  }
  let release: { name: string; dir: string } | undefined
  try {
    const { dir: snapshotDir } = await timed('export', () => exportSnapshot(payload, dataDir))
    releases.discardIncomplete()
    release = releases.create()
    const out = release.dir
    if (!existsSync(binOf(siteDir, 'astro/bin/astro.mjs'))) throw new Error('The site package (site/) is not installed; run npm start once, which installs it.')
    await buildSite(snapshotDir, out, timed)
    const problems = await timed('check', async () => checkRelease(out, await expectations(payload, triggers)))
    if (problems.length > 0) throw new Error(`the new site failed its checks: ${problems.join('; ')}`)
    const target = targetFromEnv(releases)
    await timed('switch', () => target.publish(release!.name, out))
    // A remote target serves its own copy; the local one stays as the record of what went out.
    if (!(target instanceof LocalTarget)) releases.activate(release.name)
    report({ type: 'live', release: release.name })
    // After the switch: the new release is live while old ones are deleted (about 4 s for a
    // release of 1,000 offers, 30,000 files, on this disk). Failing that is no failed build.
    await timed('prune', async () => releases.prune()).catch((err: Error) => console.error(`[lotse] old releases not deleted: ${err.message}`))
    return { type: 'result', release: release.name, phases }
  } catch (err) {
    if (release && releases.live() !== release.name) releases.discard(release.name)
    return { type: 'failure', reason: (err as Error).message || String(err), phases }
  }
}

export async function deploy(): Promise<void> {
  const channel = deployChannel()
  const env = exportCmsEnv()
  const releases = new LocalReleases(deployDir(env.dataDir))
  const { default: config } = await import('@lotse/cms/config')
  const payload = await getPayload({ config, key: 'deploy' })
  // Progress is worth sending but never worth failing a build over (the host may be stopping).
  const report = (m: DeployMessage) => void channel?.send(m).catch(() => undefined)
  try {
    let triggers: PublishTrigger[] = []
    if (channel) {
      await channel.send({ type: 'ready' })
      const request = await channel.nextRequest()
      if (request.settings.key !== channel.settingsKey) {
        await channel.send({ type: 'failure', reason: 'this deploy process was started under other settings than the build asks for; the next build starts a fresh one', phases: {} })
        process.exitCode = 1
        return
      }
      triggers = request.triggers
    }
    const outcome = await buildRelease(payload, releases, env.dataDir, triggers, report)
    const took = Object.entries(outcome.phases)
      .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
      .join(', ')
    if (outcome.type === 'result') console.log(`[lotse] release ${outcome.release} is live (${releases.liveLink}): ${took}`)
    else {
      console.error(`[lotse] deploy failed: ${outcome.reason}`)
      process.exitCode = 1
    }
    await channel?.send(outcome)
  } finally {
    // Bounded: the process ends either way (cli.ts exits once this returns).
    await Promise.race([payload.destroy(), new Promise((r) => setTimeout(r, 5_000).unref())])
  }
}

/** `npm run rollback`: the release before the live one goes live again. */
export async function rollback(): Promise<void> {
  const env = exportCmsEnv()
  const releases = new LocalReleases(deployDir(env.dataDir))
  const name = releases.rollback()
  console.log(`[lotse] rolled back: ${name} is live again (${releases.liveLink})`)
}
