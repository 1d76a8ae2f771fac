import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`media\` ADD \`organization_id\` integer REFERENCES organizations(id);`)
  await db.run(sql`ALTER TABLE \`media\` ADD \`uploaded_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`CREATE INDEX \`media_organization_idx\` ON \`media\` (\`organization_id\`);`)
  await db.run(sql`CREATE INDEX \`media_uploaded_by_idx\` ON \`media\` (\`uploaded_by_id\`);`)
  await db.run(sql`ALTER TABLE \`deploys\` ADD \`lease_until\` text;`)
  await db.run(sql`ALTER TABLE \`deploys\` ADD \`heartbeat_at\` text;`)
  await db.run(sql`ALTER TABLE \`deploys\` ADD \`attempts\` numeric DEFAULT 0;`)
  await db.run(sql`ALTER TABLE \`deploys\` ADD \`worker\` text;`)
  await db.run(sql`CREATE INDEX \`deploys_lease_until_idx\` ON \`deploys\` (\`lease_until\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_media\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`credit\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`url\` text,
  	\`thumbnail_u_r_l\` text,
  	\`filename\` text,
  	\`mime_type\` text,
  	\`filesize\` numeric,
  	\`width\` numeric,
  	\`height\` numeric,
  	\`focal_x\` numeric,
  	\`focal_y\` numeric,
  	\`sizes_w480webp_url\` text,
  	\`sizes_w480webp_width\` numeric,
  	\`sizes_w480webp_height\` numeric,
  	\`sizes_w480webp_mime_type\` text,
  	\`sizes_w480webp_filesize\` numeric,
  	\`sizes_w480webp_filename\` text,
  	\`sizes_w480avif_url\` text,
  	\`sizes_w480avif_width\` numeric,
  	\`sizes_w480avif_height\` numeric,
  	\`sizes_w480avif_mime_type\` text,
  	\`sizes_w480avif_filesize\` numeric,
  	\`sizes_w480avif_filename\` text,
  	\`sizes_w960webp_url\` text,
  	\`sizes_w960webp_width\` numeric,
  	\`sizes_w960webp_height\` numeric,
  	\`sizes_w960webp_mime_type\` text,
  	\`sizes_w960webp_filesize\` numeric,
  	\`sizes_w960webp_filename\` text,
  	\`sizes_w960avif_url\` text,
  	\`sizes_w960avif_width\` numeric,
  	\`sizes_w960avif_height\` numeric,
  	\`sizes_w960avif_mime_type\` text,
  	\`sizes_w960avif_filesize\` numeric,
  	\`sizes_w960avif_filename\` text,
  	\`sizes_w1600webp_url\` text,
  	\`sizes_w1600webp_width\` numeric,
  	\`sizes_w1600webp_height\` numeric,
  	\`sizes_w1600webp_mime_type\` text,
  	\`sizes_w1600webp_filesize\` numeric,
  	\`sizes_w1600webp_filename\` text,
  	\`sizes_w1600avif_url\` text,
  	\`sizes_w1600avif_width\` numeric,
  	\`sizes_w1600avif_height\` numeric,
  	\`sizes_w1600avif_mime_type\` text,
  	\`sizes_w1600avif_filesize\` numeric,
  	\`sizes_w1600avif_filename\` text
  );
  `)
  await db.run(sql`INSERT INTO \`__new_media\`("id", "credit", "updated_at", "created_at", "url", "thumbnail_u_r_l", "filename", "mime_type", "filesize", "width", "height", "focal_x", "focal_y", "sizes_w480webp_url", "sizes_w480webp_width", "sizes_w480webp_height", "sizes_w480webp_mime_type", "sizes_w480webp_filesize", "sizes_w480webp_filename", "sizes_w480avif_url", "sizes_w480avif_width", "sizes_w480avif_height", "sizes_w480avif_mime_type", "sizes_w480avif_filesize", "sizes_w480avif_filename", "sizes_w960webp_url", "sizes_w960webp_width", "sizes_w960webp_height", "sizes_w960webp_mime_type", "sizes_w960webp_filesize", "sizes_w960webp_filename", "sizes_w960avif_url", "sizes_w960avif_width", "sizes_w960avif_height", "sizes_w960avif_mime_type", "sizes_w960avif_filesize", "sizes_w960avif_filename", "sizes_w1600webp_url", "sizes_w1600webp_width", "sizes_w1600webp_height", "sizes_w1600webp_mime_type", "sizes_w1600webp_filesize", "sizes_w1600webp_filename", "sizes_w1600avif_url", "sizes_w1600avif_width", "sizes_w1600avif_height", "sizes_w1600avif_mime_type", "sizes_w1600avif_filesize", "sizes_w1600avif_filename") SELECT "id", "credit", "updated_at", "created_at", "url", "thumbnail_u_r_l", "filename", "mime_type", "filesize", "width", "height", "focal_x", "focal_y", "sizes_w480webp_url", "sizes_w480webp_width", "sizes_w480webp_height", "sizes_w480webp_mime_type", "sizes_w480webp_filesize", "sizes_w480webp_filename", "sizes_w480avif_url", "sizes_w480avif_width", "sizes_w480avif_height", "sizes_w480avif_mime_type", "sizes_w480avif_filesize", "sizes_w480avif_filename", "sizes_w960webp_url", "sizes_w960webp_width", "sizes_w960webp_height", "sizes_w960webp_mime_type", "sizes_w960webp_filesize", "sizes_w960webp_filename", "sizes_w960avif_url", "sizes_w960avif_width", "sizes_w960avif_height", "sizes_w960avif_mime_type", "sizes_w960avif_filesize", "sizes_w960avif_filename", "sizes_w1600webp_url", "sizes_w1600webp_width", "sizes_w1600webp_height", "sizes_w1600webp_mime_type", "sizes_w1600webp_filesize", "sizes_w1600webp_filename", "sizes_w1600avif_url", "sizes_w1600avif_width", "sizes_w1600avif_height", "sizes_w1600avif_mime_type", "sizes_w1600avif_filesize", "sizes_w1600avif_filename" FROM \`media\`;`)
  await db.run(sql`DROP TABLE \`media\`;`)
  await db.run(sql`ALTER TABLE \`__new_media\` RENAME TO \`media\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`media_updated_at_idx\` ON \`media\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`media_created_at_idx\` ON \`media\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`media_filename_idx\` ON \`media\` (\`filename\`);`)
  await db.run(sql`CREATE INDEX \`media_sizes_w480webp_sizes_w480webp_filename_idx\` ON \`media\` (\`sizes_w480webp_filename\`);`)
  await db.run(sql`CREATE INDEX \`media_sizes_w480avif_sizes_w480avif_filename_idx\` ON \`media\` (\`sizes_w480avif_filename\`);`)
  await db.run(sql`CREATE INDEX \`media_sizes_w960webp_sizes_w960webp_filename_idx\` ON \`media\` (\`sizes_w960webp_filename\`);`)
  await db.run(sql`CREATE INDEX \`media_sizes_w960avif_sizes_w960avif_filename_idx\` ON \`media\` (\`sizes_w960avif_filename\`);`)
  await db.run(sql`CREATE INDEX \`media_sizes_w1600webp_sizes_w1600webp_filename_idx\` ON \`media\` (\`sizes_w1600webp_filename\`);`)
  await db.run(sql`CREATE INDEX \`media_sizes_w1600avif_sizes_w1600avif_filename_idx\` ON \`media\` (\`sizes_w1600avif_filename\`);`)
  await db.run(sql`DROP INDEX \`deploys_lease_until_idx\`;`)
  await db.run(sql`ALTER TABLE \`deploys\` DROP COLUMN \`lease_until\`;`)
  await db.run(sql`ALTER TABLE \`deploys\` DROP COLUMN \`heartbeat_at\`;`)
  await db.run(sql`ALTER TABLE \`deploys\` DROP COLUMN \`attempts\`;`)
  await db.run(sql`ALTER TABLE \`deploys\` DROP COLUMN \`worker\`;`)
}
