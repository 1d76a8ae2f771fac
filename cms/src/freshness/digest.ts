import { getISOWeek, getISOWeekYear } from 'date-fns'
import type { PayloadRequest, TaskConfig } from 'payload'

import { toWall } from '@lotse/content-schemas'

import { type DueEntry, dueEntries, readFreshness } from './toCheck'

const KIND_LABEL: Record<DueEntry['collection'], string> = { offers: 'Angebot', contacts: 'Ansprechpartner', events: 'Veranstaltung' }

const germanDay = (iso: string) => new Date(iso).toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' })

/** The ISO week of `now`'s Berlin day, as `2026-W49` (date-fns reads the local date we build). */
export function berlinIsoWeek(now: Date): string {
  const w = toWall(now)
  const day = new Date(w.y, w.m - 1, w.d)
  return `${getISOWeekYear(day)}-W${String(getISOWeek(day)).padStart(2, '0')}`
}

/** The mail's plain text: what is overdue (readers see a notice), then what is due, one admin link each. */
export function digestText(organization: string, entries: DueEntry[], serverURL: string, week: string): { subject: string; text: string } {
  const line = (e: DueEntry) =>
    e.collection === 'events'
      ? `- ${KIND_LABEL[e.collection]} „${e.title}“: kein Termin mehr in der Zukunft (letzter ${germanDay(e.checkedAt)}) – neuen Termin eintragen oder zurückziehen\n  ${serverURL}${e.editUrl}`
      : `- ${KIND_LABEL[e.collection]} „${e.title}“: zuletzt geprüft am ${germanDay(e.checkedAt)}${e.published ? '' : ' (Entwurf)'}\n  ${serverURL}${e.editUrl}`
  const overdue = entries.filter((e) => e.state === 'overdue')
  const due = entries.filter((e) => e.state === 'due')
  const parts = [
    'Guten Tag,',
    '',
    `in Lotse warten ${entries.length} Einträge von ${organization} auf eine Prüfung. Wenn alles noch stimmt, genügt in der Liste „Zu prüfen“ ein Klick auf „Noch aktuell“:`,
    `${serverURL}/admin/to-check`,
  ]
  if (overdue.length > 0) parts.push('', `Überfällig – auf der Website steht bereits, dass diese Angaben nicht bestätigt sind (${overdue.length}):`, ...overdue.map(line))
  if (due.length > 0) parts.push('', `Fällig (${due.length}):`, ...due.map(line))
  parts.push('', 'Diese Nachricht kommt einmal pro Woche, solange Einträge zu prüfen sind.', 'Lotse – Integrationsportal')
  return { subject: `Lotse: ${entries.length} Einträge zu prüfen (${organization}, ${week.replace('-W', ' KW ')})`, text: parts.join('\n') }
}

export interface DigestResult {
  week: string
  /** Organizations mailed in this run. */
  sent: { organization: string; recipients: number; entries: number }[]
  /** Organizations skipped: already mailed this week, or nothing to check, or no editor. */
  skipped: number
  /** Why nothing was sent at all, e.g. no mail server. */
  reason?: string
}

/**
 * The weekly mail to each organization's editors with what they have to check (issue 11). Only
 * through the county's mail server (`SMTP_URL`; without it nothing is sent). Once per
 * organization and ISO week: the `freshness-digests` record is written before the mail and
 * removed when the server refuses it, so a failed mail is sent by the next run and a second run
 * in the same week sends nothing. A refused mail fails the run after the other organizations
 * were served.
 */
export async function sendDigests(req: PayloadRequest, now = new Date()): Promise<DigestResult> {
  const week = berlinIsoWeek(now)
  const result: DigestResult = { week, sent: [], skipped: 0 }
  if (req.payload.email?.name !== 'smtp') return { ...result, reason: 'no SMTP_URL: no mail is sent' }
  const settings = await readFreshness(req.payload, req)
  const serverURL = req.payload.config.serverURL
  const failures: string[] = []
  const { docs: organizations } = await req.payload.find({ collection: 'organizations', pagination: false, depth: 0, overrideAccess: true, req, sort: 'name' })
  for (const org of organizations as unknown as { id: number | string; name: string }[]) {
    const key = `${org.id}:${week}`
    const entries = await dueEntries(req, { organization: org.id }, now, settings)
    const { docs: editors } = await req.payload.find({
      collection: 'users',
      where: { and: [{ role: { equals: 'editor' } }, { organization: { equals: org.id } }] },
      pagination: false,
      depth: 0,
      overrideAccess: true,
      req,
    })
    const already = await req.payload.count({ collection: 'freshness-digests', where: { key: { equals: key } }, overrideAccess: true, req })
    if (entries.length === 0 || editors.length === 0 || already.totalDocs > 0) {
      result.skipped += 1
      continue
    }
    const record = await req.payload.create({
      collection: 'freshness-digests',
      data: { key, organization: org.id as number, week, recipients: editors.length, entries: entries.length, sentAt: now.toISOString() },
      overrideAccess: true,
      req,
    })
    const { subject, text } = digestText(org.name, entries, serverURL, week)
    try {
      await req.payload.sendEmail({ to: (editors as unknown as { email: string }[]).map((u) => u.email), subject, text })
      result.sent.push({ organization: org.name, recipients: editors.length, entries: entries.length })
    } catch (error) {
      await req.payload.delete({ collection: 'freshness-digests', id: record.id, overrideAccess: true, req })
      failures.push(`${org.name}: ${(error as Error).message}`)
    }
  }
  if (failures.length > 0) throw new Error(`Prüf-Erinnerung nicht versandt (nächster Lauf versucht es erneut): ${failures.join('; ')}`)
  return result
}

/** The digest on the job queue, Mondays 07:00 (server time); retried twice when a mail is refused. */
export const freshnessDigestTask = {
  slug: 'freshnessDigest',
  label: 'Wöchentliche Prüf-Erinnerung',
  retries: 2,
  schedule: [{ cron: '0 7 * * 1', queue: 'default' }],
  handler: async ({ req }: { req: PayloadRequest }) => ({ output: await sendDigests(req) }),
} as unknown as TaskConfig
