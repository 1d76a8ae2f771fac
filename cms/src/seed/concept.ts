import { dateOnlyToIso, translationsOf, type SeedContext } from './context'
import { concept } from './data/concept'

/**
 * The concept's fields of action, sub-goals and measures, word for word. This is real data and
 * is seeded in production too; the progress status and notes are demo values and are seeded
 * only with the demo content (a county sets its own).
 */
export async function seedConcept(ctx: SeedContext): Promise<void> {
  let order = 0
  for (const field of concept) {
    const goals = field.goals.map((g) => g.de).join('\n\n')
    const goalTranslations = Object.fromEntries(
      ['en', 'ar'].flatMap((locale) => {
        const texts = field.goals.map((g) => (g as Record<string, string | undefined>)[locale])
        return texts.every(Boolean) ? [[locale, texts.join('\n\n')]] : []
      }),
    )
    const fieldId = await ctx.upsert(
      'measures',
      field.slug,
      { level: 'field', title: field.title.de, description: goals, order: order++ },
      translationsOf({ text: { title: field.title, description: { de: goals, ...goalTranslations } } }),
    )
    for (const goal of field.subGoals) {
      const goalId = await ctx.upsert(
        'measures',
        goal.slug,
        { level: 'goal', parent: fieldId, title: goal.title.de, description: goal.note?.de, order: order++ },
        translationsOf({ text: { title: goal.title, description: goal.note } }),
      )
      for (const m of goal.measures) {
        await ctx.upsert(
          'measures',
          m.slug,
          {
            level: 'measure',
            parent: goalId,
            title: m.title.de,
            deadline: m.deadline ? dateOnlyToIso(m.deadline) : undefined,
            deadlineText: m.deadlineText,
            responsibleUnit: m.responsibleUnit,
            status: ctx.demo ? m.status : 'planned',
            statusNote: ctx.demo ? m.statusNote?.de : undefined,
            order: order++,
          },
          translationsOf({ text: { title: m.title, ...(ctx.demo ? { statusNote: m.statusNote } : {}) } }),
        )
      }
    }
  }
}
