import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { creditCodeCheckChar, isValidCreditCode } from '@hub/contracts';
import { OAuth2Server } from 'oauth2-mock-server';
import pino from 'pino';
import request from 'supertest';
import { createHttpApp, prepareDatabase } from '../apps/hub/src/bootstrap';
import { loadEnv } from '../apps/hub/src/config/env';
import { PrismaService } from '../apps/hub/src/infra/database/prisma.service';
import { AuditService } from '../apps/hub/src/modules/audit/audit.service';
import { SIGN_IN_FAILED } from '../apps/hub/src/modules/auth/sessions.service';
import { UsersService } from '../apps/hub/src/modules/auth/users.service';
import { runCli as runCliIn } from './support/cli';
import { behindTheAuditTrigger, createTestDatabase } from './support/database';
import { apiClient, everySourceAt, userWithToken } from './support/hub';

/**
 * Who may call the hub: first-start administrator, password sessions, API tokens, the sign-in rate
 * limit, OIDC sign-in against a local identity provider, and the operator's `users`/`tokens` CLI.
 * Each block runs its own hub on a fresh database with upstreams at a closed port: no sandbox.
 */

const logger = pino({ level: 'silent' });
const CLOSED = 'http://127.0.0.1:9';
/** a valid 统一社会信用代码 (check character computed, as the contracts' project factory does) */
const UNIT_FIRST17 = '91430600MA0000042';
const UNIT_CODE = UNIT_FIRST17 + creditCodeCheckChar(UNIT_FIRST17);
const NEW_PASSWORD = 'correct horse battery staple';

interface Hub {
  app: INestApplication;
  /** the settings the hub runs with, for CLI commands on the same database */
  envVars: Record<string, string>;
  close(): Promise<void>;
}

