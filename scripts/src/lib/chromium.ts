import { existsSync } from 'node:fs'

import { run } from './proc'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * Browser tests drive Debian's Chromium (Playwright's own browser downloads are blocked here).
 * On a bare machine `npm test` installs it with apt-get, as root; elsewhere it says what to do.
 */
export async function ensureChromium(): Promise<void> {
  if (existsSync(CHROMIUM)) return
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    throw new Error(`Browser tests need Chromium at ${CHROMIUM}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`)
  }
  console.log('[lotse] installing Chromium for the browser tests (apt-get) …')
  await run('apt-get', ['update', '-qq'])
  await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
}
