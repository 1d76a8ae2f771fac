import type { Field, FieldAccess } from 'payload'

/** Context flag of the import's writes: only they may set where an entry was imported from. */
export const IMPORT_CONTEXT = 'lotseImport'

const onlyTheImport: FieldAccess = ({ req }) => req.context?.[IMPORT_CONTEXT] === true

/**
 * Where an imported offer or contact came from (issue 11): its source and the row's key in it
 * (so the next import of the same file finds it again) and a fingerprint of what the row set (so
 * an unchanged row changes nothing). Written by the import only; shown read-only in the sidebar
 * of imported entries; a duplicate is not imported (the fields are cleared).
 */
export const importedFields: Field[] = [
  {
    name: 'importSource',
    type: 'relationship',
    relationTo: 'import-sources',
    index: true,
    label: { de: 'Importiert aus', en: 'Imported from' },
    access: { create: onlyTheImport, update: onlyTheImport },
    hooks: { beforeDuplicate: [() => null] },
    admin: { position: 'sidebar', readOnly: true, condition: (data) => Boolean(data?.importSource) },
  },
  {
    name: 'importKey',
    type: 'text',
    index: true,
    label: { de: 'Schlüssel in der Importquelle', en: 'Key in the import source' },
    access: { create: onlyTheImport, update: onlyTheImport },
    hooks: { beforeDuplicate: [() => null] },
    admin: { position: 'sidebar', readOnly: true, condition: (data) => Boolean(data?.importSource) },
  },
  {
    name: 'importHash',
    type: 'text',
    access: { create: onlyTheImport, update: onlyTheImport },
    hooks: { beforeDuplicate: [() => null] },
    admin: { hidden: true },
  },
]
