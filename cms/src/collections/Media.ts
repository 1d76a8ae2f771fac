import type { CollectionConfig, ImageSize } from 'payload'
import { ValidationError } from 'payload'

import { anyOf, admins, anyone, editorsWithOrganization, pressOffice, translatorsInOtherLocales } from '../access/roles'
import { lockSharedFieldsForTranslators } from '../fields/translatorLock'
import { requiredInGerman } from '../fields/validate'
import { message } from '../i18n/messages'

/** Images and PDFs only; SVG is refused because it can carry script. */
export const ALLOWED_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'application/pdf'] as const

/** 10 MB: more than any photo or flyer needs, far less than fills a disk. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

const fileLabel = { de: 'Datei', en: 'File' }

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`
}

/**
 * Responsive widths for phones, tablets and desktops, each in WebP and AVIF: the site offers
 * both in `srcset`, and sharp writes them once at upload rather than on every build.
 */
const WIDTHS = [480, 960, 1600] as const
const imageSizes: ImageSize[] = WIDTHS.flatMap((width) => [
  { name: `w${width}webp`, width, withoutEnlargement: true, formatOptions: { format: 'webp', options: { quality: 78 } } },
  { name: `w${width}avif`, width, withoutEnlargement: true, formatOptions: { format: 'avif', options: { quality: 55, effort: 2 } } },
])

export const Media: CollectionConfig = {
  slug: 'media',
  labels: { singular: { de: 'Medium', en: 'Media file' }, plural: { de: 'Medien', en: 'Media' } },
  admin: { group: { de: 'Inhalte', en: 'Content' }, defaultColumns: ['filename', 'alt', 'mimeType', 'filesize'] },
  access: {
    read: anyone,
    create: anyOf(admins, pressOffice, editorsWithOrganization),
    update: anyOf(admins, pressOffice, editorsWithOrganization, translatorsInOtherLocales),
    delete: anyOf(admins, pressOffice),
  },
  upload: {
    staticDir: 'media',
    mimeTypes: [...ALLOWED_MIME_TYPES],
    imageSizes,
    adminThumbnail: 'w480webp',
    focalPoint: true,
    pasteURL: false,
  },
  hooks: {
    beforeOperation: [
      ({ args, req }) => {
        // Runs before Payload inspects the file: the REST body limit cuts large uploads, but
        // the Local API (imports, scripts) has none, and Payload's own type errors are in
        // English only. This names the field in the editor's language first.
        const file = req.file
        if (!file) return args
        if (file.size > MAX_UPLOAD_BYTES) {
          throw new ValidationError({
            collection: 'media',
            errors: [{ path: 'file', message: message(req, 'fileTooLarge', fileLabel, { size: formatBytes(file.size), max: formatBytes(MAX_UPLOAD_BYTES) }) }],
          })
        }
        if (!(ALLOWED_MIME_TYPES as readonly string[]).includes(file.mimetype)) {
          throw new ValidationError({
            collection: 'media',
            errors: [{ path: 'file', message: message(req, 'fileTypeNotAllowed', fileLabel, { type: file.mimetype }) }],
          })
        }
        return args
      },
    ],
  },
  fields: lockSharedFieldsForTranslators([
    {
      name: 'alt',
      type: 'text',
      localized: true,
      validate: requiredInGerman({ de: 'Alternativtext', en: 'Alt text' }),
      label: { de: 'Alternativtext', en: 'Alt text' },
      admin: {
        description: {
          de: 'Was auf dem Bild zu sehen ist, für Menschen, die es nicht sehen können (Pflicht, BITV 2.0).',
          en: 'What the image shows, for people who cannot see it (required, BITV 2.0).',
        },
      },
    },
    { name: 'caption', type: 'text', localized: true, label: { de: 'Bildunterschrift', en: 'Caption' } },
    { name: 'credit', type: 'text', label: { de: 'Bildnachweis', en: 'Credit' } },
    {
      name: 'organization',
      type: 'relationship',
      relationTo: 'organizations',
      index: true,
      label: { de: 'Organisation', en: 'Organization' },
      admin: { position: 'sidebar', description: { de: 'Wer die Datei ändern darf: die Redaktion dieser Organisation.', en: 'Who may change the file: the editors of this organization.' } },
    },
    {
      name: 'uploadedBy',
      type: 'relationship',
      relationTo: 'users',
      index: true,
      label: { de: 'Hochgeladen von', en: 'Uploaded by' },
      admin: { position: 'sidebar', readOnly: true },
    },
  ]),
}
