import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'

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

/**
 * Builds the admin (Next.js production build) when its sources changed since the last build,
 * so `npm start` is fast for a person trying it and never serves a stale admin.
 */
export async function ensureAdminBuild(env: NodeJS.ProcessEnv): Promise<'fresh' | 'built'> {
  const fingerprint = adminBuildFingerprint()
  if (existsSync(stampFile()) && readFileSync(stampFile(), 'utf8') === fingerprint) return 'fresh'
  console.log('[lotse] building the CMS admin (first start or sources changed; about a minute) …')
  const started = Date.now()
  await run(nodeBin, [binOf(cmsDir, 'next/dist/bin/next'), 'build'], {
    cwd: cmsDir,
    env: { ...nextEnv(env), NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --max-old-space-size=4096`.trim() },
  })
  writeFileSync(stampFile(), fingerprint)
  console.log(`[lotse] admin built in ${((Date.now() - started) / 1000).toFixed(0)} s`)
  return 'built'
}
