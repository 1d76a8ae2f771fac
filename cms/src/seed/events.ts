import { berlinToIso, dateOnlyToIso, germanRich, translationsOf, type SeedContext } from './context'
import { events } from './data/events'

export async function seedEvents(ctx: SeedContext): Promise<void> {
  for (const e of events) {
    await ctx.upsert(
      'events',
      e.slug,
      {
        title: e.title.de,
        description: germanRich(e.description),
        start: berlinToIso(e.start),
        end: e.end ? berlinToIso(e.end) : undefined,
        allDay: e.allDay ?? false,
        recurrence: e.recurrence
          ? {
              frequency: e.recurrence.frequency,
              interval: e.recurrence.interval ?? 1,
              monthlyMode: e.recurrence.monthlyMode ?? 'dayOfMonth',
              weekOfMonth: e.recurrence.weekOfMonth !== undefined ? String(e.recurrence.weekOfMonth) : undefined,
              until: e.recurrence.until ? dateOnlyToIso(e.recurrence.until) : undefined,
            }
          : { frequency: 'none' },
        place: e.place,
        address: e.address,
        location: e.location,
        municipality: ctx.id('municipalities', e.municipality),
        organizer: ctx.id('organizations', e.organizer),
        topics: e.topics.map((t) => ctx.id('topics', t)),
        languages: e.languages,
        registration: { required: e.registration.required, how: e.registration.how?.de, url: e.registration.url },
        cost: { free: e.cost.free, note: e.cost.note?.de },
        cancelled: e.cancelled ?? false,
      },
      translationsOf({
        text: { title: e.title, 'cost.note': e.cost.note, 'registration.how': e.registration.how },
        rich: { description: e.description },
      }),
      { demo: true },
    )
  }
}
