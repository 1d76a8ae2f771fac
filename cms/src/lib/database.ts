/**
 * The database adapter, chosen by the `DATABASE_URI` scheme: `file:` is the embedded SQLite
 * default that needs no server; `mongodb://`/`mongodb+srv://` is the production option.
 *
 * SQLite writes are real transactions. `@payloadcms/db-sqlite` without `transactionOptions`
 * uses Payload's no-op `beginTransaction`: a create that failed halfway left a published
 * document without its schedule rows behind, and a publish and the rebuild job it queues were
 * not one unit. Payload's own transactions on libsql are not usable as they are, though:
 *
 * - libsql's local client answers synchronously: a second `BEGIN IMMEDIATE` in the same process
 *   while the first is open waits in SQLite's busy handler with the event loop blocked, so the
 *   first can never finish. Writes of one process therefore queue on an async mutex (a few
 *   milliseconds each); only writers of other processes (a separate worker) meet the busy
 *   timeout.
 * - libsql hands its connection to the transaction and opens a new one without the busy
 *   timeout; and a transaction whose `ROLLBACK` failed (a statement still running on it) was
 *   dropped silently with its write lock held, so every later write failed with "database is
 *   locked" (seen in the hostile-user suite).
 *
 * So every write (each transaction, and each statement Payload sends outside one: login
 * attempts, the admin's document locks) runs on one write connection of ours, one at a time;
 * a write connection that fails to end a transaction is closed, which ends it, and the next
 * write opens a fresh one. Reads stay on Payload's own connection (WAL: readers never wait).
 */
import type { BaseDatabaseAdapter, DatabaseAdapterObj } from 'payload'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { drizzle } from '@payloadcms/db-sqlite/drizzle/libsql'
import { type Client, createClient } from '@libsql/client'
import { Mutex, type MutexInterface, withTimeout } from 'async-mutex'
import { randomUUID } from 'node:crypto'
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
    // Real transactions; begun, committed and rolled back by serializeWrites below.
    transactionOptions: {},
  })
  return { ...sqlite, init: (args) => serializeWrites(sqlite.init(args)) }
}

type TransactionID = number | string
interface Session {
  db: unknown
  resolve: () => Promise<void>
  reject: () => Promise<void>
}
/** The parts of the SQLite adapter this module works with. */
interface SqliteInternals {
  client?: Client & { lotseSerialized?: boolean }
  clientConfig: { url: string }
  schema: Record<string, unknown>
  logger?: unknown
  sessions: Record<string, Session>
}

/** SQL that takes SQLite's write lock (what drizzle sends outside a transaction). */
const WRITES = /^\s*(?:insert|update|delete|replace|create|drop|alter)\b/i
const sqlOf = (stmt: unknown): string => (typeof stmt === 'string' ? stmt : String((stmt as { sql?: unknown } | null)?.sql ?? ''))

const QUEUES = Symbol.for('lotse.sqliteWriteQueues')

/**
 * One queue per database file and process, shared by every Payload instance on that file: tests
 * (and the REST route handlers next to them) and Next.js hot reloading start a second instance in
 * the same process, whose writes would otherwise block the first's in SQLite's busy handler.
 * Kept on `globalThis` because bundlers may load this module more than once.
 */
