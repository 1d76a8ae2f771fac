import type { SeedContext } from './context'
import { organizations } from './data/organizations'

export async function seedOrganizations(ctx: SeedContext): Promise<void> {
  for (const org of organizations) {
    await ctx.upsert(
      'organizations',
      org.slug,
      {
        name: org.name,
        kind: org.kind,
        website: org.website,
        email: org.email,
        phone: org.phone,
        address: org.address,
        municipality: org.municipality ? ctx.id('municipalities', org.municipality) : undefined,
      },
      {},
      { drafts: false },
    )
  }
}
