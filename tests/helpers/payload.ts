import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { getPayload, type Payload, type SanitizedConfig } from 'payload'

import { buildLotseConfig } from '@lotse/cms/buildConfig'
import type { LotseEnv } from '@lotse/cms/env'
import { migrations } from '@lotse/cms/migrations'
import { stopRenderers } from '@lotse/cms/preview/renderer'

const root = path.resolve(import.meta.dirname, '../..')

export interface TestCms {
  payload: Payload
  env: LotseEnv
  cleanup: () => Promise<void>
}

/**
 * A CMS on a fresh temporary database. SQLite by default; set `TEST_DATABASE_URI` to a
 * `mongodb://host:port` server to run the same suite against MongoDB (each call gets its own
 * database, dropped afterwards). Migrations are applied exactly as `npm start` applies them.
 * `adjust` may change the sanitized config before the CMS starts (a test adding a failing hook).
 */
export async function createTestCms(options: { production?: boolean; mail?: LotseEnv['mail']; adjust?: (config: SanitizedConfig) => void } = {}): Promise<TestCms> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lotse-test-'))
  const mongo = process.env.TEST_DATABASE_URI
  const id = randomBytes(4).toString('hex')
  const databaseUri = mongo?.startsWith('mongodb') ? `${mongo.replace(/\/+$/, '')}/lotse_test_${id}` : `file:${path.join(dataDir, 'cms.db')}`
  const env: LotseEnv = {
    root,
    dataDir,
    databaseUri,
    secret: randomBytes(32).toString('hex'),
    serverURL: 'http://localhost:3000',
    port: 3000,
    production: options.production ?? false,
    mail: options.mail ?? null,
  }
  const config = await buildLotseConfig(env)
  options.adjust?.(config)
  const payload = await getPayload({ config, key: `test-${id}` })
  if (payload.db.name === 'sqlite') await payload.db.migrate({ migrations: migrations as never })
  return {
    payload,
    env,
    cleanup: async () => {
      // A preview started the warm renderer: it ends with its CMS.
      await stopRenderers()
      if (payload.db.name === 'mongoose') {
        const connection = (payload.db as unknown as { connection?: { dropDatabase: () => Promise<unknown> } }).connection
        await connection?.dropDatabase()
      }
      await payload.destroy()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
