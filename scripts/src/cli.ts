// A deploy the CMS started ahead (cms/src/publish/job.ts) gets its triggers over IPC, maybe
// while still loading: listen before anything else loads, so the message cannot be missed.
if (process.env.LOTSE_DEPLOY_AWAIT_TRIGGERS && process.send) {
  ;(globalThis as { lotseDeployTriggers?: Promise<unknown> }).lotseDeployTriggers = new Promise((resolve) => process.once('message', resolve))
}

/**
 * Task runner behind the root npm scripts; scripts/run.mjs has already brought Node >= 22.12,
 * pnpm and the dependencies. Each task lives in `tasks/`.
 */
const tasks: Record<string, (args: string[]) => Promise<void>> = {
  start: async () => (await import('./tasks/start')).start('start'),
  dev: async () => (await import('./tasks/start')).start('dev'),
  test: async (args) => (await import('./tasks/test')).test(args),
  backup: async (args) => (await import('./tasks/backup')).backup(args),
  lint: async () => (await import('./tasks/lint')).lint(),
  export: async () => void (await (await import('./tasks/export')).exportContent()),
  worker: async () => (await import('./tasks/worker')).worker(),
  'i18n:check': async () => (await import('./tasks/i18n')).i18nCheck(),
  'bench:site': async (args) => (await import('./tasks/bench')).bench('site-build', args),
  'bench:publish': async (args) => (await import('./tasks/bench')).bench('publish-latency', args),
  'build:site': async () => (await import('./tasks/buildSite')).buildSiteTask(),
  deploy: async () => (await import('./tasks/deploy')).deploy(),
  rollback: async () => (await import('./tasks/deploy')).rollback(),
  'migrate:create': async (args) => (await import('./tasks/payloadCli')).payloadCli(['migrate:create', ...args]),
  'generate:types': async () => (await import('./tasks/payloadCli')).payloadCli(['generate:types']),
  'generate:importmap': async () => (await import('./tasks/payloadCli')).payloadCli(['generate:importmap']),
}

const [taskName = 'help', ...args] = process.argv.slice(2)
const task = tasks[taskName]
if (!task) {
  console.log(`Lotse tasks (run as npm run <task>): ${Object.keys(tasks).join(', ')}`)
  process.exit(taskName === 'help' ? 0 : 2)
}
task(args).catch((err: unknown) => {
  console.error(`[lotse] ${taskName} failed: ${err instanceof Error ? err.message : String(err)}`)
  if (process.env.LOTSE_DEBUG && err instanceof Error) console.error(err.stack)
  process.exit(1)
})
