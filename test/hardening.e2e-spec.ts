import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { buildProject } from '@hub/contracts/testing';
import { toRegistryCsv } from '@hub/registry';
import { buildZip } from '@hub/registry/testing';
import { Writable } from 'node:stream';
import request from 'supertest';
import { createHttpApp, prepareDatabase } from '../apps/hub/src/bootstrap';
import { loadEnv } from '../apps/hub/src/config/env';
import { createLogger } from '../apps/hub/src/infra/logger';
import { PrismaService } from '../apps/hub/src/infra/database/prisma.service';
import { UsersService } from '../apps/hub/src/modules/auth/users.service';
import { NotificationsService } from '../apps/hub/src/modules/notifications/notifications.service';
import { createTestDatabase } from './support/database';
import { userWithToken } from './support/hub';

/**
 * The edges an attacker or a careless client reaches first: oversized bodies and uploads, archive
 * bombs, browsers from other origins. Each answer is a 4xx with a code and a zh/en reason.
 */
describe('hardening at the HTTP edge', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplication;
  let admin: Awaited<ReturnType<typeof userWithToken>>;
  /** what the hub logged, as JSON lines: the access log's tests read it */
  const logged: Record<string, unknown>[] = [];
  const logger = createLogger(
    'debug',
    'stdout',
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logged.push(JSON.parse(line));
        callback();
      },
    }),
  );
  const accessLines = (url: string) =>
    logged.filter(
      (l) => l['component'] === 'http' && String((l['req'] as { url: string }).url).startsWith(url),
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = loadEnv({ ...db.env, HUB_LOG_LEVEL: 'silent' });
    app = await createHttpApp(env, logger, await prepareDatabase(env, logger));
    await app.init();
    admin = await userWithToken(app, 'admin');
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  function expectError(res: request.Response, status: number, code: string) {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error).toMatchObject({
      code,
      message: { zh: expect.any(String), en: expect.any(String) },
    });
    expect(res.body.error.message.zh).toMatch(/[\u4e00-\u9fff]/);
  }

  describe('the access log', () => {
    it('writes one line per request: method, path, status, duration and user, no credential', async () => {
      await admin.http
        .get('/api/projects?q=%E5%B2%B3%E9%98%B3&access_token=query-secret-1')
        .set('Cookie', 'hub_session=cookie-secret-2')
        .expect(200);
      const [line, ...more] = accessLines('/api/projects?');
      expect(more).toEqual([]);
      expect(line).toMatchObject({
        level: 30,
        req: { method: 'GET', url: '/api/projects?q=%E5%B2%B3%E9%98%B3&access_token=[REDACTED]' },
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
        user: admin.username,
        msg: expect.stringMatching(/^GET \/api\/projects\?\S+ 200 \d+ ms$/),
      });
      const all = JSON.stringify(logged);
      for (const secret of [admin.token, 'query-secret-1', 'cookie-secret-2'])
        expect(all).not.toContain(secret);
    });

    it('names no user for a refused request, and keeps probes at debug', async () => {
      await request(app.getHttpServer())
        .get('/api/findings')
        .set('Authorization', 'Bearer hubt_not-a-token')
        .expect(401);
      await request(app.getHttpServer()).get('/health').expect(200);
      const [refused] = accessLines('/api/findings');
      expect(refused).toMatchObject({ level: 30, res: { statusCode: 401 } });
      expect(refused).not.toHaveProperty('user');
      expect(accessLines('/health')).toEqual([
        expect.objectContaining({ level: 20, res: { statusCode: 200 } }),
      ]);
      expect(JSON.stringify(logged)).not.toContain('hubt_not-a-token');
    });
  });

  it('refuses a JSON body over 1 MB with 413', async () => {
    const res = await admin.http
      .post('/api/checks')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ projectCode: 'x'.repeat(1_100_000) }));
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('refuses a registry upload over 10 MB with 413, before parsing it', async () => {
    const res = await admin.http
      .post('/api/registry/imports')
      .attach('file', Buffer.alloc(10 * 1024 * 1024 + 1, 0x41), 'big.csv');
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('refuses a zip bomb dressed as a workbook, naming the archive entry', async () => {
    const bomb = buildZip([
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(5_000_000, 0x20), declaredSize: 1_000 },
    ]);
    const res = await admin.http.post('/api/registry/imports').attach('file', bomb, 'bomb.xlsx');
    expectError(res, 400, 'INVALID_FILE');
    expect(JSON.stringify(res.body)).toContain('sheet1.xml');
  });

  it('keeps every valid row of a file that mixes good and bad rows, and blames each bad one', async () => {
    const good = [buildProject(), buildProject(), buildProject()];
    const lines = toRegistryCsv(good).toString('utf8').split('\n');
    const bad = lines[1]!.replace(good[0]!.code, 'not-a-code');
    const csv = [lines[0], bad, ...lines.slice(2)].join('\n');
    const res = await admin.http.post('/api/registry/imports').attach('file', Buffer.from(csv), 'mixed.csv');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ created: 2, rejected: 1 });
    const projects = await admin.http.get('/api/projects').expect(200);
    expect(projects.body.items.map((p: { code: string }) => p.code).sort()).toEqual(
      [good[1]!.code, good[2]!.code].sort(),
    );
  });

  it('answers an applicant searching for a NUL with a 400 naming query.q, in Chinese first', async () => {
    const project = buildProject();
    await admin.http
      .post('/api/registry/imports')
      .attach('file', toRegistryCsv([project]), 'unit.csv')
      .expect(201);
    const applicant = await userWithToken(app, 'applicant', { unitCode: project.unitCode });
    const res = await applicant.http.get('/api/projects?q=%00');
    expectError(res, 400, 'INVALID_REQUEST');
    expect(res.body.error.message.zh).toBe('请求含无法接受的字符：query.q 含空字符 (U+0000)，请删除后重试');
    expect(res.body.error.details.issues).toEqual([expect.objectContaining({ path: 'query.q' })]);
  });

  it('searches projects for %, _ and \\ as the characters themselves, not as LIKE wildcards', async () => {
    const percent = buildProject({ name: '覆盖率100%提升工程' });
    const underscore = buildProject({ name: '数据_交换二期' });
    const backslash = buildProject({ name: '路径\\目录治理' });
    const plain = buildProject({ name: '数据a交换二期' });
    await admin.http
      .post('/api/registry/imports')
      .attach('file', toRegistryCsv([percent, underscore, backslash, plain]), 'wild.csv')
      .expect(201);
    const search = async (q: string) =>
      (await admin.http.get('/api/projects').query({ q }).expect(200)).body.items.map(
        (p: { code: string }) => p.code,
      );

    expect(await search('%')).toEqual([percent.code]);
    expect(await search('数据_交换')).toEqual([underscore.code]);
    expect(await search('\\')).toEqual([backslash.code]);
    expect(await search('数据a交换')).toEqual([plain.code]);
  });

  it('refuses a 2,000,000-character name as a row error, stores the other rows, and exports the registry', async () => {
    const long = buildProject({ name: '名'.repeat(2_000_000) });
    const fine = buildProject();
    const res = await admin.http
      .post('/api/registry/imports')
      .attach('file', toRegistryCsv([long, fine]), 'long.csv');
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(201);
    expect(res.body).toMatchObject({ created: 1, rejected: 1 });
    expect(res.body.errors).toEqual([
      expect.objectContaining({ rowNumber: 2, column: '项目名称', code: 'too-long' }),
    ]);
    expect(res.body.errors[0].message.zh).toContain('最多 200 个字符');
    await admin.http.get(`/api/projects/${long.code}`).expect(404);
    await admin.http.get(`/api/projects/${fine.code}`).expect(200);
    const xlsx = await admin.http.get('/api/portfolio?format=xlsx').buffer(true).expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('refuses a file name longer than 255 characters with a 400 naming the file, storing nothing', async () => {
    const project = buildProject();
    const res = await admin.http
      .post('/api/registry/imports')
      .attach('file', toRegistryCsv([project]), `${'台'.repeat(300)}.csv`);
    expectError(res, 400, 'INVALID_REQUEST');
    expect(res.body.error.message.zh).toContain('文件名最多 255 个字符');
    expect(res.body.error.details.issues).toEqual([expect.objectContaining({ path: 'file' })]);
    await admin.http.get(`/api/projects/${project.code}`).expect(404);
  });

  it('answers a browser from another origin without CORS permission', async () => {
    const res = await request(app.getHttpServer())
      .options('/api/projects')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const get = await admin.http.get('/api/projects').set('Origin', 'https://evil.example');
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends security headers on API answers and never a stack trace or framework banner', async () => {
    const res = await request(app.getHttpServer()).get('/api/nowhere');
    expectError(res, 404, 'NOT_FOUND');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  describe('notification targets (SSRF)', () => {
    const SECRET = 'hardening-webhook-secret-0123456789';

    it('refuses webhooks to this machine, the database port, private and metadata addresses, 400 naming target', async () => {
      const dbPort = new URL(db.url).port;
      for (const target of [
        `http://127.0.0.1:${dbPort}/`,
        'http://[::1]/hook',
        'http://10.0.0.8/hook',
        'http://169.254.169.254/latest/meta-data/',
        `http://localhost:${dbPort}/`,
        'http://[::ffff:127.0.0.1]/hook',
      ]) {
        const res = await admin.http
          .post('/api/notifications/subscriptions')
          .send({ channel: 'webhook', target, secret: SECRET });
        expectError(res, 400, 'INVALID_REQUEST');
        expect(res.body.error.details.issues, target).toEqual([expect.objectContaining({ path: 'target' })]);
        expect(res.body.error.message.zh).toContain('HUB_NOTIFY_ALLOWED_HOSTS');
      }
      const list = await admin.http.get('/api/notifications/subscriptions').expect(200);
      expect(list.body).toEqual([]);
    });

    it('neither tests nor delivers to a stored loopback target, and the delivery log quotes no answer', async () => {
      const hits: string[] = [];
      const server = http.createServer((req, res) => {
        hits.push(req.url ?? '');
        res.writeHead(400).end('PGSQL internal banner');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
        const row = await app.get(PrismaService).notificationSubscription.create({
          data: {
            name: 'stored before the egress rules',
            channel: 'webhook',
            target,
            secret: SECRET,
            minSeverity: 'warning',
            createdBy: 'test',
          },
        });
        expectError(
          await admin.http.post(`/api/notifications/subscriptions/${row.id}/test`),
          400,
          'INVALID_REQUEST',
        );
        const delivery = await app.get(PrismaService).notificationDelivery.create({
          data: { subscriptionId: row.id, kind: 'test', alertIds: [], status: 'pending', payload: {} },
        });
        await app
          .get(NotificationsService)
          .deliver({ deliveryId: delivery.id }, { id: randomUUID(), retryCount: 0, retryLimit: 5 });
        const log = await admin.http.get(`/api/notifications/deliveries/${delivery.id}`).expect(200);
        expect(log.body).toMatchObject({ status: 'failed', attempts: 1 });
        expect(log.body.lastError).toContain('127.0.0.1');
        expect(log.body.lastError).not.toContain('PGSQL');
        expect(hits).toEqual([]);
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });
  });

  describe('requests forged from another origin (CSRF)', () => {
    const HUB_HOST = 'hub.example.gov.cn';
    let cookie: string;
    const server = () => app.getHttpServer();
    /** A browser signed in to the hub: only its cookie authenticates it. */
    const browser = (method: 'post' | 'delete', path: string) =>
      request(server())[method](path).set('Host', HUB_HOST).set('Cookie', cookie);

    beforeAll(async () => {
      const users = app.get(UsersService);
      const password = 'browser-password-0123';
      const { user } = await users.create(
        { username: 'browser-admin', displayName: '浏览器管理员', role: 'admin', unitCode: null },
        'test',
      );
      await users.changePassword(user.id, password, 'test');
      const login = await request(server())
        .post('/api/auth/login')
        .send({ username: 'browser-admin', password })
        .expect(200);
      cookie = `hub_session=${login.body.accessToken}`;
    });

    it('refuses a form-encoded POST /api/scans from http://evil.example with 403, starting nothing', async () => {
      const res = await browser('post', '/api/scans')
        .set('Origin', 'http://evil.example')
        .type('form')
        .send('force=1');
      expectError(res, 403, 'CROSS_SITE_REQUEST');
      const scans = await admin.http.get('/api/scans').expect(200);
      expect(scans.body).toEqual([]);
    });

    it('refuses a cookie-signed change that names no origin at all, or a cross-site fetch', async () => {
      expectError(await browser('post', '/api/tokens').send({ name: 'x' }), 403, 'CROSS_SITE_REQUEST');
      expectError(
        await browser('post', '/api/tokens').set('Sec-Fetch-Site', 'cross-site').send({ name: 'x' }),
        403,
        'CROSS_SITE_REQUEST',
      );
      expectError(
        await browser('post', '/api/tokens').set('Origin', 'null').send({ name: 'x' }),
        403,
        'CROSS_SITE_REQUEST',
      );
    });

    it('refuses form encoding and a missing content type from the hub’s own origin with 415', async () => {
      expectError(
        await browser('post', '/api/scans').set('Origin', `http://${HUB_HOST}`).type('form').send('a=1'),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
      // a route without a body still needs the JSON content type a form cannot send
      expectError(
        await browser('post', '/api/scans').set('Sec-Fetch-Site', 'same-origin'),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
    });

    it('takes JSON from the hub’s own origin, by Origin or by Sec-Fetch-Site, with or without a body', async () => {
      const created = await browser('post', '/api/tokens')
        .set('Origin', `http://${HUB_HOST}`)
        .send({ name: '浏览器令牌' });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const revoked = await browser('delete', `/api/tokens/${created.body.id}`)
        .set('Sec-Fetch-Site', 'same-origin')
        .set('Content-Type', 'application/json');
      expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
      expect(revoked.body).toMatchObject({ status: 'revoked' });
    });

    it('applies the origin check to the multipart registry upload, which keeps taking files from the hub', async () => {
      const csv = toRegistryCsv([buildProject()]);
      expectError(
        await browser('post', '/api/registry/imports')
          .set('Origin', 'http://evil.example')
          .attach('file', csv, 'p.csv'),
        403,
        'CROSS_SITE_REQUEST',
      );
      const res = await browser('post', '/api/registry/imports')
        .set('Origin', `http://${HUB_HOST}`)
        .attach('file', csv, 'p.csv');
      expect(res.status, JSON.stringify(res.body)).toBe(201);

      // The rectification evidence upload is the other multipart route: the same two answers.
      const done = `/api/reviews/${randomUUID()}/items/${randomUUID()}/done`;
      expectError(
        await browser('post', done)
          .set('Origin', 'http://evil.example')
          .field('note', '已整改')
          .attach('file', csv, 'a.pdf'),
        403,
        'CROSS_SITE_REQUEST',
      );
      const unknownReview = await browser('post', done)
        .set('Origin', `http://${HUB_HOST}`)
        .field('note', '已整改')
        .attach('file', csv, 'a.pdf');
      expect(unknownReview.status, JSON.stringify(unknownReview.body)).toBe(404);
    });

    it('leaves bearer-token clients to any origin, but takes only JSON bodies from them too', async () => {
      const res = await admin.http
        .post('/api/tokens')
        .set('Origin', 'http://evil.example')
        .set('Cookie', cookie)
        .send({ name: 'ci' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expectError(
        await admin.http.post('/api/tokens').type('form').send('name=ci'),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
      // no body, no content type: a plain `curl -X POST` with a token is fine
      await admin.http.delete(`/api/tokens/${res.body.id}`).expect(200);
    });
  });
});
