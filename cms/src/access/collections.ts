import type { CollectionConfig } from 'payload'

import { admins, anyOf, pressOffice, publishedOrStaff, translatorsInOtherLocales } from './roles'

/**
 * Access of the press office's collections (reports, measures, pages): the public reads what
 * is published; the press office and admins write; translators translate. Editors (social
 * workers) can read them in the admin but neither write nor publish them.
 */
export const pressOfficeAccess: CollectionConfig['access'] = {
  read: publishedOrStaff,
  create: anyOf(admins, pressOffice),
  update: anyOf(admins, pressOffice, translatorsInOtherLocales),
  delete: anyOf(admins, pressOffice),
}
