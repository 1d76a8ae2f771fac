import { isSafeHref } from '@lotse/content-schemas'

/**
 * Renders Lexical JSON from the CMS to HTML through an allow-list: known node types become
 * their element, unknown ones are dropped with their content (never passed through as HTML),
 * every text is escaped, and every link's href is checked (`javascript:`, `data:` and the
 * like are removed, the text stays). Headings start at h2: the page title is the h1.
 */
interface Node {
  type?: unknown
  text?: unknown
  format?: unknown
  tag?: unknown
  listType?: unknown
  children?: unknown
  fields?: { url?: unknown; newTab?: unknown; linkType?: unknown } | null
  url?: unknown
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!)

const FORMAT_TAGS: [number, string][] = [
  [1, 'strong'],
  [2, 'em'],
  [4, 's'],
  [8, 'u'],
  [16, 'code'],
  [32, 'sub'],
  [64, 'sup'],
]

function children(node: Node): string {
  return Array.isArray(node.children) ? (node.children as Node[]).map(render).join('') : ''
}

function text(node: Node): string {
  let html = escapeHtml(typeof node.text === 'string' ? node.text : '')
  const format = typeof node.format === 'number' ? node.format : 0
  for (const [bit, tag] of FORMAT_TAGS) if (format & bit) html = `<${tag}>${html}</${tag}>`
  return html
}

function link(node: Node): string {
  const href = typeof node.fields?.url === 'string' ? node.fields.url : typeof node.url === 'string' ? node.url : ''
  const inner = children(node)
  if (!href || !isSafeHref(href)) return inner
  const external = /^https?:/i.test(href)
  return `<a href="${escapeHtml(href)}"${external ? ' rel="noopener noreferrer"' : ''}>${inner}</a>`
}

function render(node: Node): string {
  switch (node.type) {
    case 'root':
      return children(node)
    case 'paragraph': {
      const inner = children(node)
      return inner ? `<p>${inner}</p>` : ''
    }
    case 'heading': {
      const level = Math.min(Math.max(Number(String(node.tag ?? 'h2').slice(1)) || 2, 2), 4)
      return `<h${level}>${children(node)}</h${level}>`
    }
    case 'list': {
      const tag = node.listType === 'number' ? 'ol' : 'ul'
      return `<${tag}>${children(node)}</${tag}>`
    }
    case 'listitem':
      return `<li>${children(node)}</li>`
    case 'quote':
      return `<blockquote>${children(node)}</blockquote>`
    case 'link':
    case 'autolink':
      return link(node)
    case 'text':
      return text(node)
    case 'linebreak':
      return '<br>'
    case 'horizontalrule':
      return '<hr>'
    case 'tab':
      return ' '
    default:
      return ''
  }
}

export function renderRichText(value: unknown): string {
  if (!value || typeof value !== 'object' || !('root' in value)) return ''
  return render((value as { root: Node }).root)
}

/** The plain text of a rich text value (for descriptions, feeds and calendar files). */
export function richTextToPlain(value: unknown): string {
  const parts: string[] = []
  const walk = (node: Node) => {
    if (node.type === 'text' && typeof node.text === 'string') parts.push(node.text)
    if (Array.isArray(node.children)) for (const c of node.children as Node[]) walk(c)
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'listitem') parts.push('\n')
  }
  if (value && typeof value === 'object' && 'root' in value) walk((value as { root: Node }).root)
  return parts
    .join('')
    .replace(/\n{2,}/g, '\n')
    .trim()
}
