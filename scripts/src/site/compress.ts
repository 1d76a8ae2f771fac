/**
 * The build's last phase: a brotli (`.br`) and a gzip (`.gz`) copy beside every text file of
 * the release, so neither server compresses per request (nginx: `brotli_static`,
 * `gzip_static`; the built-in server the same, see `serving.ts`). A copy that saves less than a
 * tenth is not written: the server then sends the file as it is.
 *
 * Brotli quality: the highest (11) for the scripts and styles every reader loads (`/_astro/`,
 * Pagefind's scripts: a few dozen files); 5 for pages and feeds, of which there are thousands.
 * Measured on the fixture release (388 files, 3.1 MB, one core): quality 11 took 3.1 s for
 * 748 KB, quality 5 0.08 s for 832 KB, gzip -9 0.05 s for 925 KB (gzip now runs at level 6,
 * `GZIP_LEVEL` in compressWorker.mjs). At 1,000 offers (13,000 pages) quality 11 throughout
 * would add minutes to every publish.
 *
 * Many files (a full build) are shared out among worker threads, one per core
 * (`compressWorker.mjs`); the few an incremental publish wrote are compressed right here.
 */
import { readdirSync } from 'node:fs'
import path from 'node:path'

import { FEW, inThread, threadCount } from '../lib/threads'
import { compressFiles } from './compressWorker.mjs'
import { COMPRESSIBLE_EXTENSIONS, ENCODINGS } from './serving'

export interface CompressResult {
  /** Files given copies. */
  files: number
  /** Of those, the files whose copies are links to the previous release's. */
  reused: number
}

interface Job {
  file: string
  quality: number
  /** The same file in an earlier release, whose copies are linked when the bytes are equal. */
  before?: string
}

/**
 * The compressible files under `dir`. Synchronous, so that `precompress` has started its threads
 * when it returns: the build checks the pages on this thread meanwhile (`build.ts`).
 */
const walk = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && isCompressible(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))

/** Whether the file gets precompressed copies. */
export const isCompressible = (file: string) => COMPRESSIBLE_EXTENSIONS.has(path.extname(file).slice(1).toLowerCase())

/**
 * Writes the precompressed copies for every compressible file under `outDir`, or for the given
 * files only (the pages an incremental publish rendered). A copy replaces the file's old copy
 * as a new file: in a release made of hard links to the live one, the live copy stays as it is.
 * With `previous` (the live release, for a full build beside it), a file that is byte for byte
 * the same there gets links to its copies there.
 */
export async function precompress(outDir: string, { only, previous }: { only?: string[]; previous?: string } = {}): Promise<CompressResult> {
  const files = only ? only.filter(isCompressible) : walk(outDir)
  const shared = (relative: string) => /^(_astro|pagefind)\//.test(relative) && /\.(m?js|css)$/.test(relative)
  const jobs: Job[] = files.map((file) => {
    const relative = path.relative(outDir, file).split(path.sep).join('/')
    return { file, quality: shared(relative) ? 11 : 5, ...(previous ? { before: path.join(previous, relative) } : {}) }
  })
  const encodings = ENCODINGS.map(({ name, suffix }) => ({ name, suffix }))
  const threads = threadCount()
  if (jobs.length < FEW || threads < 2) return compressFiles(jobs, encodings)
  // The shared scripts all to the first thread (Pagefind writes the same ones into every
  // locale's bundle: each content is compressed once there); the rest dealt out in turn.
  const shares: Job[][] = Array.from({ length: threads }, () => [])
  let next = 0
  for (const job of jobs) shares[job.quality === 11 ? 0 : next++ % threads]!.push(job)
  const results = await Promise.all(shares.map((share) => inThread<CompressResult>(new URL('./compressWorker.mjs', import.meta.url), { lotseCompress: true, jobs: share, encodings })))
  return results.reduce((sum, r) => ({ files: sum.files + r.files, reused: sum.reused + r.reused }))
}
