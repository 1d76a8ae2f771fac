import { z } from 'zod'

import { FreshnessSettingsSchema } from './freshness'
import { SearchTermGroupSchema } from './searchTerms'
import {
  AddressSchema,
  CostSchema,
  HttpUrlSchema,
  IsoDateSchema,
  localized,
  PointSchema,
  publicDocumentFields,
  RefSchema,
  RegistrationSchema,
  RichTextSchema,
  SlugSchema,
  TimeSlotSchema,
} from './common'

/** Spoken languages and target groups are codes; the site names them in the reader's language. */
const LanguageCodes = z.array(z.string().regex(/^[a-z]{2,3}$/))

/** An offer (Angebot): course, counselling, meeting place … */
export const OfferSchema = z.strictObject({
  ...publicDocumentFields,
  title: localized(z.string().min(1)),
  /** One or two sentences for lists, search results and link previews. */
  summary: localized(z.string()),
  body: localized(RichTextSchema),
  topics: z.array(RefSchema),
  targetGroups: z.array(z.string()),
  /** Languages the offer is held in: the "in my language" filter. */
  languages: LanguageCodes,
  municipality: RefSchema.nullable(),
  address: AddressSchema.nullable(),
  location: PointSchema.nullable(),
  organization: RefSchema,
  contacts: z.array(RefSchema),
  schedule: z.array(TimeSlotSchema),
  scheduleNote: localized(z.string()),
  cost: CostSchema,
  childcare: z.boolean(),
  barrierFree: z.boolean(),
  registration: RegistrationSchema,
  validFrom: IsoDateSchema.nullable(),
  validUntil: IsoDateSchema.nullable(),
  /** When a social worker last confirmed the entry: the site shows "last checked". */
  reviewedAt: IsoDateSchema.nullable(),
})

/** A contact point: office, person, or member of the interpreter pool. Never internal notes. */
export const ContactSchema = z.strictObject({
  ...publicDocumentFields,
  name: z.string().min(1),
  kind: z.enum(['office', 'person', 'interpreter']),
  responsibility: localized(z.string()),
  organization: RefSchema.nullable(),
  languages: LanguageCodes,
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: HttpUrlSchema.nullable(),
  address: AddressSchema.nullable(),
  location: PointSchema.nullable(),
  municipality: RefSchema.nullable(),
  consultationHours: z.array(TimeSlotSchema),
  /** When someone last confirmed the contact's details: the site shows "last checked". */
  reviewedAt: IsoDateSchema.nullable(),
})

export const RecurrenceSchema = z.strictObject({
  frequency: z.enum(['none', 'daily', 'weekly', 'monthly']),
  interval: z.number().int().min(1),
  monthlyMode: z.enum(['dayOfMonth', 'weekdayOfMonth']),
  /** 1–4, or -1 for the last such weekday of the month; null derives it from the start. */
  weekOfMonth: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)]).nullable(),
  until: IsoDateSchema.nullable(),
})

export const EventSchema = z.strictObject({
  ...publicDocumentFields,
  title: localized(z.string().min(1)),
  description: localized(RichTextSchema),
  start: IsoDateSchema,
  end: IsoDateSchema.nullable(),
  allDay: z.boolean(),
  recurrence: RecurrenceSchema,
  place: z.string().nullable(),
  address: AddressSchema.nullable(),
  location: PointSchema.nullable(),
  municipality: RefSchema.nullable(),
  organizer: RefSchema.nullable(),
  topics: z.array(RefSchema),
  languages: LanguageCodes,
  registration: RegistrationSchema,
  cost: CostSchema,
  cancelled: z.boolean(),
})

export const MeasureStatusSchema = z.enum(['planned', 'in_progress', 'done', 'ongoing', 'delayed', 'dropped'])

