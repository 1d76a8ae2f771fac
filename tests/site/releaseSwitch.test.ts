import { chmodSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { get as httpGet } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startBuiltin, type RunningServer } from './servers'

/**
 * The built-in server while deploys switch the live link (`DEPLOY_DIR`) the way
 * `LocalReleases` does (a fresh symlink renamed over the old one) and delete old releases:
 * readers get whole answers from one release, never an error, and the server stays up.
 */
let work: string
let liveDir: string
/** Big enough that the answer is still being sent when the release is deleted. */
const BIG = 8 * 1024 * 1024
let server: RunningServer
let releases = 0

function makeRelease(big = false): { name: string; dir: string } {
  const name = `r${++releases}`
  const dir = path.join(work, 'site.releases', name)
  mkdirSync(path.join(dir, 'de'), { recursive: true })
  writeFileSync(path.join(dir, 'de', 'index.html'), `<!doctype html><p>${name}</p>`)
  if (big) writeFileSync(path.join(dir, 'big.txt'), Buffer.alloc(BIG, name.charCodeAt(1)))
  return { name, dir }
}

/** Switches the live link atomically, as the deploy does. */
function goLive(dir: string): void {
  const next = `${liveDir}.next`
  rmSync(next, { force: true })
  symlinkSync(dir, next)
  renameSync(next, liveDir)
}

function fetchText(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    httpGet(url, { agent: false }, (res) => {
      let body = ''
      res.setEncoding('latin1')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode!, body }))
      res.on('error', reject)
    }).on('error', reject)
  })
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'lotse-switch-'))
  liveDir = path.join(work, 'site')
  chmodSync(work, 0o755)
  server = await startBuiltin(liveDir)
})

afterAll(async () => {
  await server?.stop()
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('the built-in server during deploys', () => {
  it('says the site is being built while no release is live, then serves the first one', async () => {
    const before = await fetchText(`${server.base}/de/`)
    expect(before.status).toBe(503)
    expect(before.body).toContain('Die Website wird gerade gebaut')
    const first = makeRelease()
    goLive(first.dir)
    expect(await fetchText(`${server.base}/de/`)).toEqual({ status: 200, body: `<!doctype html><p>${first.name}</p>` })
  })

  it('answers every request while releases are switched every 30 ms and the previous one deleted at once', async () => {
    const live: string[] = [makeRelease().dir]
    goLive(live[0]!)
    let switching = true
    const switcher = (async () => {
      for (let i = 0; i < 60 && switching; i++) {
        await new Promise((r) => setTimeout(r, 30))
        live.push(makeRelease().dir)
        goLive(live.at(-1)!)
        // Harsher than the deploy, which keeps five: the release just switched away is deleted
        // at once, while requests that resolved the link a moment ago are opening its files.
        if (live.length > 1) rmSync(live.shift()!, { recursive: true, force: true })
      }
    })()
    const answers: { status: number; body: string }[] = []
    try {
      await Promise.all(
        Array.from({ length: 6 }, async () => {
          for (let i = 0; i < 60; i++) answers.push(await fetchText(`${server.base}/de/`))
        }),
      )
    } finally {
      // Also when a request failed: no release may be written after the test removed its folder.
      switching = false
      await switcher
    }
    expect(answers.filter((a) => a.status !== 200 || !/^<!doctype html><p>r\d+<\/p>$/.test(a.body))).toEqual([])
    expect(new Set(answers.map((a) => a.body)).size).toBeGreaterThan(1)
    expect(server.alive()).toBe(true)
    expect(server.errors()).toBe('')
  })

  it('completes an answer begun before its release was switched away and deleted', async () => {
    const old = makeRelease(true)
    goLive(old.dir)
    const body = await new Promise<Buffer>((resolve, reject) => {
      httpGet(`${server.base}/big.txt`, { agent: false }, (res) => {
        const chunks: Buffer[] = []
        let deleted = false
        res.on('data', (c: Buffer) => {
          chunks.push(c)
          if (!deleted) {
            deleted = true
            goLive(makeRelease().dir)
            rmSync(old.dir, { recursive: true, force: true })
          }
        })
        res.on('end', () => resolve(Buffer.concat(chunks)))
        res.on('error', reject)
      }).on('error', reject)
    })
    expect(body.length).toBe(BIG)
    expect(body.every((b) => b === old.name.charCodeAt(1))).toBe(true)
    expect(server.alive()).toBe(true)
  })
})
