import type { ServerProps } from 'payload'

import React from 'react'

/** Links to the "to check" list and the import (issue 11) below the collections in the admin's navigation. */
export function ToCheckNavLink({ i18n, payload, user }: ServerProps) {
  // Translators keep no entries of their own (the list would always be empty for them).
  if ((user as { role?: string } | null | undefined)?.role === 'translator') return null
  const en = i18n?.language === 'en'
  const style = { display: 'block', paddingBlock: '0.5rem' }
  return (
    <>
      <a href={`${payload.config.routes.admin}/to-check`} className="nav__link" style={style}>
        {en ? 'To check' : 'Zu prüfen'}
      </a>
      <a href={`${payload.config.routes.admin}/import`} className="nav__link" style={style}>
        Import
      </a>
    </>
  )
}
