/**
 * The one protocol between the CMS and the processes it starts: the deploy process of the build
 * job (cms/src/publish/job.ts, the host; scripts/src/tasks/deploy.ts) and, at the end of this
 * file, the warm renderer of the preview. For the deploy: what the host asks for, and every message the
 * deploy sends back. Both sides parse what they receive with these schemas, so a change on one
 * side that the other does not understand fails at once with the field named, not as a build
 * that silently never ends.
 *
 * Transport: Node's IPC channel, which is file descriptor 3 of the deploy process (the host
 * starts it with `stdio: ['ignore', 'pipe', 'pipe', 'ipc']`); each message is one line of JSON.
 * Any program can speak it: a test's stand-in for the deploy writes
 * `echo '{"type":"result","release":"r1","phases":{}}' >&3`.
 *
 * A conversation: the host starts the deploy process (the publisher, scripts/src/site/publisher.ts)
 * once and keeps it; it sends heartbeats from its first line on and `ready` once it can build;
 * the host exports the snapshot itself (it has the CMS loaded) and sends a `build` request; the
 * deploy reports each `phase`, `live` the moment its release is switched live, and ends the
 * request with exactly one `result` or `failure`. Then it waits for the next request, keeping
 * warm what the next publish can reuse. A warm deploy answers a request that needs a full build
 * with `handover` and ends; the host sends it to a fresh one. A `stop` request ends it.
 */
import { createHash } from 'node:crypto'
import { z } from 'zod'

/** What each kind of change is called in a trigger. */
export const TRIGGER_ACTIONS = ['publish', 'update', 'unpublish', 'delete', 'manual', 'daily'] as const

/** One reason for a build: a publish, unpublish or deletion, a manual or the daily rebuild. */
export const PublishTriggerSchema = z.object({
  /** Collection slug of the changed document, `-` for manual and daily builds. */
  collection: z.string().min(1),
  id: z.string(),
  /** The document's slug, so the deploy can check that its page exists (or is gone). */
  slug: z.string().nullish(),
  /** What editors see in the build list. */
  title: z.string(),
  action: z.enum(TRIGGER_ACTIONS),
  /** When the change was saved (ISO 8601). */
  at: z.string(),
})
export type PublishTrigger = z.infer<typeof PublishTriggerSchema>

/** Phase names the deploy reports, in order; the admin shows their durations. */
export const PhasesSchema = z.record(z.string(), z.number().nonnegative())

/** A document named by its collection and slug. */
const DocumentNameSchema = z.object({ collection: z.string().min(1), slug: z.string().min(1) })

/** What the release must and must not contain, from the database at export time (scripts/src/deploy/checks.ts checks it). */
export const ReleaseExpectationsSchema = z.object({
  /** Documents that must have a page (the publishes that triggered the build). */
  mustExist: z.array(DocumentNameSchema),
  /** Documents that must not have a page (drafts, unpublished). */
  mustNotExist: z.array(DocumentNameSchema),
  /** Strings that must appear nowhere (contacts' internal notes). */
  secrets: z.array(z.string()),
})
export type ReleaseExpectations = z.infer<typeof ReleaseExpectationsSchema>

/** How a release was made: the admin's build list shows "incremental (N pages)" or "full (reason)". */
export const PublishModeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('incremental'), pages: z.number().int().nonnegative(), removed: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('full'), reason: z.string().min(1) }),
])
export type PublishMode = z.infer<typeof PublishModeSchema>

/** The admin's line for a mode. */
export const describeMode = (mode: PublishMode): string =>
  mode.kind === 'incremental' ? `incremental (${mode.pages} pages${mode.removed ? `, ${mode.removed} removed` : ''})` : `full (${mode.reason})`

/** Host → deploy. */
export const DeployRequestSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('build'),
    /** The `deploys` record this build is for (logs; the publisher's own bookkeeping). */
    deployId: z.string(),
    /** Every publish this build includes. */
    triggers: z.array(PublishTriggerSchema),
    /** The folder the host exported the snapshot to (`snapshot.json`, `media/`); read during the build only. */
    snapshotDir: z.string().min(1),
    expectations: ReleaseExpectationsSchema,
    /** Why the whole site must be built (a manual or the nightly build), or null: the publisher decides. */
    full: z.string().min(1).nullable(),
    settings: z.object({
      /**
       * Fingerprint of the settings the build depends on (`deploySettingsKey()`): a process
       * started ahead under other settings refuses the request instead of building with stale ones.
       */
      key: z.string(),
    }),
  }),
  /** Ends an idle deploy process (the host stops, or no longer wants the process it started ahead). */
  z.object({ type: z.literal('stop') }),
])
export type DeployRequest = z.infer<typeof DeployRequestSchema>
export type BuildRequest = Extract<DeployRequest, { type: 'build' }>

