import { readdirSync } from 'node:fs'
import path from 'node:path'

import { FEW, inThread, threadCount } from '../lib/threads'
import { turns } from '../lib/turns'
import { pageChecker } from './pageChecks.mjs'

export { inlineScriptsIn } from './pageChecks.mjs'

/**
 * The build-time page checks, in one pass over every HTML page: every internal `href`/`src`
 * must resolve to a file of the built site, and no page may carry a script the
 * Content-Security-Policy blocks (`serving.ts` allows scripts from files only): an inline
 * `<script>`, an `on…=` handler attribute or a `javascript:` URL would fail silently in the
 * reader's browser, so it fails the build instead. The checks of a page are in `pageChecks.mjs`.
 */
export interface PageProblems {
  /** "page → target" for each internal link that does not resolve. */
  brokenLinks: string[]
  /** "page: what" for each script the policy would block. */
  inlineScripts: string[]
  /** Each page on which one of the given internal notes appears. */
  internalNotes: string[]
}

/** Folders of a release whose files are no pages: Pagefind's, and the CMS's uploads (an upload named .html is never served as one). */
const NOT_PAGES = ['pagefind', 'media']

/** Whether a file of the release `outDir` is one of its pages, which `checkPages` checks. */
export const isPage = (outDir: string, file: string) => file.endsWith('.html') && !NOT_PAGES.includes(path.relative(outDir, file).split(path.sep)[0]!)

/**
 * Checks every page of the release `outDir`, or the given pages (those an incremental publish
 * rendered; the others passed when they were made), and looks for the internal `notes` on them
 * (the release's other files are searched by `checkRelease`, deploy/checks.ts). Many pages (a
 * full build) are shared out among worker threads, each taking a run of pages in file order, so
 * the problems come out in the same order as on one thread: the check of 18,163 pages at 1,000
 * offers took 2.0–2.4 s on one core, and meanwhile this thread runs the release's other checks
 * (`build.ts`).
 */
export async function checkPages(outDir: string, only?: string[], notes: string[] = []): Promise<PageProblems> {
  const pages: string[] = only ? [...only] : []
  const skip = new Set(NOT_PAGES.map((folder) => path.join(outDir, folder)))
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) {
        if (!skip.has(full)) walk(full)
      } else if (entry.name.endsWith('.html')) pages.push(full)
    }
  }
  if (!only) walk(outDir)
  const threads = threadCount()
  if (pages.length < FEW || threads < 2) {
    const { check, problems } = pageChecker(outDir, notes)
    // Long on a single core: the event loop gets a turn now and then (heartbeats, lib/turns.ts).
    const turn = turns()
    for (const page of pages) {
      await turn()
      check(page)
    }
    return problems
  }
  const size = Math.ceil(pages.length / threads)
  const runs = Array.from({ length: threads }, (_, i) => pages.slice(i * size, (i + 1) * size))
  const results = await Promise.all(runs.map((run) => inThread<PageProblems>(new URL('./pageChecks.mjs', import.meta.url), { lotsePageChecks: true, root: outDir, pages: run, notes })))
  return { brokenLinks: results.flatMap((r) => r.brokenLinks), inlineScripts: results.flatMap((r) => r.inlineScripts), internalNotes: results.flatMap((r) => r.internalNotes) }
}

/** Throws when the checks found a problem, naming the first few of each kind. */
export function failOnProblems(problems: PageProblems): void {
  const [noted, ...more] = problems.internalNotes
  if (noted) throw new Error(`the new site failed its checks: an internal note appears in ${noted.slice(1)}${more.length > 0 ? ` and ${more.length} more pages` : ''}`)
  if (problems.brokenLinks.length > 0) throw new Error(`${problems.brokenLinks.length} broken internal links, e.g. ${problems.brokenLinks.slice(0, 5).join(', ')}`)
  if (problems.inlineScripts.length > 0) {
    throw new Error(
      `${problems.inlineScripts.length} scripts the Content-Security-Policy blocks, e.g. ${problems.inlineScripts.slice(0, 3).join(', ')}. Put the code in a <script> Astro bundles (or a file in site/public/), not in is:inline or an attribute.`,
    )
  }
}

/** Internal links that do not resolve, as "page → target"; empty when all resolve. */
export async function checkLinks(outDir: string): Promise<string[]> {
  return (await checkPages(outDir)).brokenLinks
}
