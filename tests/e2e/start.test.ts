import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

import { launchBrowser } from '../helpers/browser'
import { waitForNoProcesses } from '../helpers/processes'

/**
 * `npm start` end to end, as a newcomer runs it: the real task (migrations, seed, first users,
 * admin production build, Next.js server) on a fresh data folder and a free port. Then a second
 * start on the same data must not seed again.
 */
const root = path.resolve(import.meta.dirname, '../..')
const dataDir = mkdtempSync(path.join(tmpdir(), 'lotse-start-'))
const port = 3900 + Math.floor(Math.random() * 90)
const base = `http://127.0.0.1:${port}`
const sitePort = port + 100
const site = `http://127.0.0.1:${sitePort}`
let child: ChildProcess | undefined

function startCms(): Promise<{ output: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/src/cli.ts'), 'start'], {
      cwd: root,
      env: { ...process.env, LOTSE_DATA_DIR: dataDir, PORT: String(port), SITE_PORT: String(sitePort), SERVER_URL: base, DATABASE_URI: `file:${path.join(dataDir, 'cms.db')}`, LOTSE_PRODUCTION: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Lotse is running')) resolve({ output, child: proc })
    }
    proc.stdout.on('data', onData)
    proc.stderr.on('data', onData)
    proc.on('exit', (code) => reject(new Error(`npm start exited with ${code} before it was ready:\n${output.slice(-3000)}`)))
  })
}

/** The organization slug of the demo editor account, as its ID in the database. */
function editorOrg(login: { accounts: { email: string; organization?: string }[] }): string {
  return login.accounts.find((a) => a.email === 'redaktion@lotse.local')?.organization ?? ''
}

