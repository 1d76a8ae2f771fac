/**
 * Benchmark: import (issue 11). A CMS on a temporary SQLite database with the demo seed; an
 * editor imports N offers (default 2,000) through a saved source, once from CSV and once from
 * XLSX (each into its own source): dry run, apply, and the same file again (nothing changes).
 * While an apply runs, the editor's colleague saves a contact every 100 ms: the latency of those
 * saves shows how long the import's transaction keeps others waiting.
 *
 *   node --import tsx scripts/bench/import.ts [rows]   (npm run bench:import [-- rows])
 *
 * Target: a 2,000-row file imports (dry run + apply) in under a minute. Calls the import as its
 * endpoints do (`runImport`), without HTTP.
 */
import { rmSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { createLocalReq, type Payload } from 'payload'
import writeExcelFile from 'write-excel-file/node'

import { runImport } from '@lotse/cms/import/run'

import { benchCmsEnv, onStop, percentile, seededBenchCms } from './lib'

const rows = Number(process.argv[2] ?? 2000)
if (!Number.isInteger(rows) || rows < 1 || rows > 5000) {
  console.error(`[bench] usage: npm run bench:import -- [rows 1…5000], got "${process.argv.slice(2).join(' ')}"`)
  process.exit(2)
}
const dataDir = benchCmsEnv('import')

const s = (ms: number) => (ms / 1000).toFixed(1)
const HEADER = ['Kursnr', 'Kurs', 'Kurztext', 'Beschreibung', 'Gemeinde', 'Thema', 'Beginn', 'Ende']
const MUNICIPALITIES = ['Stadt Wittmund', 'Stadt Esens', 'Samtgemeinde Holtriem', 'Gemeinde Friedeburg', 'Samtgemeinde Esens', 'Gemeinde Langeoog']
const table = (n: number) =>
  [
    HEADER,
    ...Array.from({ length: n }, (_, i) => [
      `VHS-${27000 + i}`,
      `Kurs ${i + 1}: Deutsch im Alltag, Gruppe ${String.fromCharCode(65 + (i % 26))}`,
      `Deutschkurs für den Alltag, Gruppe ${i + 1}`,
      `Wir üben Einkaufen, Arzttermine und Behördengänge.\nMit Kinderbetreuung nach Absprache.`,
      MUNICIPALITIES[i % MUNICIPALITIES.length]!,
      'Sprache',
      '01.02.2027',
      '30.06.2027',
    ]),
  ] as string[][]

let payload: Payload | undefined
/** Stops what the bench started and removes its data folder: at its end, and when it is stopped by hand. */
const cleanUp = async () => {
  await payload?.destroy().catch(() => undefined)
  rmSync(dataDir, { recursive: true, force: true })
}
onStop(cleanUp)
try {
  const seeded = await seededBenchCms(dataDir)
  payload = seeded.payload
  const { editor, user } = seeded
  const municipalities = (await payload.find({ collection: 'municipalities', pagination: false, depth: 0 })).docs as unknown as { name: string }[]
  const known = new Set(municipalities.map((m) => m.name))
  const rowsOf = table(rows).map((r, i) => (i > 0 && !known.has(r[4]!) ? [...r.slice(0, 4), municipalities[i % municipalities.length]!.name, ...r.slice(5)] : r))
  const colleague = (await payload.find({ collection: 'contacts', where: { organization: { equals: editor.organization } }, limit: 1, depth: 0 })).docs[0]!
  const mapping = [
    { column: 'Kurs', field: 'title' },
    { column: 'Kurztext', field: 'summary' },
    { column: 'Beschreibung', field: 'body' },
    { column: 'Gemeinde', field: 'municipality' },
    { column: 'Thema', field: 'topics' },
    { column: 'Beginn', field: 'validFrom' },
    { column: 'Ende', field: 'validUntil' },
  ]
  const csv = Buffer.from(rowsOf.map((r) => r.join(';')).join('\r\n'))
  const xlsx = await writeExcelFile(rowsOf.map((r) => r.map((value) => ({ value }))) as never).toBuffer()
  const save = async () => {
    const t = performance.now()
    await payload!.update({ collection: 'contacts', id: colleague.id, data: { responsibility: `Beratung ${t}` } as never, overrideAccess: false, user: user as never, locale: 'de' })
    return performance.now() - t
  }
  const idle: number[] = []
  for (let i = 0; i < 20; i++) idle.push(await save())

  const results: Record<string, unknown>[] = []
  for (const [format, bytes] of [
    ['csv', csv],
    ['xlsx', xlsx],
  ] as const) {
    const source = await payload.create({ collection: 'import-sources', data: { name: `Bench ${format}`, target: 'offers', organization: editor.organization, keyColumn: 'Kursnr', mapping } as never })
    const req = await createLocalReq({ user: user as never }, payload)
    let t = performance.now()
    const dry = await runImport(req, String(source.id), bytes, { mode: 'dry-run', publish: true })
    const dryMs = performance.now() - t
    if (dry.counts.rejected > 0) throw new Error(`dry run rejected ${dry.counts.rejected} rows, e.g. ${JSON.stringify(dry.rows.find((r) => r.action === 'rejected'))}`)
    // The colleague saves every 100 ms while the apply runs.
    // Every 100 ms a save starts, whether the one before has ended or not (as several
    // colleagues would): each one's time includes waiting for the import's transaction.
    const during: number[] = []
    const pending: Promise<void>[] = []
    let running = true
    const colleagueLoop = (async () => {
      while (running) {
        pending.push(save().then((ms) => void during.push(ms)))
        await new Promise((r) => setTimeout(r, 100))
      }
      await Promise.all(pending)
    })()
    t = performance.now()
    const applied = await runImport(req, String(source.id), bytes, { mode: 'apply', publish: true })
    const applyMs = performance.now() - t
    running = false
    await colleagueLoop
    t = performance.now()
    const again = await runImport(req, String(source.id), bytes, { mode: 'apply', publish: true })
    const againMs = performance.now() - t
    results.push({
      format,
      rows,
      dry_s: Number(s(dryMs)),
      apply_s: Number(s(applyMs)),
      total_s: Number(s(dryMs + applyMs)),
      created: applied.counts.create,
      reimport_s: Number(s(againMs)),
      reimport_changes: again.counts.create + again.counts.update,
      colleague_saves: during.length,
      colleague_p50_ms: Math.round(percentile(during, 50)),
      colleague_p95_ms: Math.round(percentile(during, 95)),
      colleague_max_ms: Math.round(Math.max(...during)),
    })
    console.log(`[bench] ${format}: ${rows} rows, dry run ${s(dryMs)} s, apply ${s(applyMs)} s, again ${s(againMs)} s (${again.counts.unchanged} unchanged)`)
  }
  console.log(`[bench] a colleague's save, idle: p50 ${Math.round(percentile(idle, 50))} ms, p95 ${Math.round(percentile(idle, 95))} ms`)
  console.log(JSON.stringify(results))
} catch (error) {
  console.error(`[bench] failed: ${(error as Error).message}`)
  process.exitCode = 1
} finally {
  await cleanUp()
}
process.exit(process.exitCode ?? 0)
