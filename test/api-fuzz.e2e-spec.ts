import type { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import pino from 'pino';
import request from 'supertest';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { createHttpApp, prepareDatabase } from '../apps/hub/src/bootstrap';
import { loadEnv } from '../apps/hub/src/config/env';
import { routeTable } from '../apps/hub/src/modules/auth/policy';
import { createTestDatabase } from './support/database';
import { everySourceAt, userWithToken } from './support/hub';

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
      ...everySourceAt(closed),
      // the text-hygiene sweep signs in many times; the sign-in limit is tested in auth.e2e-spec.ts
      HUB_AUTH_RATE_LIMIT_PER_MINUTE: '100000',
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

  /** What the OpenAPI document says a route takes: its query parameters and JSON body fields. */
  type Operation = {
    parameters?: { name: string; in: string }[];
    requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
  };

  const BAD_TEXT = [
    { name: 'a NUL', text: '岳阳\u0000', unit: 'U+0000' },
    { name: 'an unpaired surrogate', text: '岳阳\ud800', unit: 'U+D800' },
  ];

  function expectRefusedText(res: request.Response, path: string, unit: string, what: string) {
    expect(res.status, `${what}: ${res.status} ${JSON.stringify(res.body)}`).toBe(400);
    expect(res.body.error.code).toBe('INVALID_REQUEST');
    expect(res.body.error.message.zh, what).toMatch(/^[\u4e00-\u9fff]/);
    expect(res.body.error.message.zh, what).toContain(`${path} `);
    expect(res.body.error.message.zh, what).toContain(unit);
    expect(res.body.error.message.en, what).toContain(unit);
  }

  it('refuses a NUL or an unpaired surrogate in every text input of every route with a 400 naming the field', async () => {
    const doc = (await request(app.getHttpServer()).get('/api/docs/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, Operation>>;
    };
    const table = routeTable(app.get(DiscoveryService), app.get(Reflector));
    let probes = 0;
    for (const route of table) {
      const method = route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete';
      const op = doc.paths[route.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[method] ?? {};
      const params = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
      const queries = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const fields = Object.keys(op.requestBody?.content?.['application/json']?.schema?.properties ?? {});
      const valid = fill(route.path, ['00000000-0000-4000-8000-000000000000']);
      const what = (input: string) => `${route.method} ${route.path} ${input}`;

      // Path segments: %00 decodes to a NUL; bytes that are no UTF-8 at all are refused as well.
      for (const param of params) {
        const path = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) =>
          name === param ? 'x%00' : '00000000-0000-4000-8000-000000000000',
        );
        expectRefusedText(await send(method, path), `params.${param}`, 'U+0000', what(param));
        expectHandled(await send(method, path.replace('x%00', '%ED%A0%80')));
        probes++;
      }
      // A query string cannot carry a lone surrogate (it is not UTF-8), only the NUL.
      for (const name of queries.length > 0 || fields.length > 0 || params.length > 0 ? queries : ['q']) {
        const res = await send(method, valid).query({ [name]: 'x\u0000' });
        expectRefusedText(res, `query.${name}`, 'U+0000', what(name));
        probes++;
      }
      for (const field of fields) {
        for (const bad of BAD_TEXT) {
          // JSON.stringify writes a lone surrogate as an escape, which JSON.parse turns back into one.
          const res = await send(method, valid)
            .set('Content-Type', 'application/json')
            .send(JSON.stringify({ [field]: bad.text, nested: { list: ['ok', bad.text] } }));
          expectRefusedText(res, `body.${field}`, bad.unit, `${what(field)} ${bad.name}`);
          expect(res.body.error.message.zh).toContain('body.nested.list.1 ');
          probes++;
        }
      }
    }
    expect(probes).toBeGreaterThan(table.length);
  });

  it('refuses an upload whose file name holds a NUL with a 400 naming the file field', async () => {
    // A raw NUL in a part header is malformed multipart; RFC 5987's filename* carries one percent-encoded.
    const boundary = 'hub-fuzz-boundary';
    const body = Buffer.from(
      [
        `--${boundary}`,
        `Content-Disposition: form-data; name="file"; filename*=UTF-8''plan%00.csv`,
        'Content-Type: text/csv',
        '',
        '项目编码',
        `--${boundary}--`,
        '',
      ].join('\r\n'),
    );
    const res = await admin.http
      .post('/api/registry/imports')
      .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
      .send(body);
    expectRefusedText(res, 'file', 'U+0000', 'upload');
  });
});
