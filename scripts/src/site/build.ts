import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import path from 'node:path'

import { binOf, nodeBin, root } from '../lib/paths'
import { run } from '../lib/proc'
import { checkLinks } from './linkcheck'
import { writeOfflineManifests } from './offline'
import { indexSite } from './pagefind'

export const siteDir = path.join(root, 'site')

/**
 * From a snapshot to a finished static site in `outDir`: the Astro build, one Pagefind index
 * per locale, the offline manifests, then the link check. Returns the time per phase (ms).
 * Throws, naming what failed, when any step fails; `outDir` is then not fit to go live.
 */
export async function buildSite(snapshotDir: string, outDir: string, time: <T>(phase: string, fn: () => Promise<T>) => Promise<T>): Promise<void> {
  const astro = binOf(siteDir, 'astro/bin/astro.mjs')
  // Astro keeps its prerender chunks in the output folder only when that lies inside the
  // project (else in site/.astro, shared): so each build gets its own folder under site/.builds,
  // and builds running at the same time (tests, a deploy and build:site) never collide.
  mkdirSync(path.join(siteDir, '.builds'), { recursive: true })
  const work = mkdtempSync(path.join(siteDir, '.builds', 'build-'))
  try {
    await time('build', () =>
      run(nodeBin, [astro, 'build', '--outDir', work, '--silent'], {
        cwd: siteDir,
        env: { ...process.env, LOTSE_SNAPSHOT_DIR: snapshotDir, ASTRO_TELEMETRY_DISABLED: '1' },
        stdio: ['ignore', 'ignore', 'inherit'],
      }),
    )
    rmSync(path.join(work, '.prerender'), { recursive: true, force: true })
    moveDir(work, outDir)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  // Images and PDFs the snapshot uses, with their resized copies, served from /media/.
  const media = path.join(snapshotDir, 'media')
  if (existsSync(media)) cpSync(media, path.join(outDir, 'media'), { recursive: true })
  await time('index', () => indexSite(outDir))
  await time('offline', async () => {
    const { generatedAt } = JSON.parse(readFileSync(path.join(snapshotDir, 'snapshot.json'), 'utf8')) as { generatedAt: string }
    writeOfflineManifests(outDir, generatedAt)
  })
  const broken = await time('linkcheck', async () => checkLinks(outDir))
  if (broken.length > 0) throw new Error(`${broken.length} broken internal links, e.g. ${broken.slice(0, 5).join(', ')}`)
}

/** Moves a finished build to `to` (an absent or empty folder): a rename, or a copy across disks. */
function moveDir(from: string, to: string): void {
  if (existsSync(to)) {
    if (readdirSync(to).length > 0) throw new Error(`${to} is not empty; a build goes into a fresh folder.`)
    rmSync(to, { recursive: true })
  }
  mkdirSync(path.dirname(to), { recursive: true })
  try {
    renameSync(from, to)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err
    cpSync(from, to, { recursive: true })
  }
}
