import type { INestApplication } from '@nestjs/common';
import { buildProject } from '@hub/contracts/testing';
import { toRegistryCsv } from '@hub/registry';
import { buildZip } from '@hub/registry/testing';
import pino from 'pino';
import request from 'supertest';
import { createHttpApp, prepareDatabase } from '../apps/hub/src/bootstrap';
import { loadEnv } from '../apps/hub/src/config/env';
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
  const logger = pino({ level: 'silent' });

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
});
