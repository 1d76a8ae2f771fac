import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

import { generatedAtOf } from './offline'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

function snapshotDir(json: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lotse-offline-'))
  dirs.push(dir)
  writeFileSync(path.join(dir, 'snapshot.json'), json)
  return dir
}

describe('the time a snapshot was made', () => {
  it('is read from the first bytes, as the export writes it', () => {
    // The rest is not JSON: only the head is read.
    expect(generatedAtOf(snapshotDir('{"generatedAt":"2026-12-04T10:00:00.000Z","offers":[ not parsed'))).toBe('2026-12-04T10:00:00.000Z')
  })

  it('is found in a snapshot written in another order', () => {
    expect(generatedAtOf(snapshotDir('{"offers":[],"generatedAt":"2026-12-04T11:00:00.000Z"}'))).toBe('2026-12-04T11:00:00.000Z')
  })
})
