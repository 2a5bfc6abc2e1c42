import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { TProject } from '@hub/contracts';
import { buildProject } from '@hub/contracts/testing';
import { projectContentHash } from '@hub/registry';
import { packFor, type Finding as RuleFinding, type Verdict } from '@hub/rules';
import { createTestDatabase } from '../../../../../test/support/database';
import { PrismaService } from '../../infra/database/prisma.service';
import type { CheckRun, Project } from '../../generated/prisma/client';
import { createTestContext, ManualClock } from '../../testing/test-context';
import { FindingsRepository } from '../checks/findings.repository';
import { ProjectsRepository } from '../projects/projects.repository';
import { HistoryService } from './history.service';

const yueyangPack = packFor('yueyang');

const DAY = 86_400_000;
const RULES = new Map(yueyangPack.rules.map((r) => [r.id, r]));

/** A finding of a yueyang rule as the engine gives it, with the verdict the test wants. */
function finding(ruleId: string, verdict: Verdict, warningOnly = false): RuleFinding {
  const rule = RULES.get(ruleId)!;
  return {
    ruleId,
    packId: 'yueyang',
    title: rule.title,
    clause: rule.clause,
    basis: rule.basis,
    severity: rule.severity,
    domain: rule.domain,
    verdict,
    reason: { zh: `${verdict}`, en: `${verdict}` },
    evidence: [],
    registry: null,
    warningOnly,
  };
}

