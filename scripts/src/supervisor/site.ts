/**
 * The static site server of `npm start` as a process of its own, run by the supervisor
 * (supervise.ts) through launcher.ts: `node --import tsx site.ts <liveDir> <port>`.
 *
 * A process of its own rather than inside the supervisor: whatever a request does to it
 * (issue 8 found one request line that ended it), it dies alone, is restarted within a second
 * and the CMS goes on; the supervisor itself runs no request handler, so no input can take it,
 * and with it the whole system, down. It costs one Node process (73 MB resident, measured).
 */
import type { Server } from 'node:http'

import { serveSite } from '../site/server'
import { EXIT_CONFIG } from './supervise'

const [liveDir, portArg] = process.argv.slice(2)
const port = Number(portArg)

let server: Server
try {
  server = await serveSite(liveDir!, port)
} catch (err) {
  const code = (err as NodeJS.ErrnoException).code
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    console.error(`[lotse] the site server cannot listen on port ${port} (${code}): another program uses it; choose another with SITE_PORT`)
    process.exit(EXIT_CONFIG)
  }
  throw err
}

// Stopping: no new connections, open ones closed (a reader's keep-alive connection must not
// hold the stop up); the launcher's deadline covers the rest.
const stop = () => {
  server.close(() => process.exit(0))
  server.closeAllConnections()
}
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
