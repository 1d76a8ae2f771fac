import { existsSync } from 'node:fs'

import { run } from './proc'

/** Debian's nginx; `NGINX_PATH` points elsewhere. */
export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx'

/** Debian's brotli module for precompressed `.br` files (package libnginx-mod-http-brotli-static). */
export const BROTLI_STATIC_MODULE = process.env.NGINX_BROTLI_MODULE ?? '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so'

/**
 * Production serves the site with nginx, and the tests run the same checks against it
 * (tests/site/serving.test.ts). On a bare machine `npm test` installs Debian's `nginx` and
 * `libnginx-mod-http-brotli-static` with apt-get, as root, like Chromium; elsewhere it says
 * what to do. Debian starts the nginx service after installing it where services may start:
 * that daemon (which would hold port 80) is stopped again, the tests start their own.
 */
export async function ensureNginx(): Promise<void> {
  if (existsSync(NGINX) && existsSync(BROTLI_STATIC_MODULE)) return
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    throw new Error(
      `The serving tests need nginx at ${NGINX} with its brotli module at ${BROTLI_STATIC_MODULE}. Install them (Debian: apt-get install nginx libnginx-mod-http-brotli-static) or set NGINX_PATH and NGINX_BROTLI_MODULE.`,
    )
  }
  const serviceWasRunning = existsSync('/run/nginx.pid')
  console.log('[lotse] installing nginx for the serving tests (apt-get) …')
  await run('apt-get', ['update', '-qq'])
  await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'nginx', 'libnginx-mod-http-brotli-static'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  if (!serviceWasRunning && existsSync('/run/nginx.pid')) await run(NGINX, ['-s', 'quit'])
}
