/**
 * Atom 1.0 (RFC 4287) feeds, written by fast-xml-parser's `XMLBuilder`, which escapes every
 * text and attribute value. Each title, summary and content carries the `xml:lang` of the text
 * it holds, so an Arabic feed can say which of its entries are in German (not translated yet).
 *
 * Not the `feed` package (6.0.0): its Atom writer has no way to set `xml:lang`, on the feed or
 * on a text, and writes every title as `type="html"` in CDATA as given. Nor `feedsmith`
 * (3.0.1), whose Atom writer has no `xml:lang` either.
 */
import { XMLBuilder } from 'fast-xml-parser'

/** A text and the language it is in (the German original where a translation is missing). */
export interface AtomText {
  value: string
  lang: string
}

export interface AtomEntry {
  /** The entry's page: its `id` and its link. */
  url: string
  title: AtomText
  summary: AtomText | null
  /** The full text as HTML. */
  html: AtomText | null
  /** ISO instants, from the content (never the clock, so a build gives the same bytes). */
  published: string
  updated: string
}

export interface AtomFeed {
  /** The feed's own address: its `id` and its `self` link. */
  self: string
  /** The page the feed stands for. */
  alternate: string
  lang: string
  title: string
  author: string
  updated: string
  entries: AtomEntry[]
}

/**
 * Text as XML 1.0 can carry it: without the control characters (and U+FFFE, U+FFFF) it does not
 * allow anywhere in a document, not even escaped. One of them in a report an editor pasted
 * (Word's manual line break is a vertical tab) would make the whole feed unreadable.
 */
// eslint-disable-next-line no-control-regex
const xmlText = (value: unknown) => String(value).replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g, '')

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  suppressEmptyNode: true,
  tagValueProcessor: (_, value) => xmlText(value),
  attributeValueProcessor: (_, value) => xmlText(value),
})

const iso = (instant: string) => new Date(instant).toISOString()
const text = ({ value, lang }: AtomText, type?: 'html') => ({ ...(type && { '@type': type }), '@xml:lang': lang, '#text': value })

/** The feed as an XML document. */
export function atomFeed(feed: AtomFeed): string {
  const xml = builder.build({
    '?xml': { '@version': '1.0', '@encoding': 'utf-8' },
    feed: {
      '@xmlns': 'http://www.w3.org/2005/Atom',
      '@xml:lang': feed.lang,
      id: feed.self,
      title: feed.title,
      link: [{ '@rel': 'self', '@href': feed.self }, { '@href': feed.alternate }],
      updated: iso(feed.updated),
      author: { name: feed.author },
      entry: feed.entries.map((e) => ({
        id: e.url,
        title: text(e.title),
        link: { '@href': e.url },
        published: iso(e.published),
        updated: iso(e.updated),
        ...(e.summary && { summary: text(e.summary) }),
        ...(e.html && { content: text(e.html, 'html') }),
      })),
    },
  })
  return `${xml}\n`
}
