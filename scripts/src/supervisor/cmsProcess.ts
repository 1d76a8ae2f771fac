/**
 * Loaded into the Next.js process of `npm start` and `npm run dev` (`node --import`): makes the
 * CMS end within 10 s of SIGTERM or SIGINT.
 *
 * Why Next alone does not: `next start` answers SIGTERM by closing its HTTP server and waiting
 * for `server.close()`, which waits for every request still in flight, and only `next dev` also
 * closes open connections (next/dist/server/lib/start-server.js, Next 16.4). One client that
 * keeps a request open (a slow upload, a browser, a benchmark) holds the process up to Node's
 * `requestTimeout` of 300 s: measured on main, `npm start` with one half-sent request to
 * /api/users/login stopped listening on the CMS port at once and was still running 90 s later,
 * with the site still served and the first site build going on. Meanwhile Payload's job cron
 * kept running in this process, so a build could start, and after it a deploy process was
 * started ahead for the next publish, while the system was stopping.
 *
 * So, from the first stop signal on: the job worker takes no new job (`shouldAutoRun` in
 * cms/src/buildConfig.ts reads `LOTSE_JOBS` on every tick) and no deploy process is started
 * ahead (cms/src/publish/job.ts reads `LOTSE_DEPLOY_PRESTART` on every call); Next closes
 * its server as it does; what is still open after 10 s is named in the log and the process
 * exits. A build in progress is stopped at once and written back into the queue; should that
 * not finish, the exit handler (cms/src/publish/job.ts) kills it and the next start re-queues it. The supervisor's own deadline (15 s, then SIGKILL) stays as the last resort.
 *
 * Only built-in modules: it runs before Next loads anything, with type stripping.
 */
import { constants } from 'node:os'

const STOP_MS = 10_000

/** `process.getActiveResourcesInfo()` as "TCPSocketWrap ×3, Timeout ×2". */
function openResources(): string {
  const counts = new Map<string, number>()
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1)
  return [...counts].map(([kind, n]) => `${kind} ×${n}`).join(', ') || 'nothing'
}

let stopping = false
function onStop(signal: 'SIGTERM' | 'SIGINT'): void {
  const code = 128 + constants.signals[signal]
  // Before Next has installed its own handler (still starting), this listener would swallow
  // the signal that would otherwise have ended the process: end it as the default would.
  if (process.listenerCount(signal) === 1) process.exit(code)
  if (stopping) return
  stopping = true
  process.env.LOTSE_JOBS = 'off'
  process.env.LOTSE_DEPLOY_PRESTART = 'off'
  // A build in progress is stopped in order and written back into the queue (at most 3 s for
  // the build, 5 s for the record): cms/src/publish/job.ts registers its stop under this symbol.
  const hooks = (globalThis as { [key: symbol]: Set<(o: { graceMs: number }) => Promise<unknown>> | undefined })[Symbol.for('lotse.stopRunningDeploys')]
  for (const stop of hooks ?? []) void stop({ graceMs: 3000 }).catch(() => undefined)
  setTimeout(() => {
    console.error(`[lotse] the CMS did not end within ${STOP_MS / 1000} s of ${signal} (still open: ${openResources()}); ending it now`)
    process.exit(code)
  }, STOP_MS).unref()
}
process.on('SIGTERM', onStop)
process.on('SIGINT', onStop)
