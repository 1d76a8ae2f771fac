import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

/**
 * The build-time link check: every internal `href`/`src` in every HTML page must resolve to a
 * file of the built site. Returns the broken links as "page → target", empty when all resolve.
 */
export function checkLinks(outDir: string): string[] {
  const broken: string[] = []
  const pages: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) {
        if (entry.name !== 'pagefind') walk(full)
      } else if (entry.name.endsWith('.html')) pages.push(full)
    }
  }
  walk(outDir)
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
  for (const page of pages) {
    const html = readFileSync(page, 'utf8')
    for (const match of html.matchAll(/\s(?:href|src)="(\/[^"#?]*)/g)) {
      const target = match[1]!
      if (target.startsWith('//') || target === '/sw.js') continue
      if (!resolves(target)) broken.push(`/${path.relative(outDir, page).split(path.sep).join('/')} → ${target}`)
    }
  }
  return broken
}
