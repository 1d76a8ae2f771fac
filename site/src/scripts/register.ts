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
  const update = () => {
    banner.hidden = navigator.onLine
  }
  addEventListener('online', update)
  addEventListener('offline', update)
  update()
}
