import { dateOnlyToIso, translationsOf, type SeedContext } from './context'
import { contacts } from './data/contacts'
import type { SeedTimeSlot } from './data/types'

/** The last check of the seeded contacts without a day of their own (a few are due or overdue on purpose). */
const CONTACTS_REVIEWED = '2026-10-15'

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
        reviewedAt: dateOnlyToIso(c.reviewed ?? CONTACTS_REVIEWED),
      },
      translationsOf({ text: { responsibility: c.responsibility } }),
      { demo: true },
    )
  }
}
