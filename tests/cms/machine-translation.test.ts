import type { Payload } from 'payload'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { readTranslationRecord, translationState } from '@lotse/content-schemas'
import { paragraphsToLexical } from '@lotse/cms/seed/richText'
import { DeepLProvider } from '@lotse/cms/translation/providers/deepl'
import { LibreTranslateProvider } from '@lotse/cms/translation/providers/libretranslate'
import { ProviderError } from '@lotse/cms/translation/providers/types'
import { loadGlossary, translateDocument } from '@lotse/cms/translation/translateDocument'

import { type Fixtures, TEST_PASSWORD, useFixtureCms } from '../helpers/fixtures'
import { FakeProvider } from '../helpers/mtServers'
import { RestClient } from '../helpers/rest'

/**
 * Machine translation against local servers that speak DeepL's and LibreTranslate's
 * documented APIs: glossary handling in both request bodies, rich text kept intact, failures
 * leave the document unchanged, the result is marked `machine`, the job reports its reasons.
 */
let payload: Payload
let f: Fixtures
useFixtureCms((world) => ({ payload, f } = world))

const deepl = new FakeProvider('deepl')
const libre = new FakeProvider('libretranslate')
beforeAll(async () => {
  await deepl.start()
  await libre.start()
})
afterAll(async () => {
  await deepl.stop()
  await libre.stop()
})
beforeEach(() => {
  deepl.requests.length = 0
  libre.requests.length = 0
  deepl.failWith = null
  libre.failWith = null
})

let offerId: number | string
beforeAll(async () => {
  await payload.create({ collection: 'glossary', data: { term: 'Jobcenter' } })
  const anlaufstelle = await payload.create({ collection: 'glossary', locale: 'de', data: { term: 'Anlaufstelle' } })
  await payload.update({ collection: 'glossary', id: anlaufstelle.id, locale: 'ar', data: { translation: 'مركز الاستقبال' } })
  const offer = await payload.create({
    collection: 'offers',
    data: {
      title: 'Beratung im Jobcenter',
      summary: 'Die Anlaufstelle hilft bei Anträgen für das Jobcenter.',
      body: {
        root: {
          ...paragraphsToLexical(['## Was wir tun', '- Anträge ausfüllen', '- Termine begleiten']).root,
          children: [
            ...paragraphsToLexical(['## Was wir tun', '- Anträge ausfüllen', '- Termine begleiten']).root.children,
            {
              type: 'paragraph',
              direction: 'ltr',
              format: '',
              indent: 0,
              version: 1,
              textFormat: 0,
              textStyle: '',
              children: [
                { type: 'text', text: 'Mehr auf ', detail: 0, format: 0, mode: 'normal', style: '', version: 1 },
                {
                  type: 'link',
                  direction: 'ltr',
                  format: '',
                  indent: 0,
                  version: 3,
                  fields: { url: 'https://example.org/anlaufstelle', linkType: 'custom', newTab: false },
                  children: [{ type: 'text', text: 'der Seite der Anlaufstelle', detail: 0, format: 1, mode: 'normal', style: '', version: 1 }],
                },
              ],
            },
          ],
        },
      },
      municipality: f.municipality,
      organization: f.orgA,
      _status: 'published',
    },
  })
  offerId = offer.id
})

const snapshot = async () => payload.findByID({ collection: 'offers', id: offerId, locale: 'all', depth: 0 })

describe('DeepL API v2', () => {
  const provider = () => new DeepLProvider(deepl.url, 'test-key')

  it('sends the glossary as a DeepL glossary and protects terms to keep', async () => {
    const glossary = await loadGlossary(payload)
    await translateDocument(payload, { collection: 'offers', id: offerId, target: 'ar', provider: provider(), glossary })
    const glossaryRequest = deepl.requests.find((r) => r.path === '/v2/glossaries')!
    expect(glossaryRequest.body).toMatchObject({ source_lang: 'de', target_lang: 'ar', entries: 'Anlaufstelle\tمركز الاستقبال', entries_format: 'tsv' })
    const translate = deepl.requests.find((r) => r.path === '/v2/translate')!
    expect(translate.headers.authorization).toBe('DeepL-Auth-Key test-key')
    expect(translate.body).toMatchObject({ source_lang: 'DE', target_lang: 'AR', tag_handling: 'xml', ignore_tags: ['x-keep'], glossary_id: 'gl-123' })
    const texts = translate.body.text as string[]
    expect(texts).toContain('Beratung im <x-keep i="0"/>')
    expect(texts).toContain('Die Anlaufstelle hilft bei Anträgen für das <x-keep i="0"/>.')

    const ar = await payload.findByID({ collection: 'offers', id: offerId, locale: 'ar', fallbackLocale: false, depth: 0 })
    expect(ar.title).toBe('[AR] Beratung im Jobcenter')
    // Rich text: same structure, link target untouched, formatting kept, right-to-left.
    const body = ar.body as unknown as {
      root: { direction: string; children: { type: string; tag?: string; children: { type: string; fields?: { url: string }; children?: { text: string; format: number }[] }[] }[] }
    }
    expect(body.root.direction).toBe('rtl')
    expect(body.root.children.map((c) => c.type)).toEqual(['heading', 'list', 'paragraph'])
    const link = body.root.children[2]!.children[1]!
    expect(link.fields?.url).toBe('https://example.org/anlaufstelle')
    expect(link.children?.[0]).toMatchObject({ text: '[AR] der Seite der Anlaufstelle', format: 1 })

    const all = await snapshot()
    expect(translationState(readTranslationRecord(all.translationStatus), 'ar', true)).toBe('machine')
  })

  it('refuses languages DeepL does not offer, before sending anything', async () => {
    await expect(translateDocument(payload, { collection: 'offers', id: offerId, target: 'ti', provider: provider(), glossary: [] })).rejects.toMatchObject({ kind: 'unsupported-language' })
    expect(deepl.requests).toHaveLength(0)
  })

  it.each([
    [456, 'quota'],
    [429, 'rate-limit'],
    [503, 'unavailable'],
    [403, 'auth'],
  ] as const)('leaves the document unchanged on HTTP %i (%s)', async (status, kind) => {
    const before = await snapshot()
    deepl.failWith = status
    const error = await translateDocument(payload, { collection: 'offers', id: offerId, target: 'uk', provider: provider(), glossary: [] }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as ProviderError).kind).toBe(kind)
    expect(await snapshot()).toEqual(before)
  })

  it('gives up on a provider that does not answer, and changes nothing', async () => {
    const before = await snapshot()
    deepl.failWith = 'hang'
    const slow = new DeepLProvider(deepl.url, 'test-key', 300)
    await expect(translateDocument(payload, { collection: 'offers', id: offerId, target: 'uk', provider: slow, glossary: [] })).rejects.toMatchObject({ kind: 'timeout' })
    expect(await snapshot()).toEqual(before)
  })
})

