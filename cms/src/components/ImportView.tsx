import type { AdminViewServerProps } from 'payload'

import React from 'react'

import { AdminPage } from './AdminPage'

import { ImportForm } from './ImportForm'

/** /admin/import: offers and contacts from a CSV or XLSX file, dry run first (issue 11). */
export function ImportView({ initPageResult, params, searchParams }: AdminViewServerProps) {
  return (
    <AdminPage initPageResult={initPageResult} params={params} searchParams={searchParams}>
      <h1>Import</h1>
      <p>
        Angebote und Ansprechpartner aus einer Tabelle (CSV oder XLSX) übernehmen. Erst zeigt der Probelauf für jede Zeile, was neu angelegt, geändert oder abgelehnt würde und warum; dann übernimmt
        „Importieren“ alles auf einmal oder nichts. Derselbe Import ein zweites Mal ändert nichts.
      </p>
      <ImportForm />
    </AdminPage>
  )
}
