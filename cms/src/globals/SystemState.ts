import type { GlobalConfig } from 'payload'

import { admins, anyOf } from '../access/roles'

/**
 * Bookkeeping the system keeps about itself, in the database rather than in a file so that it
 * travels with backups and works the same on MongoDB: when demo content was seeded (so it is
 * seeded once and never again over an editor's changes).
 */
export const SystemState: GlobalConfig = {
  slug: 'system-state',
  label: { de: 'Systemstatus', en: 'System state' },
  admin: { hidden: true },
  access: { read: anyOf(admins), update: () => false },
  fields: [
    { name: 'conceptSeededAt', type: 'date' },
    { name: 'demoSeededAt', type: 'date' },
    { name: 'seedVersion', type: 'number' },
  ],
}
