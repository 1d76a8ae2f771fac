import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'
import writeExcelFile from 'write-excel-file/node'

import { parseTable } from '@lotse/cms/import/parse'
import type { ImportResult } from '@lotse/cms/import/run'

import { type Fixtures, restAs, useFixtureCms } from '../helpers/fixtures'

/**
 * Import of offers and contacts from CSV and XLSX (issue 11): dry run first, per row what would
 * be created, updated or rejected and why; apply all or nothing; the same file again changes
 * nothing; one rebuild at the end; only the organization's editors and admins.
 */
process.env.LOTSE_JOBS = 'off'
process.env.LOTSE_DEPLOY_COMMAND = 'exit 3'
process.env.LOTSE_DEPLOY_PRESTART = 'off'

let payload: Payload
let f: Fixtures
useFixtureCms((world) => ({ payload, f } = world))

const as = (email: string | null) => restAs(payload, email)

const HEADER = ['Kursnr', 'Kurs', 'Kurztext', 'Beschreibung', 'Gemeinde', 'Thema', 'Beginn', 'Ende']
const course = (nr: string, title: string, overrides: Partial<Record<(typeof HEADER)[number], string>> = {}) => {
  const row: Record<string, string> = {
    Kursnr: nr,
    Kurs: title,
    Kurztext: `${title}: Kurzbeschreibung`,
    Beschreibung: `${title} – ausführlich.`,
    Gemeinde: 'Stadt Wittmund',
    Thema: 'Sprache',
    Beginn: '01.02.2027',
    Ende: '30.06.2027',
    ...overrides,
  }
  return HEADER.map((h) => row[h] ?? '')
}
const csv = (rows: string[][], delimiter = ';') =>
  [HEADER, ...rows].map((r) => r.map((c) => (c.includes(delimiter) || c.includes('"') ? `"${c.replace(/"/g, '""')}"` : c)).join(delimiter)).join('\r\n')

let source: number | string
beforeAll(async () => {
  const created = await payload.create({
    collection: 'import-sources',
    data: {
      name: 'VHS-Programm',
      target: 'offers',
      organization: f.orgA,
      keyColumn: 'Kursnr',
      mapping: [
        { column: 'Kurs', field: 'title' },
        { column: 'Kurztext', field: 'summary' },
        { column: 'Beschreibung', field: 'body' },
        { column: 'Gemeinde', field: 'municipality' },
        { column: 'Thema', field: 'topics' },
        { column: 'Beginn', field: 'validFrom' },
        { column: 'Ende', field: 'validUntil' },
      ],
    } as never,
  })
  source = created.id
})

async function send(who: string | null, mode: 'dry-run' | 'apply', file: Buffer | string, name = 'kurse.csv', publish = true) {
  const form = new FormData()
  form.append('file', new Blob([typeof file === 'string' ? file : new Uint8Array(file)]), name)
  form.append('_payload', JSON.stringify({ publish }))
  const client = await as(who)
  const res = await client.request('POST', `/import-sources/${source}/${mode}`, { body: form })
  return { status: res.status, body: (await res.json()) as ImportResult & { errors?: { message: string }[]; result?: ImportResult } }
}
const imported = async () => (await payload.find({ collection: 'offers', where: { importSource: { equals: source } }, draft: true, depth: 0, pagination: false, sort: 'importKey' })).docs
const queuedBuilds = async () => (await payload.count({ collection: 'deploys', where: { status: { equals: 'queued' } } })).totalDocs

