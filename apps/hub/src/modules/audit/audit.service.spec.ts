import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import pg from 'pg';
import {
  asRole as as,
  behindTheAuditTrigger,
  createTestDatabase,
  type TestDatabase,
} from '../../../../../test/support/database';
import { PrismaService } from '../../infra/database/prisma.service';
import { createTestContext } from '../../testing/test-context';
import {
  CHAIN_START_ACTION,
  GENESIS_HASH,
  KEYED,
  keyedHash,
  UNKEYED,
  unkeyedHash,
  ZAuditCheckpoint,
} from './audit-chain';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { AuditService } from './audit.service';

type Row = {
  seq: string;
  at: Date;
  actor: string;
  action: string;
  object_type: string;
  object_id: string;
  data: unknown;
  prev_hash: string;
  hash: string;
  chain_version: number;
};
const content = (r: Row) => ({
  at: r.at,
  actor: r.actor,
  action: r.action,
  objectType: r.object_type,
  objectId: r.object_id,
  data: r.data,
});

async function rows(c: pg.Client): Promise<Row[]> {
  return (await c.query<Row>('SELECT * FROM audit_entries ORDER BY seq')).rows;
}

/** Re-chains every entry from `fromSeq` on as someone without the key would: with `hash` of their own. */
async function rechain(
  c: pg.Client,
  fromSeq: string,
  hash: (prev: string, r: Row) => { hash: string; version: number },
): Promise<void> {
  let prev = GENESIS_HASH;
  for (const r of await rows(c)) {
    if (BigInt(r.seq) >= BigInt(fromSeq)) {
      const next = hash(prev, r);
      await c.query('UPDATE audit_entries SET prev_hash = $2, hash = $3, chain_version = $4 WHERE seq = $1', [
        r.seq,
        prev,
        next.hash,
        next.version,
      ]);
      prev = next.hash;
    } else prev = r.hash;
  }
}

