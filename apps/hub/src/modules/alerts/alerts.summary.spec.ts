import type { INestApplicationContext } from '@nestjs/common';
import { createTestDatabase } from '../../../../../test/support/database';
import { PrismaService } from '../../infra/database/prisma.service';
import { createTestContext } from '../../testing/test-context';
import { AlertsService, ZAlertFilter } from './alerts.service';
import { MONITOR_RULES, type MonitorRuleId } from './monitor.catalogue';

describe(AlertsService.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: INestApplicationContext;
  let prisma: PrismaService;
  let sut: AlertsService;

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = await createTestContext(db.url);
    prisma = ctx.get(PrismaService);
    sut = ctx.get(AlertsService);

    await alert('MON-ORPHAN', 'ecs-1', 'open', { vcpu: 8, memoryGiB: 32 });
    // Orphaned and idle at once: counted once in the total.
    await alert('MON-ORPHAN', 'ecs-2', 'acknowledged', { vcpu: 4, memoryGiB: 16 });
    await alert('MON-IDLE', 'ecs-2', 'open', { vcpu: 4, memoryGiB: 16 });
    await alert('MON-IDLE', 'ecs-3', 'open', { vcpu: null, memoryGiB: 8.5 });
    // Resolved: no longer holds anything the operators must act on.
    await alert('MON-IDLE', 'ecs-4', 'resolved', { vcpu: 64, memoryGiB: 256 });
    await alert('MON-EVAL-DUE', 'filing-1', 'open', { dueAt: '2026-11-20T00:00:00+08:00' });
    await alert('MON-PROD-NO-FILING', 'ecs-5', 'acknowledged', { vcpu: 2, memoryGiB: 4 });
  });
  afterAll(async () => {
    await ctx?.close();
    await db?.drop();
  });

  async function alert(
    ruleId: MonitorRuleId,
    label: string,
    status: 'open' | 'acknowledged' | 'resolved',
    details: Record<string, unknown>,
  ) {
    const rule = MONITOR_RULES[ruleId];
    const now = new Date('2026-11-01T00:00:00Z');
    return prisma.alert.create({
      data: {
        ruleId,
        key: `${ruleId}:test:${label}`,
        subject: `gov-cloud/resource/${label}`,
        severity: rule.severity,
        status,
        titleZh: `${rule.title.zh}：${label}`,
        titleEn: `${rule.title.en}: ${label}`,
        messageZh: label,
        messageEn: label,
        evidence: [],
        details: details as object,
        firstSeenAt: now,
        lastSeenAt: now,
        ...(status === 'resolved' ? { resolvedAt: now, resolvedBy: 'system' } : {}),
      },
    });
  }

  describe('summary', () => {
    it('counts unresolved alerts per severity and rule, and the capacity orphaned and idle resources hold', async () => {
      const summary = await sut.summary();
      expect(summary.unresolved).toBe(6);
      expect(summary.bySeverity).toEqual({
        critical: { open: 0, acknowledged: 1 },
        warning: { open: 2, acknowledged: 1 },
        info: { open: 2, acknowledged: 0 },
      });
      expect(summary.byRule['MON-IDLE']).toEqual({ open: 2, acknowledged: 0 });
      expect(summary.byRule['MON-ORPHAN']).toEqual({ open: 1, acknowledged: 1 });
      expect(summary.byRule['MON-SHARE-STALE']).toEqual({ open: 0, acknowledged: 0 });
      expect(summary.resources).toEqual({
        orphan: { resources: 2, vcpu: 12, memoryGiB: 48 },
        idle: { resources: 2, vcpu: 4, memoryGiB: 24.5 },
        total: { resources: 3, vcpu: 12, memoryGiB: 56.5 },
      });
    });
  });

  describe('list', () => {
    it('lists unresolved alerts of several rules at once', async () => {
      const filter = ZAlertFilter.parse({ status: 'unresolved', ruleId: ['MON-ORPHAN', 'MON-IDLE'] });
      const { items, total } = await sut.list(filter);
      expect(total).toBe(4);
      expect(items.map((a) => `${a.ruleId}/${a.status}`).sort()).toEqual([
        'MON-IDLE/open',
        'MON-IDLE/open',
        'MON-ORPHAN/acknowledged',
        'MON-ORPHAN/open',
      ]);
      expect((await sut.list(ZAlertFilter.parse({ ruleId: 'MON-IDLE' }))).total).toBe(3);
      expect(ZAlertFilter.safeParse({ ruleId: ['MON-IDLE', 'MON-NOPE'] }).success).toBe(false);
      expect(ZAlertFilter.safeParse({ status: 'closed' }).success).toBe(false);
    });
  });
});