describe('reading tables', () => {
  it('reads a German Excel CSV: semicolons, a BOM and Windows-1252 umlauts', async () => {
    const table = await parseTable(Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('Nr;Kurs\r\n1;Sprachcafé\r\n')]))
    expect(table).toEqual({ format: 'csv', columns: ['Nr', 'Kurs'], rows: [['1', 'Sprachcafé']] })
    const latin1 = await parseTable(Buffer.from('Nr;Kurs\n2;N\xe4hcaf\xe9\n', 'latin1'))
    expect(latin1.rows).toEqual([['2', 'Nähcafé']])
  })

  it('reads a comma-separated CSV with quoted commas and line breaks', async () => {
    const table = await parseTable(Buffer.from('Nr,Kurs\n1,"Deutsch, Alltag\nund Beruf"\n'))
    expect(table.rows).toEqual([['1', 'Deutsch, Alltag\nund Beruf']])
  })

  it('reads the first sheet of an XLSX file, dates as days', async () => {
    const bytes = await writeExcelFile([
      [{ value: 'Nr' }, { value: 'Kurs' }, { value: 'Beginn' }],
      [{ value: 7 }, { value: 'Integrationskurs' }, { value: new Date(Date.UTC(2027, 1, 1)), format: 'dd.mm.yyyy' }],
    ] as never).toBuffer()
    expect(await parseTable(bytes)).toEqual({ format: 'xlsx', columns: ['Nr', 'Kurs', 'Beginn'], rows: [['7', 'Integrationskurs', '2027-02-01']] })
  })

  it('refuses a file with more than 5,000 rows, naming the limit', async () => {
    await expect(parseTable(Buffer.from(`Nr\n${Array.from({ length: 5001 }, (_, i) => i).join('\n')}`))).rejects.toThrow('höchstens 5000 pro Import')
  })
})

describe('the dry run', () => {
  it('says per row what would be created and what is rejected, naming row, column and field in German, and writes nothing', async () => {
    const offersBefore = (await payload.count({ collection: 'offers' })).totalDocs
    const file = csv([
      course('K-1', 'Deutsch im Alltag'),
      course('K-2', 'Deutsch für den Beruf', { Gemeinde: 'Atlantis' }),
      course('K-3', 'Schwimmkurs für Frauen', { Ende: '31.02.2027' }),
      course('K-4', '', {}),
      course('K-1', 'Noch einmal K-1'),
    ])
    const { status, body } = await send(f.users.editorA.email, 'dry-run', file)
    expect(status).toBe(200)
    expect(body.counts).toEqual({ create: 1, update: 0, unchanged: 0, rejected: 4 })
    const row = (line: number) => body.rows.find((r) => r.line === line)!
    expect(row(2)).toMatchObject({ action: 'create', key: 'K-1', errors: [] })
    expect(row(3).errors).toEqual(['Spalte „Gemeinde“ (Gemeinde): die Gemeinde „Atlantis“ gibt es nicht'])
    expect(row(4).errors).toEqual(['Spalte „Ende“ (Gültig bis): „31.02.2027“ ist kein Datum wie 31.12.2026'])
    expect(row(5).errors.join(' ')).toMatch(/^Titel: /)
    expect(row(6).errors).toEqual(['Spalte „Kursnr“: Der Schlüssel „K-1“ steht schon in Zeile 2.'])
    expect((await payload.count({ collection: 'offers' })).totalDocs).toBe(offersBefore)
  })

  it('warns about an entry with a very similar title in the same organization and municipality, with a link', async () => {
    const { body } = await send(f.users.editorA.email, 'dry-run', csv([course('K-9', 'Sprachcafe Wittmund')]))
    expect(body.rows[0]!.similar).toEqual([{ id: String(f.offerA), title: 'Sprach-Café Wittmund', editUrl: `/admin/collections/offers/${f.offerA}` }])
  })
})

