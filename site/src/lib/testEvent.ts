import type { Event } from '@lotse/content-schemas'
import { localeCodes } from '@lotse/translations'

/** An event as the snapshot holds it, with the given overrides (unit tests and fixtures). */
export function makeEvent(overrides: Partial<Event> & Pick<Event, 'slug' | 'start'>): Event {
  const none = Object.fromEntries(localeCodes.map((c) => [c, null])) as Record<(typeof localeCodes)[number], null>
  return {
    updatedAt: '2026-11-01T10:00:00.000Z',
    translations: { ...none, de: { state: 'original', updatedAt: '2026-11-01T10:00:00.000Z' } },
    demo: false,
    title: { ...none, de: overrides.slug },
    description: { ...none },
    end: null,
    allDay: false,
    recurrence: { frequency: 'none', interval: 1, monthlyMode: 'dayOfMonth', weekOfMonth: null, until: null },
    place: null,
    address: null,
    location: null,
    municipality: null,
    organizer: null,
    topics: [],
    languages: ['de'],
    registration: { required: false, how: { ...none }, url: null },
    cost: { free: true, note: { ...none } },
    cancelled: false,
    ...overrides,
  }
}
