import { existsSync } from 'node:fs'

import { run } from './proc'

/** Debian's Java; `JAVA_PATH` points elsewhere. */
export const JAVA = process.env.JAVA_PATH ?? '/usr/bin/java'

/**
 * The Nu HTML Checker (npm `vnu-jar`, tests/site/html-validity.test.ts) is a Java program, and
 * its own downloader fetches a Java from the network, which is closed here. On a bare machine
 * `npm test` installs Debian's `default-jre-headless` with apt-get, as root, like Chromium;
 * elsewhere it says what to do.
 */
export async function ensureJava(): Promise<void> {
  if (existsSync(JAVA)) return
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    throw new Error(`The HTML validity test needs Java at ${JAVA}. Install it (Debian: apt-get install default-jre-headless) or set JAVA_PATH.`)
  }
  console.log('[lotse] installing Java for the Nu HTML Checker (apt-get) …')
  await run('apt-get', ['update', '-qq'])
  await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'default-jre-headless'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
}
