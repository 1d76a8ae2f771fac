// @ts-check
import { createHash } from 'node:crypto'

const isIslandScript = (/** @type {string} */ code) => /astro-island|\(self\.Astro\|\|\(self\.Astro=\{\}\)\)/.test(code)

/**
 * Astro writes the island runtime (the `astro-island` element) and each hydration directive
 * (`client:load`) as inline `<script>`s into every page with an island, and the
 * Content-Security-Policy allows scripts from files only (`scripts/src/site/serving.ts`). So
 * each of those scripts moves into a file of its own, named by its content
 * (`/_astro/island-<sha256>.js`, cached like every asset and saved for offline use), in the
 * same place of the page: a classic script with `src` runs at the same moment, before the
 * island below it. Only Astro's own island scripts are moved; any other inline script still
 * fails the build's page check, so the policy stays the rule. Astro's `<style>` for the island
 * element, which it writes into the body where HTML allows no `<style>`, moves into the head.
 *
 * Used after the full build (astro.config.mjs) and by the incremental publisher for each page
 * it renders (scripts/src/site/publisher.ts). Returns the page unchanged when it has no island.
 * @param {string} html
 * @param {(name: string, code: string) => void} writeScript writes `/_astro/<name>`
 * @returns {string}
 */
export function externalizeIslandScripts(html, writeScript) {
  if (!html.includes('<astro-island')) return html
  const style = html.match(/<style>astro-island,[^<]*<\/style>/)?.[0]
  return (style ? html.replace(style, '').replace('</head>', `${style}</head>`) : html).replace(/<script>([\s\S]*?)<\/script>/g, (whole, /** @type {string} */ code) => {
    if (!isIslandScript(code)) return whole
    const name = `island-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`
    writeScript(name, code)
    return `<script src="/_astro/${name}"></script>`
  })
}
