import type { ServerProps } from 'payload'

import React from 'react'

/** A link to the translation overview below the collections in the admin's navigation. */
export function TranslationNavLink({ i18n, payload }: ServerProps) {
  const label = i18n?.language === 'en' ? 'Translation overview' : 'Übersetzungsübersicht'
  return (
    <a href={`${payload.config.routes.admin}/translations`} className="nav__link" style={{ display: 'block', paddingBlock: '0.5rem' }}>
      {label}
    </a>
  )
}
