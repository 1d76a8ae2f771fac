/**
 * Builds Lexical editor JSON from plain paragraphs, so seed content and test fixtures can be
 * written as readable text. A paragraph starting with "## " becomes a heading, consecutive
 * paragraphs starting with "- " become one bullet list.
 */

type Dir = 'ltr' | 'rtl'

interface LexicalText {
  type: 'text'
  text: string
  detail: 0
  format: 0
  mode: 'normal'
  style: ''
  version: 1
}

interface LexicalElement {
  type: string
  children: (LexicalElement | LexicalText)[]
  direction: Dir
  format: ''
  indent: 0
  version: 1
  [key: string]: unknown
}

export interface LexicalDocument {
  root: LexicalElement & { type: 'root' }
}

function text(value: string): LexicalText {
  return { type: 'text', text: value, detail: 0, format: 0, mode: 'normal', style: '', version: 1 }
}

function element(type: string, children: LexicalElement['children'], direction: Dir, extra: Record<string, unknown> = {}): LexicalElement {
  return { type, children, direction, format: '', indent: 0, version: 1, ...extra }
}

export function paragraphsToLexical(paragraphs: readonly string[], direction: Dir = 'ltr'): LexicalDocument {
  const children: LexicalElement[] = []
  let list: LexicalElement | null = null
  for (const raw of paragraphs) {
    const line = raw.trim()
    if (line.startsWith('- ')) {
      if (!list) {
        list = element('list', [], direction, { listType: 'bullet', start: 1, tag: 'ul' })
        children.push(list)
      }
      list.children.push(element('listitem', [text(line.slice(2))], direction, { value: list.children.length + 1 }))
      continue
    }
    list = null
    if (line.startsWith('## ')) children.push(element('heading', [text(line.slice(3))], direction, { tag: 'h2' }))
    else if (line !== '') children.push(element('paragraph', [text(line)], direction, { textFormat: 0, textStyle: '' }))
  }
  return { root: { ...element('root', children, direction), type: 'root' } }
}
