import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { prepareSchema } from '../../apps/hub/src/infra/database/database';
import { attachOrStartEmbeddedDatabase } from '../../apps/hub/src/infra/database/embedded-database';

import { TEMPLATE_DATABASE } from './database';

/**
 * One embedded PostgreSQL for a test project, in a temporary directory, with a template database
 * prepared as the hub prepares its own at start (migrations, pg-boss's schema, the application role
 * and its privileges); each test file clones the template (see test/support/database.ts), so tests
 * run on a real, isolated, fully migrated database, as the application role, and never on a server
 * assumed to be running.
 */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-test-pg-'));
  fs.chmodSync(dir, 0o755); // the server runs as the postgres user and must reach its data directory
  const logger = pino({ level: 'warn' });
  const handle = await attachOrStartEmbeddedDatabase(dir, logger);
  const on = (base: string, database: string) => {
    const url = new URL(base);
    url.pathname = `/${database}`;
    return url.toString();
  };
  const client = new pg.Client({ connectionString: on(handle.ownerUrl, 'postgres') });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE}`);
  await client.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await client.end();
  await prepareSchema(
    {
      ownerUrl: on(handle.ownerUrl, TEMPLATE_DATABASE),
      url: on(handle.url, TEMPLATE_DATABASE),
      appLogin: handle.appLogin,
    },
    // Refuse: the tests must run as a role that cannot rewrite the audit trail.
    { HUB_DATABASE_ROLE_CHECK: 'refuse', HUB_JOB_EXPIRE_SECONDS: 900 },
    logger,
  );
  project.provide('pgAdminUrl', on(handle.ownerUrl, 'postgres'));
  project.provide('pgAppUrl', on(handle.url, 'postgres'));
  return async () => {
    await handle.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
