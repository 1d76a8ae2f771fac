import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { freePorts } from '../helpers/ports'
import { killProcessesFor, waitForNoProcesses } from '../helpers/processes'

/**
 * `NODE_ENV=production npm start`, the real task with the real Next.js server: it refuses to
 * start without the settings production needs (naming the variable, starting nothing), and
 * with them it hardens the session cookie, seeds no demo content, writes no development login,
 * refuses cookie-authenticated writes from other origins (CSRF) and serves no GraphQL.
 * The site build is left to a separate worker here (`LOTSE_JOBS=off`): this file is about the
 * CMS, and a build would only add a minute of load.
 */
const root = path.resolve(import.meta.dirname, '../..')
const folders: string[] = []
const SECRET = 'x'.repeat(20) + 'production-secret-32+' // 41 characters
const ADMIN = { email: 'it@landkreis.example', password: 'ein langes Passwort 2026' }

interface Run {
  child: ChildProcess
  output: () => string
  /** Resolves when "Lotse is running" was printed; rejects when the process exits first. */
  ready: Promise<void>
  exited: Promise<number | null>
}

/** `npm start` in production on a fresh data folder, with `settings` on top of a clean environment. */
async function startProduction(settings: Record<string, string>, dataDir = mkdtempSync(path.join(tmpdir(), 'lotse-production-'))): Promise<Run & { dataDir: string; port: number; sitePort: number }> {
  folders.push(dataDir)
  const free = await freePorts('cms', 'site')
  const [port, sitePort] = [Number(settings.PORT ?? free.cms), Number(settings.SITE_PORT ?? free.site)]
  const env: NodeJS.ProcessEnv = { ...process.env }
  // Nothing of the test runner's or the developer's own settings may decide the outcome.
  for (const key of ['LOTSE_PRODUCTION', 'PAYLOAD_SECRET', 'SERVER_URL', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'DATABASE_URI', 'SEED_DEMO', 'DEPLOY_DIR']) delete env[key]
  Object.assign(env, { NODE_ENV: 'production', LOTSE_DATA_DIR: dataDir, PORT: String(port), SITE_PORT: String(sitePort), LOTSE_JOBS: 'off' }, settings)
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/src/cli.ts'), 'start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Lotse is running')) resolve()
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    void exited.then((code) => reject(new Error(`npm start exited with ${code} before it was ready:\n${output.slice(-3000)}`)))
  })
  ready.catch(() => undefined)
  return { child, output: () => output, ready, exited, dataDir, port, sitePort }
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })

afterAll(() => {
  for (const folder of folders) {
    killProcessesFor(folder)
    rmSync(folder, { recursive: true, force: true })
  }
})

describe('a production start refuses what production needs set', () => {
  /** Starts with `settings`, expects a refusal naming `variable`, and that nothing was started or written. */
  async function expectRefusal(settings: Record<string, string>, variable: RegExp) {
    const run = await startProduction(settings)
    expect(await run.exited).toBe(1)
    expect(run.output()).toMatch(variable)
    expect(run.output()).not.toContain('Lotse is running')
    expect(run.output()).not.toContain('Next.js')
    expect(await listening(run.port)).toBe(false)
    expect(await listening(run.sitePort)).toBe(false)
    expect(existsSync(path.join(run.dataDir, 'cms.db'))).toBe(false)
    expect(await waitForNoProcesses(run.dataDir, 2000)).toEqual([])
  }
  const base = (port = 1) => ({ PAYLOAD_SECRET: SECRET, SERVER_URL: `https://cms.landkreis.example:${port}`, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password })

  it('refuses a PAYLOAD_SECRET shorter than 32 characters', { timeout: 60_000 }, async () => {
    await expectRefusal({ ...base(), PAYLOAD_SECRET: 'a'.repeat(31) }, /PAYLOAD_SECRET must be at least 32 characters/)
  })

  it('refuses to start without PAYLOAD_SECRET', { timeout: 60_000 }, async () => {
    const { PAYLOAD_SECRET: _omitted, ...settings } = base()
    await expectRefusal(settings, /PAYLOAD_SECRET is not set/)
  })

  it('refuses to start without SERVER_URL', { timeout: 60_000 }, async () => {
    const { SERVER_URL: _omitted, ...settings } = base()
    await expectRefusal(settings, /SERVER_URL is not set/)
  })

  it('refuses to start without ADMIN_EMAIL on a new database', { timeout: 60_000 }, async () => {
    const { ADMIN_EMAIL: _omitted, ...settings } = base()
    await expectRefusal(settings, /ADMIN_EMAIL and ADMIN_PASSWORD/)
  })

  it('refuses to start without ADMIN_PASSWORD on a new database', { timeout: 60_000 }, async () => {
    const { ADMIN_PASSWORD: _omitted, ...settings } = base()
    await expectRefusal(settings, /ADMIN_EMAIL and ADMIN_PASSWORD/)
  })
})

