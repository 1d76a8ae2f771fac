import type { TextField } from 'payload'

import { emailValidator, phoneValidator, urlValidator } from './validate'

/** Public phone number, validated as people write German and international numbers. */
export function phoneField(name = 'phone', label = { de: 'Telefon', en: 'Phone' }): TextField {
  return { name, type: 'text', label, validate: phoneValidator(label), admin: { placeholder: '04462 86-1234' } }
}

export function emailField(name = 'email', label = { de: 'E-Mail', en: 'E-mail' }): TextField {
  return { name, type: 'text', label, validate: emailValidator(label) }
}

/** An absolute http(s) URL; anything else (`javascript:`, `data:`, bare `www.`) is refused. */
export function urlField(name = 'website', label = { de: 'Webseite', en: 'Website' }): TextField {
  return { name, type: 'text', label, validate: urlValidator(label), admin: { placeholder: 'https://' } }
}
