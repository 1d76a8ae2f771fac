/**
 * The launcher every part of `npm start` runs through (the Next.js CMS, its admin build, the
 * static site server): `node launcher.ts <command> [args…]`, started by the supervisor
 * (supervise.ts) as the leader of a new process group, with an IPC channel to it.
 *
 * It starts the command in its own group and stays beside it, so that the part ends when the
 * supervisor goes, however it goes: when the IPC channel closes (the supervisor was killed with
 * SIGKILL, or crashed before it could stop anything), it sends SIGTERM to the whole group and,
 * after 12 s, SIGKILL. The same deadline applies to a SIGTERM from
 * the supervisor, so a part that ignores SIGTERM or hangs in its shutdown (Next.js waits for
 * every open request, see cmsProcess.ts) still ends. A separate process rather than code
 * loaded into the part: it works for any command, and it acts even when the part's own event
 * loop is blocked.
 *
 * When the command ends, the launcher ends the same way (its exit code, or the same signal),
 * so the supervisor reports what really happened to the part.
 *
 * Plain Node with only built-in modules (run with type stripping, no tsx): nothing it loads can
 * fail, and it holds 64 MB resident (measured; most of it Node itself).
 */
import { spawn } from 'node:child_process'
import { constants } from 'node:os'

/** Longer than the CMS's own stop (10 s, cmsProcess.ts), shorter than the supervisor's (15 s). */
const graceMs = 12_000
const name = process.env.LOTSE_LAUNCH_NAME ?? 'part'
const [command, ...args] = process.argv.slice(2)
if (!command || !process.send) {
  console.error('[lotse] launcher.ts is started by the supervisor (scripts/src/supervisor/supervise.ts) with an IPC channel: node launcher.ts <command> [args…]')
  process.exit(2)
}

/** Signals every process of this group: the part, whatever it started in it, and the launcher. */
function signalGroup(signal: NodeJS.Signals): void {
  try {
    process.kill(-process.pid, signal)
  } catch {
    // the group is gone already
  }
}

let supervisorGone = false
let deadline: NodeJS.Timeout | undefined
/** From the first stop signal on, the part has `graceMs` to end; then the group is killed. */
function armDeadline(): void {
  deadline ??= setTimeout(() => {
    console.error(`[lotse] ${name} did not end within ${graceMs / 1000} s of being stopped; killing it (SIGKILL)`)
    signalGroup('SIGKILL')
  }, graceMs)
}

const child = spawn(command, args, { stdio: 'inherit' })

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  process.on(signal, () => {
    armDeadline()
    // The supervisor signals the whole group, so the part has it already; someone who signalled
    // only this process meant the part. A repeated signal is harmless to every part we run.
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
  })
}

process.on('disconnect', () => {
  supervisorGone = true
  console.error(`[lotse] ${name}: the supervisor (npm start) is gone; stopping`)
  signalGroup('SIGTERM')
})

child.on('error', (err) => {
  console.error(`[lotse] ${name} could not be started: ${err.message}`)
  process.exit(127)
})

child.on('exit', (code, signal) => {
  if (deadline) clearTimeout(deadline)
  // With the supervisor alive, it clears the group after this exit; without it, nobody would.
  if (supervisorGone) signalGroup('SIGKILL')
  if (signal) {
    // Die of the same signal, so the supervisor reads "signal SIGKILL", not an exit code.
    process.removeAllListeners(signal)
    process.kill(process.pid, signal)
    setTimeout(() => process.exit(128 + (constants.signals[signal] ?? 0)), 1000)
    return
  }
  process.exit(code ?? 1)
})