async function startHub(extra: Record<string, string> = {}): Promise<Hub> {
  const db = await createTestDatabase();
  const envVars: Record<string, string> = {
    ...db.env,
    HUB_LOG_LEVEL: 'silent',
    ...everySourceAt(CLOSED),
    ...extra,
  };
  const env = loadEnv(envVars);
  const app = await createHttpApp(env, logger, await prepareDatabase(env, logger));
  await app.init();
  return {
    app,
    envVars,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

/** One Set-Cookie of a response: its value and its attributes, lower-cased. */
function setCookie(res: request.Response, name: string): { value: string; attributes: string[] } {
  const header = res.headers['set-cookie'] as string[] | string | undefined;
  const line = ([] as string[]).concat(header ?? []).find((c) => c.startsWith(`${name}=`));
  if (!line) throw new Error(`no Set-Cookie ${name} in ${JSON.stringify(header)}`);
  const [pair, ...attributes] = line.split(';').map((p) => p.trim());
  return {
    value: decodeURIComponent(pair!.slice(name.length + 1)),
    attributes: attributes.map((a) => a.toLowerCase()),
  };
}

function expectError(res: request.Response, code: string) {
  expect(res.body).toEqual({
    error: expect.objectContaining({
      code,
      message: { zh: expect.any(String), en: expect.any(String) },
    }),
  });
}

interface AuditItem {
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  data: unknown;
}

describe('session cookie on a hub with a fixed clock', () => {
  let hub: Hub;
  afterAll(async () => {
    await hub?.close();
  });

  it('lives for the session’s lifetime by the hub’s clock, not the browser’s', async () => {
    // Weeks in the past: a Max-Age measured against the real time would be 0 and the browser would
    // drop the cookie at once.
    hub = await startHub({ HUB_NOW: '2026-01-05T09:00:00+08:00', HUB_SESSION_TTL_MINUTES: '45' });
    const { oneTimePassword } = await hub.app
      .get(UsersService)
      .create(
        { username: 'fixed.clock', displayName: 'fixed.clock', role: 'reviewer', unitCode: null },
        'test',
      );
    const login = await request(hub.app.getHttpServer())
      .post('/api/auth/login')
      .send({ username: 'fixed.clock', password: oneTimePassword })
      .expect(200);
    expect(setCookie(login, 'hub_session').attributes).toContain(`max-age=${45 * 60}`);
  });
});

describe('first start and password sign-in', () => {
  let hub: Hub;
  const server = () => hub.app.getHttpServer();

  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('creates the first administrator once with a one-time password that must be changed before anything else', async () => {
    const users = hub.app.get(UsersService);
    const password = await users.ensureInitialAdmin();
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(await users.ensureInitialAdmin()).toBeNull();

    const login = await request(server())
      .post('/api/auth/login')
      .send({ username: 'admin', password })
      .expect(200);
    expect(login.body).toMatchObject({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      user: { username: 'admin', role: 'admin', mustChangePassword: true },
    });
    const cookie = setCookie(login, 'hub_session');
    expect(cookie.value).toBe(login.body.accessToken);
    expect(cookie.attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']));

    const first = apiClient(hub.app, login.body.accessToken);
    const blocked = await first.get('/api/projects').expect(403);
    expectError(blocked, 'PASSWORD_CHANGE_REQUIRED');
    expect(blocked.body.error.message.zh).toContain('修改密码');
    const me = await first.get('/api/auth/me').expect(200);
    expect(me.body).toMatchObject({
      user: { username: 'admin', mustChangePassword: true },
      role: 'admin',
      viaToken: false,
    });

    const wrongCurrent = await first
      .post('/api/auth/password')
      .send({ currentPassword: 'not-the-one-time-password', newPassword: NEW_PASSWORD })
      .expect(401);
    expectError(wrongCurrent, 'UNAUTHENTICATED');
    const tooShort = await first
      .post('/api/auth/password')
      .send({ currentPassword: password, newPassword: 'short' })
      .expect(400);
    expectError(tooShort, 'INVALID_REQUEST');

    const changed = await first
      .post('/api/auth/password')
      .send({ currentPassword: password, newPassword: NEW_PASSWORD })
      .expect(200);
    expect(changed.body).toMatchObject({
      accessToken: expect.any(String),
      user: { username: 'admin', mustChangePassword: false },
    });
    expect(changed.body.accessToken).not.toBe(login.body.accessToken);

    // Changing the password ends every earlier session.
    const stale = await first.get('/api/auth/me').expect(401);
    expectError(stale, 'UNAUTHENTICATED');
    await apiClient(hub.app, changed.body.accessToken).get('/api/projects').expect(200);

    // The browser's way: the HttpOnly cookie alone, no Authorization header.
    const newCookie = setCookie(changed, 'hub_session');
    expect(newCookie.value).toBe(changed.body.accessToken);
    await request(server()).get('/api/projects').set('Cookie', `hub_session=${newCookie.value}`).expect(200);
    await request(server()).get('/api/projects').set('Cookie', `hub_session=${cookie.value}`).expect(401);

    // The one-time password is spent; the new one signs in.
    await request(server()).post('/api/auth/login').send({ username: 'admin', password }).expect(401);
    await request(server())
      .post('/api/auth/login')
      .send({ username: 'admin', password: NEW_PASSWORD })
      .expect(200);
  });

  it('answers a wrong password and an unknown user with the same 401 body', async () => {
    const wrong = await request(server())
      .post('/api/auth/login')
      .send({ username: 'admin', password: 'definitely-not-it' })
      .expect(401);
    const unknown = await request(server())
      .post('/api/auth/login')
      .send({ username: 'no.such.user', password: 'definitely-not-it' })
      .expect(401);
    expectError(wrong, 'UNAUTHENTICATED');
    expect(unknown.body).toEqual(wrong.body);

    // The caller is told nothing more; the audit trail says which it was, and from where.
    const refused = await hub.app.get(AuditService).list({ action: SIGN_IN_FAILED, skip: 0, take: 2 });
    expect(refused.items.map((e) => [e.objectId, e.data])).toEqual([
      [
        'no.such.user',
        { method: 'password', reason: 'unknown-user', from: expect.stringMatching(/127\.0\.0\.1$/) },
      ],
      ['admin', { method: 'password', reason: 'bad-password', from: expect.stringMatching(/127\.0\.0\.1$/) }],
    ]);
    expect(JSON.stringify(refused.items)).not.toContain('definitely-not-it');
  });

  it('offers password sign-in only when no identity platform is configured', async () => {
    const res = await request(server()).get('/api/auth/providers').expect(200);
    expect(res.body).toEqual({ password: true, oidc: false });
  });
});

describe('API token lifecycle over HTTP', () => {
  let hub: Hub;
  let admin: Awaited<ReturnType<typeof userWithToken>>;

  beforeAll(async () => {
    hub = await startHub();
    admin = await userWithToken(hub.app, 'admin', { username: 'ops.admin' });
  });
  afterAll(async () => {
    await hub?.close();
  });

  async function auditOf(tokenId: string): Promise<AuditItem[]> {
    const res = await admin.http
      .get('/api/audit')
      .query({ objectType: 'token', objectId: tokenId })
      .expect(200);
    return res.body.items as AuditItem[];
  }

  it('shows a new token once, never lists its secret, and refuses it as revoked once revoked, with both changes audited', async () => {
    const created = await admin.http.post('/api/tokens').send({ name: 'ci pipeline' }).expect(201);
    const { token, id } = created.body as { token: string; id: string; prefix: string };
    expect(token).toMatch(/^hubt_[A-Za-z0-9_-]{43}$/);
    expect(created.body).toMatchObject({
      name: 'ci pipeline',
      username: 'ops.admin',
      role: 'admin',
      status: 'active',
      createdBy: 'ops.admin',
      revokedAt: null,
    });
    expect(token.startsWith(created.body.prefix)).toBe(true);

    const listed = await admin.http.get('/api/tokens').expect(200);
    expect(listed.body.map((t: { id: string }) => t.id)).toContain(id);
    for (const t of listed.body) expect(t).not.toHaveProperty('token');
    expect(JSON.stringify(listed.body)).not.toContain(token.slice('hubt_'.length + 6));

    const asToken = apiClient(hub.app, token);
    const me = await asToken.get('/api/auth/me').expect(200);
    expect(me.body).toMatchObject({ user: { username: 'ops.admin' }, role: 'admin', viaToken: true });
    await asToken.get('/api/projects').expect(200);

    const revoked = await admin.http.delete(`/api/tokens/${id}`).expect(200);
    expect(revoked.body).toMatchObject({ id, status: 'revoked', revokedAt: expect.any(String) });
    const refused = await asToken.get('/api/auth/me').expect(401);
    expectError(refused, 'UNAUTHENTICATED');
    expect(refused.body.error.message.zh).toContain('令牌已吊销');
    expect(refused.body.error.message.en).toMatch(/revoked/i);

    expect(await auditOf(id)).toEqual([
      expect.objectContaining({ action: 'token.revoke', actor: 'ops.admin', objectId: id }),
      expect.objectContaining({ action: 'token.create', actor: 'ops.admin', objectId: id }),
    ]);
  });

  it('lets a reviewer manage only their own tokens, and audits what they did under their name', async () => {
    const reviewer = await userWithToken(hub.app, 'reviewer', { username: 'li.review' });

    const forOther = await reviewer.http
      .post('/api/tokens')
      .send({ name: 'sneaky', username: 'ops.admin' })
      .expect(403);
    expectError(forOther, 'FORBIDDEN');

    const own = await reviewer.http.post('/api/tokens').send({ name: 'laptop' }).expect(201);
    expect(own.body).toMatchObject({ username: 'li.review', role: 'reviewer', createdBy: 'li.review' });
    const mine = await reviewer.http.get('/api/tokens').expect(200);
    expect(new Set(mine.body.map((t: { username: string }) => t.username))).toEqual(new Set(['li.review']));

    // An administrator may issue a token for someone else; the audit trail names who issued it.
    const issuedForReviewer = await admin.http
      .post('/api/tokens')
      .send({ name: 'issued by ops', username: 'li.review' })
      .expect(201);
    expect(issuedForReviewer.body).toMatchObject({ username: 'li.review', createdBy: 'ops.admin' });

    const adminsToken = await admin.http.post('/api/tokens').send({ name: 'nightly' }).expect(201);
    const notYours = await reviewer.http.delete(`/api/tokens/${adminsToken.body.id}`).expect(404);
    expectError(notYours, 'NOT_FOUND');
    await apiClient(hub.app, adminsToken.body.token).get('/api/auth/me').expect(200);

    await reviewer.http.delete(`/api/tokens/${own.body.id}`).expect(200);
    await apiClient(hub.app, own.body.token).get('/api/auth/me').expect(401);

    const byReviewer = await admin.http.get('/api/audit').query({ actor: 'li.review' }).expect(200);
    expect((byReviewer.body.items as AuditItem[]).map((e) => [e.action, e.objectType, e.objectId])).toEqual([
      ['token.revoke', 'token', own.body.id],
      ['token.create', 'token', own.body.id],
    ]);
    expect(await auditOf(issuedForReviewer.body.id)).toEqual([
      expect.objectContaining({ action: 'token.create', actor: 'ops.admin' }),
    ]);
    expect(await auditOf(adminsToken.body.id)).toEqual([
      expect.objectContaining({ action: 'token.create', actor: 'ops.admin' }),
    ]);
  });
});

describe('sign-in rate limit', () => {
  let hub: Hub;

  beforeAll(async () => {
    hub = await startHub({ HUB_AUTH_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('answers the 4th sign-in attempt within a minute with 429 RATE_LIMITED, even with the right password', async () => {
    const password = await hub.app.get(UsersService).ensureInitialAdmin();
    const login = (pw: string) =>
      request(hub.app.getHttpServer()).post('/api/auth/login').send({ username: 'admin', password: pw });
    for (let i = 0; i < 3; i++) await login(`wrong-guess-${i}`).expect(401);
    const limited = await login(password!).expect(429);
    expectError(limited, 'RATE_LIMITED');
    expect(limited.body.error.message.zh).toContain('请求过于频繁');
    expect(limited.body.error.message.en).toMatch(/too many/i);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    // Only the marked routes are limited.
    for (let i = 0; i < 5; i++) await request(hub.app.getHttpServer()).get('/api/auth/providers').expect(200);
  });
});

describe('sign-in rate limit shared by replicas', () => {
  let hub: Hub;
  let other: INestApplication;

  beforeAll(async () => {
    hub = await startHub({ HUB_AUTH_RATE_LIMIT_PER_MINUTE: '3' });
    // A second application on the same database, as a second replica behind a load balancer.
    const env = loadEnv(hub.envVars);
    other = await createHttpApp(env, logger, await prepareDatabase(env, logger));
    await other.init();
  });
  afterAll(async () => {
    await other?.close();
    await hub?.close();
  });

  it('counts attempts from one address on every replica: the 4th is refused wherever it lands', async () => {
    const password = await hub.app.get(UsersService).ensureInitialAdmin();
    const login = (app: INestApplication, pw: string) =>
      request(app.getHttpServer()).post('/api/auth/login').send({ username: 'admin', password: pw });
    await login(hub.app, 'wrong-guess-1').expect(401);
    await login(other, 'wrong-guess-2').expect(401);
    await login(hub.app, 'wrong-guess-3').expect(401);
    const limited = await login(other, password!).expect(429);
    expectError(limited, 'RATE_LIMITED');
    expect(limited.body.error.message.zh).toContain('请求过于频繁');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await login(hub.app, password!).expect(429);
    // The counter lives in the database, one row per route and address.
    const rows = await hub.app.get(PrismaService).rateLimit.findMany();
    expect(rows).toEqual([expect.objectContaining({ hits: 4, blockedUntil: expect.any(Date) })]);
  });
});

describe('OIDC sign-in through the unified identity platform', () => {
  const REDIRECT_URI = 'http://127.0.0.1/api/auth/oidc/callback';
  let provider: OAuth2Server;
  let issuer: string;
  let hub: Hub;
  /** extra claims the provider puts into the next tokens it signs (access and ID token alike) */
  let claims: Record<string, unknown> = {};
  const server = () => hub.app.getHttpServer();

  beforeAll(async () => {
    provider = new OAuth2Server();
    await provider.issuer.keys.generate('RS256');
    await provider.start(0, '127.0.0.1');
    issuer = `http://127.0.0.1:${provider.address().port}`;
    provider.issuer.url = issuer;
    // `on`, not `once`: the token endpoint signs the access token first, then the ID token.
    provider.service.on('beforeTokenSigning', (token) => {
      Object.assign(token.payload, claims);
    });
    hub = await startHub({
      HUB_OIDC_ISSUER: issuer,
      HUB_OIDC_CLIENT_ID: 'compliance-hub',
      HUB_OIDC_CLIENT_SECRET: 'compliance-hub-secret',
      HUB_OIDC_ALLOW_HTTP: 'true',
      HUB_OIDC_REDIRECT_URI: REDIRECT_URI,
      // every test here signs in through several rate-limited routes
      HUB_AUTH_RATE_LIMIT_PER_MINUTE: '50',
    });
  });
  afterAll(async () => {
    await hub?.close();
    if (provider?.listening) await provider.stop();
  });

  /** The browser's round trip up to the callback: hub → provider → back with code and state. */
  async function throughProvider(idClaims: Record<string, unknown>) {
    claims = idClaims;
    const start = await request(server()).get('/api/auth/oidc/login').expect(302);
    const authorize = new URL(start.headers.location as string);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${issuer}/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: 'compliance-hub',
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      code_challenge_method: 'S256',
      code_challenge: expect.any(String),
      state: expect.any(String),
      nonce: expect.any(String),
    });
    const state = setCookie(start, 'hub_oidc_state');
    expect(state.attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=lax']));

    const back = await fetch(authorize, { redirect: 'manual' });
    expect(back.status).toBe(302);
    const callback = new URL(back.headers.get('location')!);
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT_URI);
    expect(callback.searchParams.get('state')).toBe(authorize.searchParams.get('state'));
    expect(callback.searchParams.get('code')).toEqual(expect.any(String));
    return { query: callback.search, stateCookie: `hub_oidc_state=${state.value}` };
  }

  const callback = (query: string, cookie?: string) => {
    const req = request(server()).get(`/api/auth/oidc/callback${query}`);
    return cookie ? req.set('Cookie', cookie) : req;
  };

  it('says OIDC sign-in is on offer', async () => {
    const res = await request(server()).get('/api/auth/providers').expect(200);
    expect(res.body).toEqual({ password: true, oidc: true });
  });

  it('signs in a new applicant with the role and unit its ID token grants, and follows later role changes', async () => {
    const subject = 'zhang.san-0001';
    const { query, stateCookie } = await throughProvider({
      sub: subject,
      hub_role: 'applicant',
      unit_code: UNIT_CODE,
      preferred_username: 'zhang.san',
      name: '张三',
    });
    const done = await callback(query, stateCookie).expect(302);
    expect(done.headers.location).toBe('/');
    const session = setCookie(done, 'hub_session');
    expect(session.attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=strict']));
    expect(setCookie(done, 'hub_oidc_state').attributes).toContain('max-age=0');

    const me = await request(server())
      .get('/api/auth/me')
      .set('Cookie', `hub_session=${session.value}`)
      .expect(200);
    expect(me.body).toMatchObject({
      role: 'applicant',
      unitCode: UNIT_CODE,
      viaToken: false,
      user: {
        username: 'zhang.san',
        displayName: '张三',
        signIn: { password: false, oidc: true },
        mustChangePassword: false,
      },
    });

    // The code is single-use: replaying the callback is refused.
    const replay = await callback(query, stateCookie).expect(401);
    expectError(replay, 'UNAUTHENTICATED');

    // The platform is where roles are assigned: a later sign-in with another role applies it and
    // ends the sessions issued under the old one.
    const again = await throughProvider({ sub: subject, hub_role: 'reviewer' });
    const promoted = setCookie(await callback(again.query, again.stateCookie).expect(302), 'hub_session');
    const meNow = await request(server())
      .get('/api/auth/me')
      .set('Cookie', `hub_session=${promoted.value}`)
      .expect(200);
    expect(meNow.body).toMatchObject({ role: 'reviewer', unitCode: null, user: { username: 'zhang.san' } });
    await request(server()).get('/api/auth/me').set('Cookie', `hub_session=${session.value}`).expect(401);

    const admin = await userWithToken(hub.app, 'admin');
    const audit = await admin.http
      .get('/api/audit')
      .query({ actor: `oidc:${subject}` })
      .expect(200);
    expect((audit.body.items as AuditItem[]).map((e) => e.action).sort()).toEqual([
      'user.create',
      'user.update',
    ]);
  });

  it('refuses a callback that does not carry the sign-in state cookie', async () => {
    const { query } = await throughProvider({ sub: 'li.si-0002', hub_role: 'monitor' });
    const res = await callback(query).expect(401);
    expectError(res, 'UNAUTHENTICATED');
    expect(res.body.error.message.zh).toContain('登录状态缺失');
    expect(res.headers['set-cookie'] ?? []).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^hub_session=./)]),
    );
  });

  it('refuses an unknown account whose ID token grants no hub role', async () => {
    const { query, stateCookie } = await throughProvider({ sub: 'stranger-0003' });
    const res = await callback(query, stateCookie).expect(401);
    expectError(res, 'UNAUTHENTICATED');
    expect(res.body.error.message.zh).toContain('未授予');
    const users = await hub.app.get(UsersService).list();
    expect(users.map((u) => u.username)).not.toContain('oidc-stranger-0003');
  });

  it('gives a new account its own username when the preferred one is taken or the subject is no valid username', async () => {
    const local = await userWithToken(hub.app, 'reviewer', { username: 'zhou.local' });
    const taken = await throughProvider({
      sub: 'zhou-0005',
      hub_role: 'monitor',
      preferred_username: 'zhou.local',
    });
    const first = setCookie(await callback(taken.query, taken.stateCookie).expect(302), 'hub_session');
    const me = await request(server())
      .get('/api/auth/me')
      .set('Cookie', `hub_session=${first.value}`)
      .expect(200);
    expect(me.body).toMatchObject({ role: 'monitor', user: { signIn: { oidc: true } } });
    expect(me.body.user.username).not.toBe('zhou.local');
    // The local account is untouched: not linked, not re-roled.
    const localMe = await local.http.get('/api/auth/me').expect(200);
    expect(localMe.body).toMatchObject({ role: 'reviewer', user: { signIn: { oidc: false } } });

    const odd = await throughProvider({ sub: 'corp|员工/0006', hub_role: 'monitor' });
    const second = setCookie(await callback(odd.query, odd.stateCookie).expect(302), 'hub_session');
    const oddMe = await request(server())
      .get('/api/auth/me')
      .set('Cookie', `hub_session=${second.value}`)
      .expect(200);
    expect(oddMe.body.user.username).toMatch(/^oidc-[A-Za-z0-9._@-]+$/);
  });

  it('audits each refused callback with its reason, the account when known and the client address', async () => {
    const admin = await userWithToken(hub.app, 'admin');
    const refusedBefore = async () =>
      (await admin.http.get('/api/audit').query({ action: 'auth.sign-in-failed', pageSize: 100 }).expect(200))
        .body.total as number;
    const before = await refusedBefore();

    const noState = await throughProvider({ sub: 'sun.qi-0007', hub_role: 'monitor' });
    await callback(noState.query).expect(401);
    const noRole = await throughProvider({ sub: 'stranger-0008', preferred_username: 'stranger' });
    await callback(noRole.query, noRole.stateCookie).expect(401);
    // a code used once already, or an error the platform sends back instead of one
    await callback('?error=access_denied&state=x', noRole.stateCookie).expect(401);

    const audit = await admin.http
      .get('/api/audit')
      .query({ action: 'auth.sign-in-failed', pageSize: 3 })
      .expect(200);
    expect(audit.body.total).toBe(before + 3);
    expect(
      (audit.body.items as AuditItem[]).map((e) => ({ actor: e.actor, objectId: e.objectId, data: e.data })),
    ).toEqual([
      {
        actor: 'anonymous',
        objectId: '-',
        data: { method: 'oidc', reason: 'oidc-answer', from: expect.stringMatching(/127\.0\.0\.1$/) },
      },
      {
        actor: 'anonymous',
        objectId: 'stranger',
        data: { method: 'oidc', reason: 'oidc-no-role', from: expect.stringMatching(/127\.0\.0\.1$/) },
      },
      {
        actor: 'anonymous',
        objectId: '-',
        data: { method: 'oidc', reason: 'oidc-state', from: expect.stringMatching(/127\.0\.0\.1$/) },
      },
    ]);
  });

  it('refuses an applicant whose ID token carries no valid unit code', async () => {
    const { query, stateCookie } = await throughProvider({
      sub: 'wang.wu-0004',
      hub_role: 'applicant',
      unit_code: 'not-a-credit-code',
    });
    const res = await callback(query, stateCookie).expect(401);
    expectError(res, 'UNAUTHENTICATED');
    expect(res.body.error.message.en).toContain('unit_code');
  });
});

describe('users and tokens from the CLI', () => {
  let hub: Hub;
  const server = () => hub.app.getHttpServer();
  const operator = `cli:${os.userInfo().username}`;

  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(async () => {
    await hub?.close();
  });

  const runCli = (args: string[]) => runCliIn(hub.envVars, args);

  function oneTimePasswordIn(out: string): string {
    const match = /one-time password, shown once: (\S+)/.exec(out);
    if (!match) throw new Error(`no one-time password in:\n${out}`);
    return match[1]!;
  }

  it('creates a reviewer and prints a one-time password that signs in over HTTP', async () => {
    const out = await runCli(['users', 'create', 'chen.review', '--role', 'reviewer', '--name', '陈工']);
    expect(out).toContain('chen.review');
    const password = oneTimePasswordIn(out);
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    const login = await request(server())
      .post('/api/auth/login')
      .send({ username: 'chen.review', password })
      .expect(200);
    expect(login.body.user).toMatchObject({
      role: 'reviewer',
      displayName: '陈工',
      mustChangePassword: true,
    });
  });

  it('refuses an applicant without --unit with an error naming unitCode, and creates nobody', async () => {
    // The command's error is what `hub` prints on stderr (exit code 1): an AppError, bilingual.
    await expect(runCli(['users', 'create', 'x.applicant', '--role', 'applicant'])).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      text: { zh: expect.stringContaining('unitCode'), en: expect.stringContaining('unitCode') },
    });
    const users = await hub.app.get(UsersService).list();
    expect(users.map((u) => u.username)).not.toContain('x.applicant');

    expect(isValidCreditCode(UNIT_CODE)).toBe(true);
    const ok = await runCli(['users', 'create', 'x.applicant', '--role', 'applicant', '--unit', UNIT_CODE]);
    expect(ok).toContain(UNIT_CODE);
  });

  it('issues a token that authenticates over HTTP, lists it without the secret, and revokes it', async () => {
    await runCli(['users', 'create', 'ci.bot', '--role', 'monitor']);
    const out = await runCli(['tokens', 'create', '--user', 'ci.bot', '--name', 'ci']);
    const token = /hubt_[A-Za-z0-9_-]{43}/.exec(out)?.[0];
    expect(token, out).toBeDefined();
    const id = /^([0-9a-f-]{36}) /m.exec(out)?.[1];
    expect(id, out).toBeDefined();

    const asBot = apiClient(hub.app, token!);
    const me = await asBot.get('/api/auth/me').expect(200);
    // A token is not a password: the monitor's pending password change does not block it.
    expect(me.body).toMatchObject({ role: 'monitor', viaToken: true, user: { username: 'ci.bot' } });
    await asBot.get('/api/projects').expect(200);

    const listed = await runCli(['tokens', 'list']);
    expect(listed).toContain(id);
    expect(listed).toContain('ci.bot');
    expect(listed).toContain(token!.slice(0, 'hubt_'.length + 6));
    expect(listed).not.toContain(token!.slice('hubt_'.length + 6));
    const asJson = JSON.parse(await runCli(['tokens', 'list', '--user', 'ci.bot', '--format', 'json']));
    expect(asJson).toEqual([expect.objectContaining({ id, name: 'ci', status: 'active' })]);
    expect(asJson[0]).not.toHaveProperty('token');

    expect(await runCli(['tokens', 'revoke', id!])).toContain('revoked');
    const refused = await asBot.get('/api/auth/me').expect(401);
    expect(refused.body.error.message.zh).toContain('令牌已吊销');
  });

  it('records the operator as cli:<os user> in an audit trail that verifies intact', async () => {
    await runCli(['users', 'create', 'audit.me', '--role', 'auditor']);
    const id = (
      JSON.parse(
        await runCli(['tokens', 'create', '--user', 'audit.me', '--name', 'x', '--format', 'json']),
      ) as {
        id: string;
      }
    ).id;
    await runCli(['tokens', 'revoke', id]);
    const entries = JSON.parse(
      await runCli(['audit', 'list', '--actor', operator, '--format', 'json']),
    ) as AuditItem[];
    expect(entries.every((e) => e.actor === operator)).toBe(true);
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'user.create', objectId: 'audit.me' }),
        expect.objectContaining({ action: 'token.create', objectId: id }),
        expect.objectContaining({ action: 'token.revoke', objectId: id }),
      ]),
    );
    expect(await runCli(['audit', 'verify'])).toContain('intact');
  });

  // Last in this block: it leaves the trail broken.
  it('finds a row edited in the database behind the application’s back, from the CLI and the API', async () => {
    const prisma = hub.app.get(PrismaService);
    const target = await prisma.auditEntry.findFirstOrThrow({
      where: { action: 'token.create' },
      orderBy: { seq: 'asc' },
    });
    // What the database's owner could do (the hub's own role cannot): switch the append-only trigger
    // off and rewrite history.
    await behindTheAuditTrigger(hub.envVars.DATABASE_OWNER_URL!, async (c) => {
      await c.query(`UPDATE audit_entries SET actor = 'someone-else' WHERE seq = $1`, [target.seq]);
    });
    const exitCode = process.exitCode;
    try {
      const out = await runCli(['audit', 'verify']);
      expect(out).toContain(`audit trail broken at entry ${target.seq}`);
      expect(process.exitCode).toBe(3);
    } finally {
      process.exitCode = exitCode;
    }
    const admin = await userWithToken(hub.app, 'auditor');
    const res = await admin.http.get('/api/audit/verify').expect(200);
    expect(res.body).toMatchObject({ ok: false, firstBroken: { seq: target.seq.toString() } });
  });
});

