import { dateOnlyToIso, germanRich, translationsOf, type SeedContext } from './context'
import { reports } from './data/reports'
import { seedCoverImage } from './media'

export async function seedReports(ctx: SeedContext): Promise<void> {
  for (const [index, r] of reports.entries()) {
    const cover = await seedCoverImage(ctx, `cover-${r.slug}`, index, r.title)
    await ctx.upsert(
      'reports',
      r.slug,
      {
        title: r.title.de,
        summary: r.summary.de,
        body: germanRich(r.body),
        coverImage: cover,
        publishedDate: dateOnlyToIso(r.publishedDate),
        measures: r.measures.map((m) => ctx.id('measures', m)),
      },
      translationsOf({ text: { title: r.title, summary: r.summary }, rich: { body: r.body } }),
      { demo: true },
    )
  }
}
