import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import pino from 'pino';
import { createAppContext, createHttpApp, prepareDatabase } from '../apps/hub/src/bootstrap';
import { loadEnv } from '../apps/hub/src/config/env';
import { AuditService } from '../apps/hub/src/modules/audit/audit.service';
import { runCli as runCliIn } from './support/cli';
import { asRole, behindTheAuditTrigger, createTestDatabase, type TestDatabase } from './support/database';
import { userWithToken } from './support/hub';

const CLOSED = 'http://127.0.0.1:9';
const UPSTREAMS_CLOSED = {
  GOV_CLOUD_BASE_URL: CLOSED,
  DATA_EXCHANGE_BASE_URL: CLOSED,
  MLPS_BASE_URL: CLOSED,
  VIDEO_BASE_URL: CLOSED,
  SERVICE_PLATFORMS_BASE_URL: CLOSED,
};

/** A logger whose lines a test can read. */
function capturingLogger() {
  const lines: { msg: string; [k: string]: unknown }[] = [];
  const logger = pino(
    { level: 'warn' },
    new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as { msg: string });
        done();
      },
    }),
  );
  return { logger, lines };
}

/** `hub …` on the test hub's database; its exit code as the process would end with it. */
async function cli(
  envVars: Record<string, string>,
  args: string[],
): Promise<{ out: string; exitCode: number }> {
  const saved = process.exitCode;
  process.exitCode = 0;
  try {
    const out = await runCliIn(envVars, args);
    return { out, exitCode: Number(process.exitCode ?? 0) };
  } finally {
    process.exitCode = saved;
  }
}

/**
 * The audit trail against an administrator of the database: the hub runs as a role that cannot
 * rewrite it, and what the owner rewrites or deletes behind the trigger is named by `hub audit verify`
 * and GET /api/audit/verify, against the keyed chain and the checkpoints kept outside the database.
 */
