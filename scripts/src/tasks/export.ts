import path from 'node:path'
import { getPayload, type Payload } from 'payload'

import { prepareDatabase } from '@lotse/cms/prepare'

import { buildSnapshot, writeSnapshot } from '@lotse/cms/export/snapshot'
import { exportCmsEnv, wantsDemo } from '../lib/cmsEnv'

/** Where the site reads its content from, unless `LOTSE_EXPORT_DIR` says otherwise. */
export function exportDir(dataDir: string): string {
  return path.resolve(process.env.LOTSE_EXPORT_DIR ?? path.join(dataDir, 'export'))
}

/** Reads the published content and writes it with its media to the export folder. */
export async function exportSnapshot(payload: Payload, dataDir: string): Promise<{ dir: string } & Awaited<ReturnType<typeof buildSnapshot>>> {
  const result = await buildSnapshot(payload)
  const dir = exportDir(dataDir)
  writeSnapshot(dir, path.join(dataDir, 'media'), result)
  return { dir, ...result }
}

/**
 * `npm run export`: writes the validated snapshot of all published content (and the media it
 * uses) for the site build. Reads through the Local API as an anonymous reader.
 */
export async function exportContent(): Promise<string> {
  const env = exportCmsEnv()
  const started = Date.now()
  const { default: config } = await import('@lotse/cms/config')
  const payload = await getPayload({ config })
  try {
    // On a fresh clone the database does not exist yet: the same preparation as npm start.
    await prepareDatabase(payload, { dataDir: env.dataDir, production: env.production, demo: wantsDemo(env) })
    const { dir, snapshot: s, mediaFiles } = await exportSnapshot(payload, env.dataDir)
    console.log(
      `[lotse] exported ${s.offers.length} offers, ${s.contacts.length} contacts, ${s.events.length} events, ${s.reports.length} reports, ` +
        `${s.pages.length} pages, ${s.measures.length} measures, ${mediaFiles.length} media files to ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    )
    return dir
  } finally {
    await payload.destroy()
  }
}
