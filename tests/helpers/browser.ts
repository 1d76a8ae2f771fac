import { existsSync } from 'node:fs'
import { chromium, type Browser, type Page } from 'playwright-core'

/** Debian's Chromium; `npm test` installs it when missing (scripts/src/lib/chromium.ts). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * Launches headless Chromium with the flags this machine needs: no sandbox (tests run as
 * root), and no background networking, whose connections the closed network refuses.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}; run the tests through npm test, which installs it.`)
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  })
}

/** Waits until the search page has answered: its status line says something other than "searching…". */
export async function searchAnswered(page: Page, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const status = document.getElementById('search-status')?.textContent ?? ''
      return status !== '' && !status.includes('…')
    },
    undefined,
    { timeout },
  )
}
