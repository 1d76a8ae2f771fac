import type { ServerProps } from 'payload'

import React from 'react'

/** A link to the "to check" list (issue 11) below the collections in the admin's navigation. */
export function ToCheckNavLink({ i18n, payload, user }: ServerProps) {
  // Translators keep no entries of their own (the list would always be empty for them).
  if ((user as { role?: string } | null | undefined)?.role === 'translator') return null
  const label = i18n?.language === 'en' ? 'To check' : 'Zu prüfen'
  return (
    <a href={`${payload.config.routes.admin}/to-check`} className="nav__link" style={{ display: 'block', paddingBlock: '0.5rem' }}>
      {label}
    </a>
  )
}
