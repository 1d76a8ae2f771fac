import { afterEach, describe, expect, it, vi } from 'vitest'

import { atomFeed, type AtomEntry, type AtomFeed } from './atom'

const entry = (slug: string, extra: Partial<AtomEntry> = {}): AtomEntry => ({
  url: `https://example.org/ar/reports/${slug}/`,
  title: { value: 'عام على لوتسه', lang: 'ar' },
  summary: { value: 'ما حققه مفهوم الاندماج.', lang: 'ar' },
  html: { value: '<p>المنصة متاحة.</p>', lang: 'ar' },
  published: '2026-11-01T12:00:00.000Z',
  updated: '2026-11-10T09:00:00.000Z',
  ...extra,
})

const feed = (entries: AtomEntry[], extra: Partial<AtomFeed> = {}): AtomFeed => ({
  self: 'https://example.org/ar/reports/feed.xml',
  alternate: 'https://example.org/ar/reports/',
  lang: 'ar',
  title: 'لوتسه – تقارير',
  author: 'Landkreis Wittmund',
  updated: '2026-11-25T08:00:00Z',
  entries,
  ...extra,
})

describe('atomFeed', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('writes the feed and its entries, each text with the language it is in', () => {
    const german = entry('halbjahr', { title: { value: 'Halbjahresbericht', lang: 'de' }, summary: null, html: null, published: '2026-06-30T10:00:00Z' })
    expect(atomFeed(feed([entry('ein-jahr'), german]))).toBe(
      '<?xml version="1.0" encoding="utf-8"?>' +
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">' +
        '<id>https://example.org/ar/reports/feed.xml</id>' +
        '<title>لوتسه – تقارير</title>' +
        '<link rel="self" href="https://example.org/ar/reports/feed.xml"/><link href="https://example.org/ar/reports/"/>' +
        '<updated>2026-11-25T08:00:00.000Z</updated>' +
        '<author><name>Landkreis Wittmund</name></author>' +
        '<entry><id>https://example.org/ar/reports/ein-jahr/</id>' +
        '<title xml:lang="ar">عام على لوتسه</title>' +
        '<link href="https://example.org/ar/reports/ein-jahr/"/>' +
        '<published>2026-11-01T12:00:00.000Z</published><updated>2026-11-10T09:00:00.000Z</updated>' +
        '<summary xml:lang="ar">ما حققه مفهوم الاندماج.</summary>' +
        '<content type="html" xml:lang="ar">&lt;p&gt;المنصة متاحة.&lt;/p&gt;</content></entry>' +
        '<entry><id>https://example.org/ar/reports/halbjahr/</id>' +
        '<title xml:lang="de">Halbjahresbericht</title>' +
        '<link href="https://example.org/ar/reports/halbjahr/"/>' +
        '<published>2026-06-30T10:00:00.000Z</published><updated>2026-11-10T09:00:00.000Z</updated></entry>' +
        '</feed>\n',
    )
  })

  it('escapes markup in texts and attributes, so a title is never read as HTML', () => {
    const xml = atomFeed(
      feed([
        entry('x', {
          url: 'https://example.org/ar/reports/x/?a=1&b="2"',
          title: { value: 'Kinder & Jugend <Halbjahr> "26" &amp;', lang: 'de' },
          html: { value: '<p>a &lt; b ]]> c ]]></p>', lang: 'de' },
        }),
      ]),
    )
    expect(xml).toContain('<title xml:lang="de">Kinder &amp; Jugend &lt;Halbjahr&gt; &quot;26&quot; &amp;amp;</title>')
    expect(xml).toContain('<link href="https://example.org/ar/reports/x/?a=1&amp;b=&quot;2&quot;"/>')
    expect(xml).toContain('<content type="html" xml:lang="de">&lt;p&gt;a &amp;lt; b ]]&gt; c ]]&gt;&lt;/p&gt;</content>')
  })

  it('leaves out the control characters XML 1.0 does not allow, and keeps tabs and line breaks', () => {
    const xml = atomFeed(feed([entry('x', { title: { value: 'Erste\u000bZeile\u0000\u001f\uffff', lang: 'de' }, html: { value: '<p>a\tb\nc\r\nd\u0008</p>', lang: 'de' } })]))
    expect(xml).toContain('<title xml:lang="de">ErsteZeile</title>')
    expect(xml).toContain('&lt;p&gt;a\tb\nc\r\nd&lt;/p&gt;')
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/)
  })

  it('is a feed without entries when there are no reports', () => {
    expect(atomFeed(feed([]))).toMatch(/<author><name>Landkreis Wittmund<\/name><\/author><\/feed>\n$/)
  })

  it('writes the same bytes under any clock', () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2027-03-28T01:30:00Z'))
    const first = atomFeed(feed([entry('x')]))
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'))
    expect(atomFeed(feed([entry('x')]))).toBe(first)
  })
})
