import { buildLotseConfig } from './buildConfig'
import { readEnv } from './lib/env'

/** The config Payload's CLI, Next.js and the scripts load: settings from the environment. */
export default buildLotseConfig(readEnv())
