import path from 'node:path'

import { exportCmsEnv } from '../lib/cmsEnv'
import { binOf, cmsDir, nodeBin } from '../lib/paths'
import { run } from '../lib/proc'

/** Payload's own CLI (migrations, generated types, import map) against the CMS config. */
export async function payloadCli(args: string[]): Promise<void> {
  exportCmsEnv()
  await run(nodeBin, [binOf(cmsDir, 'payload/bin.js'), ...args], {
    cwd: cmsDir,
    env: { ...process.env, PAYLOAD_CONFIG_PATH: path.join(cmsDir, 'src/payload.config.ts') },
  })
}
