/**
 * A host for the real supervisor (scripts/src/supervisor/supervise.ts) with parts a test
 * chooses, as `npm start` hosts it with Next.js and the site server:
 * `node --import tsx superviseHost.ts '<json>'` with `{ parts, policy?, throwAfterMs? }`.
 * `throwAfterMs` throws an error nothing catches, to check that the supervisor stops
 * everything in order when its own code fails. Prints "host ready" once every part runs.
 */
import { Supervisor, DEFAULT_POLICY, type PartSpec, type Policy } from '../../scripts/src/supervisor/supervise'

const config = JSON.parse(process.argv[2] ?? '{}') as { parts: PartSpec[]; policy?: Partial<Policy>; throwAfterMs?: number }
const supervisor = new Supervisor({ ...DEFAULT_POLICY, ...config.policy })
supervisor.installHandlers()
for (const part of config.parts) supervisor.keep(part)
console.log('host ready')
if (config.throwAfterMs !== undefined) {
  setTimeout(() => {
    throw new Error('a bug in the supervisor')
  }, config.throwAfterMs)
}
