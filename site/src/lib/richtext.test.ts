import { describe, expect, it } from 'vitest'

import { renderRichText } from './richtext'

const doc = (...children: unknown[]) => ({ root: { type: 'root', children } })
const p = (...children: unknown[]) => ({ type: 'paragraph', children })
const text = (t: string, format = 0) => ({ type: 'text', text: t, format })
const link = (url: string, label: string) => ({ type: 'link', fields: { url }, children: [text(label)] })

describe('rich text', () => {
  it('renders allowed nodes and escapes text', () => {
    expect(
      renderRichText(
        doc({ type: 'heading', tag: 'h1', children: [text('Titel')] }, p(text('<b>fett</b>', 1)), { type: 'list', listType: 'bullet', children: [{ type: 'listitem', children: [text('eins')] }] }),
      ),
    ).toBe('<h2>Titel</h2><p><strong>&lt;b&gt;fett&lt;/b&gt;</strong></p><ul><li>eins</li></ul>')
  })

  it('drops unsafe links but keeps their text, and drops unknown nodes with their content', () => {
    const html = renderRichText(
      doc(p(link('javascript:alert(1)', 'klick'), text(' '), link(' data:text/html,x', 'daten'), text(' '), link('https://example.org/?a=1&b="2"', 'gut')), {
        type: 'html',
        children: [text('<script>x</script>')],
      }),
    )
    expect(html).toBe('<p>klick daten <a href="https://example.org/?a=1&amp;b=&quot;2&quot;" rel="noopener noreferrer">gut</a></p>')
    expect(html).not.toContain('script')
  })
})
