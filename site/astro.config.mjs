// @ts-check
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import react from '@astrojs/react'
import { defineConfig } from 'astro/config'

import { locales } from '@lotse/translations'

import { externalizeIslandScripts } from './islandScripts.mjs'

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
 * Astro's inline island scripts move into files of their own after the build
 * (`islandScripts.mjs`, which also says why); the incremental publisher does the same for the
 * pages it renders.
 * @returns {import('astro').AstroIntegration}
 */
function externalIslandScripts() {
  return {
    name: 'lotse-external-island-scripts',
    hooks: {
      'astro:build:done': ({ dir }) => {
        const root = fileURLToPath(dir)
        const pages = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'))
        for (const page of pages) {
          const file = path.join(root, page)
          const bytes = readFileSync(file)
          // Few pages have an island: the others are not decoded (CPU profile of one Astro
          // process at 1,000 offers: this hook took 0.70 s decoding every page, 0.56–0.59 s so).
          if (!bytes.includes('<astro-island')) continue
          const html = bytes.toString('utf8')
          const rewritten = externalizeIslandScripts(html, (name, code) => {
            mkdirSync(path.join(root, '_astro'), { recursive: true })
            writeFileSync(path.join(root, '_astro', name), code)
          })
          if (rewritten !== html) writeFileSync(file, rewritten)
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
