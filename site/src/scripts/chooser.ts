/**
 * The language chooser at `/`: a hint, never a redirect. The first of the browser's languages
 * the site has (other than German, which leads the list anyway) moves to the top, marked.
 */
export function suggestBrowserLanguage(): void {
  const list = document.querySelector('.chooser')
  if (!list) return
  const wanted = (navigator.languages ?? [navigator.language ?? '']).map((l) => String(l).toLowerCase().split('-')[0]!)
  for (const code of wanted) {
    const item = list.querySelector(`a[hreflang="${CSS.escape(code)}"]`)?.parentElement
    if (item && code !== 'de') {
      item.querySelector('a')!.classList.add('suggested')
      list.insertBefore(item, list.firstChild)
      return
    }
  }
}
