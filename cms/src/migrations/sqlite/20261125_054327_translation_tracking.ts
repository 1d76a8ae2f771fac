import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`offers\` ADD \`translation_status\` text;`)
  await db.run(sql`ALTER TABLE \`_offers_v\` ADD \`version_translation_status\` text;`)
  await db.run(sql`ALTER TABLE \`contacts\` ADD \`translation_status\` text;`)
  await db.run(sql`ALTER TABLE \`_contacts_v\` ADD \`version_translation_status\` text;`)
  await db.run(sql`ALTER TABLE \`events\` ADD \`translation_status\` text;`)
  await db.run(sql`ALTER TABLE \`_events_v\` ADD \`version_translation_status\` text;`)
  await db.run(sql`ALTER TABLE \`pages\` ADD \`translation_status\` text;`)
  await db.run(sql`ALTER TABLE \`_pages_v\` ADD \`version_translation_status\` text;`)
  await db.run(sql`ALTER TABLE \`reports\` ADD \`translation_status\` text;`)
  await db.run(sql`ALTER TABLE \`_reports_v\` ADD \`version_translation_status\` text;`)
  await db.run(sql`ALTER TABLE \`measures\` ADD \`translation_status\` text;`)
  await db.run(sql`ALTER TABLE \`_measures_v\` ADD \`version_translation_status\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`offers\` DROP COLUMN \`translation_status\`;`)
  await db.run(sql`ALTER TABLE \`_offers_v\` DROP COLUMN \`version_translation_status\`;`)
  await db.run(sql`ALTER TABLE \`contacts\` DROP COLUMN \`translation_status\`;`)
  await db.run(sql`ALTER TABLE \`_contacts_v\` DROP COLUMN \`version_translation_status\`;`)
  await db.run(sql`ALTER TABLE \`events\` DROP COLUMN \`translation_status\`;`)
  await db.run(sql`ALTER TABLE \`_events_v\` DROP COLUMN \`version_translation_status\`;`)
  await db.run(sql`ALTER TABLE \`pages\` DROP COLUMN \`translation_status\`;`)
  await db.run(sql`ALTER TABLE \`_pages_v\` DROP COLUMN \`version_translation_status\`;`)
  await db.run(sql`ALTER TABLE \`reports\` DROP COLUMN \`translation_status\`;`)
  await db.run(sql`ALTER TABLE \`_reports_v\` DROP COLUMN \`version_translation_status\`;`)
  await db.run(sql`ALTER TABLE \`measures\` DROP COLUMN \`translation_status\`;`)
  await db.run(sql`ALTER TABLE \`_measures_v\` DROP COLUMN \`version_translation_status\`;`)
}
