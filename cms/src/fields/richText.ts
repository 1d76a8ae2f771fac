import type { RichTextField } from 'payload'
import { validations } from 'payload'

import { isSafeHref } from '@lotse/content-schemas'

import { type Label, message } from '../i18n/messages'

interface LexicalNode {
  type?: string
  fields?: { url?: unknown; linkType?: unknown }
  children?: LexicalNode[]
}

/**
 * The first link in a Lexical document whose href is unsafe. The editor stores `javascript:`
 * and `data:` links exactly as typed; refusing them here tells the editor at once, and the
 * site's renderer drops them again as a second line of defence.
 */
export function findUnsafeLink(node: LexicalNode | null | undefined): string | null {
  if (!node || typeof node !== 'object') return null
  if ((node.type === 'link' || node.type === 'autolink') && node.fields?.linkType !== 'internal') {
    const url = node.fields?.url
    if (typeof url === 'string' && !isSafeHref(url)) return url
  }
  for (const child of node.children ?? []) {
    const found = findUnsafeLink(child)
    if (found) return found
  }
  return null
}

/** A localized rich-text field that refuses unsafe links, after the editor's own validation. */
export function richTextField(name: string, label: Label, options: { required?: boolean } = {}): RichTextField {
  return {
    name,
    type: 'richText',
    localized: true,
    label,
    required: options.required,
    validate: async (value, args) => {
      const base = await validations.richText(value, args)
      if (base !== true) return base
      const unsafe = findUnsafeLink((value as { root?: LexicalNode } | null)?.root)
      return unsafe ? message(args.req, 'unsafeLink', label, { href: unsafe.slice(0, 60) }) : true
    },
  }
}