describe('tokens ended by a password reset, a disable and a role change, over HTTP', () => {
  let hub: Hub;
  let admin: Awaited<ReturnType<typeof userWithToken>>;

  beforeAll(async () => {
    hub = await startHub();
    admin = await userWithToken(hub.app, 'admin', { username: 'users.admin' });
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('refuses the tokens of a user whose password an administrator reset', async () => {
    const victim = await userWithToken(hub.app, 'reviewer', { username: 'reset.me' });
    await victim.http.get('/api/projects').expect(200);
    await admin.http.post('/api/users/reset.me/password-reset').expect(200);
    const res = await victim.http.get('/api/projects').expect(401);
    expect(res.body.error.message.zh).toContain('密码已被重置');
  });

  it('keeps refusing the tokens of a disabled user after the user is enabled again', async () => {
    const user = await userWithToken(hub.app, 'monitor', { username: 'away.for.a.while' });
    await admin.http.patch('/api/users/away.for.a.while').send({ disabled: true }).expect(200);
    await user.http.get('/api/projects').expect(401);
    await admin.http.patch('/api/users/away.for.a.while').send({ disabled: false }).expect(200);
    const res = await user.http.get('/api/projects').expect(401);
    expect(res.body.error.message.en).toContain('does not bring old tokens back');
    const listed = await admin.http.get('/api/tokens').expect(200);
    expect(
      listed.body
        .filter((t: { username: string }) => t.username === 'away.for.a.while')
        .map((t: { status: string; revokedReason: string }) => [t.status, t.revokedReason]),
    ).toEqual([['revoked', 'disabled']]);
  });

  it('refuses the tokens of a user given another role', async () => {
    const user = await userWithToken(hub.app, 'admin', { username: 'demoted' });
    await user.http.get('/api/users').expect(200);
    await admin.http.patch('/api/users/demoted').send({ role: 'auditor' }).expect(200);
    const res = await user.http.get('/api/users').expect(401);
    expect(res.body.error.message.en).toContain('role or unit changed');
  });
});

describe('session signing keys from the CLI', () => {
  /** Signs in over HTTP as a user whose password is set, and returns the session token. */
  async function sessionOf(hub: Hub, username: string): Promise<string> {
    const users = hub.app.get(UsersService);
    if (!(await hub.app.get(PrismaService).user.findUnique({ where: { username } }))) {
      const { user } = await users.create(
        { username, displayName: username, role: 'reviewer', unitCode: null },
        't',
      );
      await users.changePassword(user.id, NEW_PASSWORD, 't');
    }
    const res = await request(hub.app.getHttpServer())
      .post('/api/auth/login')
      .send({ username, password: NEW_PASSWORD })
      .expect(200);
    return res.body.accessToken as string;
  }
  const kidOf = (jwt: string) =>
    (JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString('utf8')) as { kid?: string }).kid;

  async function rotateAndCheck(hub: Hub): Promise<void> {
    const before = await sessionOf(hub, 'key.user');
    const report = JSON.parse(await runCliIn(hub.envVars, ['keys', 'rotate', '--format', 'json']));
    expect(report.retired).toEqual([kidOf(before)]);
    // signed with the previous key: valid until it expires
    await apiClient(hub.app, before).get('/api/auth/me').expect(200);
    const after = await sessionOf(hub, 'key.user');
    expect(kidOf(after)).toBe(report.kid);
    await apiClient(hub.app, after).get('/api/auth/me').expect(200);
    const listed = JSON.parse(await runCliIn(hub.envVars, ['keys', 'list', '--format', 'json']));
    expect(listed.keys.map((k: { kid: string; signing: boolean }) => [k.kid, k.signing])).toEqual([
      [kidOf(before), false],
      [report.kid, true],
    ]);
    expect(JSON.stringify(listed)).not.toMatch(/"secret"/);
    const audit = await apiClient(hub.app, await adminToken(hub))
      .get('/api/audit')
      .query({ objectType: 'session-key' })
      .expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        action: 'session-key.rotate',
        objectId: report.kid,
        actor: expect.stringMatching(/^cli:/),
      }),
    ]);
  }
  const adminToken = async (hub: Hub) => (await userWithToken(hub.app, 'admin')).token;

  it('rotates the key kept in the database', async () => {
    const hub = await startHub();
    try {
      await rotateAndCheck(hub);
      expect(await hub.app.get(PrismaService).sessionKey.count()).toBe(2);
    } finally {
      await hub.close();
    }
  });

  it('rotates the key kept in HUB_SESSION_KEY_FILE, with none in the database', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-e2e-keys-'));
    const hub = await startHub({ HUB_SESSION_KEY_FILE: path.join(dir, 'session-keys.json') });
    try {
      await rotateAndCheck(hub);
      expect(await hub.app.get(PrismaService).sessionKey.count()).toBe(0);
      expect(fs.statSync(path.join(dir, 'session-keys.json')).mode & 0o777).toBe(0o600);
    } finally {
      await hub.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
