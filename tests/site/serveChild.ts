/**
 * The built-in site server in a process of its own, for the serving and fuzz tests: a request
 * that crashed it ends this process, which the test sees, instead of taking the test runner
 * down with an uncaught error. Reports its port over IPC; ends when the test process goes.
 */
import type { AddressInfo } from 'node:net'

import { serveSite } from '@lotse/scripts/site/server'

const liveDir = process.argv[2]
if (!liveDir || !process.send) throw new Error('usage: fork(serveChild.ts, [liveDir]) with an IPC channel')
process.on('disconnect', () => process.exit(0))
void serveSite(liveDir, 0, '127.0.0.1').then((server) => process.send!({ port: (server.address() as AddressInfo).port }))
