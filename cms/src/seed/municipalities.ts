import type { SeedContext } from './context'

/**
 * The county's six municipalities with the coordinates of their town halls. Real reference
 * data, not demo content: seeded in production too.
 */
export const municipalities = [
  { slug: 'wittmund', name: 'Stadt Wittmund', lat: 53.5766, lng: 7.7796 },
  { slug: 'friedeburg', name: 'Gemeinde Friedeburg', lat: 53.4535, lng: 7.8331 },
  { slug: 'esens', name: 'Samtgemeinde Esens', lat: 53.6484, lng: 7.6125 },
  { slug: 'holtriem', name: 'Samtgemeinde Holtriem', lat: 53.6012, lng: 7.4349 },
  { slug: 'langeoog', name: 'Inselgemeinde Langeoog', lat: 53.7436, lng: 7.4791 },
  { slug: 'spiekeroog', name: 'Inselgemeinde Spiekeroog', lat: 53.7705, lng: 7.6937 },
] as const

export async function seedMunicipalities(ctx: SeedContext): Promise<void> {
  for (const [order, m] of municipalities.entries()) {
    await ctx.upsert('municipalities', m.slug, { name: m.name, order, location: { lat: m.lat, lng: m.lng } }, {}, { drafts: false })
  }
}
