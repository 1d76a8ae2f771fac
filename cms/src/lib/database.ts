import type { DatabaseAdapterObj } from 'payload'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { isMongoUri } from './env'

/** Committed SQLite migrations; the schema is never pushed, in development neither, so what
 * runs here is what runs in production. */
export const sqliteMigrationDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations/sqlite')

/**
 * The database follows the `DATABASE_URI` scheme: `file:` is the embedded SQLite default that
 * needs no server; `mongodb://`/`mongodb+srv://` is the production option.
 */
export function databaseAdapter(uri: string): DatabaseAdapterObj {
  if (isMongoUri(uri)) return mongooseAdapter({ url: uri })
  const file = uri.slice('file:'.length)
  mkdirSync(path.dirname(file), { recursive: true })
  return sqliteAdapter({
    client: { url: uri },
    push: false,
    migrationDir: sqliteMigrationDir,
    // Several processes share the file: the CMS, the site build reading it (export), a separate
    // worker. WAL lets readers go on while one writes; the busy timeout makes a writer wait for
    // another instead of failing with "database is locked".
    wal: true,
    busyTimeout: 10_000,
  })
}