describe(AuditService.name, () => {
  let ctx: INestApplicationContext;
  let db: TestDatabase;
  let prisma: PrismaService;
  let sut: AuditService;
  let checkpoints: AuditCheckpointService;

  async function open(env: Record<string, string> = {}): Promise<void> {
    ctx = await createTestContext(db.url, env);
    prisma = ctx.get(PrismaService);
    sut = ctx.get(AuditService);
    checkpoints = ctx.get(AuditCheckpointService);
  }

  async function appendFour(): Promise<void> {
    for (const n of [1, 2, 3, 4]) {
      await sut.append({
        actor: `op${n}`,
        action: 'binding.confirm',
        objectType: 'binding',
        objectId: `b${n}`,
        data: { n },
      });
    }
  }

  const keyFile = () => path.join(db.dataDir, 'audit.key');
  const checkpointFile = () => path.join(db.dataDir, 'audit-checkpoints.jsonl');
  const key = () => Buffer.from(fs.readFileSync(keyFile(), 'utf8').trim(), 'hex');

  afterEach(async () => {
    await ctx?.close();
    await db?.drop();
  });

  describe('on a trail the hub started', () => {
    beforeEach(async () => {
      db = await createTestDatabase();
      await open();
      await appendFour();
    });

    it('begins with a chain start entry and chains every entry by HMAC under the key file', async () => {
      const entries = await as(db.ownerUrl, rows);
      expect(entries.map((e) => e.action)).toEqual([CHAIN_START_ACTION, ...Array(4).fill('binding.confirm')]);
      expect(entries[0]!.prev_hash).toBe(GENESIS_HASH);
      for (const [i, e] of entries.entries()) {
        expect(e.chain_version).toBe(KEYED);
        if (i > 0) expect(e.prev_hash).toBe(entries[i - 1]!.hash);
        expect(e.hash).toBe(keyedHash(key(), e.prev_hash, BigInt(e.seq), content(e)));
      }
      const result = await sut.verify();
      expect(result).toMatchObject({
        ok: true,
        entries: 5,
        lastSeq: entries[4]!.seq,
        keyedFrom: { seq: entries[0]!.seq, unkeyedEntries: 0 },
        firstBroken: null,
        problems: [],
      });
    });

    it('keeps the chain whole when appends race', async () => {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          sut.append({ actor: 'race', action: 'registry.import', objectType: 't', objectId: String(i) }),
        ),
      );
      expect(await sut.verify()).toMatchObject({ ok: true, entries: 15, problems: [] });
    });

    it('lets the application role neither change, delete nor truncate an entry, nor switch off or drop the trigger', async () => {
      await expect(prisma.auditEntry.updateMany({ data: { actor: 'someone else' } })).rejects.toThrow(
        /permission denied for table audit_entries/,
      );
      const refusals = await as(db.url, async (c) => {
        const attempts = [
          "UPDATE audit_entries SET actor = 'someone else'",
          'DELETE FROM audit_entries',
          'TRUNCATE audit_entries',
          'ALTER TABLE audit_entries DISABLE TRIGGER USER',
          'DROP TRIGGER audit_entries_no_change ON audit_entries',
          'SET session_replication_role = replica',
          'SELECT hub_grant_application_privileges()',
        ];
        const out: { code?: string; message: string }[] = [];
        for (const sql of attempts) {
          out.push(
            await c.query(sql).then(
              () => ({ message: `${sql}: allowed` }),
              (e: { code?: string; message: string }) => ({ code: e.code, message: e.message }),
            ),
          );
        }
        return out;
      });
      expect(refusals).toEqual([
        { code: '42501', message: 'permission denied for table audit_entries' },
        { code: '42501', message: 'permission denied for table audit_entries' },
        { code: '42501', message: 'permission denied for table audit_entries' },
        { code: '42501', message: 'must be owner of table audit_entries' },
        { code: '42501', message: 'must be owner of relation audit_entries' },
        { code: '42501', message: 'permission denied to set parameter "session_replication_role"' },
        { code: '42501', message: 'permission denied for function hub_grant_application_privileges' },
      ]);
      // The owner is refused too, as long as it leaves the trigger on.
      await expect(as(db.ownerUrl, (c) => c.query("UPDATE audit_entries SET actor = 'x'"))).rejects.toThrow(
        /append-only: UPDATE refused/,
      );
      expect(await prisma.auditEntry.count()).toBe(5);
      expect(await sut.verify()).toMatchObject({ ok: true, warnings: [] });
    });

    it.each([
      {
        how: 'keyed with a key of their own',
        hash: (prev: string, r: Row) => ({
          hash: keyedHash(randomBytes(32), prev, BigInt(r.seq), content(r)),
          version: KEYED,
        }),
        kind: 'rewritten-entry',
      },
      {
        how: 'rewritten as unkeyed entries',
        hash: (prev: string, r: Row) => ({ hash: unkeyedHash(prev, content(r)), version: UNKEYED }),
        kind: 'unkeyed-after-keyed',
      },
    ])(
      'names the entry an owner edited and re-chained $how, and the checkpoint it no longer matches',
      async ({ hash, kind }) => {
        const cp = await checkpoints.checkpoint('interval');
        const third = (await as(db.ownerUrl, rows))[3]!;
        await behindTheAuditTrigger(db.ownerUrl, async (c) => {
          await c.query("UPDATE audit_entries SET actor = 'forged' WHERE seq = $1", [third.seq]);
          await rechain(c, third.seq, hash);
        });
        const result = await sut.verify();
        expect(result.ok).toBe(false);
        expect(result.firstBroken).toMatchObject({ seq: third.seq, kind });
        expect(result.problems.filter((p) => p.kind === 'broken-link')).toEqual([]);
        expect(result.problems).toContainEqual({
          kind: 'checkpoint-mismatch',
          seq: cp!.seq,
          message: {
            zh: expect.stringContaining(`第 ${cp!.seq} 条的哈希与`),
            en: expect.stringContaining('rewritten'),
          },
        });
      },
    );

    it('names the tail an owner deleted, which only the checkpoint can show', async () => {
      const cp = await checkpoints.checkpoint('interval');
      const before = await as(db.ownerUrl, rows);
      const [kept, gone1, gone2] = before.slice(2).map((r) => r.seq);
      await behindTheAuditTrigger(db.ownerUrl, async (c) => {
        await c.query('DELETE FROM audit_entries WHERE seq > $1', [kept]);
      });
      const result = await sut.verify();
      expect(cp).toMatchObject({ seq: gone2, count: 5 });
      expect(result).toMatchObject({ ok: false, entries: 3, lastSeq: kept });
      expect(result.problems).toEqual([
        {
          kind: 'truncated-tail',
          seq: gone1,
          message: {
            zh: expect.stringContaining(`序号 ${gone1}–${gone2} 的条目（2 条）已被删除`),
            en: expect.stringContaining(`entries ${gone1}–${gone2} (2) were deleted`),
          },
        },
      ]);
      expect(result.firstBroken).toMatchObject({ kind: 'truncated-tail', seq: gone1 });
    });

    it('cannot see a deleted tail without a checkpoint, and says so', async () => {
      fs.rmSync(checkpointFile(), { force: true });
      const result = await sut.verify();
      expect(result.ok).toBe(true);
      expect(result.warnings).toContainEqual({
        zh: '尚无本审计链的检查点：尾部被截断无法发现',
        en: 'no checkpoint of this chain yet: a truncated tail cannot be detected',
      });
    });

    it('finds an entry removed from the middle of the chain', async () => {
      const second = (await as(db.ownerUrl, rows))[2]!;
      await behindTheAuditTrigger(db.ownerUrl, async (c) => {
        await c.query('DELETE FROM audit_entries WHERE seq = $1', [second.seq]);
      });
      const result = await sut.verify();
      expect(result.ok).toBe(false);
      expect(BigInt(result.firstBroken!.seq!)).toBe(BigInt(second.seq) + 1n);
      expect(result.firstBroken!.kind).toBe('broken-link');
    });

    it('names a checkpoint line written without the key', async () => {
      const cp = (await checkpoints.checkpoint('interval'))!;
      fs.appendFileSync(checkpointFile(), `${JSON.stringify({ ...cp, count: 99, seq: '99' })}\n`);
      const lineNo = fs.readFileSync(checkpointFile(), 'utf8').trim().split('\n').length;
      const result = await sut.verify();
      expect(result.ok).toBe(false);
      expect(result.problems).toEqual([
        expect.objectContaining({
          kind: 'checkpoint-forged',
          message: expect.objectContaining({ zh: expect.stringContaining(`第 ${lineNo} 行`) }),
        }),
      ]);
    });

    it('names a trail deleted as a whole, even after the hub began a new one', async () => {
      await checkpoints.checkpoint('interval');
      await behindTheAuditTrigger(db.ownerUrl, (c) =>
        c.query('DELETE FROM audit_entries').then(() => undefined),
      );
      await ctx.close();
      await open();
      const result = await sut.verify();
      expect(result.entries).toBe(1);
      expect(result.problems).toEqual([expect.objectContaining({ kind: 'chain-replaced', seq: null })]);
    });

    it('creates the key file at first start, mode 0600, and reuses it at the next', async () => {
      const first = fs.readFileSync(keyFile(), 'utf8');
      expect(first).toMatch(/^[0-9a-f]{64}\n$/);
      expect(fs.statSync(keyFile()).mode & 0o777).toBe(0o600);
      await ctx.close();
      await open();
      await sut.append({ actor: 'op5', action: 'registry.import', objectType: 't', objectId: '5' });
      expect(fs.readFileSync(keyFile(), 'utf8')).toBe(first);
      const result = await sut.verify();
      expect(result).toMatchObject({ ok: true, entries: 6, problems: [] });
      expect(await prisma.auditEntry.count({ where: { action: CHAIN_START_ACTION } })).toBe(1);
    });

    it('refuses to start with another key than the chain was written with', async () => {
      await ctx.close();
      const other = path.join(db.dataDir, 'other.key');
      fs.writeFileSync(other, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
      await expect(open({ HUB_AUDIT_KEY_FILE: other })).rejects.toThrow(/audit key mismatch/);
      await open();
      expect((await sut.verify()).ok).toBe(true);
    });

    it('lists entries newest first, filtered by actor and object', async () => {
      const { total, items } = await sut.list({ objectType: 'binding', skip: 0, take: 10 });
      expect(total).toBe(4);
      expect(items.map((e) => e.actor)).toEqual(['op4', 'op3', 'op2', 'op1']);
      expect((await sut.list({ actor: 'op2', skip: 0, take: 10 })).items).toEqual([
        expect.objectContaining({ actor: 'op2', objectId: 'b2', data: { n: 2 } }),
      ]);
    });

    it('filters entries by action', async () => {
      await sut.append({ actor: 'op1', action: 'binding.reject', objectType: 'binding', objectId: 'b9' });
      const { total, items } = await sut.list({ action: 'binding.reject', skip: 0, take: 10 });
      expect(total).toBe(1);
      expect(items).toEqual([expect.objectContaining({ action: 'binding.reject', objectId: 'b9' })]);
      expect((await sut.list({ action: 'binding.confirm', skip: 0, take: 10 })).total).toBe(4);
    });

    it('writes a checkpoint only when the head moved, signed, as one JSON line', async () => {
      const first = await checkpoints.checkpoint('interval');
      expect(await checkpoints.checkpoint('interval')).toBeNull();
      await sut.append({ actor: 'op5', action: 'registry.import', objectType: 't', objectId: '5' });
      const second = await checkpoints.checkpoint('interval');
      expect(second).toMatchObject({ count: first!.count + 1, reason: 'interval' });
      const lines = fs.readFileSync(checkpointFile(), 'utf8').trim().split('\n');
      expect(lines.map((l) => ZAuditCheckpoint.parse(JSON.parse(l)).reason)).toEqual([
        'start',
        'interval',
        'interval',
      ]);
      expect(JSON.parse(lines[2]!)).toEqual(second);
      expect(fs.statSync(checkpointFile()).mode & 0o777).toBe(0o600);
    });

    it('records a checkpoint at shutdown and after a verification that found the trail intact', async () => {
      await checkpoints.verify();
      await sut.append({ actor: 'op5', action: 'registry.import', objectType: 't', objectId: '5' });
      await ctx.close();
      const reasons = fs
        .readFileSync(checkpointFile(), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { reason: string; count: number });
      expect(reasons.map((r) => [r.reason, r.count])).toEqual([
        ['start', 1],
        ['verify', 5],
        ['shutdown', 6],
      ]);
    });

    it('records checkpoints periodically once started', async () => {
      await ctx.close();
      await open({ HUB_AUDIT_CHECKPOINT_SECONDS: '1' });
      checkpoints.start();
      await sut.append({ actor: 'op5', action: 'registry.import', objectType: 't', objectId: '5' });
      await vi.waitFor(
        () => expect(fs.readFileSync(checkpointFile(), 'utf8')).toContain('"reason":"interval"'),
        { timeout: 5_000, interval: 100 },
      );
    });
  });

  describe('on a trail written before the chain was keyed', () => {
    let legacy: Row[];

    beforeEach(async () => {
      db = await createTestDatabase();
      // Entries as the hub wrote them before this version: plain sha256, no key.
      legacy = await as(db.ownerUrl, async (c) => {
        let prev = GENESIS_HASH;
        for (const n of [1, 2, 3]) {
          const e = {
            at: new Date(`2026-10-0${n}T08:00:00Z`),
            actor: `old${n}`,
            action: 'user.create',
            objectType: 'user',
            objectId: `u${n}`,
            data: { n },
          };
          const hash = unkeyedHash(prev, e);
          await c.query(
            `INSERT INTO audit_entries (at, actor, action, object_type, object_id, data, prev_hash, hash, chain_version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)`,
            [e.at, e.actor, e.action, e.objectType, e.objectId, e.data, prev, hash],
          );
          prev = hash;
        }
        return rows(c);
      });
      await open();
    });

    it('verifies the older part as it was written and says from which entry the keyed chain begins', async () => {
      await sut.append({ actor: 'op1', action: 'registry.import', objectType: 't', objectId: '1' });
      const start = (await as(db.ownerUrl, rows))[3]!;
      expect(start).toMatchObject({
        action: CHAIN_START_ACTION,
        chain_version: KEYED,
        prev_hash: legacy[2]!.hash,
      });
      expect(start.data).toMatchObject({ unkeyedEntries: 3, unkeyedHead: legacy[2]!.hash });
      expect(await sut.verify()).toMatchObject({
        ok: true,
        entries: 5,
        keyedFrom: { seq: start.seq, unkeyedEntries: 3 },
      });
    });

    it('names the chain start when the older part was edited and re-chained: its head is fixed under the key', async () => {
      const start = (await as(db.ownerUrl, rows))[3]!;
      await behindTheAuditTrigger(db.ownerUrl, async (c) => {
        await c.query("UPDATE audit_entries SET actor = 'forged' WHERE seq = $1", [legacy[1]!.seq]);
        await rechain(c, legacy[1]!.seq, (prev, r) =>
          r.chain_version === UNKEYED
            ? { hash: unkeyedHash(prev, content(r)), version: UNKEYED }
            : { hash: r.hash, version: r.chain_version },
        );
        // Leave the keyed start entry as it was but pointing at the new head: it cannot be re-signed.
      });
      const result = await sut.verify();
      expect(result.ok).toBe(false);
      expect(result.firstBroken).toMatchObject({ seq: start.seq });
      expect(result.problems.map((p) => [p.kind, p.seq])).toEqual(
        expect.arrayContaining([['rewritten-entry', start.seq]]),
      );
    });
  });
});
