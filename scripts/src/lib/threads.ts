import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'

/** How many worker threads a step shares its files out among: one per core, at most 4. */
export const threadCount = () => Math.min(4, availableParallelism())

/** Below this many files a step runs on the calling thread: the threads' start (about 50 ms each) is not worth it. */
export const FEW = 200

/**
 * Runs a worker module (plain JavaScript, `compressWorker.mjs` or `pageChecks.mjs`, so that it
 * loads under any runner) in a thread with `workerData`; resolves with the one message it answers
 * with. The thread ends when it has answered, or with the process.
 */
export function inThread<T>(module: URL, workerData: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(module, { workerData })
    let answer: { value: T } | undefined
    worker.once('message', (value: T) => (answer = { value }))
    worker.once('error', reject)
    worker.once('exit', (code) => (answer ? resolve(answer.value) : reject(new Error(`the worker thread ${module.pathname.split('/').pop()} ended (exit code ${code}) without a result`))))
  })
}
