/**
 * Instant filtering of the offer list: reads the form, shows the cards whose data attributes
 * match, and announces the count. Multi-valued attributes (topics, languages, groups) are
 * space-separated lists.
 */
export function setupOfferFilter(): void {
  const form = document.getElementById('offer-filter') as HTMLFormElement | null
  const list = document.getElementById('offer-list')
  if (!form || !list) return
  const count = document.getElementById('offer-count')!
  const none = document.getElementById('offer-none')!
  const items = [...list.children] as HTMLElement[]
  const apply = () => {
    const data = new FormData(form)
    let shown = 0
    for (const item of items) {
      const ok =
        ['topic', 'municipality', 'language', 'group'].every((name) => {
          const want = String(data.get(name) ?? '')
          return !want || (item.dataset[name] ?? '').split(' ').includes(want)
        }) &&
        (!data.get('free') || item.dataset.free === '1') &&
        (!data.get('childcare') || item.dataset.childcare === '1')
      item.hidden = !ok
      if (ok) shown++
    }
    count.textContent = (form.dataset.count ?? '{n}').replace('{n}', String(shown))
    none.hidden = shown > 0
  }
  form.hidden = false
  form.addEventListener('input', apply)
  form.addEventListener('submit', (e) => e.preventDefault())
  apply()
}
