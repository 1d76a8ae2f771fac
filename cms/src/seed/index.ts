import type { Payload } from 'payload'

import { seedConcept } from './concept'
import { seedContacts } from './contacts'
import { SeedContext } from './context'
import { seedEvents } from './events'
import { seedMunicipalities } from './municipalities'
import { seedOffers } from './offers'
import { seedOrganizations } from './organizations'
import { seedPages } from './pages'
import { seedReports } from './reports'
import { seedSearchTerms } from './searchTerms'
import { seedTopics } from './topics'

/** Bump when the seed gains content an existing installation should not get retroactively. */
export const SEED_VERSION = 1

export interface SeedResult {
  concept: 'seeded' | 'already'
  demo: 'seeded' | 'already' | 'off'
  created: SeedContext['created']
}

/**
 * Seeds once per database, never again over an editor's changes: the dates of the first seed
 * are kept in the hidden `system-state` global. Reference data (municipalities, topics) and the
 * concept's measures are real and seeded always; demo content (offers, contacts, events,
 * reports, pages, search terms) only when `demo` is on (the default outside production).
 */
export async function seed(payload: Payload, options: { demo: boolean }): Promise<SeedResult> {
  const state = await payload.findGlobal({ slug: 'system-state' })
  const ctx = new SeedContext(payload, options.demo)
  const result: SeedResult = { concept: 'already', demo: options.demo ? 'already' : 'off', created: ctx.created }
  const now = () => new Date().toISOString()

  if (!state.conceptSeededAt) {
    await seedMunicipalities(ctx)
    await seedTopics(ctx)
    await seedConcept(ctx)
    await payload.updateGlobal({ slug: 'system-state', data: { conceptSeededAt: now(), seedVersion: SEED_VERSION }, context: SeedContext.writeContext })
    result.concept = 'seeded'
  }
  if (options.demo && !state.demoSeededAt) {
    await ctx.preload(['municipalities', 'topics', 'measures'])
    await seedOrganizations(ctx)
    await seedContacts(ctx)
    await seedOffers(ctx)
    await seedEvents(ctx)
    await seedReports(ctx)
    await seedPages(ctx)
    await seedSearchTerms(ctx)
    await payload.updateGlobal({ slug: 'system-state', data: { demoSeededAt: now(), seedVersion: SEED_VERSION }, context: SeedContext.writeContext })
    result.demo = 'seeded'
  }
  return result
}
