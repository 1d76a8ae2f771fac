import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { constants, tmpdir } from 'node:os'
import path from 'node:path'
import { getPayload, type Payload } from 'payload'

import { exportCmsEnv } from '../src/lib/cmsEnv'

/**
 * A benchmark's own CMS: a temporary data folder with a SQLite database (whatever
 * `DATABASE_URI` says), quiet logs, no hot-reload socket (see cli.ts), no job runner and a
 * deploy that does nothing. Returns the folder; the caller removes it.
 */
export function benchCmsEnv(name: string): string {
  const dataDir = mkdtempSync(path.join(tmpdir(), `lotse-bench-${name}-`))
  process.env.LOTSE_DATA_DIR = dataDir
  delete process.env.DATABASE_URI
  process.env.LOTSE_LOG_LEVEL = 'warn'
  process.env.LOTSE_JOBS = 'off'
  process.env.LOTSE_DEPLOY_COMMAND = 'exit 0'
  process.env.DISABLE_PAYLOAD_HMR = 'true'
  exportCmsEnv()
  return dataDir
}

/** That CMS with the demo seed, and its demo editor (`redaktion@lotse.local`) as a signed-in user. */
export async function seededBenchCms(dataDir: string): Promise<{ payload: Payload; editor: { id: number; organization: number }; user: Record<string, unknown> }> {
  const { default: config } = await import('@lotse/cms/config')
  const { prepareDatabase } = await import('@lotse/cms/prepare')
  const payload = await getPayload({ config, cron: false })
  await prepareDatabase(payload, { dataDir, production: false, demo: true })
  const editor = (await payload.find({ collection: 'users', where: { email: { equals: 'redaktion@lotse.local' } }, depth: 0 })).docs[0] as unknown as { id: number; organization: number }
  const user = { ...(await payload.findByID({ collection: 'users', id: editor.id, depth: 0 })), collection: 'users' }
  return { payload, editor, user }
}

/**
 * Peak memory of this process and all its descendants (the Astro build, Pagefind's binary),
 * sampled from /proc every 100 ms. Linux only, which is what the benchmark machines run.
 */
export function samplePeakRss(rootPid = process.pid): () => number {
  let peak = 0
  const tree = () => {
    const parents = new Map<number, number>()
    const rss = new Map<number, number>()
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue
      try {
        const status = readFileSync(`/proc/${entry}/status`, 'utf8')
        const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1])
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
        parents.set(Number(entry), ppid)
        rss.set(Number(entry), kb)
      } catch {
        // The process ended while we looked.
      }
    }
    let total = 0
    for (const [pid, kb] of rss) {
      for (let p: number | undefined = pid; p && p > 1; p = parents.get(p)) {
        if (p === rootPid) {
          total += kb
          break
        }
      }
    }
    peak = Math.max(peak, total)
  }
  const timer = setInterval(tree, 100)
  tree()
  return () => {
    clearInterval(timer)
    tree()
    return Math.round(peak / 1024)
  }
}

export const seconds = (ms: number) => Number((ms / 1000).toFixed(1))

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

/**
 * Runs `stop` when the bench is stopped by hand (Ctrl+C, SIGTERM, SIGHUP), then exits with 128 +
 * the signal's number: what the bench started ends and its temporary folders go, as when it ends
 * by itself (a 5,000-offer run holds about 5 GB in them). A second signal, or a stop that takes
 * longer than 30 s, ends the bench at once.
 */
export function onStop(stop: () => unknown): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      const code = 128 + constants.signals[signal]
      console.error(`[bench] stopped by ${signal}; cleaning up …`)
      setTimeout(() => process.exit(code), 30_000).unref()
      Promise.resolve()
        .then(stop)
        .catch((err: unknown) => console.error(`[bench] clean-up failed: ${(err as Error).message}`))
        .finally(() => process.exit(code))
    })
  }
}
