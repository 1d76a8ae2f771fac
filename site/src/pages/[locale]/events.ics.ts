import type { APIRoute } from 'astro'

import { content } from '../../lib/content'
import { eventForCalendar } from '../../lib/calendarEntry'
import { upcoming } from '../../lib/events'
import { translator } from '../../lib/i18n'
import { calendar } from '../../lib/ics'
import { localeParams } from '../../lib/urls'
import { getLocale } from '@lotse/translations'

/** The iCal feed of a locale: every event with a date ahead, series as RRULEs. */
export const getStaticPaths = localeParams

export const GET: APIRoute = ({ params }) => {
  const code = getLocale(params.locale!).code
  const t = translator(code)
  const live = new Set(upcoming(content().events).map((d) => d.event.slug))
  const entries = content()
    .events.filter((e) => live.has(e.slug))
    .map((e) => eventForCalendar(e, code))
  return new Response(calendar(`${t('site.name')} – ${t('events.title')}`, entries, process.env.SITE_URL ?? 'http://localhost:4321'), { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } })
}
