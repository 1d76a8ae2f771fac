import { germanRich, translationsOf, type SeedContext } from './context'
import { pages } from './data/pages'
import type { SeedPage } from './data/types'

/** Parents before children, whatever order the data file lists them in. */
function parentsFirst(list: readonly SeedPage[]): SeedPage[] {
  const done = new Set<string>()
  const out: SeedPage[] = []
  const visit = (page: SeedPage, path: string[]) => {
    if (done.has(page.slug)) return
    if (path.includes(page.slug)) throw new Error(`Seed pages form a cycle: ${[...path, page.slug].join(' → ')}`)
    const parent = page.parent ? list.find((p) => p.slug === page.parent) : undefined
    if (page.parent && !parent) throw new Error(`Seed page "${page.slug}" has unknown parent "${page.parent}".`)
    if (parent) visit(parent, [...path, page.slug])
    done.add(page.slug)
    out.push(page)
  }
  for (const page of list) visit(page, [])
  return out
}

export async function seedPages(ctx: SeedContext): Promise<void> {
  for (const p of parentsFirst(pages)) {
    await ctx.upsert(
      'pages',
      p.slug,
      {
        title: p.title.de,
        summary: p.summary.de,
        body: germanRich(p.body),
        parent: p.parent ? ctx.id('pages', p.parent) : undefined,
        order: p.order,
        legal: p.legal,
      },
      translationsOf({ text: { title: p.title, summary: p.summary }, rich: { body: p.body } }),
      { demo: true },
    )
  }
}
