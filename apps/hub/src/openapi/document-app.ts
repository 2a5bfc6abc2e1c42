import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import pino from 'pino';
import { AppModule } from '../app.module';
import { loadEnv } from '../config/env';
import { clockFor } from '../infra/clock';
import { buildApiDocument } from './api-document';

/**
 * The OpenAPI document without a database: the application's module graph in Nest's preview mode,
 * where no provider is created (nothing connects), which is all the document reads.
 */
export async function offlineApiDocument(): Promise<OpenAPIObject> {
  const env = loadEnv({ HUB_LOG_LEVEL: 'silent' });
  const app: INestApplication = await NestFactory.create(
    AppModule.register({
      env,
      logger: pino({ level: 'silent' }),
      databaseUrl: 'postgresql://hub@127.0.0.1:1/none',
      clock: clockFor(undefined),
    }),
    { logger: false, preview: true, abortOnError: false },
  );
  try {
    return buildApiDocument(app);
  } finally {
    await app.close();
  }
}
