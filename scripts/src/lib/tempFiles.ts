/**
 * Temporary folders for tests: `tempFiles({ 'de/index.html': '<html>…' })` makes one holding those
 * files; `removeTempDirs()`, called after each test, removes every folder made so far.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const made: string[] = []

/** A new empty temporary folder. */
export function tempDir(prefix = 'lotse-test-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix))
  made.push(dir)
  return dir
}

/** A new temporary folder holding `files` (path relative to the folder → content). */
export function tempFiles(files: Record<string, string | Uint8Array>, prefix?: string): string {
  const dir = tempDir(prefix)
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), content)
  }
  return dir
}

/** Removes every folder made so far. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
}
