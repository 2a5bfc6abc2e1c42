import type { INestApplicationContext } from '@nestjs/common';
import { createTestDatabase } from '../../../../../test/support/database';
import { PrismaService } from '../../infra/database/prisma.service';
import { createTestContext } from '../../testing/test-context';
import { AuditService, GENESIS_HASH } from './audit.service';

describe(AuditService.name, () => {
  let ctx: INestApplicationContext;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let prisma: PrismaService;
  let sut: AuditService;

  beforeEach(async () => {
    db = await createTestDatabase();
    ctx = await createTestContext(db.url);
    prisma = ctx.get(PrismaService);
    sut = ctx.get(AuditService);
    for (const n of [1, 2, 3, 4]) {
      await sut.append({
        actor: `op${n}`,
        action: 'binding.confirm',
        objectType: 'binding',
        objectId: `b${n}`,
        data: { n },
      });
    }
  });
  afterEach(async () => {
    await ctx?.close();
    await db?.drop();
  });

  /** What an owner of the database could do after switching the append-only trigger off. */
  async function asDatabaseOwner(sql: string) {
    await prisma.$executeRawUnsafe('ALTER TABLE audit_entries DISABLE TRIGGER USER');
    try {
      await prisma.$executeRawUnsafe(sql);
    } finally {
      await prisma.$executeRawUnsafe('ALTER TABLE audit_entries ENABLE TRIGGER USER');
    }
  }

  it('chains every entry to the one before it and verifies the whole chain', async () => {
    const entries = await prisma.auditEntry.findMany({ orderBy: { seq: 'asc' } });
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash);
    expect(await sut.verify()).toEqual({ ok: true, entries: 4, firstBroken: null });
  });

  it('refuses to update or delete an entry: the trail is append-only', async () => {
    await expect(prisma.auditEntry.updateMany({ data: { actor: 'someone else' } })).rejects.toThrow(
      /append-only/,
    );
    await expect(prisma.auditEntry.deleteMany({})).rejects.toThrow(/append-only/);
    expect(await prisma.auditEntry.count()).toBe(4);
  });

  it('finds an entry edited behind the application’s back, and names it', async () => {
    const third = (await prisma.auditEntry.findMany({ orderBy: { seq: 'asc' } }))[2]!;
    await asDatabaseOwner(`UPDATE audit_entries SET actor = 'forged' WHERE seq = ${third.seq}`);
    expect(await sut.verify()).toMatchObject({
      ok: false,
      firstBroken: { seq: third.seq.toString(), reason: expect.stringContaining('edited') },
    });
  });

  it('finds an entry removed from the middle of the chain', async () => {
    const second = (await prisma.auditEntry.findMany({ orderBy: { seq: 'asc' } }))[1]!;
    await asDatabaseOwner(`DELETE FROM audit_entries WHERE seq = ${second.seq}`);
    const result = await sut.verify();
    expect(result.ok).toBe(false);
    expect(BigInt(result.firstBroken!.seq)).toBe(second.seq + 1n);
    expect(result.firstBroken!.reason).toContain('previous-hash');
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

  it('keeps the chain whole when appends race', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        sut.append({ actor: 'race', action: 'x', objectType: 't', objectId: String(i) }),
      ),
    );
    expect(await sut.verify()).toEqual({ ok: true, entries: 14, firstBroken: null });
  });
});
