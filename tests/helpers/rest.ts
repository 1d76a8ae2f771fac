import { REST_DELETE, REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes'
import type { SanitizedConfig } from 'payload'

type Handler = (req: Request, ctx: { params: Promise<{ slug: string[] }> }) => Promise<Response>

/**
 * Calls Payload's REST route handlers (the same functions Next.js serves under /api) with real
 * `Request` objects, so the REST layer (auth cookies, CSRF, access, serialization) is tested
 * without starting a server.
 */
export class RestClient {
  private token: string | null = null
  private readonly handlers: Record<'GET' | 'POST' | 'PATCH' | 'DELETE', Handler>

  constructor(
    config: Promise<SanitizedConfig> | SanitizedConfig,
    private readonly origin = 'http://localhost:3000',
  ) {
    const c = Promise.resolve(config)
    this.handlers = { GET: REST_GET(c) as Handler, POST: REST_POST(c) as Handler, PATCH: REST_PATCH(c) as Handler, DELETE: REST_DELETE(c) as Handler }
  }

  async request(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
    const url = new URL(`/api${path}`, this.origin)
    const headers: Record<string, string> = { ...options.headers }
    // A FormData body goes as multipart (uploads, imports); anything else as JSON.
    const form = options.body instanceof FormData
    if (options.body !== undefined && !form) headers['Content-Type'] = 'application/json'
    if (this.token) headers.Authorization = `JWT ${this.token}`
    const body = options.body === undefined ? undefined : form ? (options.body as FormData) : JSON.stringify(options.body)
    const req = new Request(url, { method, headers, body })
    const slug = url.pathname
      .replace(/^\/api\//, '')
      .split('/')
      .filter(Boolean)
    return this.handlers[method](req, { params: Promise.resolve({ slug }) })
  }

  async json<T = Record<string, unknown>>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: T }> {
    const res = await this.request(method, path, options)
    return { status: res.status, body: (await res.json()) as T }
  }

  async login(email: string, password: string): Promise<number> {
    const { status, body } = await this.json<{ token?: string }>('POST', '/users/login', { body: { email, password } })
    this.token = body.token ?? null
    return status
  }

  logout(): void {
    this.token = null
  }
}
