import type { Payload, PayloadRequest, Where } from 'payload'

import { DEFAULT_FRESHNESS, type FreshnessSettings, FreshnessSettingsSchema, freshnessOf, hasDateAhead } from '@lotse/content-schemas'

import { checkRole, organizationId } from '../access/roles'
import { mayUpdateDocument } from '../access/hardening'
import { KEPT_ENTRIES, type KeptCollection } from '../lib/entries'

/** The admin's review intervals (global `freshness`), the contract's defaults until one is saved. */
export async function readFreshness(payload: Payload, req?: PayloadRequest): Promise<FreshnessSettings> {
  const global = (await payload.findGlobal({ slug: 'freshness', depth: 0, overrideAccess: true, req }).catch(() => null)) as Record<string, unknown> | null
  const parsed = FreshnessSettingsSchema.safeParse({ offerMonths: global?.offerMonths, contactMonths: global?.contactMonths, graceWeeks: global?.graceWeeks })
  return parsed.success ? parsed.data : DEFAULT_FRESHNESS
}

/** The collections with entries to check, their owner field, title field and how they fall due. */
export const CHECKED = KEPT_ENTRIES
export type CheckedCollection = KeptCollection

/** Offers and contacts are confirmed with "still correct"; an event needs a new date or to go. */
export const CONFIRMABLE = ['offers', 'contacts'] as const satisfies readonly CheckedCollection[]

export interface ToCheckEntry {
  collection: CheckedCollection
  id: string
  title: string
  organization: { id: string; name: string } | null
  /** `overdue`: readers see the entry marked as not confirmed (when it is published). */
  state: 'due' | 'overdue'
  /** Published: readers see it (an overdue draft is nobody's concern on the site yet). */
  published: boolean
  /** The last check, or for an entry never checked its last change; for an event its last date. */
  checkedAt: string
  dueAt: string
  overdueAt: string | null
  /** Whether the asker may confirm it ("Noch aktuell") or edit it. */
  mayEdit: boolean
  editUrl: string
}

export interface ToCheckList {
  entries: ToCheckEntry[]
  /** Due and overdue entries per organization (press office and admins see them all). */
  counts: { organization: { id: string; name: string } | null; due: number; overdue: number }[]
  settings: FreshnessSettings
  /** Whether the asker sees every organization's entries (press office, admins). */
  allOrganizations: boolean
}

const idOf = (v: unknown): string | null => (v == null ? null : typeof v === 'object' ? String((v as { id: unknown }).id) : String(v))

/** Due entry without the asker's rights (the digest has no asker). */
export type DueEntry = Omit<ToCheckEntry, 'mayEdit'>

/**
 * The entries due for checking, oldest first, of one organization or (`organization` omitted)
 * of all: latest versions, drafts included, as the admin shows them. Read as `user` reads, or
 * with full access when no user is given (the weekly digest). The one freshness rule of the
 * contract decides due and overdue, so the list says exactly which entries readers see as not
 * confirmed.
 */
export async function dueEntries(req: PayloadRequest, scope: { organization?: string | number; user?: PayloadRequest['user'] }, now: Date, settings: FreshnessSettings): Promise<DueEntry[]> {
  const entries: DueEntry[] = []
  const adminRoute = req.payload.config.routes.admin
  for (const [collection, spec] of Object.entries(CHECKED) as [CheckedCollection, (typeof CHECKED)[CheckedCollection]][]) {
    const where: Where | undefined = scope.organization == null ? undefined : { [spec.owner]: { equals: scope.organization } }
    const access = scope.user ? { overrideAccess: false, user: scope.user } : { overrideAccess: true }
    const { docs } = await req.payload.find({ collection, where, draft: true, depth: 1, pagination: false, req, locale: 'de', sort: 'id', ...access })
    // The latest version may be a draft of a published entry: whether readers see the entry is
    // the published row's state.
    const published = new Set(
      (
        await req.payload.find({
          collection,
          where: { and: [...(where ? [where] : []), { _status: { equals: 'published' } }] },
          draft: false,
          depth: 0,
          pagination: false,
          select: { _status: true } as never,
          req,
          overrideAccess: true,
        })
      ).docs.map((d) => String((d as { id: number | string }).id)),
    )
    for (const raw of docs as unknown as Record<string, unknown>[]) {
      let state: ToCheckEntry['state']
      let checkedAt: string
      let dueAt: string
      let overdueAt: string | null
      if (spec.kind === 'event') {
        if (raw.cancelled === true || hasDateAhead(raw as never, now)) continue
        state = 'due'
        checkedAt = String((raw.end as string | null) ?? (raw.recurrence as { until?: string } | null)?.until ?? raw.start)
        dueAt = checkedAt
        overdueAt = null
      } else {
        checkedAt = String(raw.reviewedAt ?? raw.updatedAt)
        const f = freshnessOf(spec.kind, checkedAt, settings, now)
        if (f.state === 'current') continue
        state = f.state
        dueAt = f.dueAt
        overdueAt = f.overdueAt
      }
      const owner = raw[spec.owner]
      const orgId = idOf(owner)
      const orgName = owner && typeof owner === 'object' ? String((owner as { name?: unknown }).name ?? orgId) : orgId
      const id = String(raw.id)
      entries.push({
        collection,
        id,
        title: String(raw[spec.title] ?? id),
        organization: orgId ? { id: orgId, name: orgName ?? orgId } : null,
        state,
        published: published.has(id),
        checkedAt,
        dueAt,
        overdueAt,
        editUrl: `${adminRoute}/collections/${collection}/${id}`,
      })
    }
  }
  return entries.sort((a, b) => a.checkedAt.localeCompare(b.checkedAt) || a.title.localeCompare(b.title, 'de'))
}

/**
 * The signed-in member of staff's list: an editor's own organization's entries, every
 * organization's for the press office and admins (with counts per organization); each says
 * whether the asker may confirm or edit it.
 */
export async function entriesToCheck(req: PayloadRequest, now = new Date()): Promise<ToCheckList> {
  const settings = await readFreshness(req.payload, req)
  const allOrganizations = checkRole(req.user, ['admin', 'press'])
  const ownOrg = organizationId(req.user)
  const due = allOrganizations || ownOrg != null ? await dueEntries(req, { organization: allOrganizations ? undefined : ownOrg!, user: req.user }, now, settings) : []
  const entries: ToCheckEntry[] = []
  for (const e of due) entries.push({ ...e, mayEdit: await mayUpdateDocument(req, e.collection, e.id, 'de') })
  const counts = new Map<string, ToCheckList['counts'][number]>()
  for (const e of entries) {
    const key = e.organization?.id ?? '-'
    const c = counts.get(key) ?? { organization: e.organization, due: 0, overdue: 0 }
    c[e.state] += 1
    counts.set(key, c)
  }
  return { entries, counts: [...counts.values()].sort((a, b) => (a.organization?.name ?? '').localeCompare(b.organization?.name ?? '', 'de')), settings, allOrganizations }
}