describe(HistoryService.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: INestApplicationContext;
  let clock: ManualClock;
  let prisma: PrismaService;
  let sut: HistoryService;

  beforeAll(async () => {
    db = await createTestDatabase();
    clock = new ManualClock();
    ctx = await createTestContext(db.url, {}, clock);
    prisma = ctx.get(PrismaService);
    sut = ctx.get(HistoryService);
  });
  afterAll(async () => {
    await ctx?.close();
    await db?.drop();
  });

  async function addProject(overrides: Partial<TProject> = {}): Promise<Project> {
    const project = buildProject(overrides);
    await ctx.get(ProjectsRepository).upsert(project, projectContentHash(project));
    return prisma.project.findUniqueOrThrow({ where: { code: project.code } });
  }

  type Judged = Record<string, Verdict | { verdict: Verdict; warningOnly: boolean }>;

  /**
   * A check run at the clock's instant (then the clock moves on an hour) with the given verdicts per
   * project, saved as the checks module saves them.
   */
  async function run(
    kind: CheckRun['kind'],
    byProject: [Project, Judged][],
    options: { status?: CheckRun['status']; finishedDaysAgo?: number } = {},
  ): Promise<CheckRun> {
    const now = clock.now();
    const finishedAt =
      options.status === 'running'
        ? null
        : options.finishedDaysAgo === undefined
          ? now
          : new Date(now.getTime() - options.finishedDaysAgo * DAY);
    const created = await prisma.checkRun.create({
      data: {
        kind,
        projectCode: kind === 'targeted' ? byProject[0]![0].code : null,
        status: options.status ?? 'completed',
        asOf: finishedAt ?? now,
        startedAt: finishedAt ?? now,
        finishedAt,
        syncIds: [],
      },
    });
    await ctx.get(FindingsRepository).save(
      created.id,
      byProject.map(([project, verdicts]) => ({
        projectId: project.id,
        packVersion: 1,
        findings: Object.entries(verdicts).map(([ruleId, v]) =>
          typeof v === 'string' ? finding(ruleId, v) : finding(ruleId, v.verdict, v.warningOnly),
        ),
      })),
    );
    clock.advance(3_600_000);
    // Findings order runs by the time they were stored: keep runs apart.
    await new Promise((r) => setTimeout(r, 5));
    return created;
  }

  describe('projectTimeline', () => {
    it('lists the completed runs that judged the project, newest first, with readiness and the verdicts that changed', async () => {
      const project = await addProject();
      const other = await addProject();
      const first = await run('scan', [
        [project, { 'YY-CLOUD-DEPLOY': 'FAIL', 'YY-PLAN': 'PASS', 'YY-OM-PERIOD': 'FAIL' }],
        [other, { 'YY-CLOUD-DEPLOY': 'PASS' }],
      ]);
      const second = await run('targeted', [
        [project, { 'YY-CLOUD-DEPLOY': 'PASS', 'YY-PLAN': 'PASS', 'YY-OM-PERIOD': 'FAIL' }],
      ]);
      await run('targeted', [[project, { 'YY-CLOUD-DEPLOY': 'FAIL' }]], { status: 'failed' });
      await run('targeted', [[other, { 'YY-PLAN': 'FAIL' }]]);
      const third = await run('scan', [
        [
          project,
          {
            'YY-CLOUD-DEPLOY': 'PASS',
            'YY-PLAN': 'UNKNOWN',
            'YY-CRYPTO': { verdict: 'FAIL', warningOnly: true },
          },
        ],
      ]);

      const timeline = await sut.projectTimeline(project.code);

      expect(timeline).toMatchObject({ projectCode: project.code, name: project.name, total: 3 });
      expect(timeline.items.map((e) => [e.checkRunId, e.kind])).toEqual([
        [third.id, 'scan'],
        [second.id, 'targeted'],
        [first.id, 'scan'],
      ]);
      const [newest, middle, oldest] = timeline.items;
      expect(newest).toMatchObject({
        ready: false,
        blockingRuleIds: ['YY-PLAN'],
        verdicts: { PASS: 1, FAIL: 1, UNKNOWN: 1, WAIVED: 0, NOT_APPLICABLE: 0 },
        previousCheckRunId: second.id,
        changes: [
          { ruleId: 'YY-CRYPTO', from: null, to: 'FAIL' },
          { ruleId: 'YY-OM-PERIOD', from: 'FAIL', to: null },
          { ruleId: 'YY-PLAN', from: 'PASS', to: 'UNKNOWN' },
        ],
      });
      // An advisory FAIL does not stand in the way of acceptance.
      expect(middle).toMatchObject({
        ready: true,
        blockingRuleIds: [],
        changes: [{ ruleId: 'YY-CLOUD-DEPLOY', from: 'FAIL', to: 'PASS' }],
      });
      expect(oldest).toMatchObject({
        ready: false,
        blockingRuleIds: ['YY-CLOUD-DEPLOY'],
        previousCheckRunId: null,
        changes: [],
        asOf: first.asOf.toISOString(),
      });
    });

    it('compares the oldest entry of a limited page with the run just before it', async () => {
      const project = await addProject();
      await run('scan', [[project, { 'YY-PLAN': 'FAIL' }]]);
      const second = await run('scan', [[project, { 'YY-PLAN': 'PASS' }]]);
      await run('scan', [[project, { 'YY-PLAN': 'PASS' }]]);

      const timeline = await sut.projectTimeline(project.code, undefined, { limit: 2 });

      expect(timeline.total).toBe(3);
      expect(timeline.items).toHaveLength(2);
      expect(timeline.items[1]).toMatchObject({
        checkRunId: second.id,
        previousCheckRunId: expect.any(String),
        changes: [{ ruleId: 'YY-PLAN', from: 'FAIL', to: 'PASS' }],
      });
    });

    it('answers PROJECT_NOT_FOUND for another unit’s project, as for a missing one', async () => {
      const project = await addProject();
      await run('scan', [[project, { 'YY-PLAN': 'PASS' }]]);
      const otherUnit = (await addProject()).unitCode;

      await expect(
        sut.projectTimeline(project.code, { kind: 'unit', unitCode: otherUnit }),
      ).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND', status: 404 });
      await expect(sut.projectTimeline('25-430600-9999')).rejects.toMatchObject({
        code: 'PROJECT_NOT_FOUND',
      });
      const own = await sut.projectTimeline(project.code, { kind: 'unit', unitCode: project.unitCode });
      expect(own.items).toHaveLength(1);
    });
  });

  describe('ruleTrend', () => {
    it('counts each verdict of the rule per completed scan, oldest first, leaving out targeted and failed runs', async () => {
      // A fresh database state of scans: earlier tests' scans come first in time.
      const before = (await sut.ruleTrend('YY-VIDEO', { limit: 400 })).scans.length;
      const [a, b, c] = [await addProject(), await addProject(), await addProject()];
      const s1 = await run('scan', [
        [a, { 'YY-VIDEO': 'FAIL' }],
        [b, { 'YY-VIDEO': 'FAIL' }],
        [c, { 'YY-VIDEO': 'NOT_APPLICABLE' }],
      ]);
      await run('targeted', [[a, { 'YY-VIDEO': 'PASS' }]]);
      await run('scan', [[a, { 'YY-VIDEO': 'PASS' }]], { status: 'failed' });
      const s2 = await run('scan', [
        [a, { 'YY-VIDEO': 'PASS' }],
        [b, { 'YY-VIDEO': 'UNKNOWN' }],
        [c, { 'YY-VIDEO': 'NOT_APPLICABLE', 'YY-PLAN': 'FAIL' }],
      ]);
      const s3 = await run('scan', [[a, { 'YY-PLAN': 'PASS' }]]);

      const trend = await sut.ruleTrend('YY-VIDEO', { limit: 3 });

      expect(trend).toMatchObject({ ruleId: 'YY-VIDEO', packId: 'yueyang', severity: 'blocking' });
      expect(trend.title.zh).toEqual(expect.any(String));
      expect(trend.scans).toEqual([
        {
          checkRunId: s1.id,
          asOf: s1.asOf.toISOString(),
          projects: 3,
          verdicts: { PASS: 0, FAIL: 2, WAIVED: 0, NOT_APPLICABLE: 1, UNKNOWN: 0 },
        },
        {
          checkRunId: s2.id,
          asOf: s2.asOf.toISOString(),
          projects: 3,
          verdicts: { PASS: 1, FAIL: 0, WAIVED: 0, NOT_APPLICABLE: 1, UNKNOWN: 1 },
        },
        {
          checkRunId: s3.id,
          asOf: s3.asOf.toISOString(),
          projects: 0,
          verdicts: { PASS: 0, FAIL: 0, WAIVED: 0, NOT_APPLICABLE: 0, UNKNOWN: 0 },
        },
      ]);
      const all = await sut.ruleTrend('YY-VIDEO', { limit: 400 });
      expect(all.scans).toHaveLength(before + 3);
      expect(all.scans.at(-1)!.checkRunId).toBe(s3.id);
    });

    it('answers NOT_FOUND for a rule of neither pack', async () => {
      await expect(sut.ruleTrend('XX-NO-SUCH-RULE')).rejects.toMatchObject({
        code: 'NOT_FOUND',
        status: 404,
      });
    });
  });

  describe('diff', () => {
    it('classifies every rule of the projects judged in both runs as new, regressed or fixed, and lists added and removed projects', async () => {
      const [changed, same, removed, added] = [
        await addProject(),
        await addProject(),
        await addProject(),
        await addProject(),
      ];
      const from = await run('scan', [
        [
          changed,
          {
            'YY-CLOUD-DEPLOY': 'PASS',
            'YY-PLAN': 'FAIL',
            'YY-VIDEO': 'PASS',
            'YY-MLPS-PROD': 'UNKNOWN',
            'YY-YWTB': 'WAIVED',
            'YY-SUPERVISION': 'FAIL',
            'YY-KEY-DOMAIN': 'NOT_APPLICABLE',
            'YY-OM-PERIOD': 'UNKNOWN',
          },
        ],
        [same, { 'YY-PLAN': 'FAIL', 'YY-VIDEO': 'PASS' }],
        [removed, { 'YY-PLAN': 'FAIL' }],
      ]);
      const to = await run('scan', [
        [
          changed,
          {
            'YY-CLOUD-DEPLOY': 'FAIL', // regressed
            'YY-PLAN': 'PASS', // fixed
            'YY-VIDEO': 'UNKNOWN', // new: a source could not tell
            'YY-MLPS-PROD': 'FAIL', // still failing
            'YY-YWTB': 'WAIVED', // unchanged
            // YY-SUPERVISION no longer judged: fixed
            'YY-KEY-DOMAIN': 'FAIL', // regressed
            'YY-OM-PERIOD': 'PASS', // fixed (advisory)
            'YY-DATA-SHARE': 'FAIL', // new: not judged before
          },
        ],
        [same, { 'YY-PLAN': 'FAIL', 'YY-VIDEO': 'PASS' }],
        [added, { 'YY-PLAN': 'FAIL' }],
      ]);

      const diff = await sut.diff(from.id, to.id);

      expect(diff.from).toEqual({ id: from.id, kind: 'scan', asOf: from.asOf.toISOString(), projects: 3 });
      expect(diff.to).toMatchObject({ id: to.id, projects: 3 });
      expect(diff.counts).toEqual({
        projectsCompared: 2,
        projectsAdded: 1,
        projectsRemoved: 1,
        projectsChanged: 1,
        new: 2,
        regressed: 2,
        fixed: 3,
        newlyFailing: 4,
        stillFailing: 2,
      });
      expect(diff.projectsAdded).toEqual([added.code]);
      expect(diff.projectsRemoved).toEqual([removed.code]);
      const c = changed.code;
      expect(diff.changes).toEqual({
        total: 7,
        offset: 0,
        limit: 200,
        items: [
          {
            projectCode: c,
            ruleId: 'YY-CLOUD-DEPLOY',
            change: 'regressed',
            from: 'PASS',
            to: 'FAIL',
            severity: 'blocking',
            blocking: true,
          },
          {
            projectCode: c,
            ruleId: 'YY-DATA-SHARE',
            change: 'new',
            from: null,
            to: 'FAIL',
            severity: 'blocking',
            blocking: true,
          },
          {
            projectCode: c,
            ruleId: 'YY-KEY-DOMAIN',
            change: 'regressed',
            from: 'NOT_APPLICABLE',
            to: 'FAIL',
            severity: 'blocking',
            blocking: true,
          },
          {
            projectCode: c,
            ruleId: 'YY-OM-PERIOD',
            change: 'fixed',
            from: 'UNKNOWN',
            to: 'PASS',
            severity: 'advisory',
            blocking: false,
          },
          {
            projectCode: c,
            ruleId: 'YY-PLAN',
            change: 'fixed',
            from: 'FAIL',
            to: 'PASS',
            severity: 'blocking',
            blocking: true,
          },
          {
            projectCode: c,
            ruleId: 'YY-SUPERVISION',
            change: 'fixed',
            from: 'FAIL',
            to: null,
            severity: 'blocking',
            blocking: true,
          },
          {
            projectCode: c,
            ruleId: 'YY-VIDEO',
            change: 'new',
            from: 'PASS',
            to: 'UNKNOWN',
            severity: 'blocking',
            blocking: true,
          },
        ],
      });
    });

    it('pages the listed changes and filters them by class while the counts stay whole', async () => {
      const projects = [await addProject(), await addProject(), await addProject()];
      const from = await run(
        'scan',
        projects.map((p) => [p, { 'YY-PLAN': 'PASS', 'YY-VIDEO': 'FAIL' }] as [Project, Judged]),
      );
      const to = await run(
        'scan',
        projects.map((p) => [p, { 'YY-PLAN': 'FAIL', 'YY-VIDEO': 'PASS' }] as [Project, Judged]),
      );
      const codes = projects.map((p) => p.code).sort();

      const page = await sut.diff(from.id, to.id, { offset: 2, limit: 3 });
      expect(page.counts).toMatchObject({ regressed: 3, fixed: 3, projectsChanged: 3 });
      expect(page.changes.total).toBe(6);
      expect(page.changes.items.map((i) => `${i.projectCode} ${i.ruleId}`)).toEqual([
        `${codes[1]} YY-PLAN`,
        `${codes[1]} YY-VIDEO`,
        `${codes[2]} YY-PLAN`,
      ]);
      const fixed = await sut.diff(from.id, to.id, { change: 'fixed' });
      expect(fixed.changes.total).toBe(3);
      expect(fixed.changes.items.every((i) => i.change === 'fixed' && i.ruleId === 'YY-VIDEO')).toBe(true);
    });

    it('refuses an unknown run with CHECK_NOT_FOUND and a running one with CONFLICT', async () => {
      const project = await addProject();
      const done = await run('scan', [[project, { 'YY-PLAN': 'PASS' }]]);
      const running = await run('scan', [[project, { 'YY-PLAN': 'PASS' }]], { status: 'running' });
      await expect(sut.diff(done.id, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
        code: 'CHECK_NOT_FOUND',
        status: 404,
      });
      await expect(sut.diff(done.id, running.id)).rejects.toMatchObject({ code: 'CONFLICT', status: 409 });
    });
  });

  describe('prune', () => {
    it('deletes finished runs older than the retention with their findings, keeps those named by reviews or disputes, and audits it', async () => {
      await prisma.finding.deleteMany({});
      await prisma.checkRun.deleteMany({});
      const project = await addProject();
      const judged: [Project, Judged][] = [[project, { 'YY-PLAN': 'FAIL', 'YY-VIDEO': 'PASS' }]];
      const oldScan = await run('scan', judged, { finishedDaysAgo: 500 });
      const oldFailed = await run('targeted', judged, { status: 'failed', finishedDaysAgo: 450 });
      const comparedWith = await run('targeted', judged, { finishedDaysAgo: 430 });
      const reviewed = await run('targeted', judged, { finishedDaysAgo: 420 });
      const disputed = await run('targeted', judged, { finishedDaysAgo: 410 });
      const stillRunning = await run('scan', judged, { status: 'running' });
      await prisma.checkRun.update({
        where: { id: stillRunning.id },
        data: { startedAt: new Date(clock.now().getTime() - 600 * DAY) },
      });
      const recent = await run('scan', judged, { finishedDaysAgo: 399 });
      await prisma.review.create({
        data: {
          documentNo: `JSSC-2025-${Date.now() % 10_000}`,
          projectId: project.id,
          status: 'decided',
          appliedBy: 'unit.wang',
          appliedAt: reviewed.finishedAt!,
          checkRunId: reviewed.id,
          previousCheckRunId: comparedWith.id,
        },
      });
      await prisma.dispute.create({
        data: {
          projectId: project.id,
          checkRunId: disputed.id,
          ruleId: 'YY-PLAN',
          reason: '规划已批复',
          raisedBy: 'unit.wang',
          raisedAt: disputed.finishedAt!,
          status: 'dismissed',
        },
      });
      const now = clock.now();
      const audits = () => prisma.auditEntry.findMany({ where: { action: 'history.prune' } });

      const dry = await sut.prune(400, now, { actor: 'ops.li', dryRun: true });
      expect(dry).toMatchObject({ dryRun: true, runsDeleted: 2, findingsDeleted: 4, runsKept: 3 });
      expect(await prisma.checkRun.count()).toBe(7);
      expect(await audits()).toEqual([]);

      const report = await sut.prune(400, now, { actor: 'ops.li' });

      expect(report).toEqual({
        retentionDays: 400,
        cutoff: new Date(now.getTime() - 400 * DAY).toISOString(),
        dryRun: false,
        runsDeleted: 2,
        scansDeleted: 1,
        targetedDeleted: 1,
        findingsDeleted: 4,
        runsKept: 3,
      });
      const left = await prisma.checkRun.findMany({ select: { id: true } });
      expect(left.map((r) => r.id).sort()).toEqual(
        [reviewed.id, comparedWith.id, disputed.id, stillRunning.id, recent.id].sort(),
      );
      expect(await prisma.finding.count({ where: { checkRunId: { in: [oldScan.id, oldFailed.id] } } })).toBe(
        0,
      );
      expect(await prisma.finding.count({ where: { checkRunId: reviewed.id } })).toBe(2);
      expect(
        (await audits()).map((e) => ({ actor: e.actor, objectType: e.objectType, data: e.data })),
      ).toEqual([
        {
          actor: 'ops.li',
          objectType: 'check-history',
          data: expect.objectContaining({
            retentionDays: 400,
            runsDeleted: 2,
            findingsDeleted: 4,
            runsKept: 3,
          }),
        },
      ]);
      // The kept runs still serve the project's history.
      expect((await sut.projectTimeline(project.code)).items.map((e) => e.checkRunId)).toEqual([
        recent.id,
        disputed.id,
        reviewed.id,
        comparedWith.id,
      ]);
    });

    it('works through more runs than one batch holds', async () => {
      const project = await addProject();
      const finishedAt = new Date(clock.now().getTime() - 800 * DAY);
      const ids = Array.from({ length: 120 }, () => randomUUID());
      await prisma.checkRun.createMany({
        data: ids.map((id) => ({
          id,
          kind: 'targeted' as const,
          projectCode: project.code,
          status: 'completed' as const,
          asOf: finishedAt,
          startedAt: finishedAt,
          finishedAt,
          syncIds: [],
        })),
      });
      for (const id of ids) {
        await ctx
          .get(FindingsRepository)
          .save(id, [{ projectId: project.id, packVersion: 1, findings: [finding('YY-PLAN', 'PASS')] }]);
      }

      const report = await sut.prune(400, clock.now(), { actor: 'ops.li' });

      expect(report).toMatchObject({ targetedDeleted: 120, findingsDeleted: 120 });
      expect(await prisma.checkRun.count({ where: { id: { in: ids } } })).toBe(0);
    });

    it('refuses a retention that is not a whole number of days from 1', async () => {
      await expect(sut.prune(0, clock.now(), { actor: 'ops.li' })).rejects.toMatchObject({
        code: 'INVALID_REQUEST',
      });
      await expect(sut.prune(1.5, clock.now(), { actor: 'ops.li' })).rejects.toMatchObject({
        code: 'INVALID_REQUEST',
      });
    });
  });
});
