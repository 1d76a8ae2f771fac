/**
 * Saves one locale for offline use into the Cache API (`lotse-offline-{locale}`), which the
 * service worker answers from when the network is gone. The manifest lists every file with
 * the total size, shown before the reader decides.
 */
interface Manifest {
  locale: string
  generatedAt: string
  pages: number
  bytes: number
  files: string[]
}

const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''))

function size(bytes: number, locale: string): string {
  const mb = bytes / 1_048_576
  return mb >= 1 ? `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(mb)} MB` : `${new Intl.NumberFormat(locale).format(Math.ceil(bytes / 1024))} KB`
}

export function setupOfflineSave(): void {
  const box = document.getElementById('offline')
  if (!box) return
  const d = box.dataset as Record<string, string>
  if (!('caches' in window) || !('serviceWorker' in navigator)) {
    // Old browsers, or private windows that refuse storage: say so instead of a dead button.
    document.getElementById('offline-status')!.textContent = d.unsupported!
    document.getElementById('offline-save')!.hidden = true
    box.hidden = false
    return
  }
  const locale = d.locale!
  const cacheName = `lotse-offline-${locale}`
  const status = document.getElementById('offline-status')!
  const save = document.getElementById('offline-save') as HTMLButtonElement
  const remove = document.getElementById('offline-remove') as HTMLButtonElement
  const dateOf = (iso: string) => new Intl.DateTimeFormat(`${locale}-u-ca-gregory`, { dateStyle: 'long' }).format(new Date(iso))

  let manifest: Manifest | undefined
  fetch(`/${locale}/offline.json`, { cache: 'no-cache' })
    .then((r) => (r.ok ? (r.json() as Promise<Manifest>) : Promise.reject(new Error(String(r.status)))))
    .then(async (m) => {
      manifest = m
      document.getElementById('offline-size')!.textContent = fill(d.size!, { pages: m.pages, size: size(m.bytes, locale) })
      box.hidden = false
      const saved = await caches.open(cacheName).then((c) => c.match(`/${locale}/offline.json`))
      if (saved) {
        const was = (await saved.json()) as Manifest
        status.textContent = fill(d.saved!, { date: dateOf(was.generatedAt) })
        remove.hidden = false
      }
    })
    .catch(() => undefined)

  save.addEventListener('click', async () => {
    if (!manifest) return
    save.disabled = true
    try {
      const cache = await caches.open(cacheName)
      const files = [...manifest.files, `/${locale}/offline.json`]
      let done = 0
      const queue = [...files]
      const worker = async () => {
        for (let url = queue.shift(); url; url = queue.shift()) {
          const response = await fetch(url, { cache: 'no-cache' })
          if (!response.ok) throw new Error(`${url}: ${response.status}`)
          await cache.put(url, response)
          done++
          if (done % 10 === 0 || done === files.length) status.textContent = fill(d.progress!, { done, total: files.length })
        }
      }
      await Promise.all([worker(), worker(), worker(), worker()])
      status.textContent = fill(d.saved!, { date: dateOf(manifest.generatedAt) })
      remove.hidden = false
    } catch {
      status.textContent = d.failed!
    } finally {
      save.disabled = false
    }
  })

  remove.addEventListener('click', async () => {
    await caches.delete(cacheName)
    status.textContent = ''
    remove.hidden = true
  })
}