/** Deploy → host. */
export const DeployMessageSchema = z.discriminatedUnion('type', [
  /** Sent every `HEARTBEAT_MS` from the process's first line on; silence means it hangs. */
  z.object({ type: z.literal('heartbeat') }),
  /** The CMS is loaded and the database open: a request starts exporting at once. */
  z.object({ type: z.literal('ready') }),
  /** A phase began (`ms` absent) or ended (`ms`: how long it took). */
  z.object({ type: z.literal('phase'), phase: z.string().min(1), ms: z.number().nonnegative().optional() }),
  /** The release was switched live (sent before the clean-up that follows the switch). */
  z.object({ type: z.literal('live'), release: z.string().min(1) }),
  /** The build went live; the last message of a request. */
  z.object({ type: z.literal('result'), release: z.string().min(1), phases: PhasesSchema, mode: PublishModeSchema.optional() }),
  /** The build failed and the live site is unchanged; the last message of a request. */
  z.object({ type: z.literal('failure'), reason: z.string().min(1), phases: PhasesSchema.default({}) }),
  /**
   * The build must be full (`reason`), and this publisher holds a warm site build, which a full
   * build does not use and whose memory it needs: the host sends the same request, with `full` set
   * to `reason`, to a fresh publisher. The last message of a request, and of this process.
   */
  z.object({ type: z.literal('handover'), reason: z.string().min(1) }),
])
export type DeployMessage = z.infer<typeof DeployMessageSchema>

/** How often a deploy process says it is alive. */
export const HEARTBEAT_MS = 5_000

/**
 * Parses one message, naming what is wrong when it does not fit (`phases.build: expected
 * number`); the caller treats that as a broken build, never as something to guess around.
 */
export function parseMessage<T>(schema: z.ZodType<T>, raw: unknown): { ok: true; value: T } | { ok: false; error: string } {
  const parsed = schema.safeParse(raw)
  if (parsed.success) return { ok: true, value: parsed.data }
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ')
  return { ok: false, error: `${issues} (got ${JSON.stringify(raw)?.slice(0, 200)})` }
}

/** Variables set per process (by the host or the supervisor), or read by the host only. */
const NOT_BUILD_SETTINGS = /^LOTSE_(LOG_LEVEL|JOBS|DEPLOY_PRESTART|DEPLOY_COMMAND|BUILD_TIMEOUT|SUPERVISED|LAUNCH_.*|CMS_STOP_MS)$/

/**
 * The environment a deploy depends on, as one fingerprint: a process started ahead under other
 * settings (another `LOTSE_NOW`, `SITE_URL`, database …) must not build. Hashed, so the secret
 * never travels in a message.
 */
export function deploySettingsKey(env: NodeJS.ProcessEnv = process.env): string {
  const relevant = Object.entries(env)
    .filter(([k]) => /^(LOTSE_|DEPLOY_|DATABASE_URI$|SITE_URL$|PAYLOAD_SECRET$)/.test(k) && !NOT_BUILD_SETTINGS.test(k))
    .sort(([a], [b]) => a.localeCompare(b))
  return createHash('sha256').update(JSON.stringify(relevant)).digest('hex').slice(0, 16)
}

/**
 * The warm renderer (scripts/src/site/renderer.ts): the site's own Astro build, kept alive after
 * its bundling and paused before page generation, which renders single pages on request. The
 * CMS's preview starts it (cms/src/preview/renderer.ts) and asks it for one page at a time,
 * rendered from a snapshot the CMS wrote. Same transport as the deploy (IPC, fd 3).
 */
export const RendererRequestSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('render'),
    /** Ties the answer to the request. */
    id: z.string().min(1),
    /** A folder with the `snapshot.json` to render from, used by no request before (each folder is read once). */
    snapshotDir: z.string().min(1),
    /** The page's path on the site: `/de/offers/deutschkurs/`. */
    path: z.string().regex(/^\/[a-z]{2}(-[a-z]+)?\/[a-z0-9/-]*$/, 'a site path such as /de/offers/deutschkurs/'),
  }),
  /** Ends the renderer (the host stops, or the renderer was idle long enough). */
  z.object({ type: z.literal('stop') }),
])
export type RendererRequest = z.infer<typeof RendererRequestSchema>

export const RendererMessageSchema = z.discriminatedUnion('type', [
  /** The site is bundled and the first page can be rendered. */
  z.object({ type: z.literal('ready') }),
  /** The page as the site would serve it, its stylesheets inlined; `status` 404 when the site has no such page. */
  z.object({ type: z.literal('rendered'), id: z.string().min(1), status: z.number().int(), html: z.string() }),
  /** The page could not be rendered (a template threw, the snapshot did not fit the contract). */
  z.object({ type: z.literal('render-failed'), id: z.string().min(1), reason: z.string().min(1) }),
])
export type RendererMessage = z.infer<typeof RendererMessageSchema>
