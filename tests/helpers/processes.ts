import { readdirSync, readFileSync } from 'node:fs'

/**
 * Processes still running with `LOTSE_DATA_DIR=<dataDir>` in their environment (Linux /proc):
 * whatever a Lotse process started for that data folder, however deep (site builds, Astro,
 * Pagefind's binary). After a stop, none may remain: a build outliving its CMS writes on
 * into data/ unattended.
 */
export function processesFor(dataDir: string): number[] {
  const marker = `LOTSE_DATA_DIR=${dataDir}\0`
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'latin1').includes(marker)
      } catch {
        return false // gone meanwhile, or not ours to read
      }
    })
    .map(Number)
}

/** Waits up to `timeoutMs` for every process of `dataDir` to end; returns those still running. */
export async function waitForNoProcesses(dataDir: string, timeoutMs = 5_000): Promise<number[]> {
  const until = Date.now() + timeoutMs
  while (processesFor(dataDir).length > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100))
  return processesFor(dataDir)
}
