import type { Logger } from 'pino';
import type { HubEnv } from '../../config/env';
import { schemaPaths } from '../paths';
import { attachOrStartEmbeddedDatabase, type EmbeddedDatabaseOptions } from './embedded-database';
import { applyMigrations } from './schema-engine';

export interface DatabaseHandle {
  url: string;
  /** embedded: this process started the server */
  owned: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when set, otherwise the embedded PostgreSQL of HUB_DATA_DIR (attached or started). */
export async function resolveDatabase(
  env: HubEnv,
  logger: Logger,
  options: EmbeddedDatabaseOptions = {},
): Promise<DatabaseHandle> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, owned: false, stop: async () => {} };
  return attachOrStartEmbeddedDatabase(env.HUB_DATA_DIR, logger, options);
}

/** Applies pending migrations (the hub does this on every start; `npm run db:migrate` on demand). */
export async function migrate(url: string, logger: Logger): Promise<string[]> {
  const started = Date.now();
  const applied = await applyMigrations(url, schemaPaths());
  logger.info(
    { applied, ms: Date.now() - started },
    applied.length ? 'migrations applied' : 'database schema up to date',
  );
  return applied;
}
