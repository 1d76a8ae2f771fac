import type { Migration, Payload } from 'payload'

import { migrations } from './migrations/sqlite'
import { seed, type SeedResult } from './seed'
import { ensureFirstUsers } from './seed/users'

export interface PrepareOptions {
  dataDir: string
  production: boolean
  /** Seed demo content (offers, contacts, events, reports, pages) on first run. */
  demo: boolean
}

export interface PrepareResult {
  seed: SeedResult
  users: Awaited<ReturnType<typeof ensureFirstUsers>>
}

/**
 * Brings a database to a usable state before the server starts: applies the committed
 * migrations (SQLite; MongoDB needs none for its schema), seeds once, and makes sure a first
 * user exists. Safe to run on every start.
 */
export async function prepareDatabase(payload: Payload, options: PrepareOptions): Promise<PrepareResult> {
  // Generated migrations type their arguments precisely; Payload's list type takes `unknown`.
  if (payload.db.name === 'sqlite') await payload.db.migrate({ migrations: migrations as unknown as Migration[] })
  const seedResult = await seed(payload, { demo: options.demo })
  const users = await ensureFirstUsers(payload, options)
  return { seed: seedResult, users }
}
