import type { INestApplication } from '@nestjs/common';
import { type TSandboxDataset, ZGovCloudResource } from '@hub/contracts';
import { SOURCE_IDS } from '@hub/connectors';
import { allPacks } from '@hub/rules';
import { SANDBOX_SOURCE_IDS, startSandbox, type SandboxOptions } from '@hub/sandbox';
import pino from 'pino';
import request from 'supertest';
import { createHttpApp, prepareDatabase } from '../../apps/hub/src/bootstrap';
import { loadEnv } from '../../apps/hub/src/config/env';
import { envForSandbox } from '../../apps/hub/src/demo';
import type { Role } from '../../apps/hub/src/modules/auth/roles';
import { TokensService } from '../../apps/hub/src/modules/auth/tokens.service';
import { UsersService } from '../../apps/hub/src/modules/auth/users.service';
import { AnswerCheckInterceptor } from '../../apps/hub/src/openapi/answer-check.interceptor';
import { createTestDatabase } from './database';

/** The demo city's clock in the end-to-end tests: its record ages are fixed relative to it. */
export const DEMO_NOW = '2026-11-01T10:00:00+08:00';

/** Settings that point every registered source at `url` (a closed port: no upstream answers). */
export function everySourceAt(url: string): Record<string, string> {
  return envForSandbox(Object.fromEntries(SOURCE_IDS.map((source) => [source, url])));
}

export interface TestHub {
  app: INestApplication;
  sandbox: Awaited<ReturnType<typeof startSandbox>>;
  /** the settings the hub runs with, for CLI commands run in the same test */
  envVars: Record<string, string>;
  /** an administrator's API client */
  http: ApiClient;
  stop(): Promise<void>;
}

/** supertest with a bearer token on every request. */
export interface ApiClient {
  get(path: string): request.Test;
  post(path: string): request.Test;
  patch(path: string): request.Test;
  delete(path: string): request.Test;
}

export function apiClient(app: INestApplication, token: string | null): ApiClient {
  const server = app.getHttpServer();
  const auth = (t: request.Test) => (token ? t.set('Authorization', `Bearer ${token}`) : t);
  return {
    get: (path) => auth(request(server).get(path)),
    post: (path) => auth(request(server).post(path)),
    patch: (path) => auth(request(server).patch(path)),
    delete: (path) => auth(request(server).delete(path)),
  };
}

let userSeq = 0;

/** A user of `role` (an applicant of `unitCode`) and an API token acting as them. */
export async function userWithToken(
  app: INestApplication,
  role: Role,
  options: { unitCode?: string; username?: string; displayName?: string } = {},
): Promise<{ username: string; token: string; http: ApiClient }> {
  const username = options.username ?? `${role}-${process.pid}-${++userSeq}`;
  const { user } = await app.get(UsersService).create(
    {
      username,
      displayName: options.displayName ?? username,
      role,
      unitCode: options.unitCode ?? null,
    },
    'test',
  );
  const owner = await app.get(UsersService).get(user.id);
  const { token } = await app.get(TokensService).create(owner, { name: 'test' }, 'test');
  return { username, token, http: apiClient(app, token) };
}

/**
 * Sandbox upstreams serving `dataset` on free ports (never colliding with a hub or sandbox on the
 * defaults), and the hub's HTTP app on a fresh database pointed at them, with the demo clock.
 */
export async function startTestHub(
  dataset: TSandboxDataset,
  options: { sandbox?: Pick<SandboxOptions, 'credentials' | 'random'>; env?: Record<string, string> } = {},
): Promise<TestHub> {
  const logger = pino({ level: 'silent' });
  const db = await createTestDatabase();
  const sandbox = await startSandbox({
    dataset,
    ports: Object.fromEntries(SANDBOX_SOURCE_IDS.map((source) => [source, 0])),
    logger,
    ...options.sandbox,
  });
  const envVars = {
    ...db.env,
    HUB_NOW: DEMO_NOW,
    HUB_LOG_LEVEL: 'silent',
    ...envForSandbox(sandbox.urls),
    ...options.env,
  };
  const env = loadEnv(envVars);
  const app = await createHttpApp(env, logger, await prepareDatabase(env, logger));
  // Every JSON answer of every test is held to the schema its route documents.
  const answers = new AnswerCheckInterceptor();
  app.useGlobalInterceptors(answers);
  await app.init();
  const admin = await userWithToken(app, 'admin');
  return {
    app,
    sandbox,
    envVars,
    http: admin.http,
    stop: async () => {
      await app.close();
      await sandbox.stop();
      await db.drop();
      if (answers.mismatches.length) {
        throw new Error(
          `answers unlike the OpenAPI document:\n${JSON.stringify(answers.mismatches, null, 2)}`,
        );
      }
    },
  };
}

/** Ids of the rules, of either pack, that read a source's facts. */
export function rulesReading(source: string): Set<string> {
  return new Set(
    allPacks()
      .flatMap((pack) => pack.rules)
      .filter((rule) => (rule.sources as readonly string[]).includes(source))
      .map((rule) => rule.id),
  );
}

/**
 * The first of `GET /api/resources/unbound` that the cloud reports validly: the list also holds running
 * resources whose records break the contract (untrusted), and binding one of those proves nothing.
 */
export function firstValidUnbound<T extends { resourceId: string }>(
  unbound: readonly T[],
  dataset: TSandboxDataset,
): T {
  const valid = new Set(
    dataset.govCloud.resources.flatMap((r) => {
      const parsed = ZGovCloudResource.safeParse(r);
      return parsed.success ? [parsed.data.resourceId] : [];
    }),
  );
  const found = unbound.find((u) => valid.has(u.resourceId));
  if (!found) throw new Error('no valid unbound running resource');
  return found;
}
