import { describe, expect, it } from 'vitest'

import { pick } from './text'
import { makeEvent } from './testEvent'

describe('pick', () => {
  const e = makeEvent({ slug: 'x', start: '2026-12-01T10:00:00.000Z' })
  e.title = { ...e.title, de: 'Sprach-Café', ar: 'مقهى اللغة', ti: 'ካፈ', uk: 'Кафе' }
  e.translations = { ...e.translations, ar: { state: 'reviewed', updatedAt: null }, ti: { state: 'machine', updatedAt: null }, uk: { state: 'outdated', updatedAt: null } }

  it('shows the translation with its state, and German marked as fallback when there is none', () => {
    expect(pick(e, e.title, 'de')).toMatchObject({ value: 'Sprach-Café', lang: 'de', state: 'original' })
    expect(pick(e, e.title, 'ar')).toMatchObject({ value: 'مقهى اللغة', lang: 'ar', dir: 'rtl', state: 'reviewed' })
    expect(pick(e, e.title, 'ti')).toMatchObject({ lang: 'ti', state: 'machine' })
    expect(pick(e, e.title, 'uk')).toMatchObject({ lang: 'uk', state: 'outdated', sourceChangedAt: '2026-11-01T10:00:00.000Z' })
    expect(pick(e, e.title, 'fa')).toMatchObject({ value: 'Sprach-Café', lang: 'de', dir: 'ltr', state: 'fallback' })
  })
})
