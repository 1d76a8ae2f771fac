import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/**
 * Lint rules for the whole workspace: ESLint's and typescript-eslint's recommended sets.
 * Generated files (Payload types, migrations, the admin import map) and build output are
 * left out: they are rewritten by tools, not by people.
 */
export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/.next/**',
      '**/dist/**',
      '.tools/**',
      'data/**',
      'cms/src/payload-types.ts',
      'cms/src/migrations/**',
      'cms/src/app/(payload)/admin/importMap.js',
      'cms/next-env.d.ts',
      'site/.astro/**',
      // Astro's per-build output folders, present while a site build runs.
      'site/.builds/**',
      'site/.renderer/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', fetch: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The service worker runs in the worker scope, not in Node or a page.
    files: ['site/public/sw.js'],
    languageOptions: { globals: { self: 'readonly', caches: 'readonly', fetch: 'readonly', Response: 'readonly', URL: 'readonly', setTimeout: 'readonly' } },
  },
)
