/**
 * The search page: loads the reader's Pagefind bundle on first use, searches as the reader
 * types (debounced), filters by kind, topic and municipality, and falls back to the German index when the reader's
 * language finds nothing. Results are built with DOM methods; Pagefind's excerpt is the only
 * HTML inserted (it is Pagefind's own escaped text with <mark> around the hits).
 */
interface PagefindResult {
  data: () => Promise<{ url: string; excerpt: string; meta: { title?: string } }>
}
interface Pagefind {
  options: (o: Record<string, unknown>) => Promise<void>
  init: () => Promise<void>
  filters: () => Promise<Record<string, Record<string, number>>>
  search: (q: string, o?: { filters?: Record<string, string> }) => Promise<{ results: PagefindResult[] } | null>
  debouncedSearch: (q: string, o?: { filters?: Record<string, string> }, ms?: number) => Promise<{ results: PagefindResult[] } | null>
}

/**
 * Below this many results the German index is asked too. Pagefind also returns near misses
 * (words sharing a prefix), so "nothing found" is rarely exactly zero.
 */
const FEW = 3

const bundles = new Map<string, Promise<Pagefind>>()
function bundle(locale: string): Promise<Pagefind> {
  let p = bundles.get(locale)
  if (!p) {
    const url = `/pagefind/${locale}/pagefind.js`
    p = (import(/* @vite-ignore */ url) as Promise<Pagefind>).then(async (pf) => {
      await pf.options({ baseUrl: '/' })
      await pf.init()
      return pf
    })
    bundles.set(locale, p)
  }
  return p
}

/**
 * Shows results as cards titled one level below their list's heading: `h2` under the page's
 * `h1`, `h3` under the "German results" `h2`.
 */
async function render(list: HTMLElement, results: PagefindResult[], heading: 'h2' | 'h3'): Promise<void> {
  const data = await Promise.all(results.slice(0, 20).map((r) => r.data()))
  list.replaceChildren(
    ...data.map((d) => {
      const li = document.createElement('li')
      const h = document.createElement(heading)
      const a = document.createElement('a')
      a.href = d.url
      a.textContent = d.meta.title ?? d.url
      h.append(a)
      const p = document.createElement('p')
      p.innerHTML = d.excerpt
      li.append(h, p)
      return li
    }),
  )
}

export function setupSearch(): void {
  const root = document.getElementById('search')
  if (!root) return
  const d = root.dataset as Record<string, string>
  const locale = d.locale!
  const form = document.getElementById('search-form') as HTMLFormElement
  const input = document.getElementById('search-q') as HTMLInputElement
  const filterBox = document.getElementById('search-filters')!
  const selects = new Map<string, HTMLSelectElement>()
  const status = document.getElementById('search-status')!
  const list = document.getElementById('search-results')!
  const german = document.getElementById('search-german')!
  const germanList = document.getElementById('search-german-results')!
  const params = new URLSearchParams(location.search)
  input.value = params.get('q') ?? ''

  // One select per filter the index holds (kind, topic, municipality), values from the index.
  void bundle(locale)
    .then(async (pf) => {
      const available = await pf.filters()
      for (const name of ['kind', 'topic', 'municipality']) {
        const values = Object.keys(available[name] ?? {}).sort((a, b) => a.localeCompare(b, locale))
        if (values.length === 0) continue
        const p = document.createElement('p')
        const label = document.createElement('label')
        const select = document.createElement('select')
        select.id = `search-filter-${name}`
        select.name = name
        label.htmlFor = select.id
        label.textContent = d[`label${name[0]!.toUpperCase()}${name.slice(1)}`] ?? name
        select.append(new Option(d.any!, ''), ...values.map((v) => new Option(v, v)))
        select.value = params.get(name) ?? ''
        select.addEventListener('change', () => void search())
        p.append(label, ' ', select)
        filterBox.append(p)
        selects.set(name, select)
      }
    })
    .catch(() => undefined)
    .finally(() => {
      if (input.value) void search()
    })

  let run = 0
  const search = async () => {
    const q = input.value.trim()
    const mine = ++run
    const url = new URL(location.href)
    url.searchParams.set('q', q)
    const chosen: Record<string, string> = {}
    for (const [name, select] of selects) {
      if (select.value) {
        chosen[name] = select.value
        url.searchParams.set(name, select.value)
      } else url.searchParams.delete(name)
    }
    history.replaceState(null, '', url)
    german.hidden = true
    if (!q) {
      list.replaceChildren()
      status.textContent = ''
      return
    }
    status.textContent = d.loading!
    const filters = Object.keys(chosen).length > 0 ? chosen : undefined
    const found = await (await bundle(locale)).search(q, { filters })
    if (mine !== run || !found) return
    await render(list, found.results, 'h2')
    status.textContent = found.results.length > 0 ? d.results!.replace('{count}', String(found.results.length)) : d.none!.replace('{query}', q)
    if (found.results.length >= FEW || locale === 'de') return
    // Nothing, or only near misses, in the reader's language: German is the source every
    // text exists in, so its index is asked too.
    const fallback = await (await bundle('de')).search(q)
    if (mine !== run) return
    if (fallback && fallback.results.length > 0) {
      await render(germanList, fallback.results, 'h3')
      german.hidden = false
    }
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  input.addEventListener('input', () => {
    clearTimeout(timer)
    timer = setTimeout(() => void search(), 250)
  })
  form.addEventListener('submit', (e) => {
    e.preventDefault()
    void search()
  })
}
