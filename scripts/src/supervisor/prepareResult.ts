import { z } from 'zod'

/**
 * What the database step (prepare.ts, a child process) tells the supervisor, through a file the
 * supervisor names; parsed with this schema on both sides.
 */
export const PrepareResult = z.object({
  /** What was seeded now; absent for `recover`. */
  seeded: z.object({ concept: z.boolean(), demo: z.boolean() }).optional(),
  /** How the first user came about; absent for `recover`. */
  users: z.enum(['existing', 'from-env', 'dev-login']).optional(),
  /** Interrupted site builds put back in the queue. */
  requeued: z.number().int().min(0),
  /** No release was live, so a first build was queued. */
  firstBuild: z.boolean(),
  /** The live site's folder (`DEPLOY_DIR`), which the site server serves. */
  liveDir: z.string().min(1),
})
export type PrepareResult = z.infer<typeof PrepareResult>
