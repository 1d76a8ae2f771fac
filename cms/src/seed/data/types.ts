import type { SpokenLanguageCode } from '@lotse/translations'

import type { targetGroups } from '../../fields/common'
import type { weekdays } from '../../fields/timeSlots'
import type { municipalities } from '../municipalities'

/**
 * Shapes of the seed data files. The data files are plain content (German first, some
 * translations), typed so that a typo in a slug, weekday or status fails the type check
 * instead of the seed run.
 */

/** German text with optional translations keyed by locale code. */
export type LocalizedText = { de: string } & Partial<Record<string, string>>

/**
 * German paragraphs with optional translations. A paragraph starting with "## " becomes a
 * heading, one starting with "- " a list item (see `richText.ts`).
 */
export type LocalizedParagraphs = { de: string[] } & Partial<Record<string, string[]>>

export type MunicipalitySlug = (typeof municipalities)[number]['slug']
export type TopicSlug = 'sprache' | 'bildung' | 'arbeit' | 'teilhabe' | 'beratung' | 'gesundheit' | 'wohnen' | 'familie'
export type SpokenLanguage = SpokenLanguageCode
/** Select values come from the field definitions, so the seed cannot drift from the schema. */
export type TargetGroup = (typeof targetGroups)[number]['value']

export type Weekday = (typeof weekdays)[number]['value']

export interface SeedPoint {
  lat: number
  lng: number
}

export interface SeedAddress {
  street?: string
  postalCode?: string
  city?: string
}

export interface SeedTimeSlot {
  weekday: Weekday
  /** "HH:MM", local time in Wittmund. */
  from: string
  to: string
  appointmentOnly?: boolean
  note?: LocalizedText
}

export interface SeedRegistration {
  required: boolean
  how?: LocalizedText
  url?: string
}

export interface SeedCost {
  free: boolean
  note?: LocalizedText
}

export interface SeedOrganization {
  slug: string
  name: string
  kind: 'authority' | 'welfare' | 'education' | 'association' | 'church' | 'employer' | 'other'
  website?: string
  email?: string
  phone?: string
  address?: SeedAddress
  municipality?: MunicipalitySlug
}

export interface SeedContact {
  slug: string
  name: string
  kind: 'office' | 'person' | 'interpreter'
  responsibility: LocalizedText
  organization?: string
  languages: SpokenLanguage[]
  phone?: string
  email?: string
  website?: string
  address?: SeedAddress
  location?: SeedPoint
  municipality?: MunicipalitySlug
  consultationHours?: SeedTimeSlot[]
  /** Editors only; must never reach the public site. */
  internalNotes?: string
  /** Day of the last check (YYYY-MM-DD); `CONTACTS_REVIEWED` when not given. */
  reviewed?: string
}

export interface SeedOffer {
  slug: string
  title: LocalizedText
  summary: LocalizedText
  body: LocalizedParagraphs
  topics: TopicSlug[]
  targetGroups: TargetGroup[]
  languages: SpokenLanguage[]
  municipality: MunicipalitySlug
  address: SeedAddress
  location: SeedPoint
  /** Organization slug. */
  organization: string
  /** Contact slugs. */
  contacts?: string[]
  schedule?: SeedTimeSlot[]
  scheduleNote?: LocalizedText
  cost: SeedCost
  childcare: boolean
  barrierFree: boolean
  registration: SeedRegistration
  /** "YYYY-MM-DD". */
  validFrom?: string
  validUntil?: string
  reviewedAt: string
}

export interface SeedRecurrence {
  frequency: 'daily' | 'weekly' | 'monthly'
  interval?: number
  monthlyMode?: 'dayOfMonth' | 'weekdayOfMonth'
  /** 1–4, or -1 for "last". */
  weekOfMonth?: 1 | 2 | 3 | 4 | -1
  /** "YYYY-MM-DD", inclusive. */
  until?: string
}

export interface SeedEvent {
  slug: string
  title: LocalizedText
  description: LocalizedParagraphs
  /** "YYYY-MM-DDTHH:MM", local time in Europe/Berlin. */
  start: string
  end?: string
  allDay?: boolean
  recurrence?: SeedRecurrence
  place: string
  address: SeedAddress
  location?: SeedPoint
  municipality: MunicipalitySlug
  organizer: string
  topics: TopicSlug[]
  languages: SpokenLanguage[]
  registration: SeedRegistration
  cost: SeedCost
  cancelled?: boolean
}

export type MeasureStatus = 'planned' | 'in_progress' | 'done' | 'ongoing' | 'delayed' | 'dropped'

export interface SeedMeasure {
  slug: string
  /** The concept's wording, verbatim. */
  title: LocalizedText
  /** "YYYY-MM-DD", the concept's deadline read as a date. */
  deadline?: string
  /** The concept's own words for the deadline ("bis Mitte 2019"). */
  deadlineText?: string
  responsibleUnit?: string
  status: MeasureStatus
  statusNote?: LocalizedText
}

export interface SeedSubGoal {
  slug: string
  title: LocalizedText
  note?: LocalizedText
  measures: SeedMeasure[]
}

export interface SeedFieldOfAction {
  slug: string
  title: LocalizedText
  /** The field's overarching goals, verbatim. */
  goals: LocalizedText[]
  subGoals: SeedSubGoal[]
}

export interface SeedReport {
  slug: string
  title: LocalizedText
  summary: LocalizedText
  body: LocalizedParagraphs
  /** "YYYY-MM-DD". */
  publishedDate: string
  /** Measure slugs the report is about. */
  measures: string[]
}

export interface SeedPage {
  slug: string
  title: LocalizedText
  summary: LocalizedText
  body: LocalizedParagraphs
  /** Slug of the parent page in the orientation tree. */
  parent?: string
  order?: number
  /** The page's legal role; the site links these from every page. */
  legal?: 'impressum' | 'privacy' | 'accessibility'
}
