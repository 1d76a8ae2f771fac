/**
 * The ID behind a relationship value, whichever shape it arrives in: an ID, a populated
 * document `{ id }`, or a polymorphic `{ relationTo, value }`. `null` when there is none.
 */
export function relationId(value: unknown): number | string | null {
  if (value == null || value === '') return null
  if (typeof value === 'number' || typeof value === 'string') return value
  if (typeof value === 'object') {
    if ('id' in value) return relationId((value as { id: unknown }).id)
    if ('value' in value) return relationId((value as { value: unknown }).value)
  }
  return null
}

/** A document ID from a URL (`/api/offers/:id/…`): SQLite's are numbers, MongoDB's strings. */
export const routeDocId = (id: string) => (/^\d+$/.test(id) ? Number(id) : id) as number
