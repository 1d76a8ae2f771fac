/**
 * `npm run deploy`, and the publisher the CMS's build job keeps for every publish
 * (scripts/src/site/publisher.ts): snapshot → the pages that changed, or the whole site →
 * Pagefind → checks → atomic switch of the live site → (for the whole site) its compressed
 * copies → prune old releases. A failure before the switch leaves the live site untouched.
 *
 * Started by the CMS (cms/src/publish/deployProcess.ts) it speaks the protocol of
 * cms/src/publish/protocol.ts over its IPC channel (scripts/src/deploy/channel.ts): it says
 * `ready`, then serves one build request after another (the host exported the snapshot; each
 * phase is reported, `live` at the switch, then a `result` or `failure`), keeping warm what the
 * next publish reuses, until the host stops it or goes away. When the site's code changed on
 * disk since it started, it ends after the build, and the host starts a fresh one. A build that
 * must be full it hands over once its site build is warm (`handover`), and ends. Run by hand it
 * loads the CMS, exports, builds the whole site and prints what went live.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'

import { releaseExpectations } from '@lotse/cms/publish/expectations'
import { type BuildRequest, type DeployMessage, describeMode } from '@lotse/cms/publish/protocol'

import { deployChannel } from '../deploy/channel'
import { LocalReleases } from '../deploy/releases'
import { targetFromEnv } from '../deploy/targets'
import { phaseTimer } from '../lib/phases'
import { exportCmsEnv } from '../lib/cmsEnv'
import { binOf } from '../lib/paths'
import { siteDir } from '../site/build'
import { Publisher } from '../site/publisher'

/** Where the live site is served from (`DEPLOY_DIR`, default `<data>/site`). */
export function deployDir(dataDir: string): string {
  return path.resolve(process.env.DEPLOY_DIR ?? path.join(dataDir, 'site'))
}

/** What a build ends with: the release that went live, why nothing did, or why a fresh publisher must build it in full. */
type Outcome = Extract<DeployMessage, { type: 'result' | 'failure' | 'handover' }>

/**
 * Builds, checks and switches one release. Progress goes to `report` (the host, when there is
 * one): each phase as it starts and ends, and `live` the moment the switch is done.
 */
async function buildRelease(publisher: Publisher, request: Pick<BuildRequest, 'snapshotDir' | 'expectations' | 'full'>, report: (m: DeployMessage) => void): Promise<Outcome> {
  const { phases, time } = phaseTimer()
  const timed = async <T>(phase: string, fn: () => Promise<T>): Promise<T> => {
    report({ type: 'phase', phase })
    try {
      return await time(phase, fn)
    } finally {
      report({ type: 'phase', phase, ms: phases[phase] ?? 0 })
    }
  }
  try {
    if (!existsSync(binOf(siteDir, 'astro/bin/astro.mjs'))) throw new Error('The site package (site/) is not installed; run npm start once, which installs it.')
    const made = await publisher.publish({ ...request, timed, live: (name) => report({ type: 'live', release: name }) })
    if ('handOver' in made) return { type: 'handover', reason: made.handOver }
    const { release, mode } = made
    // After the switch: the new release is live while old ones and what earlier builds left are
    // deleted (about 4 s for a release of 1,000 offers, 30,000 files, on this disk). Failing
    // that is no failed build.
    await timed('prune', async () => publisher.prune()).catch((err: Error) => console.error(`[lotse] old releases not deleted: ${err.message}`))
    return { type: 'result', release, phases, mode }
  } catch (err) {
    return { type: 'failure', reason: (err as Error).message || String(err), phases }
  }
}

const describe = (outcome: Extract<Outcome, { phases: unknown }>) =>
  Object.entries(outcome.phases)
    .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
    .join(', ')

export async function deploy(): Promise<void> {
  const channel = deployChannel()
  const env = exportCmsEnv()
  const releases = new LocalReleases(deployDir(env.dataDir))
  const publisher = new Publisher(releases, targetFromEnv(releases))
  try {
    if (!channel) return await deployByHand(publisher, env.dataDir)
    // Progress is worth sending but never worth failing a build over (the host may be stopping).
    const report = (m: DeployMessage) => void channel.send(m).catch(() => undefined)
    await channel.send({ type: 'ready' })
    for (;;) {
      const request = await channel.nextRequest()
      if (request.settings.key !== channel.settingsKey) {
        await channel.send({ type: 'failure', reason: 'this deploy process was started under other settings than the build asks for; the next build starts a fresh one', phases: {} })
        process.exitCode = 1
        return
      }
      const outcome = await buildRelease(publisher, request, report)
      if (outcome.type === 'handover') {
        console.log(`[lotse] a full build (${outcome.reason}) goes to a fresh publisher; this one, warm, ends`)
        await channel.send(outcome)
        return
      }
      if (outcome.type === 'result') console.log(`[lotse] release ${outcome.release} is live, ${describeMode(outcome.mode!)}: ${describe(outcome)}`)
      else console.error(`[lotse] deploy failed: ${outcome.reason}`)
      await channel.send(outcome)
      // Its warm build was made from other code: the host starts a fresh publisher next time.
      if (publisher.stale) return
      // While waiting: ready for the next publish (warm build, the live release's values).
      await publisher.prepare().catch((err: Error) => console.error(`[lotse] the publisher could not prepare the next publish: ${err.message}`))
    }
  } catch (err) {
    // The host asked it to stop or went away (nextRequest rejects): nothing more to build.
    if (!channel) throw err
  } finally {
    await publisher.close()
  }
}

/** `npm run deploy` by hand: the CMS's content exported here and the whole site built. */
async function deployByHand(publisher: Publisher, dataDir: string): Promise<void> {
  // Loaded here, not on top: Payload and the export took 2.8 of the 3.1 s a publisher needed to
  // start, and a publisher the CMS starts never exports (the CMS does, then sends the snapshot).
  const [{ getPayload }, { default: config }, { exportSnapshot }] = await Promise.all([import('payload'), import('@lotse/cms/config'), import('./export')])
  const payload = await getPayload({ config, key: 'deploy' })
  try {
    const { dir: snapshotDir } = await exportSnapshot(payload, dataDir)
    const outcome = await buildRelease(publisher, { snapshotDir, expectations: await releaseExpectations(payload, []), full: 'built by hand (npm run deploy)' }, () => undefined)
    if (outcome.type === 'result') console.log(`[lotse] release ${outcome.release} is live (${publisher.releases.liveLink}): ${describe(outcome)}`)
    else {
      console.error(`[lotse] deploy failed: ${outcome.reason}`)
      process.exitCode = 1
    }
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
