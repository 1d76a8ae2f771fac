import { createServer, type Server } from 'node:net'

/**
 * Ports browsers and fetch refuse to connect to (the Fetch standard's "bad ports"; Chromium's
 * list is the same): a test server on 4045 or 6000 is unreachable for Playwright and `fetch`
 * (`net::ERR_UNSAFE_PORT`, seen in CI with a port picked at random).
 */
const BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512,
  513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679,
  6697, 10080,
])

/**
 * A free port on 127.0.0.1 for each name, all distinct, chosen by the system (its ephemeral
 * range holds no bad port; checked anyway). All are held open together while they are chosen,
 * so no two are the same; a process started next can bind them.
 */
export async function freePorts<Name extends string>(...names: Name[]): Promise<Record<Name, number>> {
  const held: Server[] = []
  const ports = {} as Record<Name, number>
  try {
    for (let i = 0; i < names.length;) {
      const server = createServer()
      held.push(server)
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(0, '127.0.0.1', resolve)
      })
      const { port } = server.address() as { port: number }
      if (!BAD_PORTS.has(port)) ports[names[i++]!] = port
    }
    return ports
  } finally {
    await Promise.all(held.map((server) => new Promise((resolve) => server.close(resolve))))
  }
}

/** One free port (see `freePorts`). */
export const freePort = async (): Promise<number> => (await freePorts('port')).port
