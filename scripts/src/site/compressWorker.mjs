/**
 * The work of `compress.ts`: a brotli and a gzip copy beside each given file. Plain JavaScript,
 * so that it loads as a worker thread under any runner (tsx, vitest) and in the calling thread.
 * Synchronous zlib calls: Node's asynchronous ones hand each 16 KB chunk to the thread pool and
 * back, which took 18 s where these take 12 s on one core for a release of 1,000 offers
 * (19,583 files, 216 MB; writing the 39,000 copies is a third of it).
 */
import { createHash } from 'node:crypto'
import { copyFileSync, linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs'
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
 * Writes `data` to `file` as a new file, atomically: under a temporary name, then renamed over
 * whatever is there. The release may be live already (a full build compresses after the switch,
 * `publisher.ts`), so a server never sends a half-written copy; and a copy that is there (perhaps
 * a link into the live release, which must stay as it is) is replaced, not written into. Measured
 * on 1,397 pages of the 1,000-offer release (one core, three runs each, in turn): 0.98–1.52 s
 * so, 0.81–1.38 s written in place.
 */
function writeNew(file, data) {
  const temporary = `${file}.tmp`
  writeFileSync(temporary, data)
  renameSync(temporary, file)
}

/**
 * Makes `to` a hard link to the copy `from` (or a copy of it, where the two lie on different
 * disks), replacing what was there; with no `from`, `to` is removed.
 */
function linkCopy(from, to) {
  try {
    linkSync(from, to)
  } catch (err) {
    if (err.code === 'EEXIST') {
      unlinkSync(to)
      return linkCopy(from, to)
    }
    if (err.code === 'ENOENT') return unlinkIfThere(to)
    if (err.code !== 'EXDEV') throw err
    unlinkIfThere(to)
    copyFileSync(from, to)
  }
}

/** The bytes of a file, or null when there is none. */
function readIfThere(file) {
  try {
    return readFileSync(file)
  } catch (err) {
    if (err.code === 'ENOENT') return null
    throw err
  }
}

/**
 * Gives `file` (its bytes `data`) links to the copies of `before`, the same file in an earlier
 * release, when that file holds exactly `data`. A copy that release did not keep (not worth it
 * for these bytes) is left out here too. Returns whether it did; if not, nothing was changed.
 *
 * The copies are not unpacked to check them (that took 2.5 of the 4.4 s at 1,000 offers): a
 * release is only ever written by a build, which makes each copy from its file's bytes, and a
 * file of a live release is never written again (a later release replaces it as a new file).
 */
function takeOver(file, data, before, encodings) {
  if (!readIfThere(before)?.equals(data)) return false
  for (const { suffix } of encodings) linkCopy(before + suffix, file + suffix)
  return true
}

/**
 * Compresses each `{ file, quality, before? }` (brotli quality; gzip at `GZIP_LEVEL`) into the
 * copies `encodings` names (`{ name: 'br' | 'gzip', suffix }`). Each copy is written as a new
 * file (`writeNew`). Files of equal content are compressed once. A file whose bytes equal those
 * of `before` (the same file in the live release, for a full build) gets links to that file's
 * copies instead: a nightly build changes few pages. The 19,674 files of the 1,000-offer
 * release, all the same as the live ones, took 2.1–2.3 s so, and 7.1–13.9 s compressed anew
 * (both threads, one run after the other). Returns how many files it did, and of those how many
 * took their copies over.
 */
export function compressFiles(jobs, encodings) {
  const result = { files: 0, reused: 0 }
  const packed = new Map()
  for (const { file, quality, before } of jobs) {
    const data = readFileSync(file)
    result.files++
    if (before && takeOver(file, data, before, encodings)) {
      result.reused++
      continue
    }
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
    for (const { name, suffix } of encodings) {
      const copy = copies[name]
      if (copy.length <= data.length * WORTH) writeNew(file + suffix, copy)
      // No copy, and none left over: in a release made from the live one, the file's old copy
      // (a link) would be served in place of the new file.
      else unlinkIfThere(file + suffix)
    }
  }
  return result
}

if (!isMainThread && workerData?.lotseCompress) parentPort.postMessage(compressFiles(workerData.jobs, workerData.encodings))
