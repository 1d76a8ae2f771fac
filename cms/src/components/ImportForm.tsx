'use client'

import { useConfig } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

import type { ImportResult, RowResult } from '../import/run'

const ACTION: Record<RowResult['action'], string> = { create: 'neu', update: 'geändert', unchanged: 'unverändert', rejected: 'abgelehnt' }

interface Source {
  id: number | string
  name: string
  target: string
}

/**
 * The import dialog (issue 11): choose a source (its saved column mapping), a CSV or XLSX file and
 * whether to publish; the dry run shows per row what would be created, updated, left unchanged or
 * rejected and why; "Importieren" writes it all, or nothing.
 */
export function ImportForm() {
  const { config } = useConfig()
  const api = `${config.serverURL}${config.routes.api}`
  const [sources, setSources] = useState<Source[]>([])
  const [source, setSource] = useState('')
  const [file, setFile] = useState<File | null>(null)
  const [publish, setPublish] = useState(true)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<ImportResult | null>(null)
  const [message, setMessage] = useState<string | null>(null)

  useEffect(() => {
    fetch(`${api}/import-sources?depth=0&limit=100&sort=name`, { credentials: 'include' })
      .then((res) => (res.ok ? (res.json() as Promise<{ docs: Source[] }>) : { docs: [] }))
      .then((body) => {
        setSources(body.docs)
        if (body.docs[0]) setSource(String(body.docs[0].id))
      })
      .catch(() => setSources([]))
  }, [api])

  const send = async (mode: 'dry-run' | 'apply') => {
    if (!file || !source) return
    setBusy(true)
    setMessage(null)
    const form = new FormData()
    form.append('file', file)
    form.append('_payload', JSON.stringify({ publish }))
    const res = await fetch(`${api}/import-sources/${source}/${mode}`, { method: 'POST', body: form, credentials: 'include' }).catch(() => null)
    const body = (await res?.json().catch(() => null)) as (ImportResult & { errors?: { message: string }[]; result?: ImportResult }) | null
    setBusy(false)
    if (!res?.ok) {
      setMessage(body?.errors?.[0]?.message ?? `Fehler ${res?.status ?? ''}`)
      if (body?.result) setResult(body.result)
      return
    }
    setResult(body)
    if (mode === 'apply' && body) setMessage(`Import ausgeführt: ${body.counts.create} neu, ${body.counts.update} geändert, ${body.counts.unchanged} unverändert.`)
  }

  const canApply = result?.mode === 'dry-run' && result.counts.rejected === 0 && result.counts.create + result.counts.update > 0
  return (
    <div>
      {sources.length === 0 ? (
        <p>
          Noch keine Importquelle. <a href={`${config.routes.admin}/collections/import-sources/create`}>Importquelle anlegen</a> (Name, Art der Einträge, Schlüsselspalte und welche Spalte in welches
          Feld kommt).
        </p>
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void send('dry-run')
        }}
        style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap', alignItems: 'end', marginBlock: '1rem' }}
      >
        <label>
          Importquelle
          <br />
          <select name="source" value={source} onChange={(e) => setSource(e.target.value)}>
            {sources.map((s) => (
              <option key={s.id} value={String(s.id)}>
                {s.name} ({s.target === 'offers' ? 'Angebote' : 'Ansprechpartner'})
              </option>
            ))}
          </select>
        </label>
        <label>
          Datei (CSV oder XLSX)
          <br />
          <input
            type="file"
            name="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null)
              setResult(null)
            }}
          />
        </label>
        <label>
          <input type="checkbox" name="publish" checked={publish} onChange={(e) => setPublish(e.target.checked)} /> direkt veröffentlichen (sonst Entwürfe)
        </label>
        <button type="submit" className="btn btn--style-secondary btn--size-small" disabled={busy || !file || !source} style={{ margin: 0 }}>
          Probelauf
        </button>
        <button type="button" className="btn btn--style-primary btn--size-small" disabled={busy || !canApply} onClick={() => void send('apply')} style={{ margin: 0 }}>
          Importieren
        </button>
      </form>
      {message ? (
        <p role="status" data-testid="import-message">
          {message}
        </p>
      ) : null}
      {result ? (
        <>
          <p data-testid="import-counts">
            {result.mode === 'dry-run' ? 'Probelauf' : 'Import'}: {result.counts.create} neu, {result.counts.update} geändert, {result.counts.unchanged} unverändert, {result.counts.rejected} abgelehnt
          </p>
          <table style={{ borderCollapse: 'collapse', inlineSize: '100%' }} data-testid="import-rows">
            <thead>
              <tr>
                <th style={{ textAlign: 'start' }}>Zeile</th>
                <th style={{ textAlign: 'start' }}>Schlüssel</th>
                <th style={{ textAlign: 'start' }}>Titel</th>
                <th style={{ textAlign: 'start' }}>Ergebnis</th>
                <th style={{ textAlign: 'start' }}>Hinweise</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={r.line} data-line={r.line} data-action={r.action}>
                  <td>{r.line}</td>
                  <td>{r.key}</td>
                  <td>{r.id ? <a href={`${config.routes.admin}/collections/${result.source.target}/${r.id}`}>{r.title}</a> : r.title}</td>
                  <td>{ACTION[r.action]}</td>
                  <td>
                    {r.errors.map((e) => (
                      <div key={e}>{e}</div>
                    ))}
                    {r.similar.map((s) => (
                      <div key={s.id}>
                        Ähnlicher Eintrag vorhanden: <a href={s.editUrl}>{s.title}</a>
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  )
}
