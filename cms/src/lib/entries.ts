/**
 * The entries social workers keep for their organization, in one place: their owner field, the
 * field that names them, and how they fall due for checking (issue 11). Used by the to-check
 * list, the digest, the duplicate warning (server and admin form) — so it imports nothing.
 */
export const KEPT_ENTRIES = {
  offers: { owner: 'organization', title: 'title', kind: 'offer' },
  contacts: { owner: 'organization', title: 'name', kind: 'contact' },
  events: { owner: 'organizer', title: 'title', kind: 'event' },
} as const
export type KeptCollection = keyof typeof KEPT_ENTRIES
