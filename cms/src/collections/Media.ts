import { fileTypeFromBuffer } from 'file-type'
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { Access, CollectionBeforeOperationHook, CollectionConfig, FieldAccess, ImageSize, PayloadRequest } from 'payload'
import { APIError, ValidationError } from 'payload'
import sharp, { type SharpOptions } from 'sharp'

import { slugify } from '@lotse/content-schemas'

import { anyOf, admins, checkRole, editorsOfOwnOrganization, editorsWithOrganization, pressOffice, staff, translatorsInOtherLocales } from '../access/roles'
import { ownerOrganizationField } from '../fields/organization'
import { lockSharedFieldsForTranslators } from '../fields/translatorLock'
import { germanText, requiredInGerman } from '../fields/validate'
import { message } from '../i18n/messages'
import { relationId } from '../lib/relations'
import { rebuildOnDelete, rebuildOnPublish } from '../publish/trigger'

/** Images and PDFs only; SVG is refused because it can carry script. */
export const ALLOWED_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'application/pdf'] as const
type AllowedType = (typeof ALLOWED_MIME_TYPES)[number]

/** The extension a stored file gets, from the type its bytes have (never from the name sent). */
const EXTENSION: Record<AllowedType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/avif': 'avif', 'application/pdf': 'pdf' }

/**
 * 40 megapixels: any camera's photo (a 108 MP phone picture must be scaled down first). sharp's
 * default, 268 MP, let a 10 MB PNG unpack to gigabytes, six times over for the sizes.
 */
export const MAX_IMAGE_PIXELS = 40_000_000

/** sharp for Payload's image processing, refusing images above the pixel limit. */
export function pixelLimitedSharp(): typeof sharp {
  const limited = ((input?: Parameters<typeof sharp>[0], options?: SharpOptions) => sharp(input as never, { ...options, limitInputPixels: MAX_IMAGE_PIXELS })) as unknown as typeof sharp
  return Object.assign(limited, sharp)
}

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

/**
 * What the public may read: the files a published document uses (a report's cover image, the
 * only media the site shows). The export reads media as the public does, so a file uploaded and
 * not used yet (a draft report's cover) is neither listed at `/api/media` nor copied anywhere.
 */
async function publicMediaIds(req: PayloadRequest): Promise<(number | string)[]> {
  const reports = await req.payload.find({
    collection: 'reports',
    where: { and: [{ _status: { equals: 'published' } }, { coverImage: { exists: true } }] },
    draft: false,
    depth: 0,
    limit: 0,
    pagination: false,
    select: { coverImage: true },
    overrideAccess: true,
    req,
  })
  return [...new Set(reports.docs.map((r) => relationId(r.coverImage)).filter((id): id is number | string => id != null))]
}

const readMedia: Access = async (args) => (staff(args) ? true : { id: { in: await publicMediaIds(args.req) } })

/** Who uploaded a file: for the editorial team, never for the public or the site. */
const staffOnlyField: FieldAccess = ({ req }) => checkRole(req.user, ['admin', 'press', 'editor', 'translator'])

/** Upload fields Payload writes itself; a translator's request must not touch them either. */
const FILE_FIELDS = ['filename', 'mimeType', 'filesize', 'url', 'width', 'height', 'sizes', 'focalX', 'focalY', 'crop', 'thumbnailURL'] as const

const fileError = (req: PayloadRequest, key: Parameters<typeof message>[1], vars: Record<string, string | number> = {}) =>
  new ValidationError({ collection: 'media', errors: [{ path: 'file', message: message(req, key, fileLabel, vars) }] })

/**
 * Every upload is judged by its bytes and stored under a name derived here, before Payload sees
 * it: `<content hash>-<slug of the alt text>.<extension of the sniffed type>`. Payload sniffs
 * images but keeps the client's name and extension: a PNG with a script appended, sent as
 * `cover.html`, was stored as `cover.html` and served as HTML. The hash makes every new file a
 * new URL, so `immutable` caching stays right when a file is replaced.
 */
