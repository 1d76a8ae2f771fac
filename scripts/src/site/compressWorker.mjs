/**
 * The work of `compress.ts`: a brotli and a gzip copy beside each given file. Plain JavaScript,
 * so that it loads as a worker thread under any runner (tsx, vitest) and in the calling thread.
 * Synchronous zlib calls: Node's asynchronous ones hand each 16 KB chunk to the thread pool and
 * back, which took 18 s where these take 12 s on one core for a release of 1,000 offers
 * (19,583 files, 216 MB; writing the 39,000 copies is a third of it).
 */
import { createHash } from 'node:crypto'
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { isMainThread, parentPort, workerData } from 'node:worker_threads'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

/** A copy that saves less than this share is not kept: the server sends the file as it is. */
const WORTH = 0.9

/** Removes a file; a file that is not there is fine. */
function unlinkIfThere(file) {
  try {
    unlinkSync(file)
  } catch (err) {
    if (err.code !== 'ENOENT') throw err
  }
}

/**
 * gzip's level for every file. Only readers whose browser lacks brotli get these copies. Measured
 * on 2,019 pages of the 1,000-offer release (20.4 MB, one core): level 9 took 391 ms for
 * 5.41 MB, level 6 206 ms for 5.43 MB.
 */
const GZIP_LEVEL = 6

/**
 * Brotli's window for a file: the smallest that holds all of it (2^n − 16 bytes, n from 10 to 24).
 * Brotli otherwise sets up its default window (4 MB) for every file, and pages are about 10 KB:
 * measured on 1,397 pages of the 1,000-offer release (13.6 MB, one core), quality 5 took 310 ms
 * with the default window and 173 ms with the fitted one, for 3,138,421 and 3,137,137 bytes.
 * A small window also spares the reader's phone memory when it unpacks the page.
 */
const windowFor = (length) => Math.min(24, Math.max(10, Math.ceil(Math.log2(length + 16))))

/**
 * Compresses each `{ file, quality }` (brotli quality; gzip at `GZIP_LEVEL`) into the copies
 * `encodings` names (`{ name: 'br' | 'gzip', suffix }`). Each copy is written as a new file (the
 * old one, perhaps a link into the live release, is unlinked first). Files of equal content are
 * compressed once. Returns the totals.
 */
export function compressFiles(jobs, encodings) {
  const result = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 }
  const packed = new Map()
  for (const { file, quality } of jobs) {
    const data = readFileSync(file)
    const key = `${quality}:${createHash('sha256').update(data).digest('hex')}`
    let copies = packed.get(key)
    if (!copies) {
      copies = {
        br: brotliCompressSync(data, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: quality,
            [constants.BROTLI_PARAM_LGWIN]: windowFor(data.length),
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
          },
        }),
        gzip: gzipSync(data, { level: GZIP_LEVEL }),
      }
      packed.set(key, copies)
    }
    result.files++
    result.bytes += data.length
    for (const { name, suffix } of encodings) {
      const copy = copies[name]
      unlinkIfThere(file + suffix)
      // No copy, and none left over: in a release made from the live one, the file's old copy
      // (a link) would be served in place of the new file.
      if (copy.length > data.length * WORTH) continue
      writeFileSync(file + suffix, copy)
      if (name === 'br') result.brotliBytes += copy.length
      else result.gzipBytes += copy.length
    }
  }
  return result
}

if (!isMainThread && workerData?.lotseCompress) parentPort.postMessage(compressFiles(workerData.jobs, workerData.encodings))
