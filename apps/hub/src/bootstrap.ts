import 'reflect-metadata';
import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { DiscoveryService, NestFactory, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { AppErrorFilter } from './common/app-error.filter';
import type { HubEnv } from './config/env';
import { serveDashboard } from './dashboard';
import { type Clock, clockFor } from './infra/clock';
import { type DatabaseHandle, prepareSchema, resolveDatabase } from './infra/database/database';
import { PinoNestLogger } from './infra/logger';
import { routeTable } from './modules/auth/policy';

export interface HubDatabase {
  db: DatabaseHandle;
  clock: Clock;
}

/**
 * Database (embedded or DATABASE_URL) with every migration applied and the application role ready:
 * what any hub process needs first.
 */
export async function prepareDatabase(env: HubEnv, logger: Logger): Promise<HubDatabase> {
  const db = await resolveDatabase(env, logger);
  try {
    await prepareSchema(db, env, logger);
  } catch (e) {
    await db.stop();
    throw e;
  }
  return { db, clock: clockFor(env.HUB_NOW) };
}

/** The HTTP application: API, OpenAPI document at /api/docs, one error format. */
export async function createHttpApp(
  env: HubEnv,
  logger: Logger,
  base: HubDatabase,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register({ env, logger, databaseUrl: base.db.url, clock: base.clock }),
    {
      logger: new PinoNestLogger(logger.child({ component: 'nest' })),
      bodyParser: false,
      abortOnError: false,
    },
  );
  app.useBodyParser('json', { limit: '1mb' });
  if (env.HUB_TRUST_PROXY) {
    const hops = Number(env.HUB_TRUST_PROXY);
    app.set('trust proxy', Number.isInteger(hops) ? hops : env.HUB_TRUST_PROXY);
  }
  // Security headers on every answer. The API documentation page needs its own inline script and
  // styles, so its CSP allows them; everything else gets helmet's strict defaults.
  app.use(
    '/api/docs',
    helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"] } } }),
  );
  // upgrade-insecure-requests would send the dashboard's own assets to https:// on an intranet
  // address served over plain http (a common government deployment behind a TLS proxy or none).
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  // Cross-origin calls stay closed unless origins are configured (the dashboard is served same-origin).
  if (env.HUB_CORS_ORIGINS.length) app.enableCors({ origin: env.HUB_CORS_ORIGINS, credentials: true });
  app.useGlobalFilters(new AppErrorFilter(logger));
  serveDashboard(app, logger);
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('政务信息化项目验收合规中枢 API')
      .setDescription('Pre-acceptance checks, findings with evidence, upstream sources.')
      .setVersion('0.1.0')
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        description: 'API 令牌 (hubt_…) 或会话令牌 / API token or session token',
      })
      .addCookieAuth('hub_session')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  // Default deny is enforced per request too; refusing to start makes a forgotten policy obvious.
  const undeclared = routeTable(app.get(DiscoveryService), app.get(Reflector)).filter((r) => !r.policy);
  if (undeclared.length) {
    await app.close();
    throw new Error(
      `routes without an access policy (@Public or @Allow): ${undeclared.map((r) => `${r.method} ${r.path}`).join(', ')}`,
    );
  }
  return app;
}

/** The same modules without HTTP, for CLI commands. */
export async function createAppContext(
  env: HubEnv,
  logger: Logger,
  base: HubDatabase,
): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(
    AppModule.register({ env, logger, databaseUrl: base.db.url, clock: base.clock }),
    { logger: new PinoNestLogger(logger.child({ component: 'nest' })), abortOnError: false },
  );
}
