import type { GroupField, TextFieldSingleValidation } from 'payload'

import { message } from '../i18n/messages'
import { urlValidator } from './validate'

/** Free of charge, or a fee described in words (fees vary: "5 € pro Termin, ermäßigt 2 €"). */
export function costField(): GroupField {
  const noteLabel = { de: 'Kostenhinweis', en: 'Cost note' }
  return {
    name: 'cost',
    type: 'group',
    label: { de: 'Kosten', en: 'Cost' },
    fields: [
      { name: 'free', type: 'checkbox', defaultValue: true, label: { de: 'Kostenlos', en: 'Free of charge' } },
      {
        name: 'note',
        type: 'text',
        localized: true,
        label: noteLabel,
        admin: { condition: (_, sibling) => !(sibling as { free?: boolean }).free },
        validate: ((value, { req, siblingData }) => {
          if ((siblingData as { free?: boolean }).free) return true
          // Only the source language must describe the fee; translations may follow later.
          if (req.locale !== 'de' && req.locale !== undefined) return true
          return typeof value === 'string' && value.trim() !== '' ? true : message(req, 'feeNoteRequired', noteLabel)
        }) satisfies TextFieldSingleValidation,
      },
    ],
  }
}

/** Whether and how to register: a sentence ("Anmeldung bei Frau K. im Bürgerbüro") and/or a link. */
export function registrationField(): GroupField {
  const urlLabel = { de: 'Anmelde-Link', en: 'Registration link' }
  return {
    name: 'registration',
    type: 'group',
    label: { de: 'Anmeldung', en: 'Registration' },
    fields: [
      { name: 'required', type: 'checkbox', defaultValue: false, label: { de: 'Anmeldung erforderlich', en: 'Registration required' } },
      {
        name: 'how',
        type: 'text',
        localized: true,
        label: { de: 'So melden Sie sich an', en: 'How to register' },
        admin: { condition: (_, sibling) => Boolean((sibling as { required?: boolean }).required) },
      },
      {
        name: 'url',
        type: 'text',
        label: urlLabel,
        validate: urlValidator(urlLabel),
        admin: { condition: (_, sibling) => Boolean((sibling as { required?: boolean }).required), placeholder: 'https://' },
      },
    ],
  }
}
