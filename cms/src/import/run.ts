import { createHash } from 'node:crypto'
import type { CollectionSlug, PayloadRequest } from 'payload'
import { createLocalReq, initTransaction, killTransaction, commitTransaction } from 'payload'

import { checkRole, organizationId } from '../access/roles'
import { SIMILARITY, similarCandidates, type SimilarCandidate, titleSimilarity } from '../duplicates/similar'
import { IMPORT_CONTEXT } from '../fields/imported'
import { NO_REBUILD_CONTEXT, queueRebuild } from '../publish/trigger'
import { CellError, IMPORT_FIELDS, type ImportField, type ImportTarget, type Lookups } from './fields'
import { parseTable } from './parse'

export interface RowResult {
  /** The row's line in the file (the header is line 1). */
  line: number
  key: string
  title: string
  action: 'create' | 'update' | 'unchanged' | 'rejected'
  /** The existing entry an update or unchanged row is. */
  id?: string
  /** Why a row is rejected, each naming the column or field, in German. */
  errors: string[]
  /** Entries of the same organization and municipality with a very similar title (a create only). */
  similar: { id: string; title: string; editUrl: string }[]
}

export interface ImportResult {
  source: { id: string; name: string; target: ImportTarget }
  format: 'csv' | 'xlsx'
  mode: 'dry-run' | 'apply'
  publish: boolean
  counts: Record<RowResult['action'], number>
  rows: RowResult[]
  /** Apply only: whether the rows were written (all or nothing). */
  applied: boolean
}

/** A refusal of the whole import: HTTP status and the reason in German, naming what is wrong. */
export class ImportError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

interface Source {
  id: number | string
  name: string
  target: ImportTarget
  organization: number | string | { id: number | string }
  keyColumn: string
  mapping: { column: string; field: string }[]
}

/**
 * Lets the rest of the CMS run between rows: libsql answers synchronously, so a loop of writes
 * is one chain of microtasks that would keep every other request (and timer) waiting until the
 * whole import is done.
 */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve))

const idOf = (v: unknown) => (v != null && typeof v === 'object' ? (v as { id: number | string }).id : (v as number | string))

function setPath(data: Record<string, unknown>, path: string, value: unknown) {
  const parts = path.split('.')
  let node = data
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>
  node[parts[parts.length - 1]!] = value
}

