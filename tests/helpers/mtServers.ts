import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A request a fake provider received. */
export interface Recorded {
  path: string
  headers: IncomingMessage['headers']
  body: Record<string, unknown>
}

/**
 * Local HTTP servers that implement the documented request and response shapes of DeepL API
 * v2 and LibreTranslate (the real services are unreachable here). They "translate" by
 * prefixing each text with the target language, leaving markup alone, and record every request.
 * `failWith` makes the next translate request answer with that HTTP status (or hang: 'hang').
 */
export class FakeProvider {
  readonly requests: Recorded[] = []
  failWith: number | 'hang' | null = null
  private server: Server | null = null
  url = ''

  constructor(private readonly kind: 'deepl' | 'libretranslate') {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let raw = ''
      req.on('data', (c) => (raw += c))
      req.on('end', () => {
        const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {}
        this.requests.push({ path: req.url ?? '', headers: req.headers, body })
        const send = (status: number, payload: unknown) => {
          res.writeHead(status, { 'Content-Type': 'application/json' })
          res.end(JSON.stringify(payload))
        }
        const isTranslate = req.url === '/v2/translate' || req.url === '/translate'
        const failure = this.failWith
        if (isTranslate && failure === 'hang') return
        if (isTranslate && typeof failure === 'number') return send(failure, { message: 'failure requested by the test' })
        if (this.kind === 'deepl') {
          if (req.headers.authorization !== 'DeepL-Auth-Key test-key') return send(403, { message: 'Forbidden' })
          if (req.url === '/v2/glossaries') return send(201, { glossary_id: 'gl-123', ready: true, entry_count: String(body.entries).split('\n').length })
          if (req.url === '/v2/translate') {
            const target = String(body.target_lang)
            return send(200, { translations: (body.text as string[]).map((t) => ({ detected_source_language: 'DE', text: `[${target}] ${t}` })) })
          }
        } else if (req.url === '/translate') {
          if (body.target === 'ti') return send(400, { error: 'ti is not supported' })
          return send(200, { translatedText: (body.q as string[]).map((t) => `[${String(body.target)}] ${t}`) })
        }
        send(404, { error: 'not found' })
      })
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve())
  }
}
