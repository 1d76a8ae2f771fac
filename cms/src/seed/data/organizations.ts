import type { SeedOrganization } from './types'

/** Demo organizations of the county; contact data is fictional (example.org). */
export const organizations: SeedOrganization[] = [
  { slug: 'landkreis-wittmund', name: 'Landkreis Wittmund – Fachbereich Soziales', kind: 'authority', website: 'https://example.org/landkreis', email: 'integration@example.org', phone: '04462 86-1100', address: { street: 'Am Markt 9', postalCode: '26409', city: 'Wittmund' }, municipality: 'wittmund' },
  { slug: 'jobcenter-wittmund', name: 'Jobcenter Landkreis Wittmund', kind: 'authority', website: 'https://example.org/jobcenter', email: 'jobcenter@example.org', phone: '04462 86-2200', address: { street: 'Brückstraße 12', postalCode: '26409', city: 'Wittmund' }, municipality: 'wittmund' },
  { slug: 'auslaenderbehoerde', name: 'Ausländerbehörde Landkreis Wittmund', kind: 'authority', email: 'auslaenderbehoerde@example.org', phone: '04462 86-1300', address: { street: 'Am Markt 9', postalCode: '26409', city: 'Wittmund' }, municipality: 'wittmund' },
  { slug: 'awo-wittmund', name: 'AWO Kreisverband Wittmund', kind: 'welfare', website: 'https://example.org/awo', email: 'migration@example.org', phone: '04462 5566', address: { street: 'Osterstraße 4', postalCode: '26409', city: 'Wittmund' }, municipality: 'wittmund' },
  { slug: 'diakonie-wittmund', name: 'Diakonisches Werk Harlingerland', kind: 'welfare', website: 'https://example.org/diakonie', email: 'beratung@example.org', phone: '04971 9120', address: { street: 'Kirchplatz 3', postalCode: '26427', city: 'Esens' }, municipality: 'esens' },
  { slug: 'caritas-friesland', name: 'Caritasverband Friesland-Wittmund', kind: 'welfare', email: 'caritas@example.org', phone: '04462 7788', address: { street: 'Norderstraße 20', postalCode: '26409', city: 'Wittmund' }, municipality: 'wittmund' },
  { slug: 'kvhs-wittmund', name: 'Kreisvolkshochschule Wittmund', kind: 'education', website: 'https://example.org/kvhs', email: 'kvhs@example.org', phone: '04462 86-1500', address: { street: 'Schulstraße 8', postalCode: '26409', city: 'Wittmund' }, municipality: 'wittmund' },
  { slug: 'jmd-wittmund', name: 'Jugendmigrationsdienst Wittmund', kind: 'welfare', email: 'jmd@example.org', phone: '04462 3344', address: { street: 'Osterstraße 4', postalCode: '26409', city: 'Wittmund' }, municipality: 'wittmund' },
  { slug: 'fluechtlingshilfe-esens', name: 'Flüchtlingshilfe Esens e. V.', kind: 'association', website: 'https://example.org/fluechtlingshilfe', email: 'hallo@example.org', phone: '04971 2233', address: { street: 'Steinstraße 15', postalCode: '26427', city: 'Esens' }, municipality: 'esens' },
  { slug: 'familienzentrum-friedeburg', name: 'Familienzentrum Friedeburg', kind: 'education', email: 'familienzentrum@example.org', phone: '04465 4455', address: { street: 'Hauptstraße 41', postalCode: '26446', city: 'Friedeburg' }, municipality: 'friedeburg' },
]
