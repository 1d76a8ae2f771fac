'use client'

import { useConfig } from '@payloadcms/ui'
import { useRouter } from 'next/navigation.js'
import React, { useState } from 'react'

/**
 * "Noch aktuell" in the to-check list: confirms the entry through
 * `POST /api/<collection>/:id/still-correct` and reloads the list, which then no longer shows it.
 * A refusal (someone else is editing it, no right) is shown beside the button.
 */
export function StillCorrectButton({ collection, id, label, title }: { collection: string; id: string; label: string; title: string }) {
  const { config } = useConfig()
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const confirm = async () => {
    setBusy(true)
    setError(null)
    const res = await fetch(`${config.serverURL}${config.routes.api}/${collection}/${id}/still-correct`, { method: 'POST', credentials: 'include' }).catch(() => null)
    if (res?.ok) {
      router.refresh()
      return
    }
    const body = (await res?.json().catch(() => null)) as { errors?: { message?: string }[] } | null
    setError(body?.errors?.[0]?.message ?? `Fehler ${res?.status ?? ''}`.trim())
    setBusy(false)
  }
  return (
    <span>
      <button type="button" className="btn btn--style-primary btn--size-small" style={{ margin: 0 }} disabled={busy} onClick={confirm} aria-label={`${label}: ${title}`}>
        {label}
      </button>
      {error ? (
        <span role="alert" style={{ color: 'var(--theme-error-500)', marginInlineStart: '0.5rem' }}>
          {error}
        </span>
      ) : null}
    </span>
  )
}