const nameUploadFromContent: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const data = (args as { data?: Record<string, unknown> }).data ?? {}
  if (checkRole(req.user, ['translator']) && (req.file || FILE_FIELDS.some((f) => f in data))) {
    throw new APIError(message(req, 'fileNotForTranslators', fileLabel), 403, null, true)
  }
  const file = req.file
  if (!file) return args
  // The REST body limit cuts large uploads, but the Local API (imports, scripts) has none.
  if (file.size > MAX_UPLOAD_BYTES) throw fileError(req, 'fileTooLarge', { size: formatBytes(file.size), max: formatBytes(MAX_UPLOAD_BYTES) })
  const bytes = file.data?.length ? file.data : file.tempFilePath ? await readFile(file.tempFilePath) : Buffer.alloc(0)
  const sniffed = (await fileTypeFromBuffer(bytes))?.mime
  if (!sniffed || !(ALLOWED_MIME_TYPES as readonly string[]).includes(sniffed)) {
    throw (ALLOWED_MIME_TYPES as readonly string[]).includes(file.mimetype) ? fileError(req, 'fileUnreadable') : fileError(req, 'fileTypeNotAllowed', { type: file.mimetype })
  }
  if (sniffed !== 'application/pdf') {
    // Reads the header only; the pixels are decoded later, by the limited sharp.
    const { width = 0, height = 0 } = await sharp(bytes, { limitInputPixels: false }).metadata()
    if (width * height > MAX_IMAGE_PIXELS) throw fileError(req, 'imageTooManyPixels', { pixels: Math.round((width * height) / 1e6), max: MAX_IMAGE_PIXELS / 1e6 })
  }
  let title = germanText(data.alt) ?? germanText(data.caption)
  if (!title && operation === 'update') {
    const id = (args as { id?: number | string }).id
    // Through the database adapter: the Local API would set this request's locale to German.
    const current = id == null ? null : ((await req.payload.db.findOne({ collection: 'media', where: { id: { equals: id } }, locale: 'de', req })) as { alt?: unknown; caption?: unknown } | null)
    title = germanText(current?.alt) ?? germanText(current?.caption)
  }
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12)
  const slug =
    slugify(title ?? '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'datei'
  file.name = `${hash}-${slug}.${EXTENSION[sniffed as AllowedType]}`
  file.mimetype = sniffed
  return args
}

export const Media: CollectionConfig = {
  slug: 'media',
  labels: { singular: { de: 'Medium', en: 'Media file' }, plural: { de: 'Medien', en: 'Media' } },
  admin: { group: { de: 'Inhalte', en: 'Content' }, defaultColumns: ['filename', 'alt', 'organization', 'mimeType', 'filesize'] },
  // Media belong to an organization: its editors replace and delete only their own files; the
  // press office and admins all of them; translators translate alt texts and captions only.
  access: {
    read: readMedia,
    create: anyOf(admins, pressOffice, editorsWithOrganization),
    update: anyOf(admins, pressOffice, editorsOfOwnOrganization('organization'), translatorsInOtherLocales),
    delete: anyOf(admins, pressOffice, editorsOfOwnOrganization('organization')),
  },
  upload: {
    staticDir: 'media',
    mimeTypes: [...ALLOWED_MIME_TYPES],
    imageSizes,
    adminThumbnail: 'w480webp',
    focalPoint: true,
    pasteURL: false,
  },
  // A publish, unpublish or deletion of public content rebuilds the site (publish/trigger.ts).
  hooks: { beforeOperation: [nameUploadFromContent], afterChange: [rebuildOnPublish], afterDelete: [rebuildOnDelete] },
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
    ownerOrganizationField('organization', { de: 'Organisation', en: 'Organization' }, false),
    {
      name: 'uploadedBy',
      type: 'relationship',
      relationTo: 'users',
      index: true,
      label: { de: 'Hochgeladen von', en: 'Uploaded by' },
      access: { read: staffOnlyField },
      admin: { position: 'sidebar', readOnly: true },
      // Whatever a request sends: the uploader on create, unchanged afterwards.
      hooks: { beforeChange: [({ operation, req, originalDoc }) => (operation === 'create' ? (req.user?.id ?? null) : relationId(originalDoc?.uploadedBy))] },
    },
  ]),
}
