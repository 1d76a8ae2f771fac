import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'

import { LocalReleases } from './releases'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

function releases(keep = 3) {
  const root = mkdtempSync(path.join(tmpdir(), 'lotse-releases-'))
  dirs.push(root)
  return new LocalReleases(path.join(root, 'site'), keep)
}

function publish(r: LocalReleases, content: string): string {
  const { name, dir } = r.create()
  writeFileSync(path.join(dir, 'index.html'), content)
  r.activate(name)
  return name
}

describe('local releases', () => {
  it('switches the live site to a new release and back', () => {
    const r = releases()
    const first = publish(r, 'one')
    const second = publish(r, 'two')
    expect(readFileSync(path.join(r.liveLink, 'index.html'), 'utf8')).toBe('two')
    expect(r.live()).toBe(second)
    expect(r.rollback()).toBe(first)
    expect(readFileSync(path.join(r.liveLink, 'index.html'), 'utf8')).toBe('one')
  })

  it('keeps the newest releases and the live one', () => {
    const r = releases(2)
    const names = ['a', 'b', 'c', 'd'].map((c) => publish(r, c))
    r.activate(names[0]!)
    const removed = r.prune()
    expect(removed).toEqual([names[1]])
    expect(r.list()).toEqual([names[0], names[2], names[3]])
  })

  it('never lists or rolls back to a release whose build was interrupted, and cleans it up', () => {
    const r = releases()
    const first = publish(r, 'one')
    const interrupted = r.create()
    writeFileSync(path.join(interrupted.dir, 'index.html'), 'half')
    const second = publish(r, 'two')
    expect(r.list()).toEqual([first, second])
    expect(r.rollback()).toBe(first)
    expect(r.discardIncomplete()).toEqual([interrupted.name])
    expect(existsSync(interrupted.dir)).toBe(false)
  })

  it('leaves alone a release another running process is building, and deletes it once that process has ended', async () => {
    const r = releases()
    const first = publish(r, 'one')
    // Another builder (as \`npm run deploy\` by hand beside the CMS's publisher): it begins a
    // release and its working folder, then stays up, as if building.
    const builder = `
      import { mkdirSync } from 'node:fs'
      import { LocalReleases } from ${JSON.stringify(path.join(import.meta.dirname, 'releases.ts'))}
      const { name, dir } = new LocalReleases(process.argv[1]).create()
      mkdirSync(dir + '.build')
      console.log(name)
      setInterval(() => undefined, 1000)
    `
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', builder, r.liveLink], { cwd: import.meta.dirname, stdio: ['ignore', 'pipe', 'inherit'] })
    try {
      const [name] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string]
      expect(r.discardIncomplete()).toEqual([])
      expect(existsSync(path.join(r.releasesDir, name))).toBe(true)
      expect(existsSync(path.join(r.releasesDir, `${name}.build`))).toBe(true)

      child.kill()
      await once(child, 'exit')
      expect(r.discardIncomplete()).toEqual([name, `${name}.build`])
      expect(readdirSync(r.releasesDir)).toEqual([first])
    } finally {
      child.kill('SIGKILL')
    }
  })

  it('refuses to roll back past the first release', () => {
    const r = releases()
    publish(r, 'only')
    expect(() => r.rollback()).toThrow(/no release before/)
  })
})