describe('applying an import', () => {
  const good = () => csv([course('K-1', 'Deutsch im Alltag'), course('K-2', 'Deutsch für den Beruf'), course('K-3', 'Orientierungskurs')])

  it('refuses the whole file while a row is rejected, and writes nothing', async () => {
    const { status, body } = await send(f.users.editorA.email, 'apply', csv([course('K-1', 'Deutsch im Alltag'), course('K-2', 'Deutsch für den Beruf', { Gemeinde: 'Atlantis' })]))
    expect(status).toBe(400)
    expect(body.errors![0]!.message).toContain('1 Zeilen abgelehnt')
    expect(await imported()).toEqual([])
  })

  it('creates every row published in the source’s organization and queues one rebuild, not one per row', async () => {
    const builds = await queuedBuilds()
    const { status, body } = await send(f.users.editorA.email, 'apply', good())
    expect(status, JSON.stringify(body)).toBe(200)
    expect(body.counts).toEqual({ create: 3, update: 0, unchanged: 0, rejected: 0 })
    const docs = (await imported()) as unknown as Record<string, unknown>[]
    expect(docs.map((d) => [d.importKey, d.title, d.organization, d._status])).toEqual([
      ['K-1', 'Deutsch im Alltag', f.orgA, 'published'],
      ['K-2', 'Deutsch für den Beruf', f.orgA, 'published'],
      ['K-3', 'Orientierungskurs', f.orgA, 'published'],
    ])
    expect(await queuedBuilds()).toBe(builds + 1)
  })

  it('changes nothing when the same file comes again', async () => {
    const before = JSON.stringify(await imported())
    const builds = await queuedBuilds()
    const { body } = await send(f.users.editorA.email, 'apply', good())
    expect(body.counts).toEqual({ create: 0, update: 0, unchanged: 3, rejected: 0 })
    expect(JSON.stringify(await imported())).toBe(before)
    expect(await queuedBuilds()).toBe(builds)
  })

  it('updates the row whose cells changed, found by its key, from an XLSX file', async () => {
    const bytes = await writeExcelFile([
      HEADER.map((value) => ({ value })),
      ...[course('K-1', 'Deutsch im Alltag'), course('K-2', 'Deutsch für den Beruf B2'), course('K-3', 'Orientierungskurs')].map((r) => r.map((value) => ({ value }))),
    ] as never).toBuffer()
    const { body } = await send(f.users.editorA.email, 'apply', bytes, 'kurse.xlsx')
    expect(body.counts).toEqual({ create: 0, update: 1, unchanged: 2, rejected: 0 })
    expect((await imported()).map((d) => (d as unknown as { title: string }).title)).toEqual(['Deutsch im Alltag', 'Deutsch für den Beruf B2', 'Orientierungskurs'])
  })

  it('imports as drafts when not publishing, leaving the site alone', async () => {
    const builds = await queuedBuilds()
    const { body } = await send(f.users.editorA.email, 'apply', csv([course('K-20', 'Kochen international')]), 'kurse.csv', false)
    expect(body.counts.create).toBe(1)
    const doc = (await imported()).find((d) => (d as unknown as { importKey: string }).importKey === 'K-20') as unknown as { _status: string }
    expect(doc._status).toBe('draft')
    expect(await queuedBuilds()).toBe(builds)
  })

  it.each([
    ['an editor of another organization', 'editorB', 403],
    ['the press office', 'press', 403],
    ['a translator', 'translator', 404],
    ['an anonymous reader', null, 401],
  ] as const)('is refused to %s, writing nothing', async (_, who, expected) => {
    const count = (await imported()).length
    const { status } = await send(who ? f.users[who].email : null, 'apply', csv([course('K-30', 'Fremder Kurs')]))
    expect(status).toBe(expected)
    expect((await imported()).length).toBe(count)
  })

  it('answers a file without the mapped columns with a 400 naming the column', async () => {
    const { status, body } = await send(f.users.editorA.email, 'dry-run', 'Nummer;Titel\n1;x\n')
    expect(status).toBe(400)
    expect(body.errors![0]!.message).toMatch(/^Datei: Die Spalte „Kursnr“ fehlt/)
  })

  it('does not let a REST write set where an entry was imported from', async () => {
    const editor = await as(f.users.editorA.email)
    const { body } = await editor.json<{ doc: Record<string, unknown> }>('PATCH', `/offers/${f.offerA}`, { body: { importSource: source, importKey: 'K-1', importHash: 'x' } })
    expect(body.doc.importKey ?? null).toBeNull()
    expect(body.doc.importSource ?? null).toBeNull()
  })
})