describe('LibreTranslate', () => {
  it('protects every glossary term and puts fixed translations back', async () => {
    const glossary = await loadGlossary(payload)
    await translateDocument(payload, { collection: 'offers', id: offerId, target: 'ar', provider: new LibreTranslateProvider(libre.url, 'lt-key'), glossary })
    const request = libre.requests[0]!
    expect(request.path).toBe('/translate')
    expect(request.body).toMatchObject({ source: 'de', target: 'ar', format: 'html', api_key: 'lt-key' })
    expect(request.body.q).toContain('Die <x-keep i="0"/> hilft bei Anträgen für das <x-keep i="1"/>.')
    const ar = await payload.findByID({ collection: 'offers', id: offerId, locale: 'ar', fallbackLocale: false, depth: 0 })
    expect(ar.summary).toBe('[ar] Die مركز الاستقبال hilft bei Anträgen für das Jobcenter.')
  })

  it('reports an unsupported language and changes nothing', async () => {
    const before = await snapshot()
    await expect(translateDocument(payload, { collection: 'offers', id: offerId, target: 'ti', provider: new LibreTranslateProvider(libre.url, undefined), glossary: [] })).rejects.toMatchObject({
      kind: 'unsupported-language',
    })
    expect(await snapshot()).toEqual(before)
  })
})

describe('the background job', () => {
  it('translates the missing locales it can and lists the reasons for the others', async () => {
    Object.assign(process.env, { MT_PROVIDER: 'libretranslate', MT_API_URL: libre.url, MT_API_KEY: '' })
    try {
      const contact = await payload.create({
        collection: 'contacts',
        data: { name: 'Sprachmittlung', kind: 'office', responsibility: 'Hilfe bei Formularen', organization: f.orgA, _status: 'published' },
      })
      const job = await payload.jobs.queue({ task: 'machineTranslate', input: { collection: 'contacts', id: String(contact.id), locales: ['uk', 'ti'] } })
      // One retry is configured for passing failures; run until the queue is done with it.
      for (let i = 0; i < 3; i++) await payload.jobs.run({ where: { taskSlug: { equals: 'machineTranslate' } } })
      const done = await payload.findByID({ collection: 'payload-jobs', id: job.id, depth: 0 })
      expect(done.hasError).toBe(true)
      expect(JSON.stringify(done.error ?? done.log)).toContain('ti')
      const uk = await payload.findByID({ collection: 'contacts', id: contact.id, locale: 'uk', fallbackLocale: false, depth: 0 })
      expect(uk.responsibility).toBe('[uk] Hilfe bei Formularen')
    } finally {
      delete process.env.MT_PROVIDER
      delete process.env.MT_API_URL
      delete process.env.MT_API_KEY
    }
  })
})

describe('starting a translation over REST', () => {
  it('queues for those who may edit the document, and says when machine translation is off', async () => {
    const rest = new RestClient(payload.config)
    const path = `/offers/${offerId}/machine-translate`
    expect((await rest.request('POST', path, { body: {} })).status).toBe(401)
    await rest.login(f.users.editorA.email, TEST_PASSWORD)
    expect((await rest.json('POST', path, { body: {} })).status).toBe(409)
    Object.assign(process.env, { MT_PROVIDER: 'libretranslate', MT_API_URL: libre.url })
    try {
      const bad = await rest.json('POST', path, { body: { locales: ['de', 'xx'] } })
      expect(bad.status).toBe(400)
      expect(String(bad.body.error)).toContain('locales')
      const queued = await rest.json('POST', path, { body: { locales: ['pl'] } })
      expect(queued.status).toBe(202)
      await rest.login(f.users.editorB.email, TEST_PASSWORD)
      expect((await rest.request('POST', path, { body: {} })).status).toBe(403)
      await rest.login(f.users.translator.email, TEST_PASSWORD)
      expect((await rest.request('POST', path, { body: {} })).status).toBe(202)
    } finally {
      delete process.env.MT_PROVIDER
      delete process.env.MT_API_URL
    }
  })
})
