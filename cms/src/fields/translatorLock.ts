import type { Field, FieldAccess } from 'payload'

import { notTranslatorsField } from '../access/roles'

function both(a: FieldAccess | undefined, b: FieldAccess): FieldAccess {
  if (!a) return b
  return async (args) => (await a(args)) && (await b(args))
}

/**
 * Walks a collection's fields and keeps translators away from every non-localized one. The
 * collection's update rule already limits translators to non-German locales; this closes the
 * gap that non-localized fields (slug, municipality, dates) are shared by all locales.
 * Layout-only fields and non-localized groups are walked into, so a localized `cost.note`
 * stays translatable while `cost.free` is locked.
 */
export function lockSharedFieldsForTranslators(fields: Field[]): Field[] {
  return fields.map((field): Field => {
    if (field.type === 'row' || field.type === 'collapsible') {
      return { ...field, fields: lockSharedFieldsForTranslators(field.fields) }
    }
    if (field.type === 'tabs') {
      return { ...field, tabs: field.tabs.map((tab) => ({ ...tab, fields: lockSharedFieldsForTranslators(tab.fields) })) }
    }
    if (field.type === 'ui' || ('localized' in field && field.localized)) return field
    if (field.type === 'group') return { ...field, fields: lockSharedFieldsForTranslators(field.fields) }
    return { ...field, access: { ...field.access, update: both(field.access?.update, notTranslatorsField) } } as Field
  })
}
