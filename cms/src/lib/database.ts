/**
 * The database adapter, chosen by the `DATABASE_URI` scheme: `file:` is the embedded SQLite
 * default that needs no server; `mongodb://`/`mongodb+srv://` is the production option.
 *
 * SQLite writes are real transactions. `@payloadcms/db-sqlite` without `transactionOptions`
 * uses Payload's no-op `beginTransaction`: a create that failed halfway left a published
 * document without its schedule rows behind, and a publish and the rebuild job it queues were
 * not one unit. With `transactionOptions` every Payload write runs in `BEGIN IMMEDIATE … COMMIT`
 * (libsql always begins write transactions immediately), which brings two things to handle:
 *
 * - libsql's local client is synchronous: a second `BEGIN IMMEDIATE` in the same process while
 *   the first is open would wait in SQLite's busy handler and block the event loop, so the
 *   first could never finish. Writes of one process therefore queue on an async mutex before
 *   they begin (a few milliseconds each); only writers of other processes (a separate worker,
 *   a deploy) meet SQLite's busy timeout.
 * - libsql hands its connection to the transaction and opens a new one for everything else on
 *   next use, without the busy timeout set at connect: the new connection gets it again, or a
 *   write from another process would fail at once with "database is locked".
 */
import type { BaseDatabaseAdapter, DatabaseAdapterObj } from 'payload'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { Mutex, withTimeout } from 'async-mutex'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { isMongoUri } from './env'

/** Committed SQLite migrations; the schema is never pushed, in development neither, so what
 * runs here is what runs in production. */
export const sqliteMigrationDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations/sqlite')

/** How long a writer of another process may hold the file before a write here gives up. */
const BUSY_TIMEOUT_MS = 10_000

/**
 * How long a write waits for the other writes of this process. Transactions are short (an
 * editor's save: milliseconds; an image upload with its six sizes: about a second); a wait
 * this long means a transaction was never ended, or a hook wrote without passing `req` inside
 * another write (it would wait for itself). Failing names that, instead of hanging forever.
 */
const WRITE_QUEUE_TIMEOUT_MS = Number(process.env.LOTSE_WRITE_QUEUE_TIMEOUT_MS ?? 60_000)

export function databaseAdapter(uri: string): DatabaseAdapterObj {
  if (isMongoUri(uri)) return mongooseAdapter({ url: uri })
  const file = uri.slice('file:'.length)
  mkdirSync(path.dirname(file), { recursive: true })
  const sqlite = sqliteAdapter({
    client: { url: uri },
    push: false,
    migrationDir: sqliteMigrationDir,
    // Several processes share the file: the CMS, the site build reading it (export), a separate
    // worker. WAL lets readers go on while one writes; the busy timeout makes a writer wait for
    // another instead of failing with "database is locked".
    wal: true,
    busyTimeout: BUSY_TIMEOUT_MS,
    // Any object turns real transactions on (libsql ignores its contents: always IMMEDIATE).
    transactionOptions: {},
  })
  return { ...sqlite, init: (args) => serializeWrites(sqlite.init(args)) }
}

type TransactionID = number | string
interface LibsqlClient {
  execute: (...args: unknown[]) => Promise<unknown>
  batch: (...args: unknown[]) => Promise<unknown>
}
type WithClient = { client?: LibsqlClient }

/** SQL that takes SQLite's write lock (what drizzle sends outside a transaction). */
const WRITES = /^\s*(?:insert|update|delete|replace|create|drop|alter)\b/i
const sqlOf = (stmt: unknown): string => (typeof stmt === 'string' ? stmt : String((stmt as { sql?: unknown } | null)?.sql ?? ''))

/**
 * Queues this process's writes one after another (see the module comment): every transaction
 * from begin to commit or rollback, and every write Payload sends outside a transaction (login
 * attempts, the admin's document locks).
 */
function serializeWrites<T extends BaseDatabaseAdapter>(adapter: T): T {
  const writes = withTimeout(
    new Mutex(),
    WRITE_QUEUE_TIMEOUT_MS,
    new Error(
      `The database stayed busy for ${WRITE_QUEUE_TIMEOUT_MS / 1000} s: a write transaction was not ended, or a hook wrote without passing req inside another write.`,
    ),
  )
  const release = new Map<TransactionID, () => void>()
  const finish = (id: TransactionID) => {
    release.get(id)?.()
    release.delete(id)
  }
  const { beginTransaction: begin, commitTransaction: commit, rollbackTransaction: rollback, connect } = adapter

  adapter.beginTransaction = async function (this: T & WithClient, options) {
    const done = await writes.acquire()
    try {
      const id = await begin.call(this, options)
      if (id == null) {
        done()
        return id
      }
      await (this as WithClient).client?.execute(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS};`)
      release.set(id, done)
      return id
    } catch (err) {
      done()
      throw err
    }
  }
  adapter.commitTransaction = async function (this: T & WithClient, incoming) {
    const id = await incoming
    try {
      await commit.call(this, id)
    } finally {
      finish(id)
    }
  }
  adapter.rollbackTransaction = async function (this: T & WithClient, incoming) {
    const id = await incoming
    try {
      await rollback.call(this, id)
    } finally {
      finish(id)
    }
  }
  // The client exists once connected; drizzle holds the same object, so wrapping its methods
  // covers every statement sent outside a transaction.
  adapter.connect = async function (this: T & WithClient, ...args: Parameters<NonNullable<typeof connect>>) {
    await connect?.apply(this, args)
    const client = (this as WithClient).client
    if (!client || (client as { lotseSerialized?: boolean }).lotseSerialized) return
    const { execute, batch } = client
    client.execute = async (...params) => (WRITES.test(sqlOf(params[0])) ? writes.runExclusive(() => execute.apply(client, params)) : execute.apply(client, params))
    client.batch = async (...params) => writes.runExclusive(() => batch.apply(client, params))
    ;(client as { lotseSerialized?: boolean }).lotseSerialized = true
  }
  return adapter
}
