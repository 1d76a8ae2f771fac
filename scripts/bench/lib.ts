import { readdirSync, readFileSync } from 'node:fs'

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
