import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`import_sources_mapping\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`column\` text NOT NULL,
  	\`field\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`import_sources\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`import_sources_mapping_order_idx\` ON \`import_sources_mapping\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`import_sources_mapping_parent_id_idx\` ON \`import_sources_mapping\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`import_sources\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`target\` text NOT NULL,
  	\`organization_id\` integer NOT NULL,
  	\`key_column\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`organization_id\`) REFERENCES \`organizations\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`import_sources_organization_idx\` ON \`import_sources\` (\`organization_id\`);`)
  await db.run(sql`CREATE INDEX \`import_sources_updated_at_idx\` ON \`import_sources\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`import_sources_created_at_idx\` ON \`import_sources\` (\`created_at\`);`)
  await db.run(sql`ALTER TABLE \`offers\` ADD \`import_source_id\` integer REFERENCES import_sources(id);`)
  await db.run(sql`ALTER TABLE \`offers\` ADD \`import_key\` text;`)
  await db.run(sql`ALTER TABLE \`offers\` ADD \`import_hash\` text;`)
  await db.run(sql`CREATE INDEX \`offers_import_source_idx\` ON \`offers\` (\`import_source_id\`);`)
  await db.run(sql`CREATE INDEX \`offers_import_key_idx\` ON \`offers\` (\`import_key\`);`)
  await db.run(sql`ALTER TABLE \`_offers_v\` ADD \`version_import_source_id\` integer REFERENCES import_sources(id);`)
  await db.run(sql`ALTER TABLE \`_offers_v\` ADD \`version_import_key\` text;`)
  await db.run(sql`ALTER TABLE \`_offers_v\` ADD \`version_import_hash\` text;`)
  await db.run(sql`CREATE INDEX \`_offers_v_version_version_import_source_idx\` ON \`_offers_v\` (\`version_import_source_id\`);`)
  await db.run(sql`CREATE INDEX \`_offers_v_version_version_import_key_idx\` ON \`_offers_v\` (\`version_import_key\`);`)
  await db.run(sql`ALTER TABLE \`contacts\` ADD \`import_source_id\` integer REFERENCES import_sources(id);`)
  await db.run(sql`ALTER TABLE \`contacts\` ADD \`import_key\` text;`)
  await db.run(sql`ALTER TABLE \`contacts\` ADD \`import_hash\` text;`)
  await db.run(sql`CREATE INDEX \`contacts_import_source_idx\` ON \`contacts\` (\`import_source_id\`);`)
  await db.run(sql`CREATE INDEX \`contacts_import_key_idx\` ON \`contacts\` (\`import_key\`);`)
  await db.run(sql`ALTER TABLE \`_contacts_v\` ADD \`version_import_source_id\` integer REFERENCES import_sources(id);`)
  await db.run(sql`ALTER TABLE \`_contacts_v\` ADD \`version_import_key\` text;`)
  await db.run(sql`ALTER TABLE \`_contacts_v\` ADD \`version_import_hash\` text;`)
  await db.run(sql`CREATE INDEX \`_contacts_v_version_version_import_source_idx\` ON \`_contacts_v\` (\`version_import_source_id\`);`)
  await db.run(sql`CREATE INDEX \`_contacts_v_version_version_import_key_idx\` ON \`_contacts_v\` (\`version_import_key\`);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`import_sources_id\` integer REFERENCES import_sources(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_import_sources_id_idx\` ON \`payload_locked_documents_rels\` (\`import_sources_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`import_sources_mapping\`;`)
  await db.run(sql`DROP TABLE \`import_sources\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_offers\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`municipality_id\` integer,
  	\`address_street\` text,
  	\`address_postal_code\` text,
  	\`address_city\` text,
  	\`location_lat\` numeric,
  	\`location_lng\` numeric,
  	\`valid_from\` text,
  	\`valid_until\` text,
  	\`cost_free\` integer DEFAULT true,
  	\`childcare\` integer DEFAULT false,
  	\`barrier_free\` integer DEFAULT false,
  	\`registration_required\` integer DEFAULT false,
  	\`registration_url\` text,
  	\`slug\` text,
  	\`organization_id\` integer,
  	\`reviewed_at\` text,
  	\`demo\` integer DEFAULT false,
  	\`translation_status\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`municipality_id\`) REFERENCES \`municipalities\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`organization_id\`) REFERENCES \`organizations\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_offers\`("id", "municipality_id", "address_street", "address_postal_code", "address_city", "location_lat", "location_lng", "valid_from", "valid_until", "cost_free", "childcare", "barrier_free", "registration_required", "registration_url", "slug", "organization_id", "reviewed_at", "demo", "translation_status", "updated_at", "created_at", "_status") SELECT "id", "municipality_id", "address_street", "address_postal_code", "address_city", "location_lat", "location_lng", "valid_from", "valid_until", "cost_free", "childcare", "barrier_free", "registration_required", "registration_url", "slug", "organization_id", "reviewed_at", "demo", "translation_status", "updated_at", "created_at", "_status" FROM \`offers\`;`)
  await db.run(sql`DROP TABLE \`offers\`;`)
  await db.run(sql`ALTER TABLE \`__new_offers\` RENAME TO \`offers\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`offers_municipality_idx\` ON \`offers\` (\`municipality_id\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`offers_slug_idx\` ON \`offers\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`offers_organization_idx\` ON \`offers\` (\`organization_id\`);`)
  await db.run(sql`CREATE INDEX \`offers_updated_at_idx\` ON \`offers\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`offers_created_at_idx\` ON \`offers\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`offers__status_idx\` ON \`offers\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`__new__offers_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_municipality_id\` integer,
  	\`version_address_street\` text,
  	\`version_address_postal_code\` text,
  	\`version_address_city\` text,
  	\`version_location_lat\` numeric,
  	\`version_location_lng\` numeric,
  	\`version_valid_from\` text,
  	\`version_valid_until\` text,
  	\`version_cost_free\` integer DEFAULT true,
  	\`version_childcare\` integer DEFAULT false,
  	\`version_barrier_free\` integer DEFAULT false,
  	\`version_registration_required\` integer DEFAULT false,
  	\`version_registration_url\` text,
  	\`version_slug\` text,
  	\`version_organization_id\` integer,
  	\`version_reviewed_at\` text,
  	\`version_demo\` integer DEFAULT false,
  	\`version_translation_status\` text,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`snapshot\` integer,
  	\`published_locale\` text,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`offers\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_municipality_id\`) REFERENCES \`municipalities\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_organization_id\`) REFERENCES \`organizations\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new__offers_v\`("id", "parent_id", "version_municipality_id", "version_address_street", "version_address_postal_code", "version_address_city", "version_location_lat", "version_location_lng", "version_valid_from", "version_valid_until", "version_cost_free", "version_childcare", "version_barrier_free", "version_registration_required", "version_registration_url", "version_slug", "version_organization_id", "version_reviewed_at", "version_demo", "version_translation_status", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "snapshot", "published_locale", "latest") SELECT "id", "parent_id", "version_municipality_id", "version_address_street", "version_address_postal_code", "version_address_city", "version_location_lat", "version_location_lng", "version_valid_from", "version_valid_until", "version_cost_free", "version_childcare", "version_barrier_free", "version_registration_required", "version_registration_url", "version_slug", "version_organization_id", "version_reviewed_at", "version_demo", "version_translation_status", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "snapshot", "published_locale", "latest" FROM \`_offers_v\`;`)
  await db.run(sql`DROP TABLE \`_offers_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__offers_v\` RENAME TO \`_offers_v\`;`)
  await db.run(sql`CREATE INDEX \`_offers_v_parent_idx\` ON \`_offers_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_offers_v_version_version_municipality_idx\` ON \`_offers_v\` (\`version_municipality_id\`);`)
  await db.run(sql`CREATE INDEX \`_offers_v_version_version_slug_idx\` ON \`_offers_v\` (\`version_slug\`);`)
  await db.run(sql`CREATE INDEX \`_offers_v_version_version_organization_idx\` ON \`_offers_v\` (\`version_organization_id\`);`)
  await db.run(sql`CREATE INDEX \`_offers_v_version_version_updated_at_idx\` ON \`_offers_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_offers_v_version_version_created_at_idx\` ON \`_offers_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_offers_v_version_version__status_idx\` ON \`_offers_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_offers_v_created_at_idx\` ON \`_offers_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_offers_v_updated_at_idx\` ON \`_offers_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_offers_v_snapshot_idx\` ON \`_offers_v\` (\`snapshot\`);`)
  await db.run(sql`CREATE INDEX \`_offers_v_published_locale_idx\` ON \`_offers_v\` (\`published_locale\`);`)
  await db.run(sql`CREATE INDEX \`_offers_v_latest_idx\` ON \`_offers_v\` (\`latest\`);`)
  await db.run(sql`CREATE TABLE \`__new_contacts\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`kind\` text DEFAULT 'office',
  	\`phone\` text,
  	\`email\` text,
  	\`website\` text,
  	\`municipality_id\` integer,
  	\`address_street\` text,
  	\`address_postal_code\` text,
  	\`address_city\` text,
  	\`location_lat\` numeric,
  	\`location_lng\` numeric,
  	\`internal_notes\` text,
  	\`slug\` text,
  	\`organization_id\` integer,
  	\`reviewed_at\` text,
  	\`demo\` integer DEFAULT false,
  	\`translation_status\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`municipality_id\`) REFERENCES \`municipalities\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`organization_id\`) REFERENCES \`organizations\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_contacts\`("id", "name", "kind", "phone", "email", "website", "municipality_id", "address_street", "address_postal_code", "address_city", "location_lat", "location_lng", "internal_notes", "slug", "organization_id", "reviewed_at", "demo", "translation_status", "updated_at", "created_at", "_status") SELECT "id", "name", "kind", "phone", "email", "website", "municipality_id", "address_street", "address_postal_code", "address_city", "location_lat", "location_lng", "internal_notes", "slug", "organization_id", "reviewed_at", "demo", "translation_status", "updated_at", "created_at", "_status" FROM \`contacts\`;`)
  await db.run(sql`DROP TABLE \`contacts\`;`)
  await db.run(sql`ALTER TABLE \`__new_contacts\` RENAME TO \`contacts\`;`)
  await db.run(sql`CREATE INDEX \`contacts_municipality_idx\` ON \`contacts\` (\`municipality_id\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`contacts_slug_idx\` ON \`contacts\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`contacts_organization_idx\` ON \`contacts\` (\`organization_id\`);`)
  await db.run(sql`CREATE INDEX \`contacts_updated_at_idx\` ON \`contacts\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`contacts_created_at_idx\` ON \`contacts\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`contacts__status_idx\` ON \`contacts\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`__new__contacts_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_name\` text,
  	\`version_kind\` text DEFAULT 'office',
  	\`version_phone\` text,
  	\`version_email\` text,
  	\`version_website\` text,
  	\`version_municipality_id\` integer,
  	\`version_address_street\` text,
  	\`version_address_postal_code\` text,
  	\`version_address_city\` text,
  	\`version_location_lat\` numeric,
  	\`version_location_lng\` numeric,
  	\`version_internal_notes\` text,
  	\`version_slug\` text,
  	\`version_organization_id\` integer,
  	\`version_reviewed_at\` text,
  	\`version_demo\` integer DEFAULT false,
  	\`version_translation_status\` text,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`snapshot\` integer,
  	\`published_locale\` text,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`contacts\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_municipality_id\`) REFERENCES \`municipalities\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_organization_id\`) REFERENCES \`organizations\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new__contacts_v\`("id", "parent_id", "version_name", "version_kind", "version_phone", "version_email", "version_website", "version_municipality_id", "version_address_street", "version_address_postal_code", "version_address_city", "version_location_lat", "version_location_lng", "version_internal_notes", "version_slug", "version_organization_id", "version_reviewed_at", "version_demo", "version_translation_status", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "snapshot", "published_locale", "latest") SELECT "id", "parent_id", "version_name", "version_kind", "version_phone", "version_email", "version_website", "version_municipality_id", "version_address_street", "version_address_postal_code", "version_address_city", "version_location_lat", "version_location_lng", "version_internal_notes", "version_slug", "version_organization_id", "version_reviewed_at", "version_demo", "version_translation_status", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "snapshot", "published_locale", "latest" FROM \`_contacts_v\`;`)
  await db.run(sql`DROP TABLE \`_contacts_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__contacts_v\` RENAME TO \`_contacts_v\`;`)
  await db.run(sql`CREATE INDEX \`_contacts_v_parent_idx\` ON \`_contacts_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_contacts_v_version_version_municipality_idx\` ON \`_contacts_v\` (\`version_municipality_id\`);`)
  await db.run(sql`CREATE INDEX \`_contacts_v_version_version_slug_idx\` ON \`_contacts_v\` (\`version_slug\`);`)
  await db.run(sql`CREATE INDEX \`_contacts_v_version_version_organization_idx\` ON \`_contacts_v\` (\`version_organization_id\`);`)
  await db.run(sql`CREATE INDEX \`_contacts_v_version_version_updated_at_idx\` ON \`_contacts_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_contacts_v_version_version_created_at_idx\` ON \`_contacts_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_contacts_v_version_version__status_idx\` ON \`_contacts_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_contacts_v_created_at_idx\` ON \`_contacts_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_contacts_v_updated_at_idx\` ON \`_contacts_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_contacts_v_snapshot_idx\` ON \`_contacts_v\` (\`snapshot\`);`)
  await db.run(sql`CREATE INDEX \`_contacts_v_published_locale_idx\` ON \`_contacts_v\` (\`published_locale\`);`)
  await db.run(sql`CREATE INDEX \`_contacts_v_latest_idx\` ON \`_contacts_v\` (\`latest\`);`)
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`offers_id\` integer,
  	\`contacts_id\` integer,
  	\`events_id\` integer,
  	\`pages_id\` integer,
  	\`reports_id\` integer,
  	\`measures_id\` integer,
  	\`organizations_id\` integer,
  	\`municipalities_id\` integer,
  	\`topics_id\` integer,
  	\`search_terms_id\` integer,
  	\`media_id\` integer,
  	\`glossary_id\` integer,
  	\`deploys_id\` integer,
  	\`freshness_digests_id\` integer,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`offers_id\`) REFERENCES \`offers\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`contacts_id\`) REFERENCES \`contacts\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`events_id\`) REFERENCES \`events\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`pages_id\`) REFERENCES \`pages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`reports_id\`) REFERENCES \`reports\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`measures_id\`) REFERENCES \`measures\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`organizations_id\`) REFERENCES \`organizations\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`municipalities_id\`) REFERENCES \`municipalities\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`topics_id\`) REFERENCES \`topics\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`search_terms_id\`) REFERENCES \`search_terms\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`glossary_id\`) REFERENCES \`glossary\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`deploys_id\`) REFERENCES \`deploys\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`freshness_digests_id\`) REFERENCES \`freshness_digests\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "offers_id", "contacts_id", "events_id", "pages_id", "reports_id", "measures_id", "organizations_id", "municipalities_id", "topics_id", "search_terms_id", "media_id", "glossary_id", "deploys_id", "freshness_digests_id", "users_id") SELECT "id", "order", "parent_id", "path", "offers_id", "contacts_id", "events_id", "pages_id", "reports_id", "measures_id", "organizations_id", "municipalities_id", "topics_id", "search_terms_id", "media_id", "glossary_id", "deploys_id", "freshness_digests_id", "users_id" FROM \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_offers_id_idx\` ON \`payload_locked_documents_rels\` (\`offers_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_contacts_id_idx\` ON \`payload_locked_documents_rels\` (\`contacts_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_events_id_idx\` ON \`payload_locked_documents_rels\` (\`events_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_pages_id_idx\` ON \`payload_locked_documents_rels\` (\`pages_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_reports_id_idx\` ON \`payload_locked_documents_rels\` (\`reports_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_measures_id_idx\` ON \`payload_locked_documents_rels\` (\`measures_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_organizations_id_idx\` ON \`payload_locked_documents_rels\` (\`organizations_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_municipalities_id_idx\` ON \`payload_locked_documents_rels\` (\`municipalities_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_topics_id_idx\` ON \`payload_locked_documents_rels\` (\`topics_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_search_terms_id_idx\` ON \`payload_locked_documents_rels\` (\`search_terms_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_media_id_idx\` ON \`payload_locked_documents_rels\` (\`media_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_glossary_id_idx\` ON \`payload_locked_documents_rels\` (\`glossary_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_deploys_id_idx\` ON \`payload_locked_documents_rels\` (\`deploys_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_freshness_digests_id_idx\` ON \`payload_locked_documents_rels\` (\`freshness_digests_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
}