/** Polls until `check` passes (the worker builds and deploys in the background). */
async function eventually(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (await check().catch(() => false)) return
    await new Promise((r) => setTimeout(r, 1000))
  }
  throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`)
}

const pageText = async (url: string) => {
  const res = await fetch(url)
  return res.ok ? res.text() : ''
}

/** Stops `npm start` as a service manager would, and checks that nothing it started lives on. */
async function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode === null) {
    await new Promise<void>((resolve) => {
      proc.on('exit', () => resolve())
      proc.kill('SIGTERM')
    })
  }
  // Signals arrive asynchronously: give the processes a moment, then nothing may remain.
  expect(await waitForNoProcesses(dataDir)).toEqual([])
}

afterAll(async () => {
  if (child) await stop(child)
  rmSync(dataDir, { recursive: true, force: true })
})

describe('npm start', () => {
  it('serves the seeded CMS and a working development login', { timeout: 600_000 }, async () => {
    const first = await startCms()
    child = first.child
    expect(first.output).toContain('seeded concept measures and demo content')
    expect(first.output).toContain(`CMS admin   ${base}/admin`)
    expect(first.output).toContain(`Public site http://localhost:${sitePort}/`)
    // The first build runs in the background: the worker in the CMS exports, builds and deploys.
    await eventually(async () => (await pageText(`${site}/de/`)).includes('Willkommen'), 180_000, 'the first site build')

    const login = JSON.parse(readFileSync(path.join(dataDir, 'dev-login.json'), 'utf8')) as { password: string; accounts: { email: string }[] }
    expect(first.output).toContain(login.password)

    const adminPage = await fetch(`${base}/admin/login`)
    expect(adminPage.status).toBe(200)
    expect(await adminPage.text()).toContain('Lotse')

    const res = await fetch(`${base}/api/users/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'admin@lotse.local', password: login.password }),
    })
    expect(res.status).toBe(200)
    const { token } = (await res.json()) as { token: string }
    const me = (await (await fetch(`${base}/api/users/me`, { headers: { Authorization: `JWT ${token}` } })).json()) as { user: { role: string } }
    expect(me.user.role).toBe('admin')

    const offers = (await (await fetch(`${base}/api/offers?limit=1`)).json()) as { totalDocs: number }
    expect(offers.totalDocs).toBeGreaterThanOrEqual(40)
    const measures = (await (await fetch(`${base}/api/measures?limit=1&where[level][equals]=measure`)).json()) as { totalDocs: number }
    expect(measures.totalDocs).toBeGreaterThanOrEqual(14)

    // A social worker logs in through the real admin in Chromium, mistypes a phone number and
    // saves: the error names the field, and what she typed is still there to correct.
    const browser = await launchBrowser()
    try {
      const page = await browser.newPage({ locale: 'de-DE' })
      await page.goto(`${base}/admin/login`)
      await page.fill('#field-email', 'redaktion@lotse.local')
      await page.fill('#field-password', login.password)
      await page.click('button[type="submit"]')
      await page.waitForURL(`${base}/admin`)
      await expect(page.getByRole('link', { name: 'Angebote' }).first()).toBeTruthy()
      await page.screenshot({ path: path.join(dataDir, 'admin-dashboard.png') })

      const auth = { headers: { Authorization: `JWT ${token}` } }
      const orgs = (await (await fetch(`${base}/api/organizations?depth=0&where[slug][equals]=${editorOrg(login)}`, auth)).json()) as { docs: { id: number }[] }
      const own = (await (await fetch(`${base}/api/contacts?limit=1&depth=0&where[organization][equals]=${orgs.docs[0]!.id}`, auth)).json()) as {
        docs: { id: number }[]
      }
      // Under CI load a site build shares the two cores: wait until the editor is interactive
      // (the save button reacts to the change) before saving, and give the server time.
      await page.goto(`${base}/admin/collections/contacts/${own.docs[0]!.id}`, { waitUntil: 'networkidle' })
      await page.fill('#field-phone', '0446 2x-12')
      await page.locator('#action-save:not([disabled])').waitFor({ timeout: 30_000 })
      await page.click('#action-save')
      await page.getByText('Telefon: Bitte eine Telefonnummer').first().waitFor({ timeout: 30_000 })
      expect(await page.inputValue('#field-phone')).toBe('0446 2x-12')
      await page.screenshot({ path: path.join(dataDir, 'admin-validation.png'), fullPage: true })

      // Publish means live: the editor renames one of her offers and publishes; shortly after,
      // the public site shows the new title.
      const offer = (await (await fetch(`${base}/api/offers?limit=1&depth=0&where[organization][equals]=${orgs.docs[0]!.id}`, auth)).json()) as { docs: { id: number; slug: string }[] }
      const { id: offerId, slug } = offer.docs[0]!
      await page.goto(`${base}/admin/collections/offers/${offerId}`, { waitUntil: 'networkidle' })
      const marker = `Elterntreff${Date.now().toString(36)}`
      const title = `Neuer Titel ${marker}`
      await page.fill('#field-title', title)
      await page.locator('#action-save:not([disabled])').waitFor({ timeout: 30_000 })
      await page.click('#action-save')
      await page.getByText(/veröffentlicht|Published/i).first().waitFor({ timeout: 30_000 })
      await eventually(async () => (await pageText(`${site}/de/offers/${slug}/`)).includes(title), 180_000, 'the published title on the live site')
      // … and its search finds it.
      const reader = await browser.newPage()
      await reader.goto(`${site}/de/search/?q=${marker}`)
      await reader.locator(`#search-results a[href="/de/offers/${slug}/"]`).waitFor({ timeout: 20_000 })
      await reader.close()
      // The editor is told, beside the document and on the dashboard.
      await page.locator('[data-site-state="live"]').waitFor({ timeout: 30_000 })
      await page.goto(`${base}/admin`)
      await page.locator('#site-status').getByText(title).waitFor({ timeout: 15_000 })
    } finally {
      await browser.close()
    }

    // An editor deletes a demo offer; a restart must not bring it back.
    const first40 = (await (await fetch(`${base}/api/offers?limit=1&depth=0`)).json()) as { docs: { id: number }[] }
    const deleted = await fetch(`${base}/api/offers/${first40.docs[0]!.id}`, { method: 'DELETE', headers: { Authorization: `JWT ${token}` } })
    expect(deleted.status).toBe(200)
    // Stopped while the site rebuilds after that delete: the build stops with the CMS (stop()
    // checks that no process is left) and the next start picks it up again.
    const siteStatus = async () =>
      (await (await fetch(`${base}/api/deploys/site-status`, { headers: { Authorization: `JWT ${token}` } })).json()) as { running: unknown; queued: number }
    await eventually(async () => (await siteStatus()).running !== null, 60_000, 'the rebuild after the delete to start')
    await stop(child)

    const second = await startCms()
    child = second.child
    expect(second.output).not.toContain('seeded')
    const after = (await (await fetch(`${base}/api/offers?limit=1`)).json()) as { totalDocs: number }
    expect(after.totalDocs).toBe(offers.totalDocs - 1)
    expect(second.output).toMatch(/re-?queued|interrupted/i)
    await eventually(async () => {
      const now = await siteStatus()
      return now.running === null && now.queued === 0
    }, 180_000, 'the interrupted rebuild to finish after the restart')
  })
})
