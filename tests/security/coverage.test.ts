import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { buildConfig, type SanitizedConfig } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildLotseConfig } from '@lotse/cms/buildConfig'

import * as policy from './policy'
import { customEndpoints, withoutPolicy } from './surface'

/**
 * The check that makes the hostile suite cover new things: whatever the Payload config exposes
 * without a row in the policy table fails it. Tested on Lotse's built config with additions
 * sanitized by Payload itself (so they carry Payload's standard routes, as real ones do).
 */
let dataDir: string
let lotse: SanitizedConfig
let extra: SanitizedConfig

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'lotse-coverage-'))
  lotse = await buildLotseConfig({
    root: path.resolve(import.meta.dirname, '../..'),
    dataDir,
    databaseUri: `file:${path.join(dataDir, 'cms.db')}`,
    secret: 'x'.repeat(64),
    serverURL: 'http://localhost:3000',
    port: 3000,
    production: false,
    mail: null,
  })
  const handler = () => Response.json({})
  extra = await buildConfig({
    secret: 'x'.repeat(64),
    db: lotse.db,
    collections: [
      { slug: 'users', auth: true, fields: [] },
      { slug: 'wishes', fields: [{ name: 'text', type: 'text' }], endpoints: [{ path: '/:id/share', method: 'post', handler }] },
    ],
    globals: [{ slug: 'banner', fields: [{ name: 'text', type: 'text' }] }],
    endpoints: [{ path: '/health', method: 'get', handler }],
  })
})
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

/** Lotse's config plus what `extra` adds (a collection, its endpoint, a global, a root endpoint). */
function withAdditions(): SanitizedConfig {
  const added = (slug: string) => extra.collections.filter((c) => c.slug === slug)
  const endpoints = [...(lotse.endpoints ?? []), ...(extra.endpoints ?? []).filter((e) => e.path === '/health')]
  return { ...lotse, collections: [...lotse.collections, ...added('wishes')], globals: [...lotse.globals, ...extra.globals], endpoints: endpoints as SanitizedConfig['endpoints'] }
}

describe('what has no row in the policy table', () => {
  it('is nothing in Lotse’s own config', () => {
    expect(withoutPolicy(lotse)).toEqual([])
  })

  it('names a new collection, its custom endpoint, a new global and a new root endpoint', () => {
    expect(withoutPolicy(withAdditions()).sort()).toEqual(['collection wishes', 'endpoint GET /api/health', 'endpoint POST /api/wishes/:id/share', 'global banner'])
  })

  it('leaves out Payload’s standard routes of the new collection (the collection row covers them)', () => {
    const wishes = extra.collections.find((c) => c.slug === 'wishes')!
    expect((wishes.endpoints || []).length).toBeGreaterThan(5)
    expect(customEndpoints({ collections: [wishes], globals: [] })).toEqual(['POST /api/wishes/:id/share'])
  })

  it('is satisfied once the table has the rows', () => {
    const table = {
      collections: { ...policy.collections, wishes: { why: 'test', allow: {} } },
      globals: { ...policy.globals, banner: { read: [], update: [], why: 'test' } },
      endpoints: { ...policy.endpoints, 'POST /api/wishes/:id/share': { allow: [], why: 'test' }, 'GET /api/health': { allow: [], why: 'test' } },
    }
    expect(withoutPolicy(withAdditions(), table)).toEqual([])
  })
})
