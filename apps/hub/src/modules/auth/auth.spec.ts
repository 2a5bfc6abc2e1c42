import type { INestApplicationContext } from '@nestjs/common';
import { creditCodeCheckChar } from '@hub/contracts';
import { createTestDatabase } from '../../../../../test/support/database';
import { AppError } from '../../common/app-error';
import { PrismaService } from '../../infra/database/prisma.service';
import { createTestContext, ManualClock } from '../../testing/test-context';
import { AuditService } from '../audit/audit.service';
import { SIGN_IN_FAILED, SessionsService } from './sessions.service';
import { TokensService } from './tokens.service';
import { INITIAL_ADMIN, UsersService } from './users.service';

const DAY = 86_400_000;
const UNIT = '91430600MA4L0AB127';
const OTHER_UNIT = '91430600MA0000043' + creditCodeCheckChar('91430600MA0000043');

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('authentication (users, tokens, sessions)', () => {
  let ctx: INestApplicationContext;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let clock: ManualClock;
  let users: UsersService;
  let tokens: TokensService;
  let sessions: SessionsService;
  let prisma: PrismaService;

  beforeEach(async () => {
    db = await createTestDatabase();
    clock = new ManualClock();
    ctx = await createTestContext(db.url, { HUB_SESSION_TTL_MINUTES: '30' }, clock);
    users = ctx.get(UsersService);
    tokens = ctx.get(TokensService);
    sessions = ctx.get(SessionsService);
    prisma = ctx.get(PrismaService);
  });
  afterEach(async () => {
    await ctx?.close();
    await db?.drop();
  });

  async function reviewer(name = 'wang.gong') {
    await users.create({ username: name, displayName: '王工', role: 'reviewer', unitCode: null }, 'test');
    return users.get(name);
  }

  describe(TokensService.name, () => {
    it('stores only a hash of the token, shows it once, and lets it act as its user', async () => {
      const owner = await reviewer();
      const { token, view } = await tokens.create(owner, { name: 'ci', expiresInDays: 30 }, 'admin');
      expect(token).toMatch(/^hubt_[A-Za-z0-9_-]{43}$/);
      const stored = await prisma.apiToken.findUniqueOrThrow({ where: { id: view.id } });
      expect(JSON.stringify(stored)).not.toContain(token.slice(view.prefix.length));
      expect(JSON.stringify(await tokens.list(null))).not.toContain(token);
      expect(await tokens.authenticate(token)).toMatchObject({
        username: 'wang.gong',
        role: 'reviewer',
        tokenId: view.id,
      });
    });

    it('refuses a token once it has expired, and says so', async () => {
      const { token } = await tokens.create(await reviewer(), { name: 'ci', expiresInDays: 1 }, 'admin');
      clock.advance(DAY - 1000);
      await expect(tokens.authenticate(token)).resolves.toMatchObject({ username: 'wang.gong' });
      clock.advance(1000);
      const error = await rejection(tokens.authenticate(token));
      expect(error).toMatchObject({
        code: 'UNAUTHENTICATED',
        text: { zh: expect.stringContaining('已过期') },
      });
      expect((await tokens.list(null))[0]!.status).toBe('expired');
    });

    it('refuses a revoked token and a token of a disabled user, and audits both changes', async () => {
      const owner = await reviewer();
      const a = await tokens.create(owner, { name: 'a' }, 'admin');
      const b = await tokens.create(owner, { name: 'b' }, 'admin');
      await tokens.revoke(a.view.id, 'admin', null);
      expect((await rejection(tokens.authenticate(a.token))).text.zh).toContain('已吊销');
      await expect(tokens.authenticate(b.token)).resolves.toBeTruthy();
      await users.create({ username: 'root2', displayName: 'x', role: 'admin', unitCode: null }, 'test');
      await users.update('wang.gong', { disabled: true }, 'root2');
      expect((await rejection(tokens.authenticate(b.token))).text.zh).toContain('已停用');
      const audit = await ctx.get(AuditService).list({ skip: 0, take: 50 });
      expect(audit.items.map((e) => e.action)).toEqual(
        expect.arrayContaining(['token.create', 'token.revoke', 'user.update', 'user.create']),
      );
      expect(await ctx.get(AuditService).verify()).toMatchObject({ ok: true });
    });

    it("hides another user's token from a revocation limited to one owner", async () => {
      const mine = await reviewer('a.user');
      const theirs = await tokens.create(await reviewer('b.user'), { name: 'x' }, 'admin');
      expect((await rejection(tokens.revoke(theirs.view.id, 'a.user', mine.id))).code).toBe('NOT_FOUND');
      await expect(tokens.authenticate(theirs.token)).resolves.toBeTruthy();
    });

    it('revokes every token of a user whose password is reset, for good, saying why', async () => {
      const owner = await reviewer();
      const a = await tokens.create(owner, { name: 'a' }, 'admin');
      const b = await tokens.create(owner, { name: 'b' }, 'admin');
      const other = await tokens.create(await reviewer('li.gong'), { name: 'c' }, 'admin');
      await users.resetPassword('wang.gong', 'admin');
      for (const t of [a, b]) {
        expect((await rejection(tokens.authenticate(t.token))).text.zh).toContain('密码已被重置');
      }
      await expect(tokens.authenticate(other.token)).resolves.toMatchObject({ username: 'li.gong' });
      const listed = await tokens.list(owner.id);
      expect(listed.map((t) => [t.status, t.revokedReason])).toEqual([
        ['revoked', 'password-reset'],
        ['revoked', 'password-reset'],
      ]);
      const audit = await prisma.auditEntry.findFirstOrThrow({ where: { action: 'user.password-reset' } });
      expect(audit.data).toMatchObject({ tokensRevoked: 2 });
    });

    it('does not bring tokens back when a disabled user is enabled again', async () => {
      const owner = await reviewer();
      const { token } = await tokens.create(owner, { name: 'ci' }, 'admin');
      await users.update('wang.gong', { disabled: true }, 'admin');
      await users.update('wang.gong', { disabled: false }, 'admin');
      const error = await rejection(tokens.authenticate(token));
      expect(error.text.zh).toContain('已吊销');
      expect(error.text.en).toContain('does not bring old tokens back');
      // a token issued after the enable works
      const fresh = await tokens.create(await users.get('wang.gong'), { name: 'new' }, 'admin');
      await expect(tokens.authenticate(fresh.token)).resolves.toMatchObject({ username: 'wang.gong' });
    });

    it('revokes the tokens of a user whose role or unit changes, and keeps them on a new display name', async () => {
      const owner = await reviewer();
      const kept = await tokens.create(owner, { name: 'kept' }, 'admin');
      await users.update('wang.gong', { displayName: '王高工' }, 'admin');
      await expect(tokens.authenticate(kept.token)).resolves.toMatchObject({ role: 'reviewer' });
      await users.update('wang.gong', { role: 'auditor' }, 'admin');
      expect((await rejection(tokens.authenticate(kept.token))).text.en).toContain('role or unit changed');

      await users.create(
        { username: 'unit.user', displayName: '单位', role: 'applicant', unitCode: UNIT },
        'test',
      );
      const applicant = await tokens.create(await users.get('unit.user'), { name: 'a' }, 'admin');
      await users.update('unit.user', { unitCode: OTHER_UNIT }, 'admin');
      expect((await rejection(tokens.authenticate(applicant.token))).text.en).toContain(
        'role or unit changed',
      );
    });

    it('rejects out-of-range expiry with a reason', async () => {
      const error = await rejection(
        tokens.create(await reviewer(), { name: 'x', expiresInDays: 400 }, 'admin'),
      );
      expect(error.code).toBe('INVALID_REQUEST');
      expect(error.text.en).toContain('expiresInDays');
    });
  });

  describe(UsersService.name, () => {
    it('creates the first administrator once, with a one-time password to change at first sign-in', async () => {
      const password = await users.ensureInitialAdmin();
      expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
      expect(await users.ensureInitialAdmin()).toBeNull();
      const admin = await users.get(INITIAL_ADMIN);
      expect(admin).toMatchObject({ role: 'admin', mustChangePassword: true });
      expect(admin.passwordHash).toMatch(/^\$argon2id\$/);
      expect(admin.passwordHash).not.toContain(password);
      const session = await sessions.login(INITIAL_ADMIN, password!, 'test');
      expect(await sessions.authenticate(session.accessToken)).toMatchObject({ mustChangePassword: true });
    });

    it('keeps one enabled administrator', async () => {
      await users.ensureInitialAdmin();
      const demote = await rejection(users.update(INITIAL_ADMIN, { role: 'auditor' }, 'x'));
      expect(demote.code).toBe('CONFLICT');
      const disable = await rejection(users.update(INITIAL_ADMIN, { disabled: true }, 'x'));
      expect(disable.code).toBe('CONFLICT');
    });

    it('requires a unit for an applicant and refuses one for anybody else', async () => {
      const missing = await rejection(
        users.create({ username: 'u1', displayName: 'x', role: 'applicant', unitCode: null }, 't'),
      );
      expect(missing.text.en).toContain('unitCode');
      const extra = await rejection(
        users.create({ username: 'u2', displayName: 'x', role: 'monitor', unitCode: UNIT }, 't'),
      );
      expect(extra.text.en).toContain('unitCode');
      await expect(
        users.create({ username: 'u3', displayName: 'x', role: 'applicant', unitCode: UNIT }, 't'),
      ).resolves.toMatchObject({ user: { unitCode: UNIT } });
    });
  });

  describe(SessionsService.name, () => {
    async function signedIn() {
      const { oneTimePassword } = await users.create(
        { username: 'li.gong', displayName: '李工', role: 'monitor', unitCode: null },
        'test',
      );
      const user = await users.get('li.gong');
      await users.changePassword(user.id, 'a long enough password', 'li.gong');
      expect(oneTimePassword).not.toBe('a long enough password');
      return sessions.login('li.gong', 'a long enough password', 'test');
    }

    it('answers a wrong password and an unknown user alike', async () => {
      await signedIn();
      const wrong = await rejection(sessions.login('li.gong', 'not the password', 'test'));
      const unknown = await rejection(sessions.login('nobody', 'not the password', 'test'));
      expect(wrong.text).toEqual(unknown.text);
      expect(wrong.code).toBe('UNAUTHENTICATED');
    });

    it('audits every refused sign-in with the login tried, the reason and the address, never the password', async () => {
      await signedIn();
      await users.create(
        { username: 'zhao.gong', displayName: '赵工', role: 'reviewer', unitCode: null },
        'test',
      );
      await users.update('zhao.gong', { disabled: true }, 'admin');
      await rejection(sessions.login('li.gong', 'not the password', '10.0.0.7'));
      await rejection(sessions.login('nobody', 'guessed password 1', '10.0.0.8'));
      await rejection(sessions.login('zhao.gong', 'guessed password 2', '10.0.0.9'));
      await sessions.login('li.gong', 'a long enough password', '10.0.0.7');

      const { items } = await ctx.get(AuditService).list({ action: SIGN_IN_FAILED, skip: 0, take: 10 });
      expect(
        items.map((e) => ({ actor: e.actor, object: `${e.objectType}:${e.objectId}`, data: e.data })),
      ).toEqual([
        {
          actor: 'anonymous',
          object: 'user:zhao.gong',
          data: { method: 'password', reason: 'bad-password', from: '10.0.0.9' },
        },
        {
          actor: 'anonymous',
          object: 'user:nobody',
          data: { method: 'password', reason: 'unknown-user', from: '10.0.0.8' },
        },
        {
          actor: 'anonymous',
          object: 'user:li.gong',
          data: { method: 'password', reason: 'bad-password', from: '10.0.0.7' },
        },
      ]);
      expect(JSON.stringify(items)).not.toMatch(/not the password|guessed password/);
      // The chain takes the refusals like any other entry.
      await expect(ctx.get(AuditService).verify()).resolves.toMatchObject({ ok: true });
    });

    it('audits the right password of a disabled user as refused for being disabled', async () => {
      await signedIn();
      await users.update('li.gong', { disabled: true }, 'admin');
      await rejection(sessions.login('li.gong', 'a long enough password', '10.0.0.7'));
      const { items } = await ctx.get(AuditService).list({ action: SIGN_IN_FAILED, skip: 0, take: 10 });
      expect(items.map((e) => e.data)).toEqual([
        { method: 'password', reason: 'disabled', from: '10.0.0.7' },
      ]);
    });

    it('ends a session after its lifetime', async () => {
      const session = await signedIn();
      clock.advance(29 * 60_000);
      await expect(sessions.authenticate(session.accessToken)).resolves.toMatchObject({ role: 'monitor' });
      clock.advance(2 * 60_000);
      expect((await rejection(sessions.authenticate(session.accessToken))).text.zh).toContain('登录已过期');
    });

    it('ends every session when the role changes or the password is reset', async () => {
      const first = await signedIn();
      await users.update('li.gong', { role: 'auditor' }, 'admin');
      expect((await rejection(sessions.authenticate(first.accessToken))).code).toBe('UNAUTHENTICATED');
      const second = await sessions.login('li.gong', 'a long enough password', 'test');
      await expect(sessions.authenticate(second.accessToken)).resolves.toMatchObject({ role: 'auditor' });
      await users.resetPassword('li.gong', 'admin');
      expect((await rejection(sessions.authenticate(second.accessToken))).code).toBe('UNAUTHENTICATED');
    });

    it('does not take a sealed value, or a token signed with another key, for a session', async () => {
      const user = await reviewer();
      const sealed = await sessions.seal({ sub: user.id, sv: '0' }, 'oidc-state', 60);
      expect((await rejection(sessions.authenticate(sealed))).code).toBe('UNAUTHENTICATED');
      const session = await signedIn();
      const [header, payload] = session.accessToken.split('.');
      const forged = `${header}.${payload}.${'A'.repeat(43)}`;
      expect((await rejection(sessions.authenticate(forged))).code).toBe('UNAUTHENTICATED');
    });
  });
});