describe('audit trail against the database owner', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let envVars: Record<string, string>;
  const logger = pino({ level: 'silent' });

  beforeEach(async () => {
    db = await createTestDatabase();
    envVars = { ...db.env, HUB_LOG_LEVEL: 'silent', ...UPSTREAMS_CLOSED };
    const env = loadEnv(envVars);
    app = await createHttpApp(env, logger, await prepareDatabase(env, logger));
    await app.init();
    for (const name of ['li.a', 'li.b', 'li.c']) {
      await cli(envVars, ['users', 'create', name, '--role', 'auditor']);
    }
  });
  afterEach(async () => {
    await app?.close();
    await db?.drop();
  });

  it('verifies intact from the CLI, saying where the keyed chain begins, with the head checkpointed', async () => {
    const { out, exitCode } = await cli(envVars, ['audit', 'verify']);
    expect(exitCode).toBe(0);
    expect(out.split('\n')[0]).toMatch(/^审计日志完整 \/ audit trail intact: \d+ entries/);
    expect(out).toContain('密钥链自第 1 条起');
    const json = JSON.parse((await cli(envVars, ['audit', 'verify', '--format', 'json'])).out);
    const lines = fs
      .readFileSync(path.join(db.dataDir, 'audit-checkpoints.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ seq: json.lastSeq, count: json.entries });
    expect(json.checkpoints.latest).toMatchObject({ seq: json.lastSeq, count: json.entries });
  });

  it('names the truncated tail the owner deleted, from the CLI (exit code 3) and the API', async () => {
    const auditor = await userWithToken(app, 'auditor');
    await cli(envVars, ['audit', 'verify']); // checkpoints the whole trail
    const [last, before] = await asRole(db.ownerUrl, async (c) =>
      (await c.query<{ seq: string }>('SELECT seq FROM audit_entries ORDER BY seq DESC LIMIT 2')).rows.map(
        (r) => r.seq,
      ),
    );
    await behindTheAuditTrigger(db.ownerUrl, async (c) => {
      await c.query('DELETE FROM audit_entries WHERE seq >= $1', [before]);
    });
    const { out, exitCode } = await cli(envVars, ['audit', 'verify']);
    expect(exitCode).toBe(3);
    expect(out).toContain(`audit trail broken at entry ${before}: 尾部被截断`);
    expect(out).toContain(`[truncated-tail]`);
    expect(out).toContain(`entries ${before}–${last} (2) were deleted`);

    const res = await auditor.http.get('/api/audit/verify').expect(200);
    expect(res.body).toMatchObject({
      ok: false,
      firstBroken: { kind: 'truncated-tail', seq: before },
      problems: [expect.objectContaining({ kind: 'truncated-tail', seq: before })],
    });

    // The hub goes on appending after what remains: the links hold, the checkpoints still tell.
    await cli(envVars, ['users', 'create', 'li.d', '--role', 'auditor']);
    const later = await auditor.http.get('/api/audit/verify').expect(200);
    expect(later.body.problems[0]).toMatchObject({
      kind: 'checkpoint-mismatch',
      seq: last, // the checkpointed head
      message: { en: expect.stringContaining('is no longer in the database: it was deleted') },
    });
  });

  it('names the entry the owner rewrote and re-chained without the key', async () => {
    const [target, ...later] = await asRole(db.ownerUrl, async (c) =>
      (
        await c.query<{ seq: string }>(
          `SELECT seq FROM audit_entries
            WHERE seq >= (SELECT min(seq) FROM audit_entries WHERE action = 'user.create') ORDER BY seq`,
        )
      ).rows.map((r) => r.seq),
    );
    await behindTheAuditTrigger(db.ownerUrl, async (c) => {
      await c.query("UPDATE audit_entries SET actor = 'someone-else' WHERE seq = $1", [target]);
      // Every later hash replaced as well, with hashes of the owner's own: the links still hold.
      let prev: string | null = null;
      for (const seq of [target!, ...later]) {
        const hash = randomBytes(32).toString('hex');
        await c.query(
          'UPDATE audit_entries SET hash = $2, prev_hash = COALESCE($3, prev_hash) WHERE seq = $1',
          [seq, hash, prev],
        );
        prev = hash;
      }
    });
    const { out, exitCode } = await cli(envVars, ['audit', 'verify']);
    expect(exitCode).toBe(3);
    expect(out).toContain(`audit trail broken at entry ${target}: 第 ${target} 条的密钥哈希（HMAC）不符`);
    expect(out).not.toContain('[broken-link]');
  });

  it('keeps the hub from rewriting the trail itself: its role may only append', async () => {
    const refused = await asRole(envVars.DATABASE_URL!, (c) =>
      c.query('ALTER TABLE audit_entries DISABLE TRIGGER USER').then(
        () => null,
        (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
      ),
    );
    expect(refused).toEqual({ code: '42501', message: 'must be owner of table audit_entries' });
    const res = await (await userWithToken(app, 'auditor')).http.get('/api/audit/verify').expect(200);
    expect(res.body).toMatchObject({ ok: true, warnings: [] });
  });
});

describe('database roles of the hub', () => {
  it('runs the embedded PostgreSQL with an application role that is no superuser and owns nothing', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-embedded-roles-'));
    fs.chmodSync(dataDir, 0o755);
    const { logger, lines } = capturingLogger();
    const env = loadEnv({ HUB_DATA_DIR: dataDir, HUB_LOG_LEVEL: 'warn' });
    const base = await prepareDatabase(env, logger);
    try {
      expect(new URL(base.db.url).username).toBe('hub_app');
      expect(new URL(base.db.ownerUrl).username).toBe('hub');
      for (const file of ['pg-credentials.json', 'pg-app-credentials.json', 'audit.key']) {
        if (file === 'audit.key') continue; // written when the hub's modules start, below
        expect(fs.statSync(path.join(dataDir, file)).mode & 0o777).toBe(0o600);
      }
      const role = await asRole(base.db.url, async (c) => {
        const { rows } = await c.query<{ rolsuper: boolean; owns: boolean }>(
          `SELECT rolsuper, pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE relname = 'audit_entries'), 'MEMBER') AS owns
             FROM pg_roles WHERE rolname = current_user`,
        );
        const alter = await c
          .query('ALTER TABLE audit_entries DISABLE TRIGGER USER')
          .catch((e: Error) => e.message);
        return { ...rows[0], alter };
      });
      expect(role).toEqual({ rolsuper: false, owns: false, alter: 'must be owner of table audit_entries' });
      const ctx = await createAppContext(env, logger, base);
      try {
        await ctx
          .get(AuditService)
          .append({ actor: 'test', action: 'registry.import', objectType: 't', objectId: '1' });
        expect(await ctx.get(AuditService).verify()).toMatchObject({ ok: true, warnings: [] });
      } finally {
        await ctx.close();
      }
      expect(fs.statSync(path.join(dataDir, 'audit.key')).mode & 0o777).toBe(0o600);
      expect(lines.filter((l) => /exposed|superuser/.test(l.msg))).toEqual([]);
    } finally {
      await base.db.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('with DATABASE_OWNER_URL, makes an external login role a member of the application group and runs as it', async () => {
    const db = await createTestDatabase();
    const user = `hub_ext_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    await asRole(db.ownerUrl, (c) => c.query(`CREATE ROLE ${user} LOGIN PASSWORD '${password}'`));
    const url = new URL(db.url);
    url.username = user;
    url.password = password;
    try {
      const env = loadEnv({
        ...db.env,
        DATABASE_URL: url.toString(),
        HUB_LOG_LEVEL: 'silent',
        HUB_DATABASE_ROLE_CHECK: 'refuse',
      });
      const base = await prepareDatabase(env, pino({ level: 'silent' }));
      const ctx = await createAppContext(env, pino({ level: 'silent' }), base);
      try {
        await ctx
          .get(AuditService)
          .append({ actor: 'test', action: 'registry.import', objectType: 't', objectId: '1' });
        expect(await ctx.get(AuditService).verify()).toMatchObject({ ok: true, entries: 2 });
      } finally {
        await ctx.close();
      }
      const member = await asRole(
        db.ownerUrl,
        async (c) =>
          (await c.query<{ m: boolean }>(`SELECT pg_has_role($1, 'hub_application', 'MEMBER') AS m`, [user]))
            .rows[0]!.m,
      );
      expect(member).toBe(true);
    } finally {
      await db.drop();
      await asRole(db.ownerUrl.replace(/\/[^/]+$/, '/postgres'), (c) =>
        c.query(`DROP ROLE IF EXISTS ${user}`),
      );
    }
  });

  it('with one superuser URL, starts with a warning, reports it with every verification, and refuses on request', async () => {
    const db = await createTestDatabase();
    const { logger, lines } = capturingLogger();
    const vars = {
      DATABASE_URL: db.ownerUrl,
      HUB_DATA_DIR: db.dataDir,
      HUB_LOG_LEVEL: 'warn',
      ...UPSTREAMS_CLOSED,
    };
    try {
      const env = loadEnv(vars);
      const base = await prepareDatabase(env, logger);
      expect(lines.map((l) => l.msg)).toContain('the audit trail is exposed to the hub’s own database role');
      const ctx = await createAppContext(env, logger, base);
      try {
        const result = await ctx.get(AuditService).verify();
        expect(result.ok).toBe(true);
        expect(result.warnings).toContainEqual({
          zh: expect.stringMatching(/^中枢连接数据库所用的角色 hub 是超级用户/),
          en: expect.stringMatching(/^the hub's database role hub is a superuser/),
        });
      } finally {
        await ctx.close();
      }
      await expect(
        prepareDatabase(loadEnv({ ...vars, HUB_DATABASE_ROLE_CHECK: 'refuse' }), logger),
      ).rejects.toThrow(/超级用户[\s\S]*HUB_DATABASE_ROLE_CHECK=refuse/);
    } finally {
      await db.drop();
    }
  });
});
