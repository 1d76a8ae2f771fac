import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import path from 'node:path'
import { createGzip } from 'node:zlib'

import { isLocaleCode } from '@lotse/translations'

/**
 * Serves the live static site (`DEPLOY_DIR`, a symlink the deploy swaps atomically). The link
 * is resolved per request, so a request is answered entirely from one release. Unknown paths
 * of a locale get that locale's 404 page with status 404. Text is gzipped; hashed assets are
 * cached for a year, pages revalidate. The headers forbid every third-party source (DSGVO).
 */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.pagefind': 'application/octet-stream',
}
const COMPRESSIBLE = /^(text\/|application\/(json|xml|manifest\+json)|image\/svg)/

const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'geolocation=(), camera=(), microphone=()',
}

function resolveFile(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  const target = path.normalize(path.join(root, decoded))
  if (target !== root && !target.startsWith(root + path.sep)) return null
  if (!existsSync(target)) return null
  const stat = statSync(target)
  if (stat.isDirectory()) {
    const index = path.join(target, 'index.html')
    return existsSync(index) ? index : null
  }
  return target
}

function send(req: IncomingMessage, res: ServerResponse, file: string, status = 200): void {
  const ext = path.extname(file)
  const type = TYPES[ext] ?? 'application/octet-stream'
  const rel = file.split(path.sep).join('/')
  const immutable = rel.includes('/_astro/') || rel.includes('/fonts/') || /\.pf_\w+$|\.pagefind$/.test(rel) || rel.includes('/media/')
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'Content-Type': type,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  }
  if (rel.endsWith('/sw.js')) headers['Service-Worker-Allowed'] = '/'
  const gzip = COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
  if (gzip) {
    headers['Content-Encoding'] = 'gzip'
    headers.Vary = 'Accept-Encoding'
  } else headers['Content-Length'] = String(statSync(file).size)
  res.writeHead(status, headers)
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  const stream = createReadStream(file)
  if (gzip) stream.pipe(createGzip()).pipe(res)
  else stream.pipe(res)
}

/** While no release is live yet (the first build runs after start), say so instead of failing. */
const BUILDING = `<!doctype html><html lang="de"><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>Lotse</title><p>Die Website wird gerade gebaut … <span lang="en">The website is being built …</span></p></html>`

export function serveSite(liveDir: string, port: number, host = '0.0.0.0'): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end()
      return
    }
    let root: string
    try {
      root = realpathSync(liveDir)
    } catch {
      res.writeHead(503, { 'Content-Type': 'text/html; charset=utf-8', 'Retry-After': '5' }).end(BUILDING)
      return
    }
    const url = new URL(req.url ?? '/', 'http://localhost')
    // Directory URLs end in a slash (the site's canonical form); add it when missing.
    if (!path.extname(url.pathname) && !url.pathname.endsWith('/') && resolveFile(root, url.pathname + '/')) {
      res.writeHead(301, { Location: url.pathname + '/' + url.search }).end()
      return
    }
    const file = resolveFile(root, url.pathname)
    if (file) return send(req, res, file)
    const locale = url.pathname.split('/')[1]
    const notFound = (isLocaleCode(locale) && resolveFile(root, `/${locale}/404/`)) || resolveFile(root, '/404.html')
    if (notFound) return send(req, res, notFound, 404)
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found')
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve(server))
  })
}
