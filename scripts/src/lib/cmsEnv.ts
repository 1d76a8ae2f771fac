import { readEnv, type LotseEnv } from '@lotse/cms/env'

/**
 * Resolves the CMS settings once and exports them to `process.env`, so the Payload config
 * loaded in this process and the Next.js server started from it agree on database, secret
 * and data folder (the generated development secret included).
 */
export function exportCmsEnv(): LotseEnv {
  const env = readEnv()
  process.env.LOTSE_ROOT = env.root
  process.env.LOTSE_DATA_DIR = env.dataDir
  process.env.LOTSE_PRODUCTION = env.production ? '1' : '0'
  process.env.PAYLOAD_SECRET = env.secret
  process.env.DATABASE_URI = env.databaseUri
  process.env.SERVER_URL = env.serverURL
  process.env.PORT = String(env.port)
  return env
}

/** Demo content is seeded by default in development only; `SEED_DEMO=1`/`0` overrides. */
export function wantsDemo(env: LotseEnv): boolean {
  const flag = process.env.SEED_DEMO
  if (flag === '1' || flag === 'true') return true
  if (flag === '0' || flag === 'false') return false
  return !env.production
}

/** A short, password-free description of where the data lives. */
export function describeDatabase(env: LotseEnv): string {
  if (env.databaseUri.startsWith('file:')) return `SQLite ${env.databaseUri.slice('file:'.length)}`
  return `MongoDB ${env.databaseUri.replace(/\/\/[^@/]*@/, '//***@')}`
}
