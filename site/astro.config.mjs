// @ts-check
import { copyFileSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { defineConfig } from 'astro/config'

const require = createRequire(import.meta.url)

/**
 * Self-hosted fonts for the scripts phones most often lack: Noto Sans Arabic (ar, fa, ps) and
 * Noto Sans Ethiopic (ti; Debian's Chromium and many Android phones show boxes without it).
 * Latin and Cyrillic use the system font, which every phone has. Copied from the @fontsource
 * packages into `/fonts/` so nothing is loaded from a third party.
 */
const fonts = [
  ['@fontsource/noto-sans-arabic', 'noto-sans-arabic-arabic-400-normal.woff2'],
  ['@fontsource/noto-sans-arabic', 'noto-sans-arabic-arabic-700-normal.woff2'],
  ['@fontsource/noto-sans-ethiopic', 'noto-sans-ethiopic-ethiopic-400-normal.woff2'],
  ['@fontsource/noto-sans-ethiopic', 'noto-sans-ethiopic-ethiopic-700-normal.woff2'],
]

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

export default defineConfig({
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never', assets: '_astro' },
  compressHTML: true,
  devToolbar: { enabled: false },
  prefetch: false,
  integrations: [selfHostedFonts()],
  vite: { build: { assetsInlineLimit: 0 } },
})
