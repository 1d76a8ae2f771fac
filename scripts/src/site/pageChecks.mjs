/**
 * The work of `linkcheck.ts`: the checks of one page, and of a list of pages. Plain JavaScript,
 * so that it loads as a worker thread under any runner (tsx, vitest) and in the calling thread,
 * like `compressWorker.mjs`.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { isMainThread, parentPort, workerData } from 'node:worker_threads'

/** Script types a browser runs; any other type (JSON-LD) is a data block the policy leaves alone. */
const SCRIPT_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'module'])

/** The scripts in one page's HTML that the policy would block. */
export function inlineScriptsIn(html) {
  const found = []
  for (const match of html.matchAll(/<script\b([^>]*)>/gi)) {
    const attrs = match[1]
    if (/\ssrc\s*=/i.test(attrs)) continue
    const type = /\stype\s*=\s*["']?([^"'\s>]*)/i.exec(attrs)?.[1]?.toLowerCase() ?? ''
    if (SCRIPT_TYPES.has(type)) found.push(`inline <script${attrs}>`)
  }
  for (const match of html.matchAll(/<[a-z][^>]*?\s(on[a-z]+)\s*=/gi)) found.push(`${match[1].toLowerCase()}= handler attribute`)
  for (const match of html.matchAll(/\s(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:/gi)) found.push(`javascript: URL (${match[0].trim()})`)
  return found
}

/**
 * A checker of pages under `root`: call it with each page's path, and `problems` then holds what
 * failed, in that order. Whether a link target exists is asked once per target. `notes`: texts
 * that must appear on no page (contacts' internal notes, `internalNotes` of deploy/checks.ts),
 * looked for here because every page is read here anyway.
 */
export function pageChecker(root, notes = []) {
  const problems = { brokenLinks: [], inlineScripts: [], internalNotes: [] }
  const exists = new Map()
  const resolves = (target) => {
    let hit = exists.get(target)
    if (hit === undefined) {
      const file = path.join(root, decodeURIComponent(target))
      hit = target.endsWith('/') ? existsSync(path.join(file, 'index.html')) : existsSync(file)
      exists.set(target, hit)
    }
    return hit
  }
  const check = (page) => {
    const html = readFileSync(page, 'utf8')
    const name = `/${path.relative(root, page).split(path.sep).join('/')}`
    for (const match of html.matchAll(/\s(?:href|src)="(\/[^"#?]*)/g)) {
      const target = match[1]
      if (target.startsWith('//') || target === '/sw.js') continue
      if (!resolves(target)) problems.brokenLinks.push(`${name} → ${target}`)
    }
    for (const script of inlineScriptsIn(html)) problems.inlineScripts.push(`${name}: ${script}`)
    if (notes.some((note) => html.includes(note))) problems.internalNotes.push(name)
  }
  return { check, problems }
}

if (!isMainThread && workerData?.lotsePageChecks) {
  const { check, problems } = pageChecker(workerData.root, workerData.notes)
  for (const page of workerData.pages) check(page)
  parentPort.postMessage(problems)
}