/** Stable JSON (sorted keys), so the same row always gives the same fingerprint. */
const stable = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(stable).join(',')}]`
    : v && typeof v === 'object'
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(v)

/** A Payload validation error's messages (they name the field), or the error's own message. */
function messagesOf(error: unknown): string[] {
  const data = (error as { data?: { errors?: { message?: string; path?: string }[] } }).data
  const list = data?.errors?.map((e) => e.message ?? e.path ?? '').filter(Boolean)
  return list && list.length > 0 ? list : [(error as Error).message]
}

async function lookups(req: PayloadRequest): Promise<Lookups> {
  const byName = async (collection: 'municipalities' | 'topics') => {
    const { docs } = await req.payload.find({ collection, pagination: false, depth: 0, locale: 'de', overrideAccess: true, req })
    const map = new Map<string, number | string>()
    for (const d of docs as unknown as { id: number | string; name?: string; slug?: string }[]) {
      if (d.name) map.set(d.name.toLowerCase(), d.id)
      if (d.slug) map.set(d.slug.toLowerCase(), d.id)
    }
    return map
  }
  return { municipalities: await byName('municipalities'), topics: await byName('topics') }
}

/**
 * An import of offers or contacts from a CSV or XLSX file through a saved source (issue 11).
 * Every row is checked first, exactly as a save would check it: its cells converted (unknown
 * municipality, no date …), then written inside a transaction of its own that is always rolled
 * back, so the collection's own validation, access rules and hooks judge it. A dry run stops
 * there. An apply with no rejected row then writes every created or changed row in one
 * transaction (all or nothing), as the importer (the importer's rights decide, the entries
 * belong to the source's organization), published or as drafts, and queues one site rebuild at
 * the end instead of one per row. Rows are found again by the source's key column: importing the
 * same file again changes nothing.
 */
export async function runImport(req: PayloadRequest, sourceId: string, bytes: Buffer, options: { mode: 'dry-run' | 'apply'; publish: boolean }): Promise<ImportResult> {
  if (!req.user) throw new ImportError(401, 'Bitte anmelden.')
  const source = (await req.payload
    .findByID({ collection: 'import-sources' as CollectionSlug, id: (/^\d+$/.test(sourceId) ? Number(sourceId) : sourceId) as number, depth: 0, overrideAccess: false, user: req.user, req })
    .catch(() => null)) as unknown as Source | null
  if (!source) throw new ImportError(404, 'Importquelle nicht gefunden.')
  const target = source.target
  const organization = idOf(source.organization)
  // Editors import into their own organization's sources only; the press office keeps no
  // offers or contacts (the role model), so it may not import them.
  const mayImport = checkRole(req.user, ['admin']) || (checkRole(req.user, ['editor']) && String(organizationId(req.user)) === String(organization))
  if (!mayImport) throw new ImportError(403, 'Sie dürfen in diese Importquelle nicht importieren (nur die Redaktion der Organisation und Admins).')

  let table
  try {
    table = await parseTable(bytes)
  } catch (error) {
    throw new ImportError(400, (error as Error).message)
  }
  const fields = IMPORT_FIELDS[target] as Record<string, ImportField>
  for (const column of [source.keyColumn, ...source.mapping.map((m) => m.column)]) {
    if (!table.columns.includes(column)) throw new ImportError(400, `Datei: Die Spalte „${column}“ fehlt (die Datei hat: ${table.columns.filter(Boolean).join(', ')}).`)
  }
  const wrongField = source.mapping.find((m) => !(m.field in fields))
  if (wrongField) throw new ImportError(400, `Importquelle: Das Feld „${wrongField.field}“ gibt es für ${target} nicht.`)
  const titleField = target === 'offers' ? 'title' : 'name'
  const keyIndex = table.columns.indexOf(source.keyColumn)
  const maps = await lookups(req)
  const { docs: existingDocs } = await req.payload.find({
    collection: target,
    where: { importSource: { equals: source.id } },
    draft: true,
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
    select: { importKey: true, importHash: true } as never,
  })
  const existing = new Map((existingDocs as unknown as { id: number | string; importKey?: string; importHash?: string }[]).map((d) => [String(d.importKey), d]))

  const rows: RowResult[] = []
  const planned: { row: RowResult; data: Record<string, unknown> }[] = []
  const seen = new Map<string, number>()
  const status = options.publish ? 'published' : 'draft'
  for (const [i, cells] of table.rows.entries()) {
    const line = i + 2
    const key = (cells[keyIndex] ?? '').trim()
    const data: Record<string, unknown> = {}
    const errors: string[] = []
    for (const m of source.mapping) {
      const cell = (cells[table.columns.indexOf(m.column)] ?? '').trim()
      if (cell === '') continue
      try {
        setPath(data, fields[m.field]!.path, fields[m.field]!.convert(cell, maps))
      } catch (error) {
        if (!(error instanceof CellError)) throw error
        errors.push(`Spalte „${m.column}“ (${fields[m.field]!.label}): ${error.message}`)
      }
    }
    const row: RowResult = { line, key, title: String(data[titleField] ?? ''), action: 'rejected', errors, similar: [] }
    rows.push(row)
    if (key === '') errors.unshift(`Spalte „${source.keyColumn}“: Der Schlüssel ist leer.`)
    else if (seen.has(key)) errors.unshift(`Spalte „${source.keyColumn}“: Der Schlüssel „${key}“ steht schon in Zeile ${seen.get(key)}.`)
    else seen.set(key, line)
    if (errors.length > 0) continue
    const hash = createHash('sha256').update(stable({ data, status })).digest('hex').slice(0, 32)
    const before = existing.get(key)
    if (before && before.importHash === hash) {
      Object.assign(row, { action: 'unchanged', id: String(before.id) })
      continue
    }
    row.action = before ? 'update' : 'create'
    if (before) row.id = String(before.id)
    planned.push({ row, data: { ...data, organization, importSource: source.id, importKey: key, importHash: hash } })
  }

  // `check`: written as a publish, whatever the import will do, since Payload skips validation
  // on draft saves and an imported draft must still be a complete entry.
  const write = (r: PayloadRequest, p: (typeof planned)[number], check = false) => {
    const publish = check || options.publish
    const common = {
      collection: target,
      data: { ...p.data, _status: publish ? 'published' : 'draft' } as never,
      draft: !publish,
      locale: 'de',
      depth: 0,
      overrideAccess: false,
      user: req.user,
      req: r,
      context: { [NO_REBUILD_CONTEXT]: true, [IMPORT_CONTEXT]: true },
    } as const
    return p.row.action === 'update' ? r.payload.update({ ...common, id: p.row.id as never }) : r.payload.create(common)
  }

  // Dry run: each row checked by a write that is rolled back, so the collection's own rules
  // judge it and every row's reasons are listed. An apply writes at once, in one transaction that
  // the first refused row rolls back (naming it): the dry run has shown the rows before.
  // The organization's entries, read once for all rows' duplicate check (not once per row).
  let candidates: SimilarCandidate[] | undefined
  for (const p of options.mode === 'dry-run' ? planned : []) {
    await yieldToOthers()
    const r = await createLocalReq({ user: req.user, context: { [NO_REBUILD_CONTEXT]: true, [IMPORT_CONTEXT]: true } }, req.payload)
    await initTransaction(r)
    try {
      await write(r, p, true)
    } catch (error) {
      p.row.errors.push(...messagesOf(error))
    } finally {
      await killTransaction(r)
    }
    if (p.row.errors.length > 0) {
      p.row.action = 'rejected'
      continue
    }
    if (p.row.action === 'create' && p.row.title) {
      const municipality = p.data.municipality == null ? null : String(p.data.municipality)
      p.row.similar = (candidates ??= await similarCandidates(req, target, organization))
        .filter((c) => (municipality === null || c.municipality === municipality) && titleSimilarity(p.row.title, c.title) >= SIMILARITY)
        .map(({ id, title, editUrl }) => ({ id, title, editUrl }))
    }
  }

  const counts = { create: 0, update: 0, unchanged: 0, rejected: 0 }
  for (const row of rows) counts[row.action] += 1
  const result: ImportResult = { source: { id: String(source.id), name: source.name, target }, format: table.format, mode: options.mode, publish: options.publish, counts, rows, applied: false }
  if (options.mode === 'dry-run') return result
  if (counts.rejected > 0) throw Object.assign(new ImportError(400, `Import nicht ausgeführt: ${counts.rejected} Zeilen abgelehnt (siehe Probelauf). Es wurde nichts geändert.`), { result })
  const toWrite = planned.filter((p) => p.row.action !== 'rejected')
  if (toWrite.length === 0) return { ...result, applied: true }

  // All or nothing: one transaction; one rebuild at the end, queued inside it.
  const r = await createLocalReq({ user: req.user, context: { [NO_REBUILD_CONTEXT]: true, [IMPORT_CONTEXT]: true } }, req.payload)
  await initTransaction(r)
  try {
    for (const p of toWrite) {
      await yieldToOthers()
      try {
        const doc = (await write(r, p)) as { id: number | string }
        p.row.id = String(doc.id)
      } catch (error) {
        throw new Error(`Zeile ${p.row.line} (${p.row.key}): ${messagesOf(error).join('; ')}`, { cause: error })
      }
    }
    if (options.publish) await queueRebuild(r, { collection: target, id: '-', title: `Import „${source.name}“: ${toWrite.length} Einträge`, action: 'update' })
    await commitTransaction(r)
  } catch (error) {
    await killTransaction(r)
    throw new ImportError(400, `Import abgebrochen, es wurde nichts geändert. ${(error as Error).message}`)
  }
  return { ...result, applied: true }
}
