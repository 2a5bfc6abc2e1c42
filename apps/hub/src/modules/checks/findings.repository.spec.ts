import fs from 'node:fs';
import path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { TProject } from '@hub/contracts';
import { buildProject } from '@hub/contracts/testing';
import { projectContentHash } from '@hub/registry';
import { packFor, REVIEW_DOMAIN_TITLES, type Finding as RuleFinding, type Verdict } from '@hub/rules';
import { createTestDatabase } from '../../../../../test/support/database';
import { PrismaService } from '../../infra/database/prisma.service';
import type { CheckRun, Project } from '../../generated/prisma/client';
import { createTestContext } from '../../testing/test-context';
import { ALL_PROJECTS } from '../auth/roles';
import { ProjectsRepository } from '../projects/projects.repository';
import { FindingsRepository } from './findings.repository';
import { JudgementsRepository } from './judgements.repository';

const yueyangPack = packFor('yueyang');

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
    reason: { zh: verdict, en: verdict },
    evidence: [],
    registry: null,
    warningOnly,
  };
}

// Rules of three domains, two blocking and one advisory, to tell readiness from mere failures.
const blockingCloud = yueyangPack.rules.find((r) => r.domain === 'cloud' && r.severity === 'blocking')!;
const blockingSecurity = yueyangPack.rules.find((r) => r.domain === 'security' && r.severity === 'blocking')!;
const advisory = yueyangPack.rules.find((r) => r.severity !== 'blocking')!;

