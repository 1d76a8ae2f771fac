#!/usr/bin/env node
/**
 * The one entry point behind every root npm script (`npm start`, `npm test`, `npm run backup` …).
 *
 * A fresh machine has only Node 20 and npm, but Astro 7, vitest 5 and i18next 27 need
 * Node >= 22.12 and `corepack` cannot verify pnpm here. So this file, written for Node 20 with
 * no dependencies, brings the rest itself before it hands over to the TypeScript task runner
 * (`scripts/src/cli.ts`):
 *
 * 1. a Node runtime: the system one when new enough, else the pinned Node 24 from the npm
 *    registry package `node-<platform>-<arch>` (it ships the binary), kept in `.tools/`;
 * 2. the pinned pnpm (from `package.json#packageManager`), kept in `.tools/`;
 * 3. the workspace dependencies, installed from the lockfile whenever a manifest or the
 *    lockfile changed since the last install.
 */
import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const NODE_VERSION = '24.21.0'
const MIN_NODE = [22, 12]

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const tools = path.join(root, '.tools')
const rootManifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
const PNPM_VERSION = String(rootManifest.packageManager).replace(/^pnpm@/, '')

/** @param {string} message */
function log(message) {
  process.stderr.write(`[lotse] ${message}\n`)
}

/**
 * Runs a command to completion, inheriting stdio; exits the process with a clear message when
 * it fails, because nothing after a failed install step can work.
 * @param {string} cmd @param {string[]} args @param {import('node:child_process').SpawnSyncOptions} [opts]
 */
function must(cmd, args, opts = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts })
  if (result.status !== 0) {
    log(`failed: ${cmd} ${args.join(' ')} (exit ${result.status ?? result.signal})`)
    process.exit(result.status || 1)
  }
}

/** @param {string} version */
function isNewEnough(version) {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number)
  return major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1])
}

/** Installs pinned tools into `.tools/` with the system npm, once per version. */
function installTools(/** @type {string[]} */ specs) {
  mkdirSync(tools, { recursive: true })
  const manifest = path.join(tools, 'package.json')
  if (!existsSync(manifest)) writeFileSync(manifest, '{ "private": true }\n')
  log(`installing ${specs.join(', ')} into .tools/ …`)
  must('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', ...specs], {
    cwd: tools,
  })
}

/** @param {string} pkg */
function installedVersion(pkg) {
  try {
    return JSON.parse(readFileSync(path.join(tools, 'node_modules', pkg, 'package.json'), 'utf8')).version
  } catch {
    return undefined
  }
}

function ensureToolchain() {
  const wanted = []
  let nodeBin = process.execPath
  if (!isNewEnough(process.version)) {
    const pkg = `node-${process.platform}-${process.arch}`
    nodeBin = path.join(tools, 'node_modules', pkg, 'bin', 'node')
    if (installedVersion(pkg) !== NODE_VERSION || !existsSync(nodeBin)) wanted.push(`${pkg}@${NODE_VERSION}`)
  }
  if (installedVersion('pnpm') !== PNPM_VERSION) wanted.push(`pnpm@${PNPM_VERSION}`)
  if (wanted.length > 0) installTools(wanted)
  const pnpm = path.join(tools, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs')
  return { nodeBin, pnpm }
}

/** Hash of everything that decides what `pnpm install` puts into node_modules. */
function dependencyFingerprint() {
  const hash = createHash('sha256')
  hash.update(NODE_VERSION + PNPM_VERSION)
  for (const file of ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml']) {
    const full = path.join(root, file)
    if (existsSync(full)) hash.update(readFileSync(full))
  }
  const workspace = readFileSync(path.join(root, 'pnpm-workspace.yaml'), 'utf8')
  for (const match of workspace.matchAll(/^\s+-\s+(\S+)\s*$/gm)) {
    const pkg = path.join(root, String(match[1]), 'package.json')
    if (existsSync(pkg)) hash.update(readFileSync(pkg))
  }
  return hash.digest('hex')
}

/** @param {{ nodeBin: string, pnpm: string }} toolchain @param {NodeJS.ProcessEnv} env */
function ensureDependencies(toolchain, env) {
  const stamp = path.join(root, 'node_modules', '.lotse-install-stamp')
  const fingerprint = dependencyFingerprint()
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === fingerprint) return
  // CI installs exactly the lockfile; a developer who edited a package.json gets it updated.
  const frozen = Boolean(process.env.CI) && existsSync(path.join(root, 'pnpm-lock.yaml'))
  log(`installing dependencies (pnpm ${PNPM_VERSION}, Node ${NODE_VERSION}) …`)
  must(toolchain.nodeBin, [toolchain.pnpm, 'install', frozen ? '--frozen-lockfile' : '--no-frozen-lockfile', '--reporter=append-only'], { env })
  // Written after pnpm may have rewritten the lockfile on a first, unfrozen install.
  writeFileSync(stamp, dependencyFingerprint())
}

const [task = 'help', ...args] = process.argv.slice(2)
const toolchain = ensureToolchain()
const binDir = path.dirname(toolchain.nodeBin)
const env = {
  ...process.env,
  PATH: [binDir, path.join(root, 'node_modules', '.bin'), process.env.PATH].join(path.delimiter),
  LOTSE_NODE: toolchain.nodeBin,
  LOTSE_PNPM: toolchain.pnpm,
  LOTSE_ROOT: root,
  npm_config_update_notifier: 'false',
}
ensureDependencies(toolchain, env)

const child = spawn(toolchain.nodeBin, ['--import', 'tsx', path.join(root, 'scripts', 'src', 'cli.ts'), task, ...args], {
  cwd: root,
  env,
  stdio: 'inherit',
})
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
  process.on(signal, () => child.kill(signal))
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
