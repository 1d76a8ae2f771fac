import type { CollectionSlug, Payload } from 'payload'

import { readTranslationRecord, translationState } from '@lotse/content-schemas'
import { defaultLocale, getLocale, localeCodes } from '@lotse/translations'

import { localizedPaths, MACHINE_TRANSLATION_CONTEXT } from '../hooks/translationStatus'
import type { GlossaryEntry, TranslationProvider } from './providers'

type Json = Record<string, unknown>

function get(doc: unknown, path: string): unknown {
  let value = doc
  for (const part of path.split('.')) value = (value as Json | null | undefined)?.[part]
  return value
}

function set(target: Json, path: string, value: unknown): void {
  const parts = path.split('.')
  let node = target
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Json
  node[parts[parts.length - 1]!] = value
}

const isRichText = (v: unknown): v is { root: Json } => Boolean(v && typeof v === 'object' && 'root' in v)

/** Text nodes of a Lexical document in reading order; translating them keeps the structure. */
function textNodes(node: Json, out: Json[] = []): Json[] {
  if (node.type === 'text' && typeof node.text === 'string' && node.text.trim() !== '') out.push(node)
  for (const child of (node.children as Json[] | undefined) ?? []) textNodes(child, out)
  return out
}

function setDirection(node: Json, dir: 'ltr' | 'rtl'): void {
  if ('direction' in node) node.direction = dir
  for (const child of (node.children as Json[] | undefined) ?? []) setDirection(child, dir)
}

export async function loadGlossary(payload: Payload): Promise<GlossaryEntry[]> {
  const { docs } = await payload.find({ collection: 'glossary', locale: 'all', limit: 0, pagination: false, depth: 0 })
  return docs.map((d) => {
    const t = (d.translation ?? {}) as unknown as Record<string, string | null>
    return { term: d.term, translations: Object.fromEntries(Object.entries(t).filter(([code, v]) => code !== defaultLocale && v)) as Record<string, string> }
  })
}

/** Locales of a document whose translation is missing or outdated: what machine translation should fill. */
export async function localesNeedingTranslation(payload: Payload, collection: CollectionSlug, id: number | string): Promise<string[]> {
  const doc = (await payload.findByID({ collection, id, locale: 'all', depth: 0 })) as unknown as Json
  const record = readTranslationRecord(doc.translationStatus)
  const paths = localizedPaths(payload.collections[collection]!.config.fields)
  return localeCodes.filter((code) => {
    if (code === defaultLocale) return false
    const hasText = paths.some((p) => {
      const v = (get(doc, p) as Json | null | undefined)?.[code]
      return v != null && v !== ''
    })
    const state = translationState(record, code, hasText)
    return state === null || state === 'outdated'
  })
}

/**
 * Machine-translates one document into one locale, field by field: plain text fields as they
 * are, rich text node by node so headings, lists, links and formatting stay exactly as in
 * German. One provider request per locale; the document is written only after every text came
 * back, so a provider failure leaves it unchanged. The written locale's state is `machine`.
 */
export async function translateDocument(
  payload: Payload,
  options: { collection: CollectionSlug; id: number | string; target: string; provider: TranslationProvider; glossary: GlossaryEntry[] },
): Promise<{ fields: number; texts: number }> {
  const { collection, id, target, provider, glossary } = options
  const locale = getLocale(target)
  if (target === defaultLocale) throw new Error('German is the source language; it is not machine-translated.')
  const german = (await payload.findByID({ collection, id, locale: defaultLocale, fallbackLocale: false, depth: 0 })) as unknown as Json
  const paths = localizedPaths(payload.collections[collection]!.config.fields)

  const texts: string[] = []
  const plan: { path: string; apply: (translated: string[]) => unknown; count: number }[] = []
  for (const path of paths) {
    const value = get(german, path)
    if (typeof value === 'string' && value.trim() !== '') {
      const index = texts.push(value) - 1
      plan.push({ path, count: 1, apply: (t) => t[index] })
    } else if (isRichText(value)) {
      const copy = structuredClone(value)
      const nodes = textNodes(copy.root)
      if (nodes.length === 0) continue
      const start = texts.length
      texts.push(...nodes.map((n) => n.text as string))
      plan.push({
        path,
        count: nodes.length,
        apply: (t) => {
          nodes.forEach((n, i) => (n.text = t[start + i]))
          setDirection(copy.root, locale.dir)
          return copy
        },
      })
    }
  }
  if (texts.length === 0) return { fields: 0, texts: 0 }

  const translated = await provider.translate(texts, { source: defaultLocale, target, glossary })
  const data: Json = {}
  for (const step of plan) set(data, step.path, step.apply(translated))
  await payload.update({ collection, id, locale: locale.code, data: data as never, context: { [MACHINE_TRANSLATION_CONTEXT]: true } })
  return { fields: plan.length, texts: texts.length }
}
