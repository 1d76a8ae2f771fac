import { translationsOf, type SeedContext } from './context'
import { contacts } from './data/contacts'
import type { SeedTimeSlot } from './data/types'

/** Weekly slots as the CMS stores them (notes in German; translations follow in the admin). */
export function slots(list: readonly SeedTimeSlot[] | undefined): Record<string, unknown>[] | undefined {
  return list?.map((s) => ({ weekday: s.weekday, from: s.from, to: s.to, appointmentOnly: s.appointmentOnly ?? false, note: s.note?.de }))
}

export async function seedContacts(ctx: SeedContext): Promise<void> {
  for (const c of contacts) {
    await ctx.upsert(
      'contacts',
      c.slug,
      {
        name: c.name,
        kind: c.kind,
        responsibility: c.responsibility.de,
        organization: c.organization ? ctx.id('organizations', c.organization) : undefined,
        languages: c.languages,
        phone: c.phone,
        email: c.email,
        website: c.website,
        address: c.address,
        location: c.location,
        municipality: c.municipality ? ctx.id('municipalities', c.municipality) : undefined,
        consultationHours: slots(c.consultationHours),
        internalNotes: c.internalNotes,
      },
      translationsOf({ text: { responsibility: c.responsibility } }),
      { demo: true },
    )
  }
}
