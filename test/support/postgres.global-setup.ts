import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { attachOrStartEmbeddedDatabase } from '../../apps/hub/src/infra/database/embedded-database';
import { applyMigrations } from '../../apps/hub/src/infra/database/schema-engine';
import { schemaPaths } from '../../apps/hub/src/infra/paths';

import { TEMPLATE_DATABASE } from './database';

/**
 * One embedded PostgreSQL for a test project, in a temporary directory, with every migration applied
 * to a template database; each test file clones the template (see test/support/database.ts), so
 * tests run on a real, isolated, fully migrated database and never on a server assumed to be running.
 */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-test-pg-'));
  fs.chmodSync(dir, 0o755); // the server runs as the postgres user and must reach its data directory
  const handle = await attachOrStartEmbeddedDatabase(dir, pino({ level: 'warn' }));
  const admin = new URL(handle.url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE}`);
  await client.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await client.end();
  const template = new URL(handle.url);
  template.pathname = `/${TEMPLATE_DATABASE}`;
  await applyMigrations(template.toString(), schemaPaths());
  project.provide('pgAdminUrl', admin.toString());
  return async () => {
    await handle.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
