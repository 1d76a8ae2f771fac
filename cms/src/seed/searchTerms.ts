import { SeedContext } from './context'
import { searchTermGroups } from './data/searchTerms'

export async function seedSearchTerms(ctx: SeedContext): Promise<void> {
  for (const group of searchTermGroups) {
    const title = group.terms.join(' = ')
    // Once per group: a seed interrupted half-way runs again without doubling groups.
    const existing = await ctx.payload.count({ collection: 'search-terms', where: { title: { equals: title } } })
    if (existing.totalDocs > 0) continue
    await ctx.payload.create({
      collection: 'search-terms',
      data: { terms: group.terms.map((term) => ({ term })), appliesIn: group.locales, notes: group.notes },
      context: SeedContext.writeContext,
    })
    ctx.created['search-terms'] = (ctx.created['search-terms'] ?? 0) + 1
  }
}
