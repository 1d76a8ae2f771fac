/**
 * What the Payload config exposes over REST, enumerated from the built config: collections,
 * globals and every endpoint beyond Payload's standard document routes. The hostile suite uses
 * this only to find what the policy table (`policy.ts`) has no row for: a new collection,
 * global or endpoint fails the suite until someone writes down who may use it.
 */
import * as policy from './policy'

/** The routes Payload gives every collection; the collection's policy row covers them. */
export const STANDARD_COLLECTION_ROUTES = new Set([
  'GET /',
  'GET /:id',
  'GET /count',
  'POST /',
  'PATCH /',
  'PATCH /:id',
  'DELETE /',
  'DELETE /:id',
  'POST /access/:id?',
  'GET /versions',
  'GET /versions/:id',
  'POST /versions/:id',
  'POST /:id/duplicate',
])

/** The routes Payload gives every global; the global's policy row covers them. */
export const STANDARD_GLOBAL_ROUTES = new Set(['GET /', 'POST /', 'POST /access', 'GET /versions', 'GET /versions/:id', 'POST /versions/:id'])

interface EndpointLike {
  method: string
  path: string
}
/** The parts of a (sanitized) Payload config this module reads. */
export interface ConfigSurface {
  collections: { slug: string; endpoints?: EndpointLike[] | false }[]
  globals: { slug: string; endpoints?: EndpointLike[] | false }[]
  endpoints?: EndpointLike[]
}

const route = (e: EndpointLike) => `${e.method.toUpperCase()} ${e.path}`

/** Every endpoint outside the standard routes, as `METHOD /api/<slug><path>`. */
export function customEndpoints(config: ConfigSurface): string[] {
  const out: string[] = []
  for (const c of config.collections) {
    for (const e of c.endpoints || []) if (!STANDARD_COLLECTION_ROUTES.has(route(e))) out.push(`${e.method.toUpperCase()} /api/${c.slug}${e.path}`)
  }
  for (const g of config.globals) {
    for (const e of g.endpoints || []) if (!STANDARD_GLOBAL_ROUTES.has(route(e))) out.push(`${e.method.toUpperCase()} /api/globals/${g.slug}${e.path}`)
  }
  for (const e of config.endpoints ?? []) out.push(`${e.method.toUpperCase()} /api${e.path}`)
  return out
}

/** What the config exposes without a row in the policy table (`table` defaults to `policy.ts`). */
export function withoutPolicy(config: ConfigSurface, table: Pick<typeof policy, 'collections' | 'globals' | 'endpoints'> = policy): string[] {
  return [
    ...config.collections.filter((c) => !(c.slug in table.collections)).map((c) => `collection ${c.slug}`),
    ...config.globals.filter((g) => !(g.slug in table.globals)).map((g) => `global ${g.slug}`),
    ...customEndpoints(config)
      .filter((key) => !(key in table.endpoints))
      .map((key) => `endpoint ${key}`),
  ]
}
