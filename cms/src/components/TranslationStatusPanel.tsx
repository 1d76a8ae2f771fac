'use client'

import { useConfig, useDocumentInfo, useTranslation } from '@payloadcms/ui'
import React, { useCallback, useEffect, useState } from 'react'

import { locales } from '@lotse/translations'

import type { EditorState } from '../translation/status'
import { stateLabels, stateStyle } from './translationLabels'

interface StatusResponse {
  states: Record<string, EditorState>
  machineTranslation: boolean
}

const text = {
  de: {
    heading: 'Übersetzungen',
    translate: 'Fehlende und veraltete automatisch übersetzen',
    queued: 'Übersetzung gestartet. Das Ergebnis erscheint in etwa einer Minute; Fehler stehen unter „Übersetzung → Jobs“.',
    failed: 'Konnte nicht starten',
    save: 'Nach dem ersten Speichern sichtbar.',
  },
  en: {
    heading: 'Translations',
    translate: 'Machine-translate missing and outdated',
    queued: 'Translation started. The result appears in about a minute; failures are listed under "Translation → Jobs".',
    failed: 'Could not start',
    save: 'Shown after the first save.',
  },
}

/**
 * Beside every translatable document: the state of each locale (original, reviewed, machine,
 * outdated, missing), each linking to the document in that locale, and, when machine
 * translation is configured, a button that queues it for the missing and outdated ones.
 */
export function TranslationStatusPanel() {
  const { id, collectionSlug } = useDocumentInfo()
  const { config } = useConfig()
  const { i18n } = useTranslation()
  const lang = i18n.language === 'en' ? 'en' : 'de'
  const [status, setStatus] = useState<StatusResponse | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const api = `${config.serverURL}${config.routes.api}/${collectionSlug}/${id}`

  useEffect(() => {
    if (!id) return
    let cancelled = false
    fetch(`${api}/translation-status`, { credentials: 'include' })
      .then((res) => (res.ok ? (res.json() as Promise<StatusResponse>) : null))
      .then((body) => !cancelled && setStatus(body))
      .catch(() => !cancelled && setStatus(null))
    return () => {
      cancelled = true
    }
  }, [api, id])

  const translate = useCallback(async () => {
    const res = await fetch(`${api}/machine-translate`, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: '{}' })
    const body = (await res.json().catch(() => ({}))) as { error?: string }
    setMessage(res.ok ? text[lang].queued : `${text[lang].failed}: ${body.error ?? res.status}`)
  }, [api, lang])

  if (!id) return <p className="field-description">{text[lang].save}</p>
  return (
    <div className="field-type" style={{ marginBlockEnd: '1.5rem' }}>
      <h4 style={{ marginBlockEnd: '0.5rem' }}>{text[lang].heading}</h4>
      <ul style={{ listStyle: 'none', padding: 0, margin: 0, display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: '0.25rem' }}>
        {locales.map((l) => {
          const state = status?.states[l.code] ?? 'missing'
          return (
            <li key={l.code}>
              <a href={`?locale=${l.code}`} style={{ ...stateStyle[state], display: 'block', borderRadius: '0.25rem', paddingInline: '0.4rem', textDecoration: 'none', fontSize: '0.8rem' }}>
                <span lang={l.code} dir={l.dir}>
                  {l.endonym}
                </span>
                : {status ? stateLabels[lang][state] : '…'}
              </a>
            </li>
          )
        })}
      </ul>
      {status?.machineTranslation ? (
        <button type="button" className="btn btn--style-secondary btn--size-small" style={{ marginBlockStart: '0.75rem' }} onClick={translate}>
          {text[lang].translate}
        </button>
      ) : null}
      {message ? (
        <p role="status" className="field-description">
          {message}
        </p>
      ) : null}
    </div>
  )
}
