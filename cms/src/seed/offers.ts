import { slots } from './contacts'
import { dateOnlyToIso, germanRich, translationsOf, type SeedContext } from './context'
import { offers } from './data/offers'

export async function seedOffers(ctx: SeedContext): Promise<void> {
  for (const o of offers) {
    await ctx.upsert(
      'offers',
      o.slug,
      {
        title: o.title.de,
        summary: o.summary.de,
        body: germanRich(o.body),
        topics: o.topics.map((t) => ctx.id('topics', t)),
        targetGroups: o.targetGroups,
        languages: o.languages,
        municipality: ctx.id('municipalities', o.municipality),
        address: o.address,
        location: o.location,
        organization: ctx.id('organizations', o.organization),
        contacts: (o.contacts ?? []).map((c) => ctx.id('contacts', c)),
        schedule: slots(o.schedule),
        scheduleNote: o.scheduleNote?.de,
        cost: { free: o.cost.free, note: o.cost.note?.de },
        childcare: o.childcare,
        barrierFree: o.barrierFree,
        registration: { required: o.registration.required, how: o.registration.how?.de, url: o.registration.url },
        validFrom: o.validFrom ? dateOnlyToIso(o.validFrom) : undefined,
        validUntil: o.validUntil ? dateOnlyToIso(o.validUntil) : undefined,
        reviewedAt: dateOnlyToIso(o.reviewedAt),
      },
      translationsOf({
        text: {
          title: o.title,
          summary: o.summary,
          scheduleNote: o.scheduleNote,
          'cost.note': o.cost.note,
          'registration.how': o.registration.how,
        },
        rich: { body: o.body },
      }),
      { demo: true },
    )
  }
}
