import path from 'node:path'

import { binOf, nodeBin, root } from '../lib/paths'
import { run } from '../lib/proc'

/** Packages with their own tsconfig; each is type-checked strictly. */
const PACKAGES = ['translations', 'content-schemas', 'cms', 'scripts', 'tests']

/** `npm run lint`: strict TypeScript over every package. */
export async function lint(): Promise<void> {
  const tsc = binOf(root, 'typescript/bin/tsc')
  for (const pkg of PACKAGES) {
    console.log(`[lotse] tsc ${pkg}`)
    await run(nodeBin, [tsc, '--noEmit', '-p', path.join(root, pkg)])
  }
}
