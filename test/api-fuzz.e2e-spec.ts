import type { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import pino from 'pino';
import request from 'supertest';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { createHttpApp, prepareDatabase } from '../apps/hub/src/bootstrap';
import { loadEnv } from '../apps/hub/src/config/env';
import { routeTable } from '../apps/hub/src/modules/auth/policy';
import { createTestDatabase } from './support/database';
import { userWithToken } from './support/hub';

/**
 * Property: whatever a client sends — any JSON body, any query value, any path segment — the hub
 * answers with a 2xx, 3xx or 4xx carrying `{ error: { code, message: { zh, en } } }`, never a 5xx and
 * never a stack trace. Upstreams point at a closed port, so nothing here depends on them.
 */
describe('API robustness against arbitrary input', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplication;
  let admin: Awaited<ReturnType<typeof userWithToken>>;
  const logger = pino({ level: 'silent' });

  beforeAll(async () => {
    db = await createTestDatabase();
    const closed = 'http://127.0.0.1:9';
    const env = loadEnv({
      ...db.env,
      HUB_LOG_LEVEL: 'silent',
      GOV_CLOUD_BASE_URL: closed,
      DATA_EXCHANGE_BASE_URL: closed,
      MLPS_BASE_URL: closed,
      VIDEO_BASE_URL: closed,
      SERVICE_PLATFORMS_BASE_URL: closed,
    });
    app = await createHttpApp(env, logger, await prepareDatabase(env, logger));
    await app.init();
    admin = await userWithToken(app, 'admin');
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  function expectHandled(res: request.Response) {
    expect(res.status, `${res.status} ${JSON.stringify(res.body)}`).toBeLessThan(500);
    if (res.status >= 400) {
      expect(res.body.error).toMatchObject({
        code: expect.any(String),
        message: { zh: expect.any(String), en: expect.any(String) },
      });
      expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\.(ts|js):\d+/);
    }
  }

  /** Every route of the running app, from its own route table: a new endpoint is fuzzed too. */
  function routes(kind: 'read' | 'write') {
    return routeTable(app.get(DiscoveryService), app.get(Reflector)).filter((r) =>
      kind === 'read' ? r.method === 'GET' : r.method !== 'GET',
    );
  }
  const segment = fc.oneof(fc.uuid(), fc.string({ maxLength: 40 }), fc.constant('43-430600-0001'));
  const fill = (path: string, values: string[]) => {
    let i = 0;
    return path.replace(/:[A-Za-z]+/g, () => encodeURIComponent(values[i++ % values.length] || 'x'));
  };
  const send = (method: string, path: string) =>
    admin.http[method.toLowerCase() as 'post' | 'patch' | 'delete'](path);

  it('answers any JSON body on every write endpoint with a handled status', async () => {
    const writes = routes('write');
    expect(writes.length).toBeGreaterThan(8);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...writes),
        fc.array(segment, { minLength: 1, maxLength: 2 }),
        fc.jsonValue(),
        async (route, params, body) => {
          // Serialised by hand: any JSON value, primitives included, as a client could send it.
          expectHandled(
            await send(route.method, fill(route.path, params))
              .set('Content-Type', 'application/json')
              .send(JSON.stringify(body)),
          );
        },
      ),
      { numRuns: 250 },
    );
  });

  it('answers malformed JSON and wrong content types with a 4xx', async () => {
    for (const route of routes('write')) {
      const path = fill(route.path, ['00000000-0000-4000-8000-000000000000']);
      expectHandled(
        await send(route.method, path).set('Content-Type', 'application/json').send('{"projectCode": '),
      );
      expectHandled(await send(route.method, path).set('Content-Type', 'text/plain').send('x'));
    }
    expectHandled(
      await admin.http.post('/api/registry/imports').attach('file', Buffer.from('garbage'), 'x.xlsx'),
    );
    expectHandled(await admin.http.post('/api/registry/imports').send({}));
  });

  it('answers any query value and path segment on every read endpoint with a handled status', async () => {
    const reads = routes('read').filter((r) => !r.path.startsWith('/api/auth/oidc'));
    const text = fc.string({ maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...reads),
        fc.array(segment, { minLength: 1, maxLength: 2 }),
        fc.dictionary(
          fc.oneof(
            fc.constantFrom(
              'page',
              'pageSize',
              'status',
              'pack',
              'region',
              'unitCode',
              'q',
              'from',
              'to',
              'actor',
              'syncId',
              'source',
              'projectCode',
            ),
            text,
          ),
          text,
        ),
        async (route, params, query) => {
          expectHandled(await admin.http.get(fill(route.path, params)).query(query));
        },
      ),
      { numRuns: 250 },
    );
  });

  it('answers every route without credentials, or with forged ones, with a 401 or a public answer', async () => {
    for (const route of routeTable(app.get(DiscoveryService), app.get(Reflector))) {
      const path = fill(route.path, ['00000000-0000-4000-8000-000000000000']);
      for (const auth of [null, 'Bearer hubt_forged', 'Bearer eyJhbGciOiJub25lIn0.e30.', 'Basic YTpi']) {
        const req = request(app.getHttpServer())[route.method.toLowerCase() as 'get'](path);
        const res = await (auth ? req.set('Authorization', auth) : req);
        expectHandled(res);
        if (route.policy?.kind !== 'public') expect(res.status, `${route.method} ${path} ${auth}`).toBe(401);
      }
    }
  });
});
