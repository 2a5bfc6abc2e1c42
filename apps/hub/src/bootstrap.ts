import 'reflect-metadata';
import type { Server } from 'node:http';
import { type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { DiscoveryService, NestFactory, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { AppErrorFilter } from './common/app-error.filter';
import { TextInputInterceptor } from './common/text-input.interceptor';
import { StartupError } from './common/startup-error';
import type { HubEnv } from './config/env';
import { serveDashboard } from './dashboard';
import { type Clock, clockFor } from './infra/clock';
import { type DatabaseHandle, prepareSchema, resolveDatabase } from './infra/database/database';
import type { EmbeddedDatabaseOptions } from './infra/database/embedded-database';
import { accessLog } from './infra/access-log';
import { frameworkLogger } from './infra/logger';
import { routeTable } from './modules/auth/policy';
import { serveApiDocument } from './openapi/api-document';

export interface HubDatabase {
  db: DatabaseHandle;
  clock: Clock;
}

/**
 * Database (embedded or DATABASE_URL) with every migration applied and the application role ready:
 * what any hub process needs first.
 */
export async function prepareDatabase(
  env: HubEnv,
  logger: Logger,
  options: EmbeddedDatabaseOptions = {},
): Promise<HubDatabase> {
  const db = await resolveDatabase(env, logger, options);
  try {
    await prepareSchema(db, env, logger);
  } catch (e) {
    await db.stop();
    const reason = e instanceof Error ? e.message : String(e);
    throw new StartupError(
      {
        zh: `数据库迁移失败，请检查数据库是否可达（DATABASE_URL 或嵌入式数据库）：${reason}`,
        en: `applying the database migrations failed; check that the database (DATABASE_URL or the embedded one) is reachable: ${reason}`,
      },
      { cause: e },
    );
  }
  return { db, clock: clockFor(env.HUB_NOW) };
}

/**
 * Starts answering HTTP on HUB_HOST:HUB_PORT. By hand rather than `app.listen`, which logs a bind
 * failure itself: the caller reports it once, saying what to change.
 */
export async function listen(app: INestApplication, env: HubEnv): Promise<string> {
  await app.init();
  const server = app.getHttpServer() as Server;
  await new Promise<void>((resolve, reject) => {
    const failed = (e: NodeJS.ErrnoException) => {
      const where = `${env.HUB_HOST}:${env.HUB_PORT}`;
      if (e.code === 'EADDRINUSE') {
        reject(
          new StartupError(
            {
              zh: `端口 ${where} 已被占用：请停止占用它的进程，或用 HUB_PORT / HUB_HOST 另选地址`,
              en: `${where} is already in use: stop the process holding it or choose another with HUB_PORT / HUB_HOST`,
            },
            { cause: e },
          ),
        );
      } else if (e.code === 'EACCES' || e.code === 'EADDRNOTAVAIL') {
        reject(
          new StartupError(
            {
              zh: `无法监听 ${where}（${e.code}）：请检查 HUB_HOST 是否为本机地址、端口是否需要特权`,
              en: `cannot listen on ${where} (${e.code}): check that HUB_HOST is an address of this host and the port needs no privilege`,
            },
            { cause: e },
          ),
        );
      } else reject(e);
    };
    server.once('error', failed);
    server.listen(env.HUB_PORT, env.HUB_HOST, () => {
      server.off('error', failed);
      resolve();
    });
  });
  return `http://${env.HUB_HOST}:${(server.address() as { port: number }).port}`;
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
      logger: frameworkLogger(logger),
      bodyParser: false,
      abortOnError: false,
    },
  );
  // First, so that its duration covers everything the request went through.
  app.use(accessLog(logger));
  app.useBodyParser('json', { limit: '1mb' });
  if (env.HUB_TRUST_PROXY !== undefined) app.set('trust proxy', env.HUB_TRUST_PROXY);
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
  app.useGlobalInterceptors(new TextInputInterceptor());
  serveDashboard(app, logger);
  // No enableShutdownHooks(): the process that serves (main.ts) owns SIGTERM / SIGINT and stops the
  // hub in order (stopHub), which Nest's own hook order would not.
  serveApiDocument(app);
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
    { logger: frameworkLogger(logger), abortOnError: false },
  );
}
