/**
 * Search terms: groups of words and phrases that mean the same to a reader looking for
 * something (`Deutschkurs = Sprachkurs = Integrationskurs`, `Arzt = Doktor = Hausarzt`,
 * `Jobcenter = Arbeitsamt = جوب سنتر`), each for the locales whose search it serves. The site
 * build indexes a page that contains one term of a group under the group's other terms too
 * (`synonymsFor` in content-schemas), so a newcomer typing the everyday word or the German name
 * in her own script finds the page. Saving a group rebuilds the site.
 *
 * A collection of its own, not part of the glossary: the glossary tells machine translation how
 * to render one German term (one document per term, a translation per locale, staff only),
 * while a group here is a set of equals across scripts and languages for the public index.
 *
 * Who writes: admins and the press office, as for the site-wide reference data. A group changes
 * what every organization's pages are found by, so editors (social workers of one
 * organization) do not; translators neither, since a group is not a translation of German text
 * and its German terms serve the German search. Like topics and municipalities the groups are
 * public (they are in the public search index anyway) without drafts: a save is a publish.
 */
import type { ArrayFieldValidation, CollectionConfig, FieldAccess, FieldHook, SelectFieldValidation, TextFieldSingleValidation } from 'payload'

import { isSearchTermTooShort, MIN_TERM_LENGTH, searchTermGroupProblem } from '@lotse/content-schemas'
import { locales } from '@lotse/translations'

import { admins, anyOf, anyone, checkRole, pressOffice, roles } from '../access/roles'
import { message } from '../i18n/messages'
import { rebuildOnDelete, rebuildOnPublish } from '../publish/trigger'

const termsLabel = { de: 'Begriffe', en: 'Terms' }
const termLabel = { de: 'Begriff', en: 'Term' }
const localesLabel = { de: 'Gilt in den Sprachen', en: 'Applies in languages' }

type Row = { term?: unknown }
const termsOf = (rows: unknown): string[] => (Array.isArray(rows) ? (rows as Row[]).map((r) => (typeof r?.term === 'string' ? r.term : '')) : [])

/** Fewer than two terms, or one twice; a term too short is named at its own row. */
const validateTerms: ArrayFieldValidation = (value, { req }) => {
  const problem = searchTermGroupProblem(termsOf(value))
  if (!problem || problem.kind === 'tooShort') return true
  if (problem.kind === 'tooFew') return message(req, 'searchTermsTooFew', termsLabel, { min: problem.min })
  return message(req, 'searchTermDuplicate', termsLabel, { term: problem.term })
}

const validateTerm: TextFieldSingleValidation = (value, { req }) => {
  const term = typeof value === 'string' ? value.trim() : ''
  if (term === '') return message(req, 'required', termLabel)
  return isSearchTermTooShort(term) ? message(req, 'searchTermTooShort', termLabel, { term, min: MIN_TERM_LENGTH }) : true
}

const validateLocales: SelectFieldValidation = (value, { req }) => (Array.isArray(value) && value.length > 0 ? true : message(req, 'required', localesLabel))

/** The list title: the group's terms as one line, kept in step with them on every save. */
const titleFromTerms: FieldHook = ({ data, originalDoc }) => {
  const rows = data?.terms ?? originalDoc?.terms
  return termsOf(rows)
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .join(' = ')
}

/** Notes are for the people who keep the list (where a transliteration came from), not the public. */
const staffOnly: FieldAccess = ({ req }) => checkRole(req.user, roles)

export const SearchTerms: CollectionConfig = {
  slug: 'search-terms',
  labels: { singular: { de: 'Suchbegriff-Gruppe', en: 'Search term group' }, plural: { de: 'Suchbegriffe', en: 'Search terms' } },
  admin: {
    useAsTitle: 'title',
    group: { de: 'Stammdaten', en: 'Reference data' },
    defaultColumns: ['title', 'appliesIn', 'updatedAt'],
    listSearchableFields: ['title'],
    description: {
      de: 'Wörter, die für Suchende dasselbe bedeuten (z. B. „Deutschkurs“, „Sprachkurs“, „Integrationskurs“), auch in der Schrift der Suchenden (z. B. „جوب سنتر“ für Jobcenter). Eine Seite mit einem der Begriffe wird auch mit den anderen gefunden. Speichern aktualisiert die Website.',
      en: 'Words that mean the same to people searching (e.g. "Deutschkurs", "Sprachkurs", "Integrationskurs"), also in their script (e.g. "جوب سنتر" for Jobcenter). A page with one of the terms is found by the others too. Saving updates the website.',
    },
  },
  access: { read: anyone, create: anyOf(admins, pressOffice), update: anyOf(admins, pressOffice), delete: anyOf(admins, pressOffice) },
  // A publish, unpublish or deletion of public content rebuilds the site (publish/trigger.ts).
  hooks: { afterChange: [rebuildOnPublish], afterDelete: [rebuildOnDelete] },
  fields: [
    {
      name: 'title',
      type: 'text',
      label: { de: 'Gruppe', en: 'Group' },
      admin: { readOnly: true, position: 'sidebar' },
      hooks: { beforeChange: [titleFromTerms] },
    },
    {
      name: 'terms',
      type: 'array',
      label: termsLabel,
      labels: { singular: termLabel, plural: termsLabel },
      minRows: 2,
      validate: validateTerms,
      admin: {
        initCollapsed: false,
        description: {
          de: 'Mindestens zwei Wörter oder Wendungen mit je mindestens zwei Zeichen, so wie Suchende sie eintippen.',
          en: 'At least two words or phrases of two characters or more, as people searching type them.',
        },
      },
      fields: [{ name: 'term', type: 'text', label: termLabel, validate: validateTerm }],
    },
    {
      // Not `locales`: Payload keeps localized fields in tables of that suffix.
      name: 'appliesIn',
      type: 'select',
      hasMany: true,
      label: localesLabel,
      defaultValue: ['de'],
      validate: validateLocales,
      options: locales.map((l) => ({ value: l.code, label: { de: `${l.germanName} – ${l.endonym}`, en: `${l.englishName} – ${l.endonym}` } })),
      admin: { description: { de: 'Die Sprachen der Website, in deren Suche die Gruppe gilt.', en: 'The website languages whose search the group applies to.' } },
    },
    { name: 'notes', type: 'textarea', label: { de: 'Notizen (intern)', en: 'Notes (internal)' }, access: { read: staffOnly } },
  ],
}
