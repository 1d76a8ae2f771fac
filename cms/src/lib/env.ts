import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { type MailSettings, readMailSettings } from './email'

/**
 * Everything the CMS reads from the environment, resolved once, with the safe development
 * defaults the README documents. Relative paths are resolved against the repository root so
 * the same `DATABASE_URI` works whether the CMS runs from the root (scripts, tests) or from
 * `cms/` (Next.js).
 */
export interface LotseEnv {
  /** Repository root; everything the system writes lives under `<root>/data` by default. */
  root: string
  /** Where the database file, media, secrets, backups and builds live (`LOTSE_DATA_DIR`). */
  dataDir: string
  /** `file:` (SQLite, the embedded default) or `mongodb://` / `mongodb+srv://`. */
  databaseUri: string
  secret: string
  /** Public origin of the CMS; CSRF and CORS checks compare against it. */
  serverURL: string
  port: number
  /** Production hardens cookies, requires a real secret and never seeds demo content by default. */
  production: boolean
  /** Outgoing mail (password reset); null: mail is written to the log instead. */
  mail: MailSettings | null
}

/** Finds the repository root from `LOTSE_ROOT` or by walking up to `pnpm-workspace.yaml`. */
export function findRoot(start = process.cwd()): string {
  if (process.env.LOTSE_ROOT) return process.env.LOTSE_ROOT
  // Only reached outside `npm start` (which sets LOTSE_ROOT); the bundler must not trace it.
  let dir = path.resolve(/*turbopackIgnore: true*/ start)
  for (;;) {
    if (existsSync(path.join(/*turbopackIgnore: true*/ dir, 'pnpm-workspace.yaml'))) return dir
    const parent = path.dirname(dir)
    if (parent === dir) return path.resolve(/*turbopackIgnore: true*/ start)
    dir = parent
  }
}

/**
 * Production is what the operator says when starting: `NODE_ENV=production npm start`. The
 * start script passes that on as `LOTSE_PRODUCTION`, because `next start` itself always sets
 * `NODE_ENV=production`, also for a newcomer's local demo.
 */
export function isProduction(): boolean {
  if (process.env.LOTSE_PRODUCTION !== undefined) return process.env.LOTSE_PRODUCTION === '1'
  return process.env.NODE_ENV === 'production'
}

/** Makes a relative `file:` URI absolute against the repository root; other URIs pass through. */
export function resolveDatabaseUri(uri: string, root: string): string {
  if (!uri.startsWith('file:')) return uri
  const file = uri.slice('file:'.length)
  return `file:${path.isAbsolute(file) ? file : path.resolve(root, file)}`
}

export function isMongoUri(uri: string): boolean {
  return uri.startsWith('mongodb://') || uri.startsWith('mongodb+srv://')
}

/**
 * The development secret is generated once and kept in `data/`, so sessions survive restarts.
 * Production refuses to start without `PAYLOAD_SECRET`: a generated secret there would log
 * everybody out on every deploy and hide a missing configuration.
 */
function resolveSecret(dataDir: string, production: boolean): string {
  const fromEnv = process.env.PAYLOAD_SECRET
  if (fromEnv) {
    if (fromEnv.length < 32 && production) {
      throw new Error('PAYLOAD_SECRET must be at least 32 characters long in production.')
    }
    return fromEnv
  }
  if (production) {
    throw new Error('PAYLOAD_SECRET is not set. In production Lotse refuses to start without it. ' + "Generate one with: node -e \"console.log(require('crypto').randomBytes(32).toString('hex'))\"")
  }
  const file = path.join(dataDir, '.payload-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const secret = randomBytes(32).toString('hex')
  writeFileSync(file, `${secret}\n`, { mode: 0o600 })
  return secret
}

export function readEnv(): LotseEnv {
  const root = findRoot()
  const production = isProduction()
  const dataDir = path.resolve(root, process.env.LOTSE_DATA_DIR ?? 'data')
  const port = Number(process.env.PORT ?? 3000)
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`PORT must be a TCP port number (1–65535), got "${process.env.PORT}".`)
  }
  const databaseUri = resolveDatabaseUri(process.env.DATABASE_URI ?? `file:${path.join(dataDir, 'cms.db')}`, root)
  if (!databaseUri.startsWith('file:') && !isMongoUri(databaseUri)) {
    throw new Error(`DATABASE_URI must start with "file:" (SQLite) or "mongodb://"/"mongodb+srv://" (MongoDB), got "${databaseUri.split(':')[0]}:…".`)
  }
  const serverURL = (process.env.SERVER_URL ?? `http://localhost:${port}`).replace(/\/+$/, '')
  if (production && !process.env.SERVER_URL) {
    throw new Error('SERVER_URL is not set. In production it must be the public https origin of the CMS.')
  }
  return { root, dataDir, databaseUri, secret: resolveSecret(dataDir, production), serverURL, port, production, mail: readMailSettings() }
}
