import { openSync, writeSync } from 'node:fs'

import { defineMiddleware } from 'astro:middleware'

import { type DepsLine, recordReads } from './lib/deps'
// The modules that register kinds of dependency keys, loaded with every page.
import './lib/content'
import { isSearchablePage } from './lib/searchIndex'

/**
 * A full build writes the dependency map of its pages (`LOTSE_DEPS_FILE`, one JSON line per
 * page: its URL, the keys it read and whether search indexes it, see lib/deps.ts) for its own
 * search index and for the incremental publisher, which renders pages itself and records them
 * the same way. Without the variable (a plain `astro build`, the preview) pages pass through
 * untouched.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const file = process.env.LOTSE_DEPS_FILE
  if (!file) return next()
  const { result, keys } = await recordReads(async () => {
    const response = await next()
    // A page Astro rendered to a string, as a static build does, was read in full before `next()`
    // returned: Astro then names its length. Any other body is read here, so reads while it
    // streams count too. (CPU profile of one Astro process at 1,000 offers: copying every page's
    // body cost 274 ms in undici, and the middleware's own work beside the render 1,115 ms
    // against 818 ms without the copy.)
    if (response.headers.has('content-length')) return response
    return new Response(await response.arrayBuffer(), response)
  })
  // Opened once per build, not once per page (CPU profile of one Astro process at 1,000 offers:
  // appending, an open and a close per page, took 0.36 s; writing to the open file 0.26–0.31 s);
  // the process's end closes it.
  if (deps?.file !== file) deps = { file, fd: openSync(file, 'a') }
  const line: DepsLine = { url: context.url.pathname, keys: [...keys].sort(), ...(isSearchablePage(context.locals) ? { searchable: true } : {}) }
  writeSync(deps.fd, JSON.stringify(line) + '\n')
  return result
})

/** The open dependency map (a build writes one file). */
let deps: { file: string; fd: number } | undefined
