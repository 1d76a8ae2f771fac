import { defineConfig } from 'vitest/config'

/**
 * One vitest run for the whole workspace: unit tests beside the code (`*.test.ts` in each
 * package's `src`) and cross-package scenarios under `tests/`. Each test file gets its own
 * process and its own temporary database, so files run in parallel on the two cores.
 */
export default defineConfig({
  test: {
    include: ['{cms,content-schemas,translations,scripts,site}/src/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/.next/**', '**/dist/**'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    environment: 'node',
    env: { LOTSE_LOG_LEVEL: process.env.LOTSE_LOG_LEVEL ?? 'warn' },
  },
})
