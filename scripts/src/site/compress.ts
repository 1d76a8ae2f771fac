/**
 * The build's last phase: a brotli (`.br`) and a gzip (`.gz`) copy beside every text file of
 * the release, so neither server compresses per request (nginx: `brotli_static`,
 * `gzip_static`; the built-in server the same, see `serving.ts`). A copy that saves less than a
 * tenth is not written: the server then sends the file as it is.
 *
 * Brotli quality: the highest (11) for the scripts and styles every reader loads (`/_astro/`,
 * Pagefind's scripts: a few dozen files); 5 for pages and feeds, of which there are thousands.
 * Measured on the fixture release (388 files, 3.1 MB, one core): quality 11 took 3.1 s for
 * 748 KB, quality 5 0.08 s for 832 KB, gzip -9 0.05 s for 925 KB. At 1,000 offers (13,000
 * pages) quality 11 throughout would add minutes to every publish.
 *
 * Runs on libuv's thread pool through node:zlib's async calls, a few files at a time.
 */
import { createHash } from 'node:crypto'
import { readdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'

import { replaceFileAsync } from './releaseFiles'
import { COMPRESSIBLE_EXTENSIONS, ENCODINGS } from './serving'

const brotli = promisify(brotliCompress)
const gz = promisify(gzip)

/** Files compressed at once: enough to keep the thread pool (4 threads) busy. */
const PARALLEL = 8

export interface CompressResult {
  files: number
  bytes: number
  brotliBytes: number
  gzipBytes: number
}

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) yield* walk(full)
    else if (entry.isFile() && isCompressible(entry.name)) yield full
  }
}

/** Whether the file gets precompressed copies. */
export const isCompressible = (file: string) => COMPRESSIBLE_EXTENSIONS.has(path.extname(file).slice(1).toLowerCase())

/**
 * Writes the precompressed copies for every compressible file under `outDir`, or for the given
 * files only (the pages an incremental publish rendered). A copy replaces the file's old copy
 * as a new file: in a release made of hard links to the live one, the live copy stays as it is.
 */
export async function precompress(outDir: string, only?: string[]): Promise<CompressResult> {
  const result: CompressResult = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 }
  const files: string[] = only ? only.filter(isCompressible) : []
  if (!only) for await (const file of walk(outDir)) files.push(file)
  const shared = (file: string) => /^(_astro|pagefind)\//.test(path.relative(outDir, file).split(path.sep).join('/')) && /\.(m?js|css)$/.test(file)
  // Pagefind writes the same scripts into every locale's bundle: each content is packed once.
  const packed = new Map<string, Promise<[Buffer, Buffer]>>()
  const pack = (data: Buffer, quality: number) => {
    const key = `${quality}:${createHash('sha256').update(data).digest('hex')}`
    let result = packed.get(key)
    if (!result) {
      result = Promise.all([
        brotli(data, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
        gz(data, { level: constants.Z_BEST_COMPRESSION }),
      ])
      packed.set(key, result)
    }
    return result
  }
  const one = async (file: string) => {
    const data = await readFile(file)
    const [br, gzipped] = await pack(data, shared(file) ? constants.BROTLI_MAX_QUALITY : 5)
    result.files++
    result.bytes += data.length
    for (const { name, suffix } of ENCODINGS) {
      const packed = name === 'br' ? br : gzipped
      if (packed.length > data.length * 0.9) {
        // No copy, and none left over: in a release made from the live one, the file's old
        // copy (a link) would be served in place of the new file.
        await rm(file + suffix, { force: true })
        continue
      }
      await replaceFileAsync(file + suffix, packed)
      if (name === 'br') result.brotliBytes += packed.length
      else result.gzipBytes += packed.length
    }
  }
  const queue = [...files]
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      for (let file = queue.shift(); file !== undefined; file = queue.shift()) await one(file)
    }),
  )
  return result
}
