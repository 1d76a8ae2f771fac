import type { APIRoute } from 'astro'

import type { Event } from '@lotse/content-schemas'

import { content } from '../../../lib/content'
import { eventForCalendar } from '../../../lib/calendarEntry'
import { calendar } from '../../../lib/ics'
import { documentPaths } from '../../../lib/urls'

/** One event as an iCalendar file, in the reader's language where translated. */
export function getStaticPaths() {
  return documentPaths(content().events)
}

export const GET: APIRoute = ({ params, props }) => {
  const e = (props as { doc: Event }).doc
  const entry = eventForCalendar(e, params.locale!)
  return new Response(calendar(entry.title, [entry], process.env.SITE_URL ?? 'http://localhost:4321'), { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } })
}
