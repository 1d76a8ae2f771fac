import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { ensureChromium } from '../lib/chromium'
import { ensureJava } from '../lib/java'
import { ensureNginx } from '../lib/nginx'
import { binOf, nodeBin, root } from '../lib/paths'
import { run } from '../lib/proc'

interface VitestJson {
  numTotalTests: number
  numPassedTests: number
  numFailedTests: number
  numFailedTestSuites: number
  numPendingTests: number
  numTodoTests: number
}

/**
 * `npm test`: every test of the workspace with vitest (unit tests beside the code, scenarios
 * under tests/), on temporary databases. Ends with a plain "N passed, N failed" line.
 */
export async function test(args: string[]): Promise<void> {
  await ensureChromium()
  await ensureNginx()
  await ensureJava()
  const out = mkdtempSync(path.join(tmpdir(), 'lotse-vitest-'))
  const report = path.join(out, 'results.json')
  let failure: unknown
  try {
    await run(nodeBin, [binOf(root, 'vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'test' },
    })
  } catch (err) {
    failure = err
  }
  try {
    const result = JSON.parse(readFileSync(report, 'utf8')) as VitestJson
    const skipped = result.numPendingTests + result.numTodoTests
    // A file that fails before its tests run (a broken beforeAll) counts as failed, not as silence.
    const brokenFiles = result.numFailedTestSuites > 0 && result.numFailedTests === 0 ? `, ${result.numFailedTestSuites} test files failed to run` : ''
    console.log(`\ntests: ${result.numPassedTests} passed, ${result.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}${brokenFiles}`)
  } catch {
    // No report: vitest failed before running tests; its own output says why.
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
  if (failure) throw failure
}
