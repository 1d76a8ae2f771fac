import type { CollectionConfig, RelationshipFieldSingleValidation, Where } from 'payload'

import { pressOfficeAccess } from '../access/collections'
import { slugField } from '../fields/slug'
import { publicDocumentFields } from '../fields/translationTracking'
import { requiredInGerman } from '../fields/validate'
import { message } from '../i18n/messages'
import { relationId } from '../lib/relations'
import { trackTranslationStatus } from '../hooks/translationStatus'
import { dayOnly } from '../fields/common'
import { rebuildOnDelete, rebuildOnPublish } from '../publish/trigger'
import { machineTranslateEndpoint, translationStatusEndpoint } from '../translation/endpoint'

const parentLabel = { de: 'Übergeordnet', en: 'Parent' }

/** Which level a parent must have: sub-goals hang under fields of action, measures under sub-goals. */
const parentLevel = { field: null, goal: 'field', measure: 'goal' } as const

/**
 * The integration concept as data: three fields of action (Handlungsfelder), their sub-goals
 * (Unterziele) and measures (Maßnahmen), word for word from the 2018 concept. The press office
 * keeps status and deadline current; the public tracker on the site is built from this.
 */
export const Measures: CollectionConfig = {
  slug: 'measures',
  labels: { singular: { de: 'Ziel / Maßnahme', en: 'Goal / measure' }, plural: { de: 'Konzept: Ziele und Maßnahmen', en: 'Concept: goals and measures' } },
  admin: {
    useAsTitle: 'title',
    group: { de: 'Integrationskonzept', en: 'Integration concept' },
    defaultColumns: ['title', 'level', 'status', 'deadline', '_status'],
    listSearchableFields: ['title', 'slug', 'responsibleUnit'],
  },
  access: pressOfficeAccess,
  // Drafts, and publishing at a chosen time (the jobs queue runs it).
  versions: { drafts: { schedulePublish: true }, maxPerDoc: 50 },
  defaultSort: 'order',
  // A publish, unpublish or deletion of public content rebuilds the site (publish/trigger.ts).
  hooks: { beforeChange: [trackTranslationStatus], afterChange: [rebuildOnPublish], afterDelete: [rebuildOnDelete] },
  endpoints: [machineTranslateEndpoint('measures'), translationStatusEndpoint('measures')],
  fields: publicDocumentFields([
    {
      name: 'level',
      type: 'select',
      required: true,
      defaultValue: 'measure',
      label: { de: 'Ebene', en: 'Level' },
      options: [
        { value: 'field', label: { de: 'Handlungsfeld', en: 'Field of action' } },
        { value: 'goal', label: { de: 'Unterziel', en: 'Sub-goal' } },
        { value: 'measure', label: { de: 'Maßnahme', en: 'Measure' } },
      ],
    },
    {
      name: 'parent',
      type: 'relationship',
      relationTo: 'measures',
      label: parentLabel,
      index: true,
      admin: { condition: (_, s) => (s as { level?: string }).level !== 'field' },
      filterOptions: ({ siblingData }): Where | boolean => {
        const wanted = parentLevel[(siblingData as { level?: keyof typeof parentLevel }).level ?? 'measure']
        return wanted ? { level: { equals: wanted } } : false
      },
      validate: (async (value, { req, siblingData }) => {
        const level = (siblingData as { level?: keyof typeof parentLevel }).level ?? 'measure'
        const wanted = parentLevel[level]
        const id = relationId(value)
        if (wanted === null) return id == null ? true : message(req, 'measureParentLevel', parentLabel)
        if (id == null) return message(req, 'measureParentLevel', parentLabel)
        const parent = await req.payload.findByID({ collection: 'measures', id, depth: 0, draft: true, req }).catch(() => null)
        return parent && (parent as { level?: string }).level === wanted ? true : message(req, 'measureParentLevel', parentLabel)
      }) satisfies RelationshipFieldSingleValidation,
    },
    { name: 'title', type: 'textarea', localized: true, label: { de: 'Text', en: 'Text' }, validate: requiredInGerman({ de: 'Text', en: 'Text' }) },
    {
      name: 'description',
      type: 'textarea',
      localized: true,
      label: { de: 'Erläuterung', en: 'Explanation' },
      admin: {
        description: {
          de: 'Handlungsfeld: die Zielsätze des Konzepts. Unterziel: z. B. „Maßnahmen werden entwickelt.“',
          en: 'Field of action: the goal statements of the concept. Sub-goal: e.g. "Measures are being developed."',
        },
      },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'status',
          type: 'select',
          label: { de: 'Stand', en: 'Status' },
          admin: { condition: (_, s) => (s as { level?: string }).level === 'measure' },
          options: [
            { value: 'planned', label: { de: 'Geplant', en: 'Planned' } },
            { value: 'in_progress', label: { de: 'In Arbeit', en: 'In progress' } },
            { value: 'done', label: { de: 'Umgesetzt', en: 'Done' } },
            { value: 'ongoing', label: { de: 'Daueraufgabe', en: 'Ongoing' } },
            { value: 'delayed', label: { de: 'Verzögert', en: 'Delayed' } },
            { value: 'dropped', label: { de: 'Nicht weiterverfolgt', en: 'Dropped' } },
          ],
        },
        { name: 'deadline', type: 'date', label: { de: 'Frist', en: 'Deadline' }, admin: { date: dayOnly } },
        {
          name: 'deadlineText',
          type: 'text',
          localized: true,
          label: { de: 'Frist laut Konzept', en: 'Deadline as worded' },
          admin: { placeholder: 'bis Mitte 2019' },
        },
      ],
    },
    { name: 'responsibleUnit', type: 'text', label: { de: 'Zuständig', en: 'Responsible unit' } },
    { name: 'statusNote', type: 'textarea', localized: true, label: { de: 'Stand der Umsetzung', en: 'Progress note' } },
    slugField(),
    { name: 'order', type: 'number', label: { de: 'Reihenfolge', en: 'Order' }, admin: { position: 'sidebar' } },
    {
      name: 'reports',
      type: 'join',
      collection: 'reports',
      on: 'measures',
      label: { de: 'Berichte dazu', en: 'Reports about this' },
    },
  ]),
}
