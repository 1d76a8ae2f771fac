// @ts-check
import { createHash } from 'node:crypto'
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import react from '@astrojs/react'
import { defineConfig } from 'astro/config'

import { locales } from '@lotse/translations'

const require = createRequire(import.meta.url)

/**
 * Self-hosted fonts for the scripts phones most often lack, as the locale table names them:
 * Noto Sans Arabic (ar, fa, ps) and Noto Sans Ethiopic (ti; Debian's Chromium and many Android
 * phones show boxes without it). Latin and Cyrillic use the system font, which every phone has.
 * Copied from the @fontsource packages (their one-script subset, regular and bold) into
 * `/fonts/`, so nothing is loaded from a third party.
 */
const fonts = [...new Set(locales.map((l) => l.font).filter((f) => f !== null))].flatMap((font) => {
  const subset = font.replace(/^noto-sans-/, '')
  return ['400', '700'].map((weight) => [`@fontsource/${font}`, `${font}-${subset}-${weight}-normal.woff2`])
})

/** @returns {import('astro').AstroIntegration} */
function selfHostedFonts() {
  return {
    name: 'lotse-fonts',
    hooks: {
      'astro:build:done': ({ dir }) => {
        const out = path.join(fileURLToPath(dir), 'fonts')
        mkdirSync(out, { recursive: true })
        for (const [pkg, file] of fonts) {
          copyFileSync(path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'files', file), path.join(out, file))
        }
      },
    },
  }
}

/**
 * Astro writes the island runtime (the `astro-island` element) and each hydration directive
 * (`client:load`) as inline `<script>`s into every page with an island, and the
 * Content-Security-Policy allows scripts from files only (`scripts/src/site/serving.ts`). So
 * after the build each of those scripts moves into a file of its own, named by its content
 * (`/_astro/island-<sha256>.js`, cached like every asset and saved for offline use), in the
 * same place of the page: a classic script with `src` runs at the same moment, before the
 * island below it. Only Astro's own island scripts are moved; any other inline script still
 * fails the build's page check, so the policy stays the rule. Astro's `<style>` for the island
 * element, which it writes into the body where HTML allows no `<style>`, moves into the head.
 * @returns {import('astro').AstroIntegration}
 */
function externalIslandScripts() {
  const isIslandScript = (/** @type {string} */ code) => /astro-island|\(self\.Astro\|\|\(self\.Astro=\{\}\)\)/.test(code)
  return {
    name: 'lotse-external-island-scripts',
    hooks: {
      'astro:build:done': ({ dir }) => {
        const root = fileURLToPath(dir)
        const written = new Set()
        const pages = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'))
        for (const page of pages) {
          const file = path.join(root, page)
          const html = readFileSync(file, 'utf8')
          if (!html.includes('<astro-island')) continue
          const style = html.match(/<style>astro-island,[^<]*<\/style>/)?.[0]
          const rewritten = (style ? html.replace(style, '').replace('</head>', `${style}</head>`) : html).replace(/<script>([\s\S]*?)<\/script>/g, (whole, /** @type {string} */ code) => {
            if (!isIslandScript(code)) return whole
            const name = `island-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`
            if (!written.has(name)) {
              mkdirSync(path.join(root, '_astro'), { recursive: true })
              writeFileSync(path.join(root, '_astro', name), code)
              written.add(name)
            }
            return `<script src="/_astro/${name}"></script>`
          })
          writeFileSync(file, rewritten)
        }
      },
    },
  }
}

export default defineConfig({
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never', assets: '_astro' },
  compressHTML: true,
  devToolbar: { enabled: false },
  prefetch: false,
  integrations: [react(), selfHostedFonts(), externalIslandScripts()],
  vite: { build: { assetsInlineLimit: 0 } },
})
