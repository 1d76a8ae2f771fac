import type { APIRoute } from 'astro'

import { getLocale } from '@lotse/translations'

import { atomFeed } from '../../../lib/atom'
import { content } from '../../../lib/content'
import { translator } from '../../../lib/i18n'
import { renderRichText } from '../../../lib/richtext'
import { pick } from '../../../lib/text'
import { absolute, href, localeParams, paths } from '../../../lib/urls'

/** The Atom feed of a locale's reports (newest 30), full text in the reader's language. */
export const getStaticPaths = localeParams

export const GET: APIRoute = ({ params }) => {
  const code = getLocale(params.locale!).code
  const t = translator(code)
  const { reports: all, snapshot } = content()
  const reports = all.slice(0, 30)
  const xml = atomFeed({
    self: absolute(href(code, paths.reportsFeed())),
    alternate: absolute(href(code, paths.reports())),
    lang: code,
    title: `${t('site.name')} – ${t('reports.title')}`,
    author: 'Landkreis Wittmund',
    // The newest change among the reports (the export's date only when there is none): a feed
    // changes when its reports do, not with every publish.
    updated: reports.length > 0 ? reports.reduce((max, r) => (r.updatedAt > max ? r.updatedAt : max), reports[0]!.updatedAt) : snapshot.generatedAt,
    entries: reports.map((r) => {
      const body = pick(r, r.body, code)
      return {
        url: absolute(href(code, paths.report(r.slug))),
        title: pick(r, r.title, code)!,
        summary: pick(r, r.summary, code),
        html: body && { value: renderRichText(body.value), lang: body.lang },
        published: r.publishedDate,
        updated: r.updatedAt,
      }
    }),
  })
  return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } })
}
