import Papa from 'papaparse'
import { readSheet } from 'read-excel-file/node'

/** Largest file an import takes (a VHS program export is a few hundred KB). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024
/** Most rows an import takes in one run. */
export const MAX_IMPORT_ROWS = 5000

/** A table as the import reads it: the header row's column names, then the rows as text. */
export interface Table {
  format: 'csv' | 'xlsx'
  columns: string[]
  rows: string[][]
}

export class ImportFileError extends Error {}

const cellText = (v: unknown): string => {
  if (v == null) return ''
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  return String(v).trim()
}

/** CSV bytes as text: UTF-8 (with or without BOM), else Windows-1252, which Excel writes in Germany. */
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
  } catch {
    return new TextDecoder('windows-1252').decode(bytes)
  }
}

/**
 * Reads an uploaded CSV or XLSX file (judged by its bytes: XLSX is a ZIP archive) with maintained
 * parsers: PapaParse for CSV (the delimiter guessed: German Excel writes semicolons),
 * read-excel-file for the first sheet of an XLSX. Errors name what is wrong, in German.
 */
export async function parseTable(bytes: Buffer): Promise<Table> {
  if (bytes.length === 0) throw new ImportFileError('Datei: Die Datei ist leer.')
  if (bytes.length > MAX_IMPORT_BYTES) throw new ImportFileError(`Datei: höchstens ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`)
  let format: Table['format']
  let cells: string[][]
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    format = 'xlsx'
    try {
      cells = (await readSheet(bytes)).map((row) => row.map(cellText))
    } catch (error) {
      throw new ImportFileError(`Datei: keine lesbare XLSX-Tabelle (${(error as Error).message}).`)
    }
  } else {
    format = 'csv'
    const parsed = Papa.parse<string[]>(decode(bytes), { skipEmptyLines: 'greedy', delimitersToGuess: [';', ',', '\t', '|'] })
    const fatal = parsed.errors.find((e) => e.type === 'Quotes')
    if (fatal) throw new ImportFileError(`Datei: Zeile ${(fatal.row ?? 0) + 1}: ${fatal.message}`)
    cells = parsed.data.map((row) => row.map(cellText))
  }
  const [header, ...rows] = cells.filter((row) => row.some((c) => c !== ''))
  if (!header) throw new ImportFileError('Datei: Die Tabelle hat keine Kopfzeile.')
  if (rows.length > MAX_IMPORT_ROWS) throw new ImportFileError(`Datei: ${rows.length} Zeilen; höchstens ${MAX_IMPORT_ROWS} pro Import.`)
  const columns = header.map((c) => c.trim())
  const twice = columns.find((c, i) => c !== '' && columns.indexOf(c) !== i)
  if (twice) throw new ImportFileError(`Datei: Die Spalte „${twice}“ kommt zweimal vor.`)
  return { format, columns, rows }
}
