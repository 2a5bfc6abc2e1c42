import type { INestApplicationContext } from '@nestjs/common';
import { createTestDatabase } from '../../../../../test/support/database';
import { PrismaService } from '../../infra/database/prisma.service';
import type { CheckRun } from '../../generated/prisma/client';
import { createTestContext } from '../../testing/test-context';
import { ScanOrchestrator, ZScanListQuery } from './scan-orchestrator.service';

describe(ScanOrchestrator.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: INestApplicationContext;
  let prisma: PrismaService;
  let sut: ScanOrchestrator;

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = await createTestContext(db.url);
    prisma = ctx.get(PrismaService);
    sut = ctx.get(ScanOrchestrator);
  });
  afterAll(async () => {
    await ctx?.close();
    await db?.drop();
  });

  let hours = 0;
  async function runOf(
    kind: CheckRun['kind'],
    status: CheckRun['status'],
    summary: object | null = null,
  ): Promise<CheckRun> {
    const at = new Date(Date.parse('2026-10-01T00:00:00Z') + ++hours * 3_600_000);
    return prisma.checkRun.create({
      data: {
        kind,
        status,
        asOf: at,
        startedAt: at,
        finishedAt: status === 'running' ? null : at,
        syncIds: [],
        trigger: 'schedule',
        requestedBy: 'system',
        projectCode: kind === 'targeted' ? '25-430600-0001' : null,
        ...(summary ? { summary } : {}),
        ...(status === 'failed' ? { error: 'gov-cloud 503' } : {}),
      },
    });
  }

  describe('recent', () => {
    it('lists scans newest first with their summaries, leaving out targeted checks, by status and limit', async () => {
      const summary = (notReady: number) => ({
        projects: 96,
        notReady,
        verdicts: { PASS: 10, FAIL: notReady, UNKNOWN: 1, WAIVED: 0, NOT_APPLICABLE: 2 },
      });
      const first = await runOf('scan', 'completed', summary(48));
      await runOf('targeted', 'completed', summary(1));
      const failed = await runOf('scan', 'failed');
      const second = await runOf('scan', 'completed', summary(40));
      const running = await runOf('scan', 'running');

      const all = await sut.recent(ZScanListQuery.parse({}));
      expect(all.map((s) => s.id)).toEqual([running.id, second.id, failed.id, first.id]);
      expect(all[1]).toEqual({
        id: second.id,
        status: 'completed',
        trigger: 'schedule',
        requestedBy: 'system',
        asOf: second.asOf.toISOString(),
        startedAt: second.startedAt.toISOString(),
        finishedAt: second.finishedAt!.toISOString(),
        summary: summary(40),
        error: null,
      });
      expect(all[2]).toMatchObject({ status: 'failed', summary: null, error: 'gov-cloud 503' });

      const completed = await sut.recent(ZScanListQuery.parse({ status: 'completed', limit: '1' }));
      expect(completed.map((s) => [s.id, s.summary?.notReady])).toEqual([[second.id, 40]]);
    });

    it('refuses a limit out of range and an unknown status', () => {
      expect(ZScanListQuery.safeParse({ limit: '0' }).success).toBe(false);
      expect(ZScanListQuery.safeParse({ limit: '201' }).success).toBe(false);
      expect(ZScanListQuery.safeParse({ status: 'done' }).success).toBe(false);
    });
  });
});
