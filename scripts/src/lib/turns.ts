/**
 * Long loops on the main thread (the checks read every page: 16.7 s at 5,044 offers, `npm run
 * bench:publish -- 5000 3`) give the event loop a turn now and then, so the deploy's heartbeats
 * go out: a deploy silent for 30 s is taken for hung and stopped (cms/src/publish/deployProcess.ts).
 *
 *   const turn = turns()
 *   for (const page of pages) { …; await turn() }
 */
import { setImmediate } from 'node:timers/promises'

/** A function to await after each step: every `everyMs` it lets pending events run. */
export function turns(everyMs = 100): () => Promise<void> {
  let since = Date.now()
  return async () => {
    if (Date.now() - since < everyMs) return
    await setImmediate()
    since = Date.now()
  }
}
