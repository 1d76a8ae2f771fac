import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { turns } from '../lib/turns'

/**
 * The build-time page checks, in one pass over every HTML page: every internal `href`/`src`
 * must resolve to a file of the built site, and no page may carry a script the
 * Content-Security-Policy blocks (`serving.ts` allows scripts from files only): an inline
 * `<script>`, an `on…=` handler attribute or a `javascript:` URL would fail silently in the
 * reader's browser, so it fails the build instead.
 */
export interface PageProblems {
  /** "page → target" for each internal link that does not resolve. */
  brokenLinks: string[]
  /** "page: what" for each script the policy would block. */
  inlineScripts: string[]
}

/** Script types a browser runs; any other type (JSON-LD) is a data block the policy leaves alone. */
const SCRIPT_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'module'])

/** The scripts in one page's HTML that the policy would block. */
export function inlineScriptsIn(html: string): string[] {
  const found: string[] = []
  for (const match of html.matchAll(/<script\b([^>]*)>/gi)) {
    const attrs = match[1]!
    if (/\ssrc\s*=/i.test(attrs)) continue
    const type = /\stype\s*=\s*["']?([^"'\s>]*)/i.exec(attrs)?.[1]?.toLowerCase() ?? ''
    if (SCRIPT_TYPES.has(type)) found.push(`inline <script${attrs}>`)
  }
  for (const match of html.matchAll(/<[a-z][^>]*?\s(on[a-z]+)\s*=/gi)) found.push(`${match[1]!.toLowerCase()}= handler attribute`)
  for (const match of html.matchAll(/\s(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:/gi)) found.push(`javascript: URL (${match[0].trim()})`)
  return found
}

export async function checkPages(outDir: string, only?: string[]): Promise<PageProblems> {
  const problems: PageProblems = { brokenLinks: [], inlineScripts: [] }
  // The pages an incremental publish rendered; the others passed when they were made.
  const pages: string[] = only ? [...only] : []
  // Pagefind's files and the CMS's uploads are no pages (an upload named .html is never served as one).
  const skip = new Set([path.join(outDir, 'pagefind'), path.join(outDir, 'media')])
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) {
        if (!skip.has(full)) walk(full)
      } else if (entry.name.endsWith('.html')) pages.push(full)
    }
  }
  if (!only) walk(outDir)
  const exists = new Map<string, boolean>()
  const resolves = (target: string) => {
    let hit = exists.get(target)
    if (hit === undefined) {
      const file = path.join(outDir, decodeURIComponent(target))
      hit = target.endsWith('/') ? existsSync(path.join(file, 'index.html')) : existsSync(file)
      exists.set(target, hit)
    }
    return hit
  }
  const turn = turns()
  for (const page of pages) {
    await turn()
    const html = readFileSync(page, 'utf8')
    const name = `/${path.relative(outDir, page).split(path.sep).join('/')}`
    for (const match of html.matchAll(/\s(?:href|src)="(\/[^"#?]*)/g)) {
      const target = match[1]!
      if (target.startsWith('//') || target === '/sw.js') continue
      if (!resolves(target)) problems.brokenLinks.push(`${name} → ${target}`)
    }
    for (const script of inlineScriptsIn(html)) problems.inlineScripts.push(`${name}: ${script}`)
  }
  return problems
}

/** Throws when the checks found a problem, naming the first few of each kind. */
export function failOnProblems(problems: PageProblems): void {
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
