import type { INestApplication } from '@nestjs/common';
import { SOURCE_IDS, type TSandboxDataset } from '@hub/contracts';
import { PACKS } from '@hub/rules';
import { startSandbox, type SandboxOptions } from '@hub/sandbox';
import pino from 'pino';
import { createHttpApp, prepareDatabase } from '../../apps/hub/src/bootstrap';
import { loadEnv } from '../../apps/hub/src/config/env';
import { envForSandbox } from '../../apps/hub/src/demo';
import { createTestDatabase } from './database';

/** The demo city's clock in the end-to-end tests: its record ages are fixed relative to it. */
export const DEMO_NOW = '2026-11-01T10:00:00+08:00';

export interface TestHub {
  app: INestApplication;
  sandbox: Awaited<ReturnType<typeof startSandbox>>;
  /** the settings the hub runs with, for CLI commands run in the same test */
  envVars: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Sandbox upstreams serving `dataset` on free ports (never colliding with a hub or sandbox on the
 * defaults), and the hub's HTTP app on a fresh database pointed at them, with the demo clock.
 */
export async function startTestHub(
  dataset: TSandboxDataset,
  options: { sandbox?: Pick<SandboxOptions, 'credentials'>; env?: Record<string, string> } = {},
): Promise<TestHub> {
  const logger = pino({ level: 'silent' });
  const db = await createTestDatabase();
  const sandbox = await startSandbox({
    dataset,
    ports: Object.fromEntries(SOURCE_IDS.map((source) => [source, 0])),
    logger,
    ...options.sandbox,
  });
  const envVars = {
    DATABASE_URL: db.url,
    HUB_NOW: DEMO_NOW,
    HUB_LOG_LEVEL: 'silent',
    ...envForSandbox(sandbox.urls),
    ...options.env,
  };
  const env = loadEnv(envVars);
  const app = await createHttpApp(env, logger, await prepareDatabase(env, logger));
  await app.init();
  return {
    app,
    sandbox,
    envVars,
    stop: async () => {
      await app.close();
      await sandbox.stop();
      await db.drop();
    },
  };
}

/** Ids of the rules, of either pack, that read a source's facts. */
export function rulesReading(source: string): Set<string> {
  return new Set(
    Object.values(PACKS)
      .flatMap((pack) => pack.rules)
      .filter((rule) => (rule.sources as readonly string[]).includes(source))
      .map((rule) => rule.id),
  );
}
