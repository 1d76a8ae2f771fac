import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-sqlite'

/**
 * Indexes every `*_locales` table by `_parent_id`. Payload creates only a unique index on
 * (`_locale`, `_parent_id`), which SQLite cannot use to find a document's texts by parent alone,
 * so reading a document scanned all texts of its collection: the export of 1,000 offers in 13
 * locales took 11.4 s, with these indexes 0.8 s. Applies to the tables that exist now; the test
 * "every locales table is indexed by parent" catches tables added by later migrations.
 */
async function localesTables(db: MigrateUpArgs['db']): Promise<string[]> {
  const rows = await db.all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB '*_locales'`)
  return rows.map((r) => r.name)
}

export async function up({ db }: MigrateUpArgs): Promise<void> {
  for (const name of await localesTables(db)) {
    await db.run(sql.raw(`CREATE INDEX IF NOT EXISTS "${name}_parent_id_idx" ON "${name}" ("_parent_id")`))
  }
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  for (const name of await localesTables(db)) {
    await db.run(sql.raw(`DROP INDEX IF EXISTS "${name}_parent_id_idx"`))
  }
}
