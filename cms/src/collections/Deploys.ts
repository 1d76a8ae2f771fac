import type { CollectionConfig } from 'payload'

import { anyOf, nobody, staff } from '../access/roles'
import { rebuildEndpoint, siteStatusEndpoint } from '../publish/status'

/**
 * One row per site build: what triggered it, how long each phase took, which release went
 * live, or why it failed. Written by the rebuild job only; editors read it (dashboard, and the
 * "live / queued" line beside each document).
 */
export const Deploys: CollectionConfig = {
  slug: 'deploys',
  labels: { singular: { de: 'Veröffentlichung der Website', en: 'Site deploy' }, plural: { de: 'Website-Veröffentlichungen', en: 'Site deploys' } },
  admin: {
    group: { de: 'Website', en: 'Website' },
    useAsTitle: 'summary',
    defaultColumns: ['summary', 'status', 'mode', 'startedAt', 'durationMs', 'reason'],
    description: {
      de: 'Jede Veröffentlichung baut die öffentliche Website neu. Schlägt ein Bau fehl oder dauert er zu lange, bleibt die bisherige Website online.',
      en: 'Every publish rebuilds the public website. When a build fails or takes too long, the previous website stays online.',
    },
  },
  defaultSort: '-createdAt',
  access: { read: anyOf(staff), create: nobody, update: nobody, delete: nobody },
  endpoints: [siteStatusEndpoint, rebuildEndpoint],
  fields: [
    { name: 'summary', type: 'text', label: { de: 'Anlass', en: 'Trigger' } },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'queued',
      index: true,
      label: { de: 'Stand', en: 'Status' },
      options: [
        { value: 'queued', label: { de: 'Wartet', en: 'Queued' } },
        { value: 'running', label: { de: 'Wird gebaut', en: 'Building' } },
        { value: 'success', label: { de: 'Online', en: 'Live' } },
        { value: 'failed', label: { de: 'Fehlgeschlagen', en: 'Failed' } },
      ],
    },
    {
      name: 'triggers',
      type: 'json',
      label: { de: 'Auslöser', en: 'Triggers' },
      admin: { description: { de: 'Alle Veröffentlichungen, die dieser Bau enthält.', en: 'Every publish this build includes.' } },
    },
    { name: 'queuedAt', type: 'date', index: true, label: { de: 'Angefordert', en: 'Requested' } },
    { name: 'startedAt', type: 'date', label: { de: 'Begonnen', en: 'Started' } },
    { name: 'finishedAt', type: 'date', label: { de: 'Fertig', en: 'Finished' } },
    { name: 'durationMs', type: 'number', label: { de: 'Dauer (ms)', en: 'Duration (ms)' } },
    { name: 'phases', type: 'json', label: { de: 'Dauer je Schritt (ms)', en: 'Duration per phase (ms)' } },
    { name: 'release', type: 'text', label: { de: 'Release', en: 'Release' } },
    {
      name: 'mode',
      type: 'text',
      label: { de: 'Art des Baus', en: 'Kind of build' },
      admin: {
        readOnly: true,
        description: {
          de: '„incremental (N pages)“: nur die von der Änderung betroffenen Seiten wurden neu erzeugt. „full (Grund)“: die ganze Website, mit dem Grund.',
          en: '"incremental (N pages)": only the pages the change affects were made again. "full (reason)": the whole site, with the reason.',
        },
      },
    },
    { name: 'reason', type: 'textarea', label: { de: 'Grund des Fehlers', en: 'Reason of failure' } },
    {
      name: 'leaseUntil',
      type: 'date',
      index: true,
      label: { de: 'Belegt bis', en: 'Lease until' },
      admin: {
        readOnly: true,
        description: {
          de: 'Ein laufender Bau verlängert dies regelmäßig; läuft es ab, übernimmt ein anderer Bau.',
          en: 'A running build renews this regularly; when it lapses, another build takes over.',
        },
      },
    },
    {
      name: 'heartbeatAt',
      type: 'date',
      label: { de: 'Letztes Lebenszeichen', en: 'Last heartbeat' },
      admin: { readOnly: true, description: { de: 'Der bauende Prozess meldet sich alle 5 Sekunden.', en: 'The building process reports every 5 seconds.' } },
    },
    {
      name: 'attempts',
      type: 'number',
      defaultValue: 0,
      label: { de: 'Versuche', en: 'Attempts' },
      admin: {
        readOnly: true,
        description: { de: 'Bricht der bauende Prozess ab, wird der Bau wiederholt, höchstens dreimal.', en: 'When the building process dies, the build is retried, at most three times.' },
      },
    },
    {
      name: 'worker',
      type: 'text',
      label: { de: 'Ausführender Prozess', en: 'Worker process' },
      admin: { readOnly: true, description: { de: 'Rechner und Prozessnummer.', en: 'Host and process id.' } },
    },
    { name: 'log', type: 'textarea', label: { de: 'Protokoll', en: 'Log' }, admin: { readOnly: true } },
  ],
}
