import path from 'node:path'

import { nodeBin, root } from '../lib/paths'
import { run } from '../lib/proc'

/** `npm run bench:site` / `bench:publish`: runs a benchmark script from `scripts/bench/`. */
export async function bench(name: string, args: string[]): Promise<void> {
  await run(nodeBin, ['--import', 'tsx', path.join(root, 'scripts', 'bench', `${name}.ts`), ...args], { cwd: root, stdio: 'inherit', env: { ...process.env, LOTSE_LOG_LEVEL: 'warn' } })
}
