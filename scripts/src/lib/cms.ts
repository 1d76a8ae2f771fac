import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import lockfile from 'proper-lockfile'

import { binOf, cmsDir, nodeBin, root } from './paths'
import { run } from './proc'

/** Files whose change means the admin's production build is stale. */
const BUILD_INPUTS = ['cms/src', 'cms/next.config.mjs', 'cms/package.json', 'cms/tsconfig.json', 'translations/src', 'content-schemas/src', 'pnpm-lock.yaml']

function hashTree(hash: ReturnType<typeof createHash>, target: string): void {
  if (!existsSync(target)) return
  if (statSync(target).isDirectory()) {
    for (const entry of readdirSync(target).sort()) {
      if (entry === 'node_modules' || entry.startsWith('.')) continue
      hashTree(hash, path.join(target, entry))
    }
    return
  }
  hash.update(path.relative(root, target))
  hash.update(readFileSync(target))
}

export function adminBuildFingerprint(): string {
  const hash = createHash('sha256')
  for (const input of BUILD_INPUTS) hashTree(hash, path.join(root, input))
  return hash.digest('hex')
}

/**
 * The environment for Next.js processes. Next sets `NODE_ENV` itself (production for build
 * and start, development for dev); an inherited `test` or `development` would mix React's
 * development and production builds and break the admin.
 */
export function nextEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_ENV: _ignored, ...rest } = env
  // Next's global types declare NODE_ENV as always present; leaving it out is the point here.
  return { ...rest, NEXT_TELEMETRY_DISABLED: '1' } as unknown as NodeJS.ProcessEnv
}

const stampFile = () => path.join(cmsDir, '.next', 'lotse-build-stamp')
const isFresh = (fingerprint: string) => existsSync(stampFile()) && readFileSync(stampFile(), 'utf8') === fingerprint

/** Runs one step (a command with arguments) to completion; the supervisor passes its own, so a stop ends the build. */
export type StepRunner = (cmd: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) => Promise<void>

/**
 * Builds the admin (Next.js production build) when its sources changed since the last build,
 * so `npm start` is fast for a person trying it and never serves a stale admin.
 *
 * One build at a time per checkout: two builds into the same `cms/.next` (two `npm start`, or
 * test files starting the system side by side) break each other's output. The lock
 * (proper-lockfile: a directory created atomically, its time refreshed while held, taken over
 * when stale after the holder died) is waited for, then the fingerprint is read again, so the
 * second waits about a minute and builds nothing.
 */
export async function ensureAdminBuild(env: NodeJS.ProcessEnv, runStep: StepRunner = run): Promise<'fresh' | 'built'> {
  if (isFresh(adminBuildFingerprint())) return 'fresh'
  const release = await lockfile.lock(cmsDir, {
    // Beside the dependencies (ignored by git; .next itself is emptied by the build).
    lockfilePath: path.join(cmsDir, 'node_modules', '.lotse-admin-build.lock'),
    stale: 30_000,
    update: 5_000,
    // Up to 10 minutes for a build by someone else (about a minute alone, three under load).
    retries: { retries: 600, factor: 1, minTimeout: 1000, maxTimeout: 1000 },
    onCompromised: (err) => console.error(`[lotse] the admin build lock was lost (${err.message}); building on`),
  })
  try {
    const fingerprint = adminBuildFingerprint()
    if (isFresh(fingerprint)) return 'fresh'
    console.log('[lotse] building the CMS admin (first start or sources changed; about a minute) …')
    const started = Date.now()
    await runStep(nodeBin, [binOf(cmsDir, 'next/dist/bin/next'), 'build'], {
      cwd: cmsDir,
      env: { ...nextEnv(env), NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --max-old-space-size=4096`.trim() },
    })
    writeFileSync(stampFile(), fingerprint)
    console.log(`[lotse] admin built in ${((Date.now() - started) / 1000).toFixed(0)} s`)
    return 'built'
  } finally {
    await release().catch(() => undefined)
  }
}
