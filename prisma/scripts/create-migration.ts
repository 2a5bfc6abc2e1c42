/**
 * `npm run db:migration:create -- <name>`: writes prisma/migrations/<ts>_<name>/migration.sql for the
 * schema's changes, diffing against a throwaway shadow database on the embedded (or DATABASE_URL)
 * server. The native `prisma migrate dev` cannot run here; this produces the same files.
 */
import pino from 'pino';
import { loadEnv } from '../../apps/hub/src/config/env';
import { resolveDatabase } from '../../apps/hub/src/infra/database/database';
import { schemaPaths } from '../../apps/hub/src/infra/paths';
import { createMigration } from '../../apps/hub/src/infra/database/schema-engine';

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name) throw new Error('usage: npm run db:migration:create -- <name>');
  const logger = pino({ level: 'info' });
  const db = await resolveDatabase(loadEnv(), logger);
  try {
    // The owner: the shadow database is created, and the schema diffed, with its rights.
    const dir = await createMigration(db.ownerUrl, schemaPaths(), name);
    console.log(dir ? `Created ${dir}` : 'No schema changes; no migration created.');
  } finally {
    await db.stop();
  }
}

main().then(
  () => process.exit(0), // the schema engine leaves its pg pool open
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
