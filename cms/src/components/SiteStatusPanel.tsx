'use client'

import { useConfig, useDocumentInfo, useTranslation } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

import type { SiteStatus } from '../publish/status'
import { siteText, stateColour } from './siteStatusText'

/**
 * Beside every public document: is this version on the public website ("live"), being built,
 * waiting, or did the build fail (with the reason)? Polls while it is not live yet, so an
 * editor who just published sees it go live.
 */
export function SiteStatusPanel() {
  const { id, collectionSlug } = useDocumentInfo()
  const { config } = useConfig()
  const { i18n } = useTranslation()
  const t = siteText[i18n.language === 'en' ? 'en' : 'de']
  const [status, setStatus] = useState<SiteStatus | null>(null)

  useEffect(() => {
    if (!id) return
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const load = async () => {
      const res = await fetch(`${config.serverURL}${config.routes.api}/deploys/site-status?collection=${collectionSlug}&id=${id}`, { credentials: 'include' }).catch(() => null)
      const body = res?.ok ? ((await res.json()) as SiteStatus) : null
      if (stopped) return
      setStatus(body)
      if (body && body.document !== 'live' && body.document !== 'unpublished') timer = setTimeout(load, 4000)
    }
    void load()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [config, collectionSlug, id])

  const state = status?.document
  if (!id || !state) return null
  return (
    <div className="field-type" style={{ marginBlockEnd: '1.5rem' }} data-site-state={state}>
      <h4 style={{ marginBlockEnd: '0.25rem' }}>{t.heading}</h4>
      <p role="status" style={{ color: stateColour[state], margin: 0 }}>
        {t[state]}
      </p>
      {state === 'failed' && status?.lastFailure?.reason ? <p className="field-description">{status.lastFailure.reason}</p> : null}
    </div>
  )
}
