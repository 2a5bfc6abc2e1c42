import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { decodeProtectedHeader, SignJWT } from 'jose';
import { createTestDatabase } from '../../../../../test/support/database';
import { AppError } from '../../common/app-error';
import { PrismaService } from '../../infra/database/prisma.service';
import { createTestContext, ManualClock } from '../../testing/test-context';
import { SessionKeysService } from './session-keys.service';
import { SessionsService } from './sessions.service';
import { UsersService } from './users.service';

const MINUTE = 60_000;

describe(SessionKeysService.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dir: string;
  const contexts: INestApplicationContext[] = [];

  beforeEach(async () => {
    db = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-keys-'));
  });
  afterEach(async () => {
    for (const ctx of contexts.splice(0)) await ctx.close();
    await db?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function hub(env: Record<string, string> = {}, clock = new ManualClock()) {
    const ctx = await createTestContext(db.url, { HUB_SESSION_TTL_MINUTES: '30', ...env }, clock);
    contexts.push(ctx);
    return {
      ctx,
      clock,
      keys: ctx.get(SessionKeysService),
      sessions: ctx.get(SessionsService),
      prisma: ctx.get(PrismaService),
    };
  }

  /** A user who may sign in, and a fresh session of theirs. */
  async function signIn(h: Awaited<ReturnType<typeof hub>>, username = 'zhang.gong') {
    const users = h.ctx.get(UsersService);
    const existing = await h.prisma.user.findUnique({ where: { username } });
    if (!existing) {
      await users.create({ username, displayName: '张工', role: 'reviewer', unitCode: null }, 'test');
    }
    return h.sessions.open(await users.get(username), 'password', 'test');
  }

  const kidOf = (jwt: string) => decodeProtectedHeader(jwt).kid;

  describe('session JWTs', () => {
    it('refuses a session signed with the real key but without exp, or without iat', async () => {
      const h = await hub();
      const session = await signIn(h);
      const user = await h.ctx.get(UsersService).get('zhang.gong');
      const { kid, key } = await h.keys.signingKey();
      const now = Math.floor(h.clock.now().getTime() / 1000);
      const base = () =>
        new SignJWT({ sv: user.sessionVersion })
          .setProtectedHeader({ alg: 'HS256', kid })
          .setIssuer('egov-compliance-hub')
          .setSubject(user.id);
      const forever = await base().setIssuedAt(now).sign(key);
      const undated = await base()
        .setExpirationTime(now + 600)
        .sign(key);
      const proper = await base()
        .setIssuedAt(now)
        .setExpirationTime(now + 600)
        .sign(key);

      for (const jwt of [forever, undated]) {
        await expect(h.sessions.authenticate(jwt)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      }
      await expect(h.sessions.authenticate(proper)).resolves.toMatchObject({ username: 'zhang.gong' });
      await expect(h.sessions.authenticate(session.accessToken)).resolves.toMatchObject({
        username: 'zhang.gong',
      });
    });

    it('still verifies a session of the key kept before keys had names (no kid)', async () => {
      const h = await hub();
      await h.prisma.sessionKey.create({
        data: { kid: 'legacy', secret: 'l'.repeat(64), createdAt: new Date('2026-01-01T00:00:00Z') },
      });
      await signIn(h);
      const user = await h.ctx.get(UsersService).get('zhang.gong');
      const now = Math.floor(h.clock.now().getTime() / 1000);
      const old = await new SignJWT({ sv: user.sessionVersion })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('egov-compliance-hub')
        .setSubject(user.id)
        .setIssuedAt(now)
        .setExpirationTime(now + 600)
        .sign(new TextEncoder().encode('l'.repeat(64)));
      await expect(h.sessions.authenticate(old)).resolves.toMatchObject({ username: 'zhang.gong' });
    });
  });

  describe('in the database', () => {
    it('rotates: new sessions carry the new kid, earlier ones stay valid until they expire, audited', async () => {
      const h = await hub();
      const before = await signIn(h);
      const report = await h.keys.rotate('cli:ops');
      expect(report).toMatchObject({ store: 'database', retired: [kidOf(before.accessToken)], removed: [] });

      const after = await signIn(h);
      expect(kidOf(after.accessToken)).toBe(report.kid);
      expect(kidOf(after.accessToken)).not.toBe(kidOf(before.accessToken));
      // another replica, which has not seen the rotation, accepts the new session too
      const replica = await hub({}, h.clock);
      await expect(replica.sessions.authenticate(after.accessToken)).resolves.toBeTruthy();
      await expect(h.sessions.authenticate(before.accessToken)).resolves.toBeTruthy();

      h.clock.advance(31 * MINUTE);
      await expect(h.sessions.authenticate(before.accessToken)).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
      const audit = await h.prisma.auditEntry.findFirstOrThrow({ where: { action: 'session-key.rotate' } });
      expect(audit).toMatchObject({ actor: 'cli:ops', objectId: report.kid });
      expect(JSON.stringify(audit.data)).not.toContain((await h.prisma.sessionKey.findFirstOrThrow()).secret);
    });

    it('removes a retired key once no session it signed can be valid, at the next rotation', async () => {
      const h = await hub();
      const first = kidOf((await signIn(h)).accessToken);
      const second = await h.keys.rotate('ops');
      h.clock.advance(30 * MINUTE + 16 * MINUTE);
      const third = await h.keys.rotate('ops');
      expect(third).toMatchObject({ retired: [second.kid], removed: [first] });
      expect((await h.keys.list()).map((k) => [k.kid, k.signing])).toEqual([
        [second.kid, false],
        [third.kid, true],
      ]);
    });
  });

  describe('in HUB_SESSION_KEY_FILE', () => {
    it('creates the file with mode 0600 and keeps no key in the database; rotation rewrites it', async () => {
      const file = path.join(dir, 'session-keys.json');
      const h = await hub({ HUB_SESSION_KEY_FILE: file });
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const before = await signIn(h);
      expect(await h.prisma.sessionKey.count()).toBe(0);
      expect(fs.readFileSync(file, 'utf8')).toContain(kidOf(before.accessToken));

      const report = await h.keys.rotate('ops');
      expect(report.store).toBe('file');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const after = await signIn(h);
      expect(kidOf(after.accessToken)).toBe(report.kid);
      await expect(h.sessions.authenticate(before.accessToken)).resolves.toBeTruthy();
      expect(await h.prisma.sessionKey.count()).toBe(0);

      // a second process on the same file (the CLI's rotation, another replica) sees it
      const replica = await hub({ HUB_SESSION_KEY_FILE: file }, h.clock);
      await expect(replica.sessions.authenticate(after.accessToken)).resolves.toBeTruthy();
      await replica.keys.rotate('ops');
      const third = await signIn(h);
      expect(kidOf(third.accessToken)).not.toBe(report.kid);
      await expect(replica.sessions.authenticate(third.accessToken)).resolves.toBeTruthy();
    });

    it('moves keys the database held into the file, so their sessions survive the switch, audited', async () => {
      const clock = new ManualClock();
      const fromDb = await hub({}, clock);
      const session = await signIn(fromDb);
      expect(await fromDb.prisma.sessionKey.count()).toBe(1);

      const file = path.join(dir, 'keys.json');
      const withFile = await hub({ HUB_SESSION_KEY_FILE: file }, clock);
      expect(await withFile.prisma.sessionKey.count()).toBe(0);
      await expect(withFile.sessions.authenticate(session.accessToken)).resolves.toMatchObject({
        username: 'zhang.gong',
      });
      expect(await withFile.prisma.auditEntry.count({ where: { action: 'session-key.move' } })).toBe(1);
    });

    it('stops the hub at start when the file is not a key file, naming it', async () => {
      const file = path.join(dir, 'broken.json');
      fs.writeFileSync(file, '{"version":1,"keys":[]}', { mode: 0o600 });
      await expect(hub({ HUB_SESSION_KEY_FILE: file })).rejects.toThrow(
        /HUB_SESSION_KEY_FILE=.*broken\.json/,
      );
    });
  });

  it('refuses to rotate a key fixed by HUB_SESSION_SECRET, saying what to use instead', async () => {
    const h = await hub({ HUB_SESSION_SECRET: 's'.repeat(40) });
    const session = await signIn(h);
    expect(kidOf(session.accessToken)).toBe('env');
    const error = await h.keys.rotate('ops').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'CONFLICT',
      text: { en: expect.stringContaining('HUB_SESSION_KEY_FILE') },
    });
  });
});
