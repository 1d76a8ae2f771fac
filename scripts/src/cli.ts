import { openDeployChannel } from './deploy/channel'

// A deploy started by the CMS's build job talks to it over IPC from the first moment on
// (heartbeats, its request, ending with the CMS): see deploy/channel.ts.
if (process.argv[2] === 'deploy') openDeployChannel()

// Payload opens a WebSocket to the Next.js dev server on PORT in every process that calls
// getPayload outside production and tests (its config hot reload), and `payload.destroy()` never
// closes it. Beside a running `npm start` it reached the CMS: `npm run deploy` printed its release
// and never exited, the build job's deploy processes never ended (the queue stalled behind them),
// and the CMS could not stop while such a socket was open (reproduced on main). Only the CMS under
// `npm run dev` reloads its config; no task here needs it.
if (process.argv[2] !== 'dev') process.env.DISABLE_PAYLOAD_HMR = 'true'

// glibc's malloc gives the threads of a process arenas of their own (up to 8 per core) and keeps
// what was freed in each for later, so a process's memory grew with how its threads happened to
// allocate: the CMS after creating 1,000 offers took 796–864 MB in three runs and 1,050 in
// another, though V8's heap is about 310 MB there. Two arenas hold it down. Every process a task
// starts (the CMS and its job worker, the publisher, Astro, Pagefind, the bench) inherits this.
// `node --import tsx scripts/bench/publish-latency.ts 1000 4` with and without it, three runs
// each in turn: everything running peaked at 2,444–2,510 MB against 2,640–2,744 MB, the publishes
// at 2,112–2,226 MB against 2,548–2,744, the CMS after creating the content took 683–731 MB
// against 796–864; publishes and full builds took as long. A setting of one's own is kept.
process.env.GLIBC_TUNABLES ??= 'glibc.malloc.arena_max=2'

/**
 * Task runner behind the root npm scripts; scripts/run.mjs has already brought Node >= 22.12,
 * pnpm and the dependencies. Each task lives in `tasks/`.
 */
const tasks: Record<string, (args: string[]) => Promise<void>> = {
  start: async () => (await import('./tasks/start')).start('start'),
  dev: async () => (await import('./tasks/start')).start('dev'),
  test: async (args) => (await import('./tasks/test')).test(args),
  // The incremental publisher's property test, long: 500 random edits (LOTSE_INCREMENTAL_EDITS),
  // from the seed or 1,000 synthetic offers (LOTSE_INCREMENTAL_BASE=synthetic:1000).
  'test:incremental': async (args) => {
    process.env.LOTSE_INCREMENTAL_EDITS ??= '500'
    process.env.LOTSE_INCREMENTAL_QUERY_EVERY ??= '25'
    await (await import('./tasks/test')).test(['tests/site/incremental.test.ts', ...args])
  },
  backup: async (args) => (await import('./tasks/backup')).backup(args),
  lint: async () => (await import('./tasks/lint')).lint(),
  export: async () => void (await (await import('./tasks/export')).exportContent()),
  worker: async () => (await import('./tasks/worker')).worker(),
  'i18n:check': async () => (await import('./tasks/i18n')).i18nCheck(),
  'bench:site': async (args) => (await import('./tasks/bench')).bench('site-build', args),
  'bench:publish': async (args) => (await import('./tasks/bench')).bench('publish-latency', args),
  'bench:search': async (args) => (await import('./tasks/bench')).bench('search-quality', args),
  'bench:import': async (args) => (await import('./tasks/bench')).bench('import', args),
  'bench:preview': async (args) => (await import('./tasks/bench')).bench('preview', args),
  'build:site': async () => (await import('./tasks/buildSite')).buildSiteTask(),
  deploy: async () => (await import('./tasks/deploy')).deploy(),
  renderer: async () => (await import('./site/renderer')).renderer(),
  rollback: async () => (await import('./tasks/deploy')).rollback(),
  'nginx:config': async (args) => (await import('./site/nginx')).nginxConfigTask(args),
  'migrate:create': async (args) => (await import('./tasks/payloadCli')).payloadCli(['migrate:create', ...args]),
  'generate:types': async () => (await import('./tasks/payloadCli')).payloadCli(['generate:types']),
  'generate:importmap': async () => (await import('./tasks/payloadCli')).payloadCli(['generate:importmap']),
}

/**
 * Tasks that end the process once their work is done, whatever is still open (a database
 * client, a timer of a library, the IPC channel): a deploy that has reported its release must
 * never keep its host's build waiting, nor an operator's shell.
 */
const endWhenDone = new Set(['deploy', 'rollback'])

const [taskName = 'help', ...args] = process.argv.slice(2)
const task = tasks[taskName]
if (!task) {
  console.log(`Lotse tasks (run as npm run <task>): ${Object.keys(tasks).join(', ')}`)
  process.exit(taskName === 'help' ? 0 : 2)
}
task(args).then(
  () => {
    if (endWhenDone.has(taskName)) process.exit()
  },
  (err: unknown) => {
    console.error(`[lotse] ${taskName} failed: ${err instanceof Error ? err.message : String(err)}`)
    if (process.env.LOTSE_DEBUG && err instanceof Error) console.error(err.stack)
    process.exit(1)
  },
)
