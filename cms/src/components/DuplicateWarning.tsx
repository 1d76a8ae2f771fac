'use client'

import { useConfig, useDocumentInfo, useFormFields, useTranslation } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

import type { SimilarEntry } from '../duplicates/similar'
import { KEPT_ENTRIES, type KeptCollection } from '../lib/entries'

const text = {
  de: {
    heading: 'Gibt es diesen Eintrag schon?',
    intro: 'In derselben Organisation und Gemeinde gibt es schon einen sehr ähnlichen Eintrag:',
    draft: 'Entwurf',
    hint: 'Bitte prüfen, ob Sie diesen bearbeiten wollen, statt einen neuen anzulegen.',
  },
  en: {
    heading: 'Does this entry exist already?',
    intro: 'The same organization and municipality already have a very similar entry:',
    draft: 'draft',
    hint: 'Please check whether to edit it instead of creating a new one.',
  },
}

const idOf = (v: unknown) => (v == null || v === '' ? '' : typeof v === 'object' ? String((v as { id?: unknown }).id ?? '') : String(v))

/**
 * Above the create form of offers, contacts and events (issue 11): as the title is typed
 * (debounced), asks `GET /api/similar-entries` for entries with a very similar title in the same
 * organization and municipality and links them, so a second "Sprach-Café Esens" is not created
 * beside the first. Shown while creating only; saving is never blocked.
 */
export function DuplicateWarning() {
  const { id, collectionSlug } = useDocumentInfo()
  const { config } = useConfig()
  const { i18n } = useTranslation()
  const t = text[i18n.language === 'en' ? 'en' : 'de']
  const fields = KEPT_ENTRIES[(collectionSlug ?? 'offers') as KeptCollection] ?? KEPT_ENTRIES.offers
  const title = useFormFields(([all]) => all[fields.title]?.value) as string | undefined
  const organization = idOf(useFormFields(([all]) => all[fields.owner]?.value))
  const municipality = idOf(useFormFields(([all]) => all.municipality?.value))
  const [similar, setSimilar] = useState<SimilarEntry[]>([])

  useEffect(() => {
    if (id || !collectionSlug || !title || title.trim().length < 3) {
      setSimilar([])
      return
    }
    const controller = new AbortController()
    const timer = setTimeout(() => {
      const query = new URLSearchParams({ collection: collectionSlug, title: title.trim() })
      if (organization) query.set('organization', organization)
      if (municipality) query.set('municipality', municipality)
      fetch(`${config.serverURL}${config.routes.api}/similar-entries?${query}`, { credentials: 'include', signal: controller.signal })
        .then((res) => (res.ok ? (res.json() as Promise<{ entries: SimilarEntry[] }>) : { entries: [] }))
        .then((body) => setSimilar(body.entries))
        .catch(() => undefined)
    }, 400)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [id, collectionSlug, title, organization, municipality, config.serverURL, config.routes.api])

  if (similar.length === 0) return null
  return (
    <div
      role="status"
      data-testid="duplicate-warning"
      style={{ border: '1px solid var(--theme-warning-500)', background: 'var(--theme-warning-100)', padding: '0.75rem 1rem', marginBlockEnd: '1.5rem', borderRadius: 4 }}
    >
      <strong>{t.heading}</strong>
      <p style={{ margin: '0.25rem 0' }}>{t.intro}</p>
      <ul style={{ margin: 0, paddingInlineStart: '1.2rem' }}>
        {similar.map((e) => (
          <li key={e.id}>
            <a href={e.editUrl} target="_blank" rel="noopener">
              {e.title}
            </a>
            {e.status === 'draft' ? ` (${t.draft})` : ''}
          </li>
        ))}
      </ul>
      <p style={{ margin: '0.25rem 0 0' }}>{t.hint}</p>
    </div>
  )
}
