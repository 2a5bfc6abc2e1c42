import os from 'node:os';
import path from 'node:path';

/**
 * The HUB_DATA_DIR of a test database: its audit key and checkpoint file live there, one folder per
 * database so that tests never share (or leave behind in the checkout) a key or a checkpoint file.
 * Derived from the database's URL, so every process a test starts on that database agrees on it.
 */
export function testDataDirFor(databaseUrl: string): string {
  const name = new URL(databaseUrl).pathname.slice(1) || 'postgres';
  return path.join(os.tmpdir(), 'hub-test-data', name);
}
