// @ts-check
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import react from '@astrojs/react'
import { defineConfig } from 'astro/config'

import { locales } from '@lotse/translations'

import { externalizeIslandScripts } from './islandScripts.mjs'

const require = createRequire(import.meta.url)
const siteRoot = path.dirname(fileURLToPath(import.meta.url))

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
 * pages it renders. Only the pages of routes whose page file hydrates a component
 * (`client:load` …) are read: reading every page of a share for the few with an island took
 * 0.56–0.59 s of each Astro process at 1,000 offers (CPU profile). An island put into a shared
 * component instead would leave its scripts inline, and the build's page check fails on them.
 * @returns {import('astro').AstroIntegration}
 */
function externalIslandScripts() {
  /** @type {Set<string>} the routes (`/[locale]/search`) whose page file hydrates a component */
  const withIslands = new Set()
  return {
    name: 'lotse-external-island-scripts',
    hooks: {
      'astro:routes:resolved': ({ routes }) => {
        withIslands.clear()
        for (const route of routes) {
          if (route.origin !== 'project' || !route.entrypoint.endsWith('.astro')) continue
          if (/\sclient:[a-z]+/.test(readFileSync(path.join(siteRoot, route.entrypoint), 'utf8'))) withIslands.add(route.pattern)
        }
      },
      'astro:build:done': ({ dir, assets }) => {
        const root = fileURLToPath(dir)
        for (const [pattern, files] of assets) {
          if (!withIslands.has(pattern)) continue
          for (const file of files.map((url) => fileURLToPath(url))) {
            const html = readFileSync(file, 'utf8')
            const rewritten = externalizeIslandScripts(html, (name, code) => {
              mkdirSync(path.join(root, '_astro'), { recursive: true })
              writeFileSync(path.join(root, '_astro', name), code)
            })
            if (rewritten !== html) writeFileSync(file, rewritten)
          }
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
