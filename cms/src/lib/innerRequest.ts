import type { PayloadRequest } from 'payload'

/**
 * The request to hand a Local API call made inside another operation (a hook, a validator). The
 * Local API, handed `req`, sets `req.locale` and `req.fallbackLocale` to the call's own
 * (`createLocalReq`): a read of the German text inside an Arabic save made the rest of that
 * save German (the Arabic title was written over the German one), and validators running at
 * the same time saw German as the locale (tests/cms/access.test.ts, content-model.test.ts).
 * Restoring the locale afterwards is not enough while other validators run meanwhile, so the
 * call gets a view of the request: it reads everything (transaction, user, context) from
 * `req`, and what the call writes stays on the view.
 */
export const innerRequest = (req: PayloadRequest): PayloadRequest => Object.create(req) as PayloadRequest
