import type { AdminViewServerProps } from 'payload'

import { Gutter } from '@payloadcms/ui'
import { DefaultTemplate } from '@payloadcms/next/templates'
import React from 'react'

import { ImportForm } from './ImportForm'

/** /admin/import: offers and contacts from a CSV or XLSX file, dry run first (issue 11). */
export function ImportView({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const { req } = initPageResult
  return (
    <DefaultTemplate
      i18n={req.i18n}
      locale={initPageResult.locale}
      params={params}
      payload={req.payload}
      permissions={initPageResult.permissions}
      searchParams={searchParams}
      user={req.user || undefined}
      visibleEntities={initPageResult.visibleEntities}
    >
      <Gutter>
        <h1>Import</h1>
        <p>
          Angebote und Ansprechpartner aus einer Tabelle (CSV oder XLSX) übernehmen. Erst zeigt der Probelauf für jede Zeile, was neu angelegt, geändert oder abgelehnt würde und warum; dann übernimmt
          „Importieren“ alles auf einmal oder nichts. Derselbe Import ein zweites Mal ändert nichts.
        </p>
        <ImportForm />
      </Gutter>
    </DefaultTemplate>
  )
}