/** One node of the concept: field of action, sub-goal or measure. */
export const MeasureSchema = z.strictObject({
  ...publicDocumentFields,
  level: z.enum(['field', 'goal', 'measure']),
  parent: RefSchema.nullable(),
  order: z.number(),
  title: localized(z.string().min(1)),
  description: localized(z.string()),
  status: MeasureStatusSchema.nullable(),
  deadline: IsoDateSchema.nullable(),
  deadlineText: localized(z.string()),
  responsibleUnit: z.string().nullable(),
  statusNote: localized(z.string()),
})

export const ImageSizeSchema = z.strictObject({
  url: z.string().startsWith('/media/'),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  mimeType: z.enum(['image/webp', 'image/avif']),
})

export const MediaSchema = z.strictObject({
  /** The export names media by file name; files are copied next to the snapshot. */
  filename: z.string().min(1),
  url: z.string().startsWith('/media/'),
  mimeType: z.enum(['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'application/pdf']),
  width: z.number().int().positive().nullable(),
  height: z.number().int().positive().nullable(),
  alt: localized(z.string()),
  caption: localized(z.string()),
  credit: z.string().nullable(),
  sizes: z.array(ImageSizeSchema),
})

export const ReportSchema = z.strictObject({
  ...publicDocumentFields,
  title: localized(z.string().min(1)),
  summary: localized(z.string()),
  body: localized(RichTextSchema),
  coverImage: z.string().nullable(),
  publishedDate: IsoDateSchema,
  measures: z.array(RefSchema),
  topics: z.array(RefSchema),
})

export const PageSchema = z.strictObject({
  ...publicDocumentFields,
  title: localized(z.string().min(1)),
  summary: localized(z.string()),
  body: localized(RichTextSchema),
  parent: RefSchema.nullable(),
  order: z.number(),
  legal: z.enum(['impressum', 'privacy', 'accessibility']).nullable(),
  topics: z.array(RefSchema),
})

export const OrganizationSchema = z.strictObject({
  slug: SlugSchema,
  name: z.string().min(1),
  kind: z.string(),
  description: localized(z.string()),
  website: HttpUrlSchema.nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: AddressSchema.nullable(),
  municipality: RefSchema.nullable(),
})

export const MunicipalitySchema = z.strictObject({
  slug: SlugSchema,
  name: localized(z.string().min(1)),
  order: z.number(),
  location: PointSchema.nullable(),
})

export const TopicSchema = z.strictObject({
  slug: SlugSchema,
  name: localized(z.string().min(1)),
  description: localized(z.string()),
  icon: z.string().nullable(),
  order: z.number(),
})

/** Everything the site is built from: one validated snapshot of published content. */
export const SnapshotSchema = z.strictObject({
  /** When the export ran; the site shows it as the content date (also offline). */
  generatedAt: IsoDateSchema,
  offers: z.array(OfferSchema),
  contacts: z.array(ContactSchema),
  events: z.array(EventSchema),
  reports: z.array(ReportSchema),
  pages: z.array(PageSchema),
  measures: z.array(MeasureSchema),
  organizations: z.array(OrganizationSchema),
  municipalities: z.array(MunicipalitySchema),
  topics: z.array(TopicSchema),
  media: z.array(MediaSchema),
  /** Editors' groups of equivalent search terms; the build indexes pages under them (`synonymsFor`). */
  searchTerms: z.array(SearchTermGroupSchema),
  /** The review intervals: when entries are due for checking, and when readers are told they are overdue. */
  freshness: FreshnessSettingsSchema,
})

export type Offer = z.infer<typeof OfferSchema>
export type Contact = z.infer<typeof ContactSchema>
export type Event = z.infer<typeof EventSchema>
export type Recurrence = z.infer<typeof RecurrenceSchema>
export type Measure = z.infer<typeof MeasureSchema>
export type Report = z.infer<typeof ReportSchema>
export type Page = z.infer<typeof PageSchema>
export type Media = z.infer<typeof MediaSchema>
export type Organization = z.infer<typeof OrganizationSchema>
export type Municipality = z.infer<typeof MunicipalitySchema>
export type Topic = z.infer<typeof TopicSchema>
export type Snapshot = z.infer<typeof SnapshotSchema>
