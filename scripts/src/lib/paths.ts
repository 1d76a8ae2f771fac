import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** Repository root (set by scripts/run.mjs; derived from this file otherwise). */
export const root = process.env.LOTSE_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
export const cmsDir = path.join(root, 'cms')

/** The Node binary the bootstrap chose (Node >= 22.12), for child processes. */
export const nodeBin = process.env.LOTSE_NODE ?? process.execPath

/** A package's CLI entry, run with `nodeBin` rather than through a shell shim. */
export function binOf(pkgDir: string, relative: string): string {
  return path.join(pkgDir, 'node_modules', relative)
}
