/**
 * The one script of every reading page (about 0.3 KB gzip), bundled by Astro into a file of
 * its own: the Content-Security-Policy allows scripts from files only. Registers the service
 * worker after the page has loaded, and shows the offline banner while the network is gone.
 */
export function registerServiceWorker(): void {
  if ('serviceWorker' in navigator) addEventListener('load', () => void navigator.serviceWorker.register('/sw.js'))
}

export function showOfflineBanner(): void {
  const banner = document.getElementById('offline-banner')
  if (!banner) return
  const lang = document.documentElement.lang
  const update = () => {
    banner.hidden = navigator.onLine
    if (!navigator.onLine) void fillContentDate(lang)
  }
  addEventListener('online', update)
  addEventListener('offline', update)
  update()
}

/**
 * The date of the content read offline: the export date of the saved language (its
 * `offline.json` in the cache), else the date the page itself was last changed on the server.
 */
async function fillContentDate(lang: string): Promise<void> {
  const slot = document.getElementById('offline-date')
  if (!slot) return
  let date = new Date(document.lastModified)
  try {
    const saved = await caches.match(`/${lang}/offline.json`)
    if (saved) date = new Date(((await saved.json()) as { generatedAt: string }).generatedAt)
  } catch {
    // No Cache API (private window): the page's own date.
  }
  slot.textContent = new Intl.DateTimeFormat(`${lang.split('-x-')[0]}-u-ca-gregory`, { dateStyle: 'long', timeZone: 'Europe/Berlin' }).format(date)
}