function writeQueue(url: string): MutexInterface {
  const queues = ((globalThis as { [QUEUES]?: Map<string, MutexInterface> })[QUEUES] ??= new Map())
  let queue = queues.get(url)
  if (!queue) {
    queue = withTimeout(
      new Mutex(),
      WRITE_QUEUE_TIMEOUT_MS,
      new Error(`The database stayed busy for ${WRITE_QUEUE_TIMEOUT_MS / 1000} s: a write transaction was not ended, or a hook wrote without passing req inside another write.`),
    )
    queues.set(url, queue)
  }
  return queue
}
/** Runs this process's writes one at a time on a write connection of its own (module comment). */
function serializeWrites<T extends BaseDatabaseAdapter>(adapter: T): T {
  const sqlite = adapter as unknown as T & SqliteInternals
  const writes = writeQueue(sqlite.clientConfig.url)
  let writer: { client: Client; db: unknown } | null = null
  const connection = async () => {
    if (writer) return writer
    const client = createClient({ url: sqlite.clientConfig.url })
    await client.execute(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS};`)
    writer = { client, db: drizzle(client, { schema: sqlite.schema, logger: (sqlite.logger as false) ?? false }) }
    return writer
  }
  /** Closing a connection ends whatever transaction it had open and frees its lock. */
  const discard = () => {
    try {
      writer?.client.close()
    } catch {
      // already closed
    }
    writer = null
  }
  /** Migrations running (their transactions change the schema; see beginTransaction). */
  let migrating = 0
  const release = new Map<TransactionID, () => void>()
  const finish = (id: TransactionID) => {
    release.get(id)?.()
    release.delete(id)
  }

  adapter.beginTransaction = async function () {
    const done = await writes.acquire()
    try {
      const { client, db } = await connection()
      // A migration that rebuilds a table (drizzle-kit's way of changing a column on SQLite:
      // create, copy, drop, rename) must run with foreign keys off, or dropping the old table
      // deletes every row that references it (ON DELETE cascade). SQLite ignores the pragma
      // inside a transaction, so it is set before BEGIN, and the keys are checked before COMMIT:
      // SQLite's own procedure for schema changes.
      const schemaChange = migrating > 0
      if (schemaChange) await client.execute('PRAGMA foreign_keys = OFF')
      await client.execute('BEGIN IMMEDIATE').catch((err: unknown) => {
        discard()
        throw err
      })
      const id = randomUUID()
      const end = async (sql: 'COMMIT' | 'ROLLBACK') => {
        try {
          if (sql === 'COMMIT' && schemaChange) {
            const broken = (await client.execute('PRAGMA foreign_key_check')).rows
            if (broken.length > 0) {
              await client.execute('ROLLBACK')
              throw new Error(`The migration left ${broken.length} rows whose foreign keys point nowhere (first in table "${String(broken[0]?.table)}"); nothing was changed.`)
            }
          }
          await client.execute(sql)
          if (schemaChange) await client.execute('PRAGMA foreign_keys = ON')
        } catch (err) {
          discard()
          // A failed rollback is a rollback once the connection is closed; a failed commit is not.
          if (sql === 'COMMIT') throw err
        }
      }
      sqlite.sessions[id] = { db, resolve: () => end('COMMIT'), reject: () => end('ROLLBACK') }
      release.set(id, done)
      return id
    } catch (err) {
      done()
      throw err
    }
  }
  /** Ends a session (its `resolve` commits, `reject` rolls back) and lets the next write go. */
  const ending =
    (how: 'resolve' | 'reject') =>
    async (incoming: TransactionID | Promise<TransactionID>): Promise<void> => {
      const id = await incoming
      const session = sqlite.sessions[id]
      delete sqlite.sessions[id]
      try {
        await session?.[how]()
      } finally {
        finish(id)
      }
    }
  // Unlike Payload's, a commit that fails is an error the request answers with, not a silent
  // rollback behind a success.
  adapter.commitTransaction = ending('resolve')
  adapter.rollbackTransaction = ending('reject')
  // Payload's client exists once connected; drizzle holds the same object, so wrapping its
  // methods moves every statement sent outside a transaction that writes onto the writer.
  for (const name of ['migrate', 'migrateDown', 'migrateFresh', 'migrateRefresh', 'migrateReset'] as const) {
    const run = adapter[name] as ((...args: unknown[]) => Promise<unknown>) | undefined
    if (!run) continue
    ;(adapter as Record<string, unknown>)[name] = async function (this: T, ...args: unknown[]) {
      migrating++
      try {
        return await run.apply(this, args)
      } finally {
        migrating--
      }
    }
  }
  const { connect, destroy } = adapter
  adapter.connect = async function (this: T, ...args: Parameters<NonNullable<typeof connect>>) {
    await connect?.apply(this, args)
    const client = sqlite.client
    if (!client || client.lotseSerialized) return
    const { execute } = client
    const onWriter = <R>(run: (c: Client) => Promise<R>) =>
      writes.runExclusive(async () => {
        const c = await connection()
        try {
          return await run(c.client)
        } catch (err) {
          discard()
          throw err
        }
      })
    client.execute = ((...params: Parameters<Client['execute']>) =>
      WRITES.test(sqlOf(params[0])) ? onWriter((c) => (c.execute as (...p: unknown[]) => ReturnType<Client['execute']>)(...params)) : execute.apply(client, params)) as Client['execute']
    client.batch = ((...params: Parameters<Client['batch']>) => onWriter((c) => c.batch(...params))) as Client['batch']
    client.lotseSerialized = true
  }
  adapter.destroy = async function (this: T) {
    discard()
    await destroy?.call(this)
  }
  return adapter
}
