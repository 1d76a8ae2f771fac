import type { EditorState } from '../translation/status'

/** Admin wording for translation states, in the admin's two languages. */
export const stateLabels: Record<'de' | 'en', Record<EditorState, string>> = {
  de: { original: 'Original', reviewed: 'geprüft', machine: 'maschinell', outdated: 'veraltet', missing: 'fehlt' },
  en: { original: 'original', reviewed: 'reviewed', machine: 'machine', outdated: 'outdated', missing: 'missing' },
}

/** Colours that keep AA contrast on Payload's light and dark themes (text on tinted background). */
export const stateStyle: Record<EditorState, { background: string; color: string }> = {
  original: { background: '#e8eef9', color: '#1d3a6e' },
  reviewed: { background: '#e3f4e8', color: '#14532d' },
  machine: { background: '#fdf3d8', color: '#6b4e00' },
  outdated: { background: '#fde4e1', color: '#8a1c12' },
  missing: { background: '#eeeeee', color: '#3d3d3d' },
}

export const overviewText = {
  de: {
    title: 'Übersetzungen',
    intro: 'Stand aller Übersetzungen: pro Dokument und Sprache. Ein Klick auf einen Stand öffnet das Dokument in dieser Sprache.',
    collection: 'Inhaltstyp',
    locale: 'Sprache',
    state: 'Stand',
    all: 'alle',
    filter: 'Filtern',
    document: 'Dokument',
    counts: 'Anzahl je Sprache',
    none: 'Keine Dokumente für diese Auswahl.',
  },
  en: {
    title: 'Translations',
    intro: 'State of every translation, per document and language. Click a state to open the document in that language.',
    collection: 'Content type',
    locale: 'Language',
    state: 'State',
    all: 'all',
    filter: 'Filter',
    document: 'Document',
    counts: 'Count per language',
    none: 'No documents for this selection.',
  },
}
