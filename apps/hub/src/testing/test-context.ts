import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pino from 'pino';
import { AppModule } from '../app.module';
import { type HubEnvInput, loadEnv } from '../config/env';
import { Clock, FixedClock } from '../infra/clock';
import { testDataDirFor } from './test-data-dir';

/** A clock a test moves by hand: expiry of tokens and sessions. */
export class ManualClock extends Clock {
  private instant: Date;
  constructor(iso: string = TEST_NOW) {
    super();
    this.instant = new Date(iso);
  }
  now(): Date {
    return new Date(this.instant);
  }
  advance(ms: number): void {
    this.instant = new Date(this.instant.getTime() + ms);
  }
}

/** A fixed instant the module tests judge at. */
export const TEST_NOW = '2026-11-01T09:00:00+08:00';

/**
 * The hub's modules on a given test database (as the application role, as the hub runs), without
 * HTTP: what module tests exercise. The clock is fixed, logs are silent, the audit key and checkpoints
 * are the database's own (testDataDirFor), and upstreams point wherever the test says.
 */
export async function createTestContext(
  databaseUrl: string,
  env: Partial<Record<keyof HubEnvInput, string>> = {},
  clock?: Clock,
): Promise<INestApplicationContext> {
  const hubEnv = loadEnv({
    DATABASE_URL: databaseUrl,
    HUB_DATA_DIR: testDataDirFor(databaseUrl),
    HUB_NOW: TEST_NOW,
    HUB_LOG_LEVEL: 'silent',
    ...env,
  });
  return NestFactory.createApplicationContext(
    AppModule.register({
      env: hubEnv,
      databaseUrl,
      logger: pino({ level: 'silent' }),
      clock: clock ?? new FixedClock(hubEnv.HUB_NOW ?? TEST_NOW),
    }),
    { logger: false, abortOnError: false },
  );
}
