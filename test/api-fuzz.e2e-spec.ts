import type { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import pino from 'pino';
import request from 'supertest';
import { createHttpApp, prepareDatabase } from '../apps/hub/src/bootstrap';
import { loadEnv } from '../apps/hub/src/config/env';
import { createTestDatabase } from './support/database';

/**
 * Property: whatever a client sends — any JSON body, any query value, any path segment — the hub
 * answers with a 2xx or a 4xx carrying `{ error: { code, message: { zh, en } } }`, never a 5xx and
 * never a stack trace. Upstreams point at a closed port, so nothing here depends on them.
 */
describe('API robustness against arbitrary input', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplication;
  const logger = pino({ level: 'silent' });

  beforeAll(async () => {
    db = await createTestDatabase();
    const closed = 'http://127.0.0.1:9';
    const env = loadEnv({
      DATABASE_URL: db.url,
      HUB_LOG_LEVEL: 'silent',
      GOV_CLOUD_BASE_URL: closed,
      DATA_EXCHANGE_BASE_URL: closed,
      MLPS_BASE_URL: closed,
      VIDEO_BASE_URL: closed,
      SERVICE_PLATFORMS_BASE_URL: closed,
    });
    app = await createHttpApp(env, logger, await prepareDatabase(env, logger));
    await app.init();
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

  const POSTS = [
    '/api/checks',
    '/api/bindings',
    '/api/bindings/unbind',
    '/api/bindings/00000000-0000-4000-8000-000000000000/confirm',
    '/api/bindings/00000000-0000-4000-8000-000000000000/reject',
  ];

  it('answers any JSON body on every write endpoint with a handled status', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...POSTS), fc.jsonValue(), async (path, body) => {
        // Serialised by hand: any JSON value, primitives included, as a client could send it.
        expectHandled(
          await request(app.getHttpServer())
            .post(path)
            .set('Content-Type', 'application/json')
            .send(JSON.stringify(body)),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('answers malformed JSON and wrong content types with a 4xx', async () => {
    for (const path of POSTS) {
      expectHandled(
        await request(app.getHttpServer())
          .post(path)
          .set('Content-Type', 'application/json')
          .send('{"projectCode": '),
      );
      expectHandled(
        await request(app.getHttpServer()).post(path).set('Content-Type', 'text/plain').send('x'),
      );
    }
    expectHandled(
      await request(app.getHttpServer())
        .post('/api/registry/imports')
        .attach('file', Buffer.from('garbage'), 'x.xlsx'),
    );
    expectHandled(await request(app.getHttpServer()).post('/api/registry/imports').send({}));
  });

  it('answers any query value and path segment on every read endpoint with a handled status', async () => {
    const text = fc.string({ maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          '/api/projects',
          '/api/bindings',
          '/api/audit',
          '/api/sources/gov-cloud/problems',
          '/api/findings',
          '/api/resources/unbound',
        ),
        fc.dictionary(
          fc.constantFrom(
            'page',
            'pageSize',
            'status',
            'pack',
            'region',
            'q',
            'from',
            'actor',
            'syncId',
            'source',
          ),
          text,
        ),
        async (path, query) => {
          expectHandled(await request(app.getHttpServer()).get(path).query(query));
        },
      ),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/api/projects/', '/api/checks/', '/api/packs/', '/api/sources/'),
        text,
        async (prefix, segment) => {
          expectHandled(await request(app.getHttpServer()).get(prefix + encodeURIComponent(segment)));
        },
      ),
      { numRuns: 100 },
    );
  });
});
