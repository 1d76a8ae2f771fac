import { createHash } from 'node:crypto'

/**
 * What each page reads: the dependency map of the incremental publisher
 * (scripts/src/site/publisher.ts), derived from what the templates actually read, never kept by
 * hand beside them.
 *
 * While a page renders (site/src/middleware.ts), every read of snapshot data is noted as a
 * **key**, and every key has a **value** the site can work out again from any snapshot:
 *
 * - `doc:<collection>/<slug>/<field>`: one field of one document (`doc:offers/deutschkurs/title`),
 *   noted by the document's proxy (`trackSnapshot`); its value is a hash of the field, or `-`
 *   when the document is gone;
 * - `snapshot:<key>`: a part of the snapshot read as a whole (`snapshot:freshness`); a list of
 *   documents (read through `content().snapshot`) is worth its slugs in order;
 * - `content:<key>`: an index `content()` derives (`content:currentOffers`: the slugs in their
 *   order; a lookup: its slugs), so a page that lists offers depends on which offers there are
 *   and in which order, not on every offer's every field;
 * - `split:<word>`: the compound parts of a German word under the vocabulary of the whole
 *   snapshot (`searchIndex.ts`), so a new word elsewhere re-renders only pages whose words it
 *   splits differently.
 *
 * A page must be rendered again when the value of one of its keys changed. Values computed
 * once per snapshot and then shared (indexes, caches) are read untracked and noted as their own
 * key; a cache that shares a computation between pages must note on every hit what the
 * computation read (`noteAll`), else the page that hits it would miss a dependency. The
 * publisher's property test (tests/site/incremental.test.ts) compares every incremental release
 * with a full build and fails when a read went unnoted.
 */

let current: Set<string> | null = null

/** Notes a key for the page being rendered (nothing outside a page render). */
export function note(key: string): void {
  current?.add(key)
}

/** Notes several keys (a cache hit repeating what its computation read). */
export function noteAll(keys: Iterable<string>): void {
  if (current) for (const key of keys) current.add(key)
}

/** Runs `fn` without noting anything: for indexes computed once per snapshot. */
export function untracked<T>(fn: () => T): T {
  const saved = current
  current = null
  try {
    return fn()
  } finally {
    current = saved
  }
}

/**
 * One page's line in the dependency map a full build writes (`LOTSE_DEPS_FILE`, one JSON line
 * per page, site/src/middleware.ts): its URL, the keys it read, and whether it is in its locale's
 * search index (`searchBody` in searchIndex.ts).
 */
export interface DepsLine {
  url: string
  keys: string[]
  searchable?: true
}

/** Runs `fn`, returning what it read as well as its result (the page render; a shared computation). */
export async function recordReads<T>(fn: () => Promise<T>): Promise<{ result: T; keys: Set<string> }> {
  const { keys, done } = startRecording()
  try {
    return { result: await fn(), keys }
  } finally {
    done()
  }
}

/**
 * Runs a computation whose result is shared between pages (a cache), returning what it read, so
 * every later hit can note the same keys (`noteAll`).
 */
export function readsOf<T>(fn: () => T): { value: T; keys: string[] } {
  const { keys, done } = startRecording()
  try {
    return { value: fn(), keys: [...keys] }
  } finally {
    done()
  }
}

/** Records into a new set from now; `done` goes back to the recording before, which gets the keys too. */
function startRecording(): { keys: Set<string>; done: () => void } {
  const saved = current
  const keys = new Set<string>()
  current = keys
  return {
    keys,
    done: () => {
      current = saved
      if (saved) for (const key of keys) saved.add(key)
    },
  }
}

/** A short stable hash of any JSON value. */
export const hashOf = (value: unknown): string =>
  createHash('sha1')
    .update(JSON.stringify(value) ?? 'undefined')
    .digest('base64url')
    .slice(0, 16)

/** How the value of each kind of key is worked out, registered by the module that notes it. */
const kinds = new Map<string, (rest: string) => string>()
/** For some kinds, one fingerprint that stays the same while no key of the kind can change value. */
const wholes = new Map<string, () => string>()
/** For some kinds, the part of the snapshot a key reads, and a fingerprint of each part. */
interface KindParts {
  partOf: (rest: string) => string
  prints: () => Map<string, string>
}
const parts = new Map<string, KindParts>()

/**
 * Registers a kind of key, and optionally what lets the publisher skip its keys:
 * - `whole` fingerprints everything the kind's values depend on (the vocabulary, for `split:`):
 *   while it is unchanged the publisher skips the kind's keys, tens of thousands at 1,000 offers;
 * - `parts`: `partOf` names the part of the snapshot a key reads (`doc:offers/x/title` reads the
 *   document `offers/x`) and `prints` fingerprints every part: the publisher skips the keys of
 *   the parts whose fingerprint is unchanged (all documents but the edited ones).
 */
export function registerKeyKind(kind: string, value: (rest: string) => string, skip: { whole?: () => string; parts?: KindParts } = {}): void {
  kinds.set(kind, value)
  if (skip.whole) wholes.set(kind, skip.whole)
  if (skip.parts) parts.set(kind, skip.parts)
}

/** The fingerprints of the kinds that have one, under the snapshot loaded now. */
export function kindFingerprints(): Record<string, string> {
  return Object.fromEntries([...wholes].map(([kind, whole]) => [kind, whole()]))
}

/** The fingerprints of the parts of the snapshot loaded now (`doc:offers/x` → its fingerprint), for the kinds that have parts. */
export function partFingerprints(): Map<string, string> {
  const all = new Map<string, string>()
  for (const [kind, { prints }] of parts) for (const [part, print] of prints()) all.set(`${kind}:${part}`, print)
  return all
}

/** The part of the snapshot a key reads (`doc:offers/x/title` → `doc:offers/x`), or undefined for a kind without parts. */
export function partOf(key: string): string | undefined {
  const colon = key.indexOf(':')
  const kind = key.slice(0, colon)
  const of = parts.get(kind)?.partOf
  return of ? `${kind}:${of(key.slice(colon + 1))}` : undefined
}

/** The value of a key under the snapshot loaded now. */
export function valueOf(key: string): string {
  const colon = key.indexOf(':')
  const kind = kinds.get(key.slice(0, colon))
  if (!kind) throw new Error(`no value for the dependency key ${key}: its kind is not registered`)
  return kind(key.slice(colon + 1))
}

/**
 * The publisher's entry into the site's module graph: it runs in the same process as the warm
 * Astro build (scripts/src/site/renderer.ts) and evaluates keys through this, not through a
 * second copy of the site's modules.
 */
export const SITE_DEPENDENCIES = Symbol.for('lotse.siteDependencies')
;(globalThis as Record<symbol, unknown>)[SITE_DEPENDENCIES] = { valueOf, recordReads, kindFingerprints, partFingerprints, partOf }
