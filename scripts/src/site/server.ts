/**
 * The built-in server of the live static site (`DEPLOY_DIR`, a symlink the deploy swaps
 * atomically), used by `npm start` and the tests; production serves the same release with
 * nginx (`nginx.ts`). Both follow the rule table in `serving.ts`: headers, types, caching,
 * media allow-list, per-locale 404 pages, precompressed copies.
 *
 * No request can end the process: every answer comes out of one guarded path, a malformed
 * request line or header is answered by the `clientError` handler, and any unexpected error
 * becomes a 500 for that request alone. The link is resolved per request and each file is
 * served from an open descriptor, so a release switched or deleted mid-request still completes
 * the answer it began.
 *
 * Written by hand rather than with `sirv` (measured against its source, 3.0): sirv reads the
 * file list once at start in production mode (a release switch is invisible), pipes a read
 * stream without an error handler (a file deleted between its stat and its open throws out
 * of the process), adds `.html` fallbacks instead of the trailing-slash redirect, takes the
 * type from its own table and ignores `q=0` in Accept-Encoding. The rules here are about 150
 * lines and the same table drives the nginx config.
 */
import { constants } from 'node:fs'
import { open, realpath, type FileHandle } from 'node:fs/promises'
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'

import { COMPRESSIBLE_EXTENSIONS, contentType, ENCODINGS, headersFor, notFoundPage, ruleFor, SECURITY_HEADERS } from './serving'

/** Longest request target accepted (nginx's default header buffer is 8 KB: it answers 414 too). */
const MAX_TARGET = 8192

/** While no release is live yet (the first build runs after start), say so instead of failing. */
const BUILDING = `<!doctype html><html lang="de"><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>Lotse</title><p>Die Website wird gerade gebaut … <span lang="en">The website is being built …</span></p></html>`

class HttpError extends Error {
  constructor(readonly status: number) {
    super(STATUS_CODES[status])
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * The request target as nginx sees it: percent-decoded (invalid escapes, NUL and invalid UTF-8
 * refused), repeated slashes merged, `.` and `..` resolved (above the root refused). Returns
 * the path with a trailing slash kept, and the raw query.
 */
export function parseTarget(target: string): { path: string; query: string } {
  if (target.length > MAX_TARGET) throw new HttpError(414)
  if (!target.startsWith('/')) throw new HttpError(400)
  const q = target.indexOf('?')
  const raw = q === -1 ? target : target.slice(0, q)
  const query = q === -1 ? '' : target.slice(q + 1)
  const bytes: number[] = []
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i)
    if (c === 0x25) {
      const hex = raw.slice(i + 1, i + 3)
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new HttpError(400)
      bytes.push(parseInt(hex, 16))
      i += 2
    } else if (c > 0xff) throw new HttpError(400)
    else bytes.push(c)
  }
  let decoded: string
  try {
    decoded = utf8.decode(Uint8Array.from(bytes))
  } catch {
    throw new HttpError(400)
  }
  if (decoded.includes('\0')) throw new HttpError(400)
  const segments: string[] = []
  const parts = decoded.split('/')
  for (const part of parts) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (segments.length === 0) throw new HttpError(400)
      segments.pop()
    } else segments.push(part)
  }
  const last = parts[parts.length - 1]
  const dirForm = last === '' || last === '.' || last === '..'
  return { path: '/' + segments.join('/') + (dirForm && segments.length > 0 ? '/' : ''), query }
}

/** Characters a Location header carries as they are; every other byte is percent-escaped. */
const PATH_CHARS = /[A-Za-z0-9\-._~!$&'()*+,;=:@/]/
const QUERY_CHARS = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]/

function escapeBytes(bytes: Uint8Array, keep: RegExp): string {
  let out = ''
  for (const b of bytes) {
    const c = String.fromCharCode(b)
    out += keep.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

/** Which encodings the client takes; `q=0` refuses (as nginx reads it). */
function accepts(header: string | undefined, name: string): boolean {
  if (!header) return false
  return header.split(',').some((part) => {
    const [token = '', ...params] = part.split(';').map((s) => s.trim())
    if (token.toLowerCase() !== name) return false
    const q = params.find((p) => /^q=/i.test(p))
    return !q || Number(q.slice(2)) > 0
  })
}

const NOT_FOUND = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'ENAMETOOLONG', 'ELOOP', 'EACCES', 'EPERM', 'EINVAL'])

/** Opens a regular file or directory for reading; null when there is none (or not ours to read). */
async function openFile(file: string): Promise<{ handle: FileHandle; size: number; dir: boolean } | null> {
  let handle: FileHandle
  try {
    // O_NONBLOCK: a FIFO in a release must not hang the thread pool on open.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (err) {
    if (NOT_FOUND.has((err as NodeJS.ErrnoException).code ?? '')) return null
    throw err
  }
  try {
    const stat = await handle.stat()
    if (stat.isFile() || stat.isDirectory()) return { handle, size: stat.size, dir: stat.isDirectory() }
  } catch (err) {
    await handle.close()
    throw err
  }
  await handle.close()
  return null
}

/**
 * Serves one file of the release with the headers of its rule. Answers 'dir' for a directory
 * and 'missing' when there is nothing to serve (absent, or refused by its rule).
 */
