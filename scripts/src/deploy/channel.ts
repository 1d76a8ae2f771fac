/**
 * The deploy process's side of the protocol with the CMS's build job (the host;
 * cms/src/publish/protocol.ts has the messages, cms/src/publish/job.ts the other side).
 *
 * Opened by cli.ts before anything else loads, because three things must hold from the first
 * moment, also while the publisher is still loading its modules (and later warming its Astro
 * build, a few seconds):
 * - the host's request is received (Node keeps a message that arrives before anyone listens,
 *   but only for a listener added in this process; checked on Node 24);
 * - the host hears heartbeats, so a process that hangs is told apart from one that is busy;
 * - the process ends with its host: when the IPC channel closes (the host stopped or was killed)
 *   the whole process group (the Astro builds, Pagefind's binary) gets SIGTERM, and SIGKILL
 *   after `STOP_GRACE_MS`, instead of building on unattended and switching the live site.
 */
import { type BuildRequest, type DeployMessage, DeployMessageSchema, DeployRequestSchema, deploySettingsKey, HEARTBEAT_MS, parseMessage } from '@lotse/cms/publish/protocol'

/** How long the group gets between SIGTERM and SIGKILL when the host is gone. */
const STOP_GRACE_MS = 5_000

export interface DeployChannel {
  /** Fingerprint of the settings this process started under (before anything changed them). */
  readonly settingsKey: string
  /** The next build request; rejects when the host asks this process to stop or goes away. */
  nextRequest(): Promise<BuildRequest>
  /** Sends a message (checked against the protocol first); resolves once it is handed over. */
  send(message: DeployMessage): Promise<void>
}

let channel: DeployChannel | null = null

/** The channel to the host, or null when the deploy was started by hand (`npm run deploy`). */
export function deployChannel(): DeployChannel | null {
  return channel
}

/**
 * Ends this process's whole group: the host that wanted its work is gone. Shared by every
 * process the CMS starts (the deploy, the renderer); `who` names it in the log.
 */
export function endGroup(why: string, who = 'deploy'): void {
  console.error(`[lotse] ${who} stopped: ${why}`)
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-process.pid, signal)
    } catch {
      process.exit(1)
    }
  }
  // SIGTERM ends this process too (the deploy's handler exits, the renderer has none); the timer only matters if something ignores it.
  setTimeout(() => kill('SIGKILL'), STOP_GRACE_MS).unref()
  kill('SIGTERM')
}

/**
 * What keeps this process's event loop busy now, by Node's kind of resource with counts
 * (`FSReqPromise ×16, PipeWrap ×4, Timeout`): file operations under way, pipes, child
 * processes, timers.
 */
function pendingWork(): string {
  const counts = new Map<string, number>()
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1)
  return [...counts].map(([kind, n]) => (n > 1 ? `${kind} ×${n}` : kind)).join(', ') || 'nothing'
}

/**
 * Opens the channel when this process was started by a host (it has an IPC channel). Call once,
 * first thing. Returns null otherwise.
 */
export function openDeployChannel(): DeployChannel | null {
  if (!process.send || channel) return channel
  const settingsKey = deploySettingsKey()
  const requests: BuildRequest[] = []
  let waiting: { resolve: (r: BuildRequest) => void; reject: (e: Error) => void } | null = null
  let ended: Error | null = null

  const send = (message: DeployMessage) =>
    new Promise<void>((resolve, reject) => {
      const checked = parseMessage(DeployMessageSchema, message)
      if (!checked.ok) return reject(new Error(`the deploy tried to send a message outside the protocol: ${checked.error}`))
      if (!process.connected) return resolve() // the host is gone; endGroup is under way
      process.send!(checked.value, undefined, {}, (err) => (err ? reject(err) : resolve()))
    })

  const heartbeat = setInterval(() => void send({ type: 'heartbeat' }).catch(() => undefined), HEARTBEAT_MS)
  heartbeat.unref()
  void send({ type: 'heartbeat' }).catch(() => undefined)

  process.on('message', (raw) => {
    const parsed = parseMessage(DeployRequestSchema, raw)
    if (!parsed.ok) {
      // A host speaking another version of the protocol: say so and end, never guess.
      void send({ type: 'failure', reason: `the deploy process could not read its request: ${parsed.error}`, phases: {} }).finally(() => process.exit(1))
      return
    }
    if (parsed.value.type === 'stop') {
      ended = new Error('the host asked this deploy process to stop')
      waiting?.reject(ended)
      endGroup('the CMS asked it to stop')
      return
    }
    if (waiting) {
      waiting.resolve(parsed.value)
      waiting = null
    } else requests.push(parsed.value)
  })
  process.once('disconnect', () => {
    ended = new Error('the CMS that started this deploy stopped')
    waiting?.reject(ended)
    endGroup('the CMS that started this build stopped')
  })
  // Stopped by its host (the build's watchdog, a stop): the log says first what the process was
  // still waiting for, so that a build which hangs with a live event loop names the kind of work
  // that never finished (a file operation, a child process, a timer) in the deploy's record.
  process.once('SIGTERM', () => {
    console.error(`[lotse] deploy stopped by SIGTERM while waiting for: ${pendingWork()}`)
    process.exit(128 + 15)
  })
  // Closed already while this process was loading (its host went at once): nothing will come.
  if (!process.connected) endGroup('the CMS that started this build stopped before it was ready')

  channel = {
    settingsKey,
    send,
    nextRequest: () => {
      const queued = requests.shift()
      if (queued) return Promise.resolve(queued)
      if (ended) return Promise.reject(ended)
      return new Promise<BuildRequest>((resolve, reject) => (waiting = { resolve, reject }))
    },
  }
  return channel
}
