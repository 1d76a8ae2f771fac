/*
 * Lotse service worker. Pages: network first (with a short timeout on slow connections), then
 * the cache; every page the reader opens is kept. Files with a content hash in their name
 * (/_astro/, Pagefind's index chunks): cache first. Pagefind fetches its entry with "?ts=…",
 * so lookups ignore the query string. "Save this language" fills the cache
 * "lotse-offline-{locale}" from the page; this worker answers from every cache.
 */
const RUNTIME = 'lotse-runtime-v1'
const SHELL = ['/', '/icon.svg']

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(RUNTIME)
      .then((c) => c.addAll(SHELL))
      .then(() => self.skipWaiting()),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('lotse-runtime-') && k !== RUNTIME).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  )
})

// Only files whose name carries a content hash (the servers cache these for a year too, see
// scripts/src/site/serving.ts). Pagefind's wasm.<lang>.pagefind and the fonts keep their names
// across versions: a cached copy would outlive an update, so they go network first.
const immutable = (url) => url.pathname.startsWith('/_astro/') || /\.pf_(index|fragment|filter|meta)$/.test(url.pathname)

async function fromCache(request) {
  return caches.match(request, { ignoreSearch: true })
}

async function networkFirst(request, timeoutMs) {
  const cache = await caches.open(RUNTIME)
  const network = fetch(request).then((response) => {
    if (response.ok) cache.put(request, response.clone())
    return response
  })
  const timeout = new Promise((resolve) => setTimeout(resolve, timeoutMs))
  try {
    const first = await Promise.race([network, timeout])
    if (first) return first
    const cached = await fromCache(request)
    return cached || (await network)
  } catch {
    const cached = await fromCache(request)
    if (cached) return cached
    if (request.mode === 'navigate') {
      const locale = new URL(request.url).pathname.split('/')[1]
      const fallback = (locale && (await fromCache(`/${locale}/`))) || (await fromCache('/'))
      if (fallback) return fallback
    }
    return new Response('Offline', { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  }
}

async function cacheFirst(request) {
  const cached = await fromCache(request)
  if (cached) return cached
  const response = await fetch(request)
  if (response.ok) (await caches.open(RUNTIME)).put(request, response.clone())
  return response
}

self.addEventListener('fetch', (event) => {
  const request = event.request
  const url = new URL(request.url)
  if (request.method !== 'GET' || url.origin !== self.location.origin) return
  if (immutable(url)) event.respondWith(cacheFirst(request))
  else event.respondWith(networkFirst(request, request.mode === 'navigate' ? 4000 : 8000))
})