async function sendFile(req: IncomingMessage, res: ServerResponse, root: string, urlPath: string, status: number): Promise<'sent' | 'dir' | 'missing'> {
  const rule = ruleFor(urlPath)
  if (rule?.deny) return 'missing'
  const file = path.join(root, urlPath)
  const found = await openFile(file)
  if (!found) return 'missing'
  if (found.dir) {
    await found.handle.close()
    return 'dir'
  }
  let { handle, size } = found
  try {
    const headers: Record<string, string> = { ...headersFor(rule), 'Content-Type': contentType(urlPath, rule?.types) }
    if (COMPRESSIBLE_EXTENSIONS.has(path.extname(urlPath).slice(1).toLowerCase())) {
      // Precompressed copies written at build time (compress.ts), preferred in ENCODINGS order.
      for (const { name, suffix } of ENCODINGS) {
        const variant = await openFile(file + suffix)
        if (!variant) continue
        if (!variant.dir) headers.Vary = 'Accept-Encoding'
        if (variant.dir || headers['Content-Encoding'] || !accepts(req.headers['accept-encoding'], name)) {
          await variant.handle.close()
          continue
        }
        await handle.close()
        ;({ handle, size } = variant)
        headers['Content-Encoding'] = name
      }
    }
    headers['Content-Length'] = String(size)
    res.writeHead(status, headers)
    if (req.method === 'HEAD' || res.destroyed) res.end()
    // From the open descriptor: it stays valid when the release is switched or deleted
    // meanwhile. A reader that goes away mid-answer ends the pipeline, nothing else.
    else await pipeline(handle.createReadStream({ autoClose: false }), res).catch(() => res.destroy())
  } finally {
    // Closed here on every path: a pipeline into a response already destroyed (the client
    // left) does not close its source; the fuzz test found one descriptor leaked per such request.
    await handle.close().catch(() => undefined)
  }
  return 'sent'
}

function plain(res: ServerResponse, status: number, extra: Record<string, string> = {}, body = STATUS_CODES[status] ?? ''): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Cache-Control': 'no-cache', 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)), ...extra })
  res.end(body)
}

/** How often a request resolves the live link again when it moved while the file was missing. */
const MAX_RESOLVE_ATTEMPTS = 8

async function handle(liveDir: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, { Allow: 'GET, HEAD' })
  const { path: urlPath, query } = parseTarget(req.url ?? '')
  // A deploy may switch the link, and delete the old release, between resolving and opening:
  // then resolve again, while the link keeps moving (a few times: on a loaded machine, with
  // releases switched every 30 ms in the test, one retry also met a deleted release).
  for (let attempt = 0; ; attempt++) {
    const root = await resolveLive(liveDir)
    if (root === null) {
      res.writeHead(503, { ...SECURITY_HEADERS, 'Cache-Control': 'no-cache', 'Content-Type': 'text/html; charset=utf-8', 'Retry-After': '5' }).end(BUILDING)
      return
    }
    const dirForm = urlPath.endsWith('/')
    const found = await sendFile(req, res, root, dirForm ? `${urlPath}index.html` : urlPath, 200)
    if (found === 'sent') return
    if (found === 'dir' && !dirForm) {
      // Directory URLs end in a slash (the site's canonical form). A relative Location from the
      // normalized path: `//evil.com` was merged to `/evil.com`, so it never leaves the site.
      // The path is re-escaped from its decoded form (a decoded `?` must not start a query);
      // the query goes on as the client sent it, its escapes kept.
      const location = escapeBytes(Buffer.from(`${urlPath}/`, 'utf8'), PATH_CHARS) + (query ? `?${escapeBytes(Buffer.from(query, 'latin1'), QUERY_CHARS)}` : '')
      return plain(res, 301, { Location: location })
    }
    if (attempt < MAX_RESOLVE_ATTEMPTS && (await resolveLive(liveDir)) !== root) continue
    if ((await sendFile(req, res, root, notFoundPage(urlPath), 404)) === 'sent') return
    if ((await sendFile(req, res, root, '/404.html', 404)) === 'sent') return
    return plain(res, 404)
  }
}

/** The release the live link points to now, or null while there is none. */
async function resolveLive(liveDir: string): Promise<string | null> {
  try {
    return await realpath(liveDir)
  } catch {
    return null
  }
}

/** Answers a request the parser refused (bad request line or header, too large, timeout). */
function onClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  const busy = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent
  if (err.code === 'ECONNRESET' || !socket.writable || busy) {
    socket.destroy()
    return
  }
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
}

export function serveSite(liveDir: string, port: number, host = '0.0.0.0'): Promise<Server> {
  const server = createServer({ headersTimeout: 10_000, requestTimeout: 30_000 }, (req, res) => {
    handle(liveDir, req, res).catch((err: unknown) => {
      if (err instanceof HttpError) {
        if (!res.headersSent) plain(res, err.status, { Connection: 'close' })
        else res.destroy()
        return
      }
      console.error(`[site] ${req.method} ${JSON.stringify(req.url?.slice(0, 200))}: ${err instanceof Error ? err.message : String(err)}`)
      if (!res.headersSent) plain(res, 500, { Connection: 'close' })
      else res.destroy()
    })
  })
  server.on('clientError', onClientError)
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      // After start, a failing listener (e.g. too many open files on accept) is logged, never thrown.
      server.on('error', (err) => console.error(`[site] server error: ${err.message}`))
      resolve(server)
    })
  })
}