describe('a production start with everything set', () => {
  let run: Awaited<ReturnType<typeof startProduction>>
  let cms = ''
  /** The session cookie as the browser would send it back (`payload-token=…`). */
  let cookie = ''
  let setCookie = ''
  let token = ''

  beforeAll(async () => {
    const { cms: port, site: sitePort } = await freePorts('cms', 'site')
    cms = `http://127.0.0.1:${port}`
    run = await startProduction({ PAYLOAD_SECRET: SECRET, SERVER_URL: cms, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, PORT: String(port), SITE_PORT: String(sitePort) })
    await run.ready
    const res = await fetch(`${cms}/api/users/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: cms }, body: JSON.stringify(ADMIN) })
    expect(res.status).toBe(200)
    setCookie = res.headers.get('set-cookie') ?? ''
    cookie = setCookie.split(';')[0]!
    token = ((await res.json()) as { token: string }).token
  }, 600_000)

  // A failing test shows what the system printed last (its own output goes to a pipe).
  beforeEach(({ onTestFailed }) => onTestFailed(() => console.error(`npm start printed (last 6,000 characters):\n${run?.output().slice(-6000)}`)))

  afterAll(async () => {
    if (run && run.child.exitCode === null) {
      run.child.kill('SIGTERM')
      await run.exited
    }
  }, 30_000)

  it('marks the session cookie Secure and HttpOnly', () => {
    expect(cookie).toMatch(/^payload-token=./)
    expect(setCookie).toMatch(/;\s*Secure/i)
    expect(setCookie).toMatch(/;\s*HttpOnly/i)
  })

  it('seeds no demo content', async () => {
    for (const collection of ['offers', 'contacts', 'events', 'reports', 'pages']) {
      const found = (await (await fetch(`${cms}/api/${collection}?limit=1&depth=0&draft=true&where[demo][equals]=true`, { headers: { Authorization: `JWT ${token}` } })).json()) as {
        totalDocs: number
      }
      expect({ collection, demo: found.totalDocs }).toEqual({ collection, demo: 0 })
    }
  })

  it('seeds the concept measures, which are not demo content', async () => {
    const measures = (await (await fetch(`${cms}/api/measures?limit=1&where[level][equals]=measure`)).json()) as { totalDocs: number }
    expect(measures.totalDocs).toBeGreaterThanOrEqual(14)
  })

  it('writes and prints no development login', () => {
    expect(existsSync(path.join(run.dataDir, 'dev-login.json'))).toBe(false)
    expect(run.output()).not.toContain('Password ')
    expect(run.output()).toContain(`Login       ${ADMIN.email} (from ADMIN_EMAIL)`)
  })

  describe('CSRF: writes with the session cookie count only from the CMS origin', () => {
    const evil = 'https://evil.example'
    const glossary = async (term: string) =>
      (await (await fetch(`${cms}/api/glossary?depth=0&where[term][equals]=${encodeURIComponent(term)}`, { headers: { Authorization: `JWT ${token}` } })).json()) as {
        docs: { id: number; note?: string | null }[]
      }
    /** Creates an entry with the JWT header (no cookie, no CSRF check involved). */
    const createEntry = async (term: string) => {
      const res = await fetch(`${cms}/api/glossary`, { method: 'POST', headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ term }) })
      expect(res.status).toBe(201)
      return ((await res.json()) as { doc: { id: number } }).doc.id
    }
    const withCookie = (method: string, origin: string, body?: unknown) => ({
      method,
      headers: { Cookie: cookie, Origin: origin, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })

    it('refuses a create from another origin', async () => {
      const res = await fetch(`${cms}/api/glossary`, withCookie('POST', evil, { term: 'Fremdherkunft' }))
      expect(res.status).toBe(403)
      expect((await glossary('Fremdherkunft')).docs).toEqual([])
    })

    it('refuses a change from another origin', async () => {
      const id = await createEntry('Änderungsziel')
      const res = await fetch(`${cms}/api/glossary/${id}`, withCookie('PATCH', evil, { note: 'von außen' }))
      expect(res.status).toBe(403)
      expect((await glossary('Änderungsziel')).docs[0]?.note ?? null).toBeNull()
    })

    it('refuses a deletion from another origin', async () => {
      const id = await createEntry('Löschziel')
      const res = await fetch(`${cms}/api/glossary/${id}`, withCookie('DELETE', evil))
      expect(res.status).toBe(403)
      expect((await glossary('Löschziel')).docs.map((d) => d.id)).toEqual([id])
    })

    it('accepts the same create, change and deletion from its own origin', async () => {
      const created = await fetch(`${cms}/api/glossary`, withCookie('POST', cms, { term: 'Eigene Herkunft' }))
      expect(created.status).toBe(201)
      const id = ((await created.json()) as { doc: { id: number } }).doc.id
      expect((await fetch(`${cms}/api/glossary/${id}`, withCookie('PATCH', cms, { note: 'von innen' }))).status).toBe(200)
      expect((await glossary('Eigene Herkunft')).docs[0]?.note).toBe('von innen')
      expect((await fetch(`${cms}/api/glossary/${id}`, withCookie('DELETE', cms))).status).toBe(200)
      expect((await glossary('Eigene Herkunft')).docs).toEqual([])
    })
  })

  describe('GraphQL is off in the running server', () => {
    it('does not answer a GraphQL query on POST /api/graphql, signed in or not', async () => {
      for (const headers of [{}, { Authorization: `JWT ${token}` }] as Record<string, string>[]) {
        const res = await fetch(`${cms}/api/graphql`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ query: '{ Users { docs { email } } }' }) })
        expect(res.status).toBe(404)
        expect(await res.text()).not.toContain(ADMIN.email)
      }
    })

    it('does not serve the GraphQL playground', async () => {
      const res = await fetch(`${cms}/api/graphql-playground`, { headers: { Authorization: `JWT ${token}` } })
      expect(res.status).toBe(404)
      expect(await res.text()).not.toMatch(/<html|GraphiQL|GraphQL Playground/i)
    })
  })

  it('stops on SIGTERM within 15 s, leaving no process behind', { timeout: 60_000 }, async () => {
    const stoppedAt = Date.now()
    run.child.kill('SIGTERM')
    expect(await run.exited).toBe(0)
    expect(Date.now() - stoppedAt).toBeLessThan(17_000) // 15 s, plus a loaded machine's slack
    expect(await waitForNoProcesses(run.dataDir, 5000)).toEqual([])
  })
})