describe(FindingsRepository.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: INestApplicationContext;
  let prisma: PrismaService;
  let sut: FindingsRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = await createTestContext(db.url);
    prisma = ctx.get(PrismaService);
    sut = ctx.get(FindingsRepository);
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

  let minutes = 0;
  /** A check run with the given findings per project, each run later than the one before. */
  async function run(
    byProject: [Project, RuleFinding[]][],
    status: CheckRun['status'] = 'completed',
  ): Promise<CheckRun> {
    const at = new Date(Date.parse('2026-10-30T08:00:00Z') + ++minutes * 60_000);
    const created = await prisma.checkRun.create({
      data: { kind: 'scan', status, asOf: at, startedAt: at, finishedAt: at, syncIds: [] },
    });
    await sut.save(
      created.id,
      byProject.map(([project, findings]) => ({ projectId: project.id, packVersion: 1, findings })),
    );
    if (status === 'completed') await ctx.get(JudgementsRepository).recordRun(created.id);
    // Findings order runs by the time they were stored: keep runs apart.
    await new Promise((r) => setTimeout(r, 5));
    return created;
  }

  describe('summary', () => {
    it("counts readiness and verdicts per domain from each project's latest completed check, and an applicant's only over its unit", async () => {
      const ready = await addProject();
      const unit = ready.unitCode;
      const blocked = await addProject({ unitCode: unit });
      const unknown = await addProject();
      const warnedOnly = await addProject({ unitCode: unknown.unitCode });
      const unchecked = await addProject({ unitCode: unit });

      // An earlier run in which `ready` still failed: only the latest completed run counts.
      await run([[ready, [finding(blockingCloud.id, 'FAIL')]]]);
      const last = await run([
        [ready, [finding(blockingCloud.id, 'PASS'), finding(advisory.id, 'FAIL')]],
        [blocked, [finding(blockingCloud.id, 'FAIL'), finding(blockingSecurity.id, 'PASS')]],
        [unknown, [finding(blockingSecurity.id, 'UNKNOWN')]],
        [warnedOnly, [finding(blockingCloud.id, 'FAIL', true)]],
      ]);
      // A failed run after it is ignored.
      await run([[ready, [finding(blockingCloud.id, 'FAIL')]]], 'failed');
      expect(unchecked).toBeDefined();

      const all = await sut.summary(ALL_PROJECTS);
      expect(all).toMatchObject({
        projects: 5,
        checked: 4,
        ready: 2,
        notReady: 2,
        unchecked: 1,
        lastCheckedAt: last.asOf.toISOString(),
        verdicts: { PASS: 2, FAIL: 3, UNKNOWN: 1, WAIVED: 0, NOT_APPLICABLE: 0 },
      });
      expect(all.domains.map((d) => d.domain)).toEqual([
        'cloud',
        'data-sharing',
        'security',
        'platforms',
        'management',
      ]);
      const domain = (summary: typeof all, id: string) => summary.domains.find((d) => d.domain === id)!;
      expect(domain(all, 'cloud').title).toEqual(REVIEW_DOMAIN_TITLES.cloud);
      expect(domain(all, 'security').verdicts).toMatchObject({ PASS: 1, UNKNOWN: 1, FAIL: 0 });
      const cloudFails = advisory.domain === 'cloud' ? 3 : 2;
      expect(domain(all, 'cloud').verdicts.FAIL).toBe(cloudFails);
      expect(domain(all, advisory.domain).verdicts.FAIL).toBeGreaterThanOrEqual(1);

      const own = await sut.summary({ kind: 'unit', unitCode: unit });
      expect(own).toMatchObject({
        projects: 3,
        checked: 2,
        ready: 1,
        notReady: 1,
        unchecked: 1,
        verdicts: { PASS: 2, FAIL: 2, UNKNOWN: 0 },
      });
      expect(domain(own, 'security').verdicts).toMatchObject({ PASS: 1, UNKNOWN: 0 });

      const nobody = await sut.summary({ kind: 'unit', unitCode: buildProject().unitCode });
      expect(nobody).toMatchObject({ projects: 0, checked: 0, ready: 0, notReady: 0, lastCheckedAt: null });
      expect(nobody.domains.every((d) => Object.values(d.verdicts).every((n) => n === 0))).toBe(true);
    });
  });

  describe('latest judgement', () => {
    it('is the run with the newest findings, whichever run completes first', async () => {
      const project = await addProject();
      const older = await run([[project, [finding(blockingCloud.id, 'FAIL')]]], 'running');
      const newer = await run([[project, [finding(blockingCloud.id, 'PASS')]]], 'running');
      const judgements = ctx.get(JudgementsRepository);
      expect(await sut.latestForProject(project.id)).toBeNull();

      await prisma.checkRun.update({ where: { id: newer.id }, data: { status: 'completed' } });
      await judgements.recordRun(newer.id);
      await prisma.checkRun.update({ where: { id: older.id }, data: { status: 'completed' } });
      await judgements.recordRun(older.id);

      const latest = await sut.latestForProject(project.id);
      expect(latest?.map((f) => [f.checkRunId, f.verdict])).toEqual([[newer.id, 'PASS']]);
    });

    it('falls back to the remaining runs when the latest is deleted, and the totals follow', async () => {
      const project = await addProject();
      const kept = await run([[project, [finding(blockingCloud.id, 'FAIL')]]]);
      const pruned = await run([[project, [finding(blockingCloud.id, 'PASS')]]]);
      const before = await sut.summary(ALL_PROJECTS);

      await prisma.checkRun.delete({ where: { id: pruned.id } });
      expect(await sut.latestForProject(project.id)).toBeNull();
      await ctx.get(JudgementsRepository).restoreMissing();

      const latest = await sut.latestForProject(project.id);
      expect(latest?.map((f) => [f.checkRunId, f.verdict])).toEqual([[kept.id, 'FAIL']]);
      const after = await sut.summary(ALL_PROJECTS);
      expect(after.checked).toBe(before.checked);
      expect(after.notReady).toBe(before.notReady + 1);
      expect(after.verdicts.FAIL).toBe(before.verdicts.FAIL + 1);
      expect(after.verdicts.PASS).toBe(before.verdicts.PASS - 1);
    });

    it('is what the migration that introduced it backfills from the findings already stored', async () => {
      const a = await addProject();
      const b = await addProject();
      await run([[a, [finding(blockingCloud.id, 'FAIL')]]]);
      await run([
        [a, [finding(blockingCloud.id, 'PASS'), finding(advisory.id, 'FAIL')]],
        [b, [finding(blockingSecurity.id, 'UNKNOWN')]],
      ]);
      await run([[b, [finding(blockingSecurity.id, 'PASS')]]], 'failed');
      const kept = await snapshotOf(prisma);

      const sql = fs.readFileSync(MIGRATION, 'utf8');
      const backfill = sql.slice(sql.indexOf('-- Backfill'));
      await prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe('DELETE FROM project_judgements');
        await tx.$executeRawUnsafe('DELETE FROM judgement_totals');
        for (const statement of backfill.split(/;\n\n/)) await tx.$executeRawUnsafe(statement);
      });

      expect(await snapshotOf(prisma)).toEqual(kept);
    });
  });
});

const MIGRATION = path.join(
  __dirname,
  '../../../../../prisma/migrations/20261208011714_project_judgements/migration.sql',
);

async function snapshotOf(prisma: PrismaService) {
  const judgements = await prisma.projectJudgement.findMany({ orderBy: { projectId: 'asc' } });
  const totals = await prisma.judgementTotals.findMany({
    select: { id: true, checked: true, notReady: true, lastCheckedAt: true, counts: true },
  });
  return { judgements, totals };
}
