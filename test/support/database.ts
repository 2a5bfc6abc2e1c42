import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { testDataDirFor } from '../../apps/hub/src/testing/test-data-dir';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the test server's `postgres` database as its superuser (the schema's owner) */
    pgAdminUrl: string;
    /** the same as the application role the hub runs as */
    pgAppUrl: string;
  }
}

/** Migrated once per test run by the global setup; every test database is a clone of it. */
export const TEMPLATE_DATABASE = 'hub_template';

export interface TestDatabase {
  /** the application role: what the hub runs as (DATABASE_URL) */
  url: string;
  /** the server's superuser, which owns the schema: what a database administrator could do */
  ownerUrl: string;
  /** the hub's data directory for this database: its audit key and checkpoint file */
  dataDir: string;
  /** DATABASE_URL, DATABASE_OWNER_URL and HUB_DATA_DIR, for a hub or a CLI command on this database */
  env: { DATABASE_URL: string; DATABASE_OWNER_URL: string; HUB_DATA_DIR: string };
  drop(): Promise<void>;
}

/** A fresh, fully migrated database cloned from the test server's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const name = `hub_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Two clones of one template at once fail ("source database is being accessed by other users"):
    // test files run in parallel, so clone one at a time.
    await admin.query('SELECT pg_advisory_lock(724242)');
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const on = (base: string) => {
    const url = new URL(base);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const url = on(inject('pgAppUrl'));
  const ownerUrl = on(adminUrl);
  const dataDir = testDataDirFor(url);
  return {
    url,
    ownerUrl,
    dataDir,
    env: { DATABASE_URL: url, DATABASE_OWNER_URL: ownerUrl, HUB_DATA_DIR: dataDir },
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs `fn` on a connection of its own as the role of `url`, closed after. */
export async function asRole<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * What the database's owner (in the tests, its superuser) can do and the hub's role cannot: switch
 * the audit trail's append-only trigger off, change the table, switch the trigger on again.
 */
export function behindTheAuditTrigger(ownerUrl: string, fn: (c: pg.Client) => Promise<void>): Promise<void> {
  return asRole(ownerUrl, async (c) => {
    await c.query('BEGIN');
    await c.query('ALTER TABLE audit_entries DISABLE TRIGGER USER');
    await fn(c);
    await c.query('ALTER TABLE audit_entries ENABLE TRIGGER USER');
    await c.query('COMMIT');
  });
}
