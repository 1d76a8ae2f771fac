import type { AdminViewServerProps } from 'payload'

import React from 'react'

import { AdminPage } from './AdminPage'

import { CONFIRMABLE, entriesToCheck, type ToCheckEntry } from '../freshness/toCheck'
import { StillCorrectButton } from './StillCorrectButton'

const TEXT = {
  de: {
    title: 'Zu prüfen',
    intro: (offer: number, contact: number, grace: number) =>
      `Angebote sind ${offer} Monate nach der letzten Prüfung fällig, Ansprechpartner nach ${contact} Monaten; ${grace} Wochen später steht auf der Website, dass die Angaben nicht bestätigt sind (überfällig). Veranstaltungen ohne künftigen Termin brauchen einen neuen Termin oder können zurückgezogen werden. Die ältesten zuerst.`,
    none: 'Nichts zu prüfen – alle Einträge sind aktuell.',
    noOrganization: 'Ihrem Konto ist keine Organisation zugeordnet; es gibt daher keine eigenen Einträge zu prüfen.',
    entry: 'Eintrag',
    kind: 'Art',
    organization: 'Organisation',
    checked: 'Zuletzt geprüft',
    lastDate: 'Letzter Termin',
    state: 'Stand',
    action: 'Aktion',
    due: 'fällig',
    overdue: 'überfällig – Leser sehen einen Hinweis',
    overdueDraft: 'überfällig (Entwurf, nicht öffentlich)',
    noDate: 'kein künftiger Termin',
    stillCorrect: 'Noch aktuell',
    edit: 'Bearbeiten',
    counts: 'Je Organisation',
    dueCount: 'fällig',
    overdueCount: 'überfällig',
    kinds: { offers: 'Angebot', contacts: 'Ansprechpartner', events: 'Veranstaltung' },
    noOrg: '(ohne Organisation)',
  },
  en: {
    title: 'To check',
    intro: (offer: number, contact: number, grace: number) =>
      `Offers are due ${offer} months after their last check, contacts after ${contact} months; ${grace} weeks later the site tells readers the details are not confirmed (overdue). Events without a future date need a new date or can be unpublished. Oldest first.`,
    none: 'Nothing to check – every entry is current.',
    noOrganization: 'Your account has no organization, so there are no entries of your own to check.',
    entry: 'Entry',
    kind: 'Kind',
    organization: 'Organization',
    checked: 'Last checked',
    lastDate: 'Last date',
    state: 'State',
    action: 'Action',
    due: 'due',
    overdue: 'overdue – readers see a notice',
    overdueDraft: 'overdue (draft, not public)',
    noDate: 'no future date',
    stillCorrect: 'Still correct',
    edit: 'Edit',
    counts: 'Per organization',
    dueCount: 'due',
    overdueCount: 'overdue',
    kinds: { offers: 'Offer', contacts: 'Contact', events: 'Event' },
    noOrg: '(no organization)',
  },
}

/**
 * /admin/to-check ("Zu prüfen", issue 11): the entries due for checking, oldest first: an
 * editor's own organization's, every organization's with counts for the press office and
 * admins. Each offer and contact has "Noch aktuell" (sets the last check, nothing else) where
 * the user may change it, and every entry a link to edit it.
 */
export async function ToCheck({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const { req } = initPageResult
  const lang = req.i18n.language === 'en' ? 'en' : 'de'
  const t = TEXT[lang]
  const list = req.user ? await entriesToCheck(req) : null
  const day = (iso: string) => new Date(iso).toLocaleDateString(lang === 'en' ? 'en-GB' : 'de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' })
  const stateText = (e: ToCheckEntry) => (e.collection === 'events' ? t.noDate : e.state === 'due' ? t.due : e.published ? t.overdue : t.overdueDraft)
  const cell = { textAlign: 'start', paddingBlock: '0.4rem', paddingInlineEnd: '1rem', borderBlockEnd: '1px solid var(--theme-elevation-100)' } as const
  const isEditor = (req.user as { role?: string; organization?: unknown } | null)?.role === 'editor'
  const noOrganization = isEditor && (req.user as { organization?: unknown }).organization == null

  return (
    <AdminPage initPageResult={initPageResult} params={params} searchParams={searchParams}>
      <h1>{t.title}</h1>
      {list ? <p>{t.intro(list.settings.offerMonths, list.settings.contactMonths, list.settings.graceWeeks)}</p> : null}
      {noOrganization ? <p>{t.noOrganization}</p> : null}
      {list?.allOrganizations && list.counts.length > 0 ? (
        <>
          <h2>{t.counts}</h2>
          <table style={{ borderCollapse: 'collapse', marginBlockEnd: '2rem' }} data-testid="to-check-counts">
            <thead>
              <tr>
                <th scope="col" style={cell}>
                  {t.organization}
                </th>
                <th scope="col" style={cell}>
                  {t.dueCount}
                </th>
                <th scope="col" style={cell}>
                  {t.overdueCount}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.counts.map((c) => (
                <tr key={c.organization?.id ?? '-'}>
                  <th scope="row" style={cell}>
                    {c.organization?.name ?? t.noOrg}
                  </th>
                  <td style={cell}>{c.due}</td>
                  <td style={cell}>{c.overdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {!list || list.entries.length === 0 ? (
        noOrganization ? null : (
          <p>{t.none}</p>
        )
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <table style={{ borderCollapse: 'collapse', inlineSize: '100%' }} data-testid="to-check-list">
            <thead>
              <tr>
                <th scope="col" style={cell}>
                  {t.entry}
                </th>
                <th scope="col" style={cell}>
                  {t.kind}
                </th>
                {list.allOrganizations ? (
                  <th scope="col" style={cell}>
                    {t.organization}
                  </th>
                ) : null}
                <th scope="col" style={cell}>
                  {t.checked} / {t.lastDate}
                </th>
                <th scope="col" style={cell}>
                  {t.state}
                </th>
                <th scope="col" style={cell}>
                  {t.action}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.entries.map((e) => (
                <tr key={`${e.collection}-${e.id}`} data-entry={`${e.collection}-${e.id}`} data-state={e.state}>
                  <th scope="row" style={cell}>
                    <a href={e.editUrl}>{e.title}</a>
                  </th>
                  <td style={cell}>{t.kinds[e.collection]}</td>
                  {list.allOrganizations ? <td style={cell}>{e.organization?.name ?? t.noOrg}</td> : null}
                  <td style={cell}>
                    <time dateTime={e.checkedAt}>{day(e.checkedAt)}</time>
                  </td>
                  <td style={{ ...cell, fontWeight: e.state === 'overdue' ? 600 : 400, color: e.state === 'overdue' ? 'var(--theme-error-500)' : undefined }}>{stateText(e)}</td>
                  <td style={{ ...cell, whiteSpace: 'nowrap' }}>
                    {e.mayEdit && (CONFIRMABLE as readonly string[]).includes(e.collection) ? <StillCorrectButton collection={e.collection} id={e.id} label={t.stillCorrect} title={e.title} /> : null}{' '}
                    <a href={e.editUrl}>{t.edit}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AdminPage>
  )
}
