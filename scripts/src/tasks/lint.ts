import path from 'node:path'

import { binOf, nodeBin, root } from '../lib/paths'
import { run } from '../lib/proc'

/** Packages with their own tsconfig; each is type-checked strictly. */
const PACKAGES = ['translations', 'content-schemas', 'cms', 'scripts', 'site', 'tests']

/** `npm run lint`: the formatter's check, ESLint over the workspace, then strict TypeScript over every package. */
export async function lint(): Promise<void> {
  console.log('[lotse] prettier (npx prettier --write . formats)')
  await run(nodeBin, [binOf(root, 'prettier/bin/prettier.cjs'), '--check', '--log-level=warn', '.'], { cwd: root })
  console.log('[lotse] eslint')
  await run(nodeBin, [binOf(root, 'eslint/bin/eslint.js'), '--max-warnings=0', '.'], { cwd: root })
  const tsc = binOf(root, 'typescript/bin/tsc')
  for (const pkg of PACKAGES) {
    console.log(`[lotse] tsc ${pkg}`)
    await run(nodeBin, [tsc, '--noEmit', '-p', path.join(root, pkg)])
  }
}
