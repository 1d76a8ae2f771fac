import type { Field } from 'payload'
import { lockSharedFieldsForTranslators } from './translatorLock'

/**
 * Fields that track translation state (see hooks/translationStatus.ts). They stay outside the
 * translator lock: translators' saves must update the record, and the hook ignores whatever a
 * request sends for it, so nobody can forge a state.
 */
export function translationTrackingFields(): Field[] {
  return [
    {
      name: 'sitePanel',
      type: 'ui',
      admin: { position: 'sidebar', components: { Field: '/components/SiteStatusPanel#SiteStatusPanel' } },
    },
    {
      name: 'translationPanel',
      type: 'ui',
      admin: { position: 'sidebar', components: { Field: '/components/TranslationStatusPanel#TranslationStatusPanel' } },
    },
    {
      name: 'minorChange',
      type: 'checkbox',
      virtual: true,
      label: { de: 'Kleine Änderung (betrifft die Übersetzungen nicht)', en: 'Minor change (does not affect translations)' },
      admin: {
        position: 'sidebar',
        description: {
          de: 'Nur beim Bearbeiten auf Deutsch: z. B. Tippfehler. Sonst werden alle Übersetzungen als veraltet markiert.',
          en: 'Only when editing German, e.g. a typo. Otherwise every translation is marked outdated.',
        },
      },
    },
    {
      name: 'markReviewed',
      type: 'checkbox',
      virtual: true,
      label: { de: 'Übersetzung geprüft', en: 'Translation reviewed' },
      admin: {
        position: 'sidebar',
        description: {
          de: 'Nur in anderen Sprachen: bestätigt, dass diese Übersetzung zum aktuellen deutschen Text passt.',
          en: 'Only in other languages: confirms this translation matches the current German text.',
        },
      },
    },
    {
      name: 'translationStatus',
      type: 'json',
      label: { de: 'Übersetzungsstand', en: 'Translation status' },
      admin: { hidden: true },
    },
  ]
}

/**
 * The fields of a public, translatable document: its own fields with shared (non-localized)
 * ones locked for translators, plus the translation tracking fields.
 */
export function publicDocumentFields(fields: Field[]): Field[] {
  return [...lockSharedFieldsForTranslators(fields), ...translationTrackingFields()]
}
