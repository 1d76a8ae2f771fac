import { createClient } from '@libsql/client'
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { describeDatabase, exportCmsEnv } from '../lib/cmsEnv'
import { run } from '../lib/proc'

/** "2026-11-25T09-30-12" — sortable and safe in file names. */
function stamp(date = new Date()): string {
  return date.toISOString().slice(0, 19).replace(/:/g, '-')
}

/**
 * `npm run backup [target-dir]`: a consistent copy of the database and the media files while
 * the CMS keeps running. SQLite uses `VACUUM INTO`, which writes a complete, compacted copy in
 * one transaction (no half-written pages, unlike copying the file). MongoDB uses `mongodump`
 * when it is installed. Restore: see README.
 */
export async function backup(args: string[]): Promise<void> {
  const env = exportCmsEnv()
  const target = path.resolve(args[0] ?? path.join(env.dataDir, 'backups', stamp()))
  if (existsSync(target)) throw new Error(`Backup target ${target} exists already; choose a new folder.`)
  mkdirSync(target, { recursive: true })
  const started = Date.now()

  if (env.databaseUri.startsWith('file:')) {
    const source = env.databaseUri.slice('file:'.length)
    if (!existsSync(source)) throw new Error(`No database at ${source}: start the CMS once (npm start) before backing it up.`)
    const client = createClient({ url: env.databaseUri })
    try {
      await client.execute({ sql: 'VACUUM INTO ?', args: [path.join(target, 'cms.db')] })
    } finally {
      client.close()
    }
  } else {
    await run('mongodump', ['--uri', env.databaseUri, '--out', path.join(target, 'mongodump')]).catch((err: Error) => {
      throw new Error(`mongodump failed or is not installed (${err.message}). Install the MongoDB database tools to back up MongoDB.`)
    })
  }

  const media = path.join(env.dataDir, 'media')
  if (existsSync(media)) cpSync(media, path.join(target, 'media'), { recursive: true })
  writeFileSync(path.join(target, 'backup.json'), `${JSON.stringify({ createdAt: new Date().toISOString(), database: describeDatabase(env), media: existsSync(media) }, null, 2)}\n`)
  console.log(`[lotse] backup written to ${target} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}
