/**
 * Times the phases of a build or deploy (export, build, index, …) for the log line, the
 * deploy record the admin shows, and the benchmarks. `time('build', fn)` runs `fn` and adds
 * its duration in milliseconds under "build", also when it throws.
 */
export function phaseTimer(): { phases: Record<string, number>; time: <T>(name: string, fn: () => Promise<T>) => Promise<T> } {
  const phases: Record<string, number> = {}
  const time = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const started = Date.now()
    try {
      return await fn()
    } finally {
      phases[name] = Date.now() - started
    }
  }
  return { phases, time }
}
