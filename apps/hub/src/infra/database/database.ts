import type { Text } from '@hub/rules';
import type { Logger } from 'pino';
import type { HubEnv } from '../../config/env';
import { installJobQueue } from '../jobs/job-queue';
import { schemaPaths } from '../paths';
import { type ApplicationLogin, checkApplicationRole, prepareApplicationRole } from './database-roles';
import { attachOrStartEmbeddedDatabase, type EmbeddedDatabaseOptions } from './embedded-database';
import { applyMigrations } from './schema-engine';

export interface DatabaseHandle {
  /** what the hub runs as: the application role */
  url: string;
  /** what migrations run as: the owner (the same URL when one role does both) */
  ownerUrl: string;
  /** the application's login role; with its password when the hub manages it (embedded) */
  appLogin: ApplicationLogin;
  /** embedded: this process started the server */
  owned: boolean;
  stop(): Promise<void>;
}

/**
 * DATABASE_URL (and DATABASE_OWNER_URL) when set, otherwise the embedded PostgreSQL of
 * HUB_DATA_DIR (attached or started), whose two roles the hub manages itself.
 */
export async function resolveDatabase(
  env: HubEnv,
  logger: Logger,
  options: EmbeddedDatabaseOptions = {},
): Promise<DatabaseHandle> {
  if (env.DATABASE_URL) {
    return {
      url: env.DATABASE_URL,
      ownerUrl: env.DATABASE_OWNER_URL ?? env.DATABASE_URL,
      appLogin: { user: decodeURIComponent(new URL(env.DATABASE_URL).username) },
      owned: false,
      stop: async () => {},
    };
  }
  return attachOrStartEmbeddedDatabase(env.HUB_DATA_DIR, logger, options);
}

/** Applies pending migrations (the hub does this on every start; `npm run db:migrate` on demand). */
async function migrate(url: string, logger: Logger): Promise<string[]> {
  const started = Date.now();
  const applied = await applyMigrations(url, schemaPaths());
  logger.info(
    { applied, ms: Date.now() - started },
    applied.length ? 'migrations applied' : 'database schema up to date',
  );
  return applied;
}

/**
 * Everything a hub process needs of its database before it runs, done as the owner: migrations,
 * pg-boss's schema and queues, the application role and its privileges; then, as the application
 * role, the check that it cannot rewrite the audit trail (returned as warnings, or refused).
 */
export async function prepareSchema(
  db: Pick<DatabaseHandle, 'url' | 'ownerUrl' | 'appLogin'>,
  env: Pick<HubEnv, 'HUB_DATABASE_ROLE_CHECK' | 'HUB_JOB_EXPIRE_SECONDS'>,
  logger: Logger,
): Promise<Text[]> {
  await migrate(db.ownerUrl, logger);
  await installJobQueue(db.ownerUrl, env, logger);
  if (db.ownerUrl !== db.url) await prepareApplicationRole(db.ownerUrl, db.url, db.appLogin, logger);
  return checkApplicationRole(db.url, env.HUB_DATABASE_ROLE_CHECK, logger);
}
