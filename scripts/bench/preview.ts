/**
 * Benchmark: preview (issue 11). How long an editor waits for the preview of her draft.
 *
 *   node --import tsx scripts/bench/preview.ts [offers]   (npm run bench:preview [-- offers])
 *
 * 1. A CMS on a temporary SQLite database with the demo seed; an editor saves a draft title of
 *    her offer and asks for its preview as the endpoint answers it (export with the draft in
 *    place, the warm renderer, the preview page): the first preview (the renderer starts and
 *    bundles the site) and 20 more in de, ar and ti (p50, p95, max).
 * 2. The renderer alone at county scale: a synthetic snapshot of N offers (default 1,000) × 13
 *    locales, written anew for each of 20 offer pages (p50, p95, max): reading and checking the
 *    snapshot and rendering the page; the export from the database is not part of this time.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'

import { previewEndpoint } from '@lotse/cms/preview/endpoint'
import { renderPage, stopRenderers } from '@lotse/cms/preview/renderer'

import { benchCmsEnv, onStop, percentile, seededBenchCms } from './lib'
import { syntheticSnapshot } from './synthetic'

const offers = Number(process.argv[2] ?? 1000)
if (!Number.isInteger(offers) || offers < 1 || offers > 10_000) {
  console.error(`[bench] usage: npm run bench:preview -- [offers 1…10000], got "${process.argv.slice(2).join(' ')}"`)
  process.exit(2)
}
const dataDir = benchCmsEnv('preview')

const ms = (values: number[]) => ({ p50_ms: Math.round(percentile(values, 50)), p95_ms: Math.round(percentile(values, 95)), max_ms: Math.round(Math.max(...values)) })

let payload: Payload | undefined
/** Stops what the bench started and removes its data folder: at its end, and when it is stopped by hand. */
const cleanUp = async () => {
  await stopRenderers().catch(() => undefined)
  await payload?.destroy().catch(() => undefined)
  rmSync(dataDir, { recursive: true, force: true })
}
onStop(cleanUp)
try {
  const seeded = await seededBenchCms(dataDir)
  payload = seeded.payload
  const { editor, user } = seeded
  const offer = (await payload.find({ collection: 'offers', where: { organization: { equals: editor.organization } }, limit: 1, depth: 0 })).docs[0]!
  await payload.update({ collection: 'offers', id: offer.id, draft: true, locale: 'de', data: { title: 'Entwurf für die Vorschau' } as never })
  const endpoint = previewEndpoint('offers')
  const preview = async (locale: string) => {
    const req = (await createLocalReq({ user: user as never }, payload!)) as PayloadRequest
    req.routeParams = { id: String(offer.id) }
    ;(req as { searchParams: URLSearchParams }).searchParams = new URLSearchParams({ locale })
    const t = performance.now()
    const res = await endpoint.handler(req)
    const html = await res.text()
    // The demo offers are translated: the draft's German title shows in German only.
    if (res.status !== 200 || !html.includes('data-preview-notice') || (locale === 'de' && !html.includes('Entwurf für die Vorschau')))
      throw new Error(`preview in ${locale} answered ${res.status}: ${html.slice(0, 300)}`)
    return performance.now() - t
  }
  const first = await preview('de')
  const seed: number[] = []
  for (let i = 0; i < 20; i++) seed.push(await preview(['de', 'ar', 'ti'][i % 3]!))
  console.log(`[bench] preview at seed size through the endpoint: first ${Math.round(first)} ms (renderer starts), then p50 ${ms(seed).p50_ms} ms, p95 ${ms(seed).p95_ms} ms`)

  // Each preview brings a snapshot of its own (as the endpoint's do): the renderer reads and
  // checks it against the contract every time, which is part of the time.
  const synthetic = syntheticSnapshot(offers)
  const json = JSON.stringify(synthetic)
  const county: number[] = []
  for (let i = 0; i < 20; i++) {
    const work = mkdtempSync(path.join(tmpdir(), 'lotse-bench-preview-snapshot-'))
    writeFileSync(path.join(work, 'snapshot.json'), json)
    const slug = synthetic.offers[(i * 37) % synthetic.offers.length]!.slug
    const t = performance.now()
    const page = await renderPage(work, `/${['de', 'ar', 'ti'][i % 3]}/offers/${slug}/`)
    if (page.status !== 200) throw new Error(`the renderer answered ${page.status} for ${slug}`)
    county.push(performance.now() - t)
    rmSync(work, { recursive: true, force: true })
  }
  console.log(`[bench] renderer alone at ${offers} offers × 13 locales: p50 ${ms(county).p50_ms} ms, p95 ${ms(county).p95_ms} ms`)
  console.log(JSON.stringify({ seed: { first_ms: Math.round(first), ...ms(seed) }, county: { offers, ...ms(county) } }))
} catch (error) {
  console.error(`[bench] failed: ${(error as Error).message}`)
  process.exitCode = 1
} finally {
  await cleanUp()
}
process.exit(process.exitCode ?? 0)
