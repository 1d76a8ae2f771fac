'use client'

import { useAuth, useConfig, useTranslation } from '@payloadcms/ui'
import React, { useCallback, useEffect, useState } from 'react'

import type { DeployView, SiteStatus } from '../publish/status'
import { siteText } from './siteStatusText'

/**
 * On the dashboard: when the website last went live (time, duration, how: "incremental (N
 * pages)" or "full (reason)", which publishes it included), a build in progress, waiting publishes, a failed build with its reason in plain
 * words, and for the press office and admins a button to rebuild by hand.
 */
export function SiteStatusDashboard() {
  const { config } = useConfig()
  const { user } = useAuth()
  const { i18n } = useTranslation()
  const lang = i18n.language === 'en' ? 'en' : 'de'
  const t = siteText[lang]
  const [status, setStatus] = useState<SiteStatus | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const api = `${config.serverURL}${config.routes.api}/deploys`

  const load = useCallback(async () => {
    const res = await fetch(`${api}/site-status`, { credentials: 'include' }).catch(() => null)
    setStatus(res?.ok ? ((await res.json()) as SiteStatus) : null)
  }, [api])

  useEffect(() => {
    void load()
    const timer = setInterval(load, 5000)
    return () => clearInterval(timer)
  }, [load])

  const rebuild = useCallback(async () => {
    const res = await fetch(`${api}/rebuild`, { method: 'POST', credentials: 'include' })
    const body = (await res.json().catch(() => ({}))) as { error?: string }
    setMessage(res.ok ? t.rebuildQueued : (body.error ?? String(res.status)))
    void load()
  }, [api, load, t])

  const when = (d: DeployView | null, field: 'finishedAt' | 'startedAt') => (d?.[field] ? new Date(d[field]!).toLocaleString(lang === 'en' ? 'en-GB' : 'de-DE') : '')
  const role = (user as { role?: string } | null)?.role
  return (
    <section className="dashboard__group" style={{ marginBlockEnd: '2rem' }} id="site-status">
      <h2 className="dashboard__label">{t.heading}</h2>
      <ul style={{ paddingInlineStart: '1.2rem' }}>
        <li>
          {status?.lastSuccess ? (
            <>
              {t.lastSuccess}: <strong>{when(status.lastSuccess, 'finishedAt')}</strong> ({t.took} {Math.round((status.lastSuccess.durationMs ?? 0) / 1000)} {t.seconds};{' '}
              {status.lastSuccess.mode ? `${t.built}: ${status.lastSuccess.mode}; ` : ''}
              {t.includes} {status.lastSuccess.summary})
            </>
          ) : (
            t.never
          )}
        </li>
        {status?.running ? (
          <li>
            {t.runningNow}: {status.running.summary} ({when(status.running, 'startedAt')})
          </li>
        ) : null}
        {status?.queued ? (
          <li>
            {t.waiting}: {status.queued}
          </li>
        ) : null}
        {status?.lastFailure ? (
          <li style={{ color: '#9b1c1c' }}>
            {t.failure} ({when(status.lastFailure, 'finishedAt')}): {status.lastFailure.reason}
          </li>
        ) : null}
      </ul>
      {role === 'admin' || role === 'press' ? (
        <button type="button" className="btn btn--style-secondary btn--size-small" onClick={rebuild}>
          {t.rebuild}
        </button>
      ) : null}
      {message ? <p role="status">{message}</p> : null}
    </section>
  )
}
