/**
 * The CMS's child processes (the deploy, the preview's renderer) each lead a process group of
 * their own (`detached`), so one signal reaches everything they started. How such a group is
 * signalled, stopped within a bound, and kept from holding the host alive while it waits.
 */
import type { ChildProcess } from 'node:child_process'

/** Between SIGTERM and SIGKILL. A deploy dies of SIGTERM at once; Astro within a second. */
export const STOP_GRACE_MS = 5_000

/** Signals the child and every process it started (its group); quiet when they are gone. */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!child.pid) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // the group is gone already
  }
}

/** SIGTERM to the group, SIGKILL after `graceMs`; resolves once the child has exited (`exited`). */
export function stopGroup(child: ChildProcess, exited: Promise<unknown>, graceMs = STOP_GRACE_MS): Promise<void> {
  signalGroup(child, 'SIGTERM')
  const kill = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs)
  return exited.then(() => clearTimeout(kill))
}

/**
 * Whether a child keeps its host's event loop alive. One waiting for work must not: a host with
 * nothing else left to do ends (and its exit handler ends the child); one at work does.
 */
export function holdHost(child: ChildProcess, hold: boolean): void {
  for (const handle of [child, child.channel, child.stdout, child.stderr] as ({ ref?: () => void; unref?: () => void } | null | undefined)[]) {
    if (hold) handle?.ref?.()
    else handle?.unref?.()
  }
}
