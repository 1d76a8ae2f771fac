import { describe, expect, it } from 'vitest'

import { isEmail, isHttpUrl, isPhoneNumber, isSafeHref, isSlug, phoneToTelHref, slugify } from './rules'

describe('isSafeHref', () => {
  it.each(['https://example.org/a', 'http://x.de', 'mailto:a@example.org', 'tel:+494462', '/de/offers/x/', '#top'])('accepts %s', (href) => expect(isSafeHref(href)).toBe(true))
  it.each(['javascript:alert(1)', 'JavaScript:alert(1)', ' java\tscript:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'vbscript:msgbox', 'file:///etc/passwd', '//evil.example/x', ''])(
    'rejects %j',
    (href) => expect(isSafeHref(href)).toBe(false),
  )
})

describe('field rules', () => {
  it('checks http URLs, e-mail and phone numbers as editors type them', () => {
    expect(isHttpUrl('https://example.org/anmeldung')).toBe(true)
    expect(isHttpUrl('javascript:alert(1)')).toBe(false)
    expect(isHttpUrl('www.example.org')).toBe(false)
    expect(isEmail('anlaufstelle@example.org')).toBe(true)
    expect(isEmail('anlaufstelle@example')).toBe(false)
    expect(isPhoneNumber('04462 86-1234')).toBe(true)
    expect(isPhoneNumber('+49 (0) 4462 861234')).toBe(true)
    expect(isPhoneNumber('0446 2x')).toBe(false)
    expect(isPhoneNumber('12')).toBe(false)
    expect(phoneToTelHref('+49 (0) 4462 86-1234')).toBe('tel:+494462861234')
  })

  it('makes slugs from German titles', () => {
    expect(slugify('Sprach-Café für Frauen in Esens')).toBe('sprach-cafe-fuer-frauen-in-esens')
    expect(slugify('Größe & Übergänge')).toBe('groesse-uebergaenge')
    expect(slugify('مقهى اللغة')).toBe('')
    expect(isSlug('sprach-cafe')).toBe(true)
    expect(isSlug('Sprach Cafe')).toBe(false)
  })
})
