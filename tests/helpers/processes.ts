import { readdirSync, readFileSync } from 'node:fs'

/**
 * Processes still running with `LOTSE_DATA_DIR=<dataDir>` in their environment (Linux /proc):
 * whatever a Lotse process started for that data folder, however deep (site builds, Astro,
 * Pagefind's binary). After a stop, none may remain: a build outliving its CMS writes on
 * into data/ unattended.
 */
export function processesFor(dataDir: string): string[] {
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
    .map((pid) => {
      try {
        return `${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').slice(0, 200)}`
      } catch {
        return pid
      }
    })
}

/** Waits up to `timeoutMs` for every process of `dataDir` to end; returns those still running (pid and command). */
export async function waitForNoProcesses(dataDir: string, timeoutMs = 10_000): Promise<string[]> {
  const until = Date.now() + timeoutMs
  while (processesFor(dataDir).length > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100))
  return processesFor(dataDir)
}

/** Kills (SIGKILL) every process of `dataDir` still running: the last line of a test's cleanup, after it has checked that none remained. */
export function killProcessesFor(dataDir: string): void {
  for (const line of processesFor(dataDir)) {
    try {
      process.kill(Number(line.split(' ')[0]), 'SIGKILL')
    } catch {
      // gone meanwhile
    }
  }
}

/** Whether a process with this id exists (signal 0 probes without sending anything). */
export function isAlive(pid: number | undefined): boolean {
  if (!pid) return false
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
