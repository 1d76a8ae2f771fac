import type { Event } from '@lotse/content-schemas'
import { getLocale } from '@lotse/translations'

import { formatPlace } from './format'
import type { IcsEvent } from './ics'
import { richTextToPlain } from './richtext'
import { pick } from './text'
import { absolute, href, paths } from './urls'

/** An event's calendar entry in the reader's language (German where not translated). */
export function eventForCalendar(e: Event, locale: string): IcsEvent {
  const code = getLocale(locale).code
  const place = formatPlace(e.address, e.place)
  return {
    event: e,
    title: pick(e, e.title, code)?.value ?? e.slug,
    description: richTextToPlain(pick(e, e.description, code)?.value),
    url: absolute(href(code, paths.event(e.slug))),
    location: place,
  }
}
