import { distance } from 'fastest-levenshtein'
import type { Endpoint, PayloadRequest, Where } from 'payload'

import { CHECKED, type CheckedCollection } from '../freshness/toCheck'

/** Titles at least this similar (1 = equal after normalizing) are called out as possible duplicates. */
export const SIMILARITY = 0.85

/** A title as people compare them: case, accents, punctuation and spacing do not count. */
export function normalizeTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** 1 for equal normalized titles, 0 for nothing in common (Levenshtein distance over the longer length). */
export function titleSimilarity(a: string, b: string): number {
  const x = normalizeTitle(a)
  const y = normalizeTitle(b)
  if (x === '' || y === '') return 0
  return 1 - distance(x, y) / Math.max(x.length, y.length)
}

export interface SimilarEntry {
  id: string
  title: string
  similarity: number
  status: 'draft' | 'published'
  editUrl: string
}

/**
 * Entries of `collection` in the same organization and municipality whose title is at least
 * `SIMILARITY` like `title` (issue 11's duplicate warning, on create and in an import's dry run),
 * most similar first; an organization or municipality not given (not chosen in the form yet)
 * does not narrow the search. Read with the asker's access; `excludeId` leaves out the entry.
 */
export async function similarEntries(
  req: PayloadRequest,
  query: { collection: CheckedCollection; title: string; organization?: string | number | null; municipality?: string | number | null; excludeId?: string | number | null },
  access: { user?: PayloadRequest['user'] } = { user: req.user },
): Promise<SimilarEntry[]> {
  const spec = CHECKED[query.collection]
  // Not chosen yet (the form is being filled in): not narrowed by it.
  const and: Where[] = []
  if (query.organization != null) and.push({ [spec.owner]: { equals: query.organization } })
  if (query.municipality != null) and.push({ municipality: { equals: query.municipality } })
  if (query.excludeId != null) and.push({ id: { not_equals: query.excludeId } })
  const { docs } = await req.payload.find({
    collection: query.collection,
    where: and.length > 0 ? { and } : undefined,
    draft: true,
    depth: 0,
    pagination: false,
    locale: 'de',
    req,
    ...(access.user ? { overrideAccess: false, user: access.user } : { overrideAccess: true }),
  })
  const adminRoute = req.payload.config.routes.admin
  return (docs as unknown as Record<string, unknown>[])
    .map((d) => ({ d, similarity: titleSimilarity(query.title, String(d[spec.title] ?? '')) }))
    .filter(({ similarity }) => similarity >= SIMILARITY)
    .sort((a, b) => b.similarity - a.similarity)
    .map(({ d, similarity }) => ({
      id: String(d.id),
      title: String(d[spec.title] ?? ''),
      similarity: Math.round(similarity * 100) / 100,
      status: d._status === 'published' ? 'published' : 'draft',
      editUrl: `${adminRoute}/collections/${query.collection}/${d.id}`,
    }))
}

const one = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null)

/**
 * `GET /api/similar-entries?collection=offers&title=…&organization=…&municipality=…[&exclude=id]`:
 * possible duplicates for the create form's warning. Staff only; 400 naming the parameter.
 */
export const similarEntriesEndpoint: Endpoint = {
  path: '/similar-entries',
  method: 'get',
  handler: async (req) => {
    if (!req.user) return Response.json({ errors: [{ message: 'Bitte anmelden.' }] }, { status: 401 })
    const q = req.query as Record<string, unknown>
    const collection = one(q.collection)
    if (!collection || !(collection in CHECKED)) return Response.json({ errors: [{ message: `collection: eine von ${Object.keys(CHECKED).join(', ')}` }] }, { status: 400 })
    const title = one(q.title)
    if (!title) return Response.json({ errors: [{ message: 'title: Bitte einen Titel angeben.' }] }, { status: 400 })
    if (title.length > 500) return Response.json({ errors: [{ message: 'title: höchstens 500 Zeichen.' }] }, { status: 400 })
    for (const name of ['organization', 'municipality', 'exclude'] as const) {
      const value = one(q[name])
      if (value !== null && !/^[\w-]{1,64}$/.test(value)) return Response.json({ errors: [{ message: `${name}: keine gültige ID.` }] }, { status: 400 })
    }
    const asId = (v: string | null) => (v !== null && /^\d+$/.test(v) ? Number(v) : v)
    const entries = await similarEntries(req, {
      collection: collection as CheckedCollection,
      title,
      organization: asId(one(q.organization)),
      municipality: asId(one(q.municipality)),
      excludeId: asId(one(q.exclude)),
    })
    return Response.json({ entries })
  },
}

export interface SimilarCandidate {
  id: string
  title: string
  municipality: string | null
  editUrl: string
}

/** Every entry of an organization with its title and municipality, for checking many titles at once (an import's dry run). */
export async function similarCandidates(req: PayloadRequest, collection: CheckedCollection, organization: string | number): Promise<SimilarCandidate[]> {
  const spec = CHECKED[collection]
  const { docs } = await req.payload.find({ collection, where: { [spec.owner]: { equals: organization } }, draft: true, depth: 0, pagination: false, locale: 'de', req, overrideAccess: true })
  const adminRoute = req.payload.config.routes.admin
  return (docs as unknown as Record<string, unknown>[]).map((d) => ({
    id: String(d.id),
    title: String(d[spec.title] ?? ''),
    municipality: d.municipality == null ? null : String(typeof d.municipality === 'object' ? (d.municipality as { id: unknown }).id : d.municipality),
    editUrl: `${adminRoute}/collections/${collection}/${d.id}`,
  }))
}
