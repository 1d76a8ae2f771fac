/**
 * REST requests exactly as a hostile client sends them: any path and query string, JSON or
 * multipart bodies, the session as a `JWT` header or as the `payload-token` cookie with an
 * `Origin` of the caller's choice. Like `rest.ts` it calls Payload's real route handlers (the
 * functions Next.js serves under /api) with `Request` objects, in process, without a server.
 * `rest.ts` keeps one signed-in user per client and JSON bodies only; the hostile suite sends
 * thousands of requests as six actors in turn, uploads files, and reads every answer as text
 * (to search it for canaries), which is why this is a separate, stateless client.
 */
import { REST_DELETE, REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes'
import type { SanitizedConfig } from 'payload'

type Handler = (req: Request, ctx: { params: Promise<{ slug: string[] }> }) => Promise<Response>
export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'

export interface RawRequest {
  method: Method
  /** Path below `/api`, with its query string: `/offers?draft=true&where[title][like]=x`. */
  path: string
  /** Sent as JSON. */
  json?: unknown
  /** Sent as multipart/form-data (uploads: `file` plus `_payload` with the JSON fields). */
  form?: FormData
  /** The session token; how it travels is `via`. */
  token?: string | null
  /** `header` (default): `Authorization: JWT …`; `cookie`: `payload-token` cookie plus `origin`. */
  via?: 'header' | 'cookie'
  /** `Origin` header (cookie sessions: Payload accepts the cookie only from its own origin). */
  origin?: string
  headers?: Record<string, string>
}

export interface RawResponse {
  status: number
  /** The body as text (JSON, an error page or file bytes read as text). */
  text: string
  /** The body parsed as JSON, or `undefined` when it is not JSON. */
  json: unknown
}

export class RawRest {
  private readonly handlers: Record<Method, Handler>

  constructor(
    config: Promise<SanitizedConfig> | SanitizedConfig,
    private readonly base = 'http://localhost:3000',
  ) {
    const c = Promise.resolve(config)
    this.handlers = { GET: REST_GET(c) as Handler, POST: REST_POST(c) as Handler, PATCH: REST_PATCH(c) as Handler, DELETE: REST_DELETE(c) as Handler }
  }

  async send(request: RawRequest): Promise<RawResponse> {
    const url = new URL(`/api${request.path}`, this.base)
    const headers: Record<string, string> = { ...request.headers }
    if (request.origin) headers.Origin = request.origin
    if (request.token) {
      if (request.via === 'cookie') headers.Cookie = `payload-token=${request.token}`
      else headers.Authorization = `JWT ${request.token}`
    }
    let body: string | FormData | undefined
    if (request.form) body = request.form
    else if (request.json !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(request.json)
    }
    const req = new Request(url, { method: request.method, headers, body })
    const slug = url.pathname
      .replace(/^\/api\//, '')
      .split('/')
      .filter(Boolean)
      .map((s) => decodeURIComponent(s))
    const res = await this.handlers[request.method](req, { params: Promise.resolve({ slug }) })
    const text = await res.text()
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    return { status: res.status, text, json }
  }

  /** Signs in over REST and returns the session token (fails loudly: every probe depends on it). */
  async login(email: string, password: string): Promise<string> {
    const res = await this.send({ method: 'POST', path: '/users/login', json: { email, password } })
    const token = (res.json as { token?: string } | undefined)?.token
    if (res.status !== 200 || !token) throw new Error(`login of ${email} answered ${res.status}: ${res.text.slice(0, 200)}`)
    return token
  }
}
