import type { INestApplicationContext } from '@nestjs/common';
import type { TProject } from '@hub/contracts';
import { buildProject } from '@hub/contracts/testing';
import { projectContentHash } from '@hub/registry';
import { packFor, type Finding as RuleFinding, type Verdict } from '@hub/rules';
import { createTestDatabase } from '../../../../../test/support/database';
import { PrismaService } from '../../infra/database/prisma.service';
import type { CheckRun, Project } from '../../generated/prisma/client';
import { createTestContext } from '../../testing/test-context';
import { FindingsRepository } from '../checks/findings.repository';
import { JudgementsRepository } from '../checks/judgements.repository';
import { ProjectsRepository } from '../projects/projects.repository';
import { PortfolioService } from './portfolio.service';

const yueyangPack = packFor('yueyang');

const RULES = new Map(yueyangPack.rules.map((r) => [r.id, r]));

function finding(ruleId: string, verdict: Verdict): RuleFinding {
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
    warningOnly: false,
  };
}

describe(PortfolioService.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: INestApplicationContext;
  let prisma: PrismaService;
  let sut: PortfolioService;

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = await createTestContext(db.url);
    prisma = ctx.get(PrismaService);
    sut = ctx.get(PortfolioService);
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

  async function run(
    byProject: [Project, Record<string, Verdict>][],
    status: CheckRun['status'] = 'completed',
  ): Promise<CheckRun> {
    const now = new Date();
    const created = await prisma.checkRun.create({
      data: { kind: 'scan', status, asOf: now, startedAt: now, finishedAt: now, syncIds: [] },
    });
    await ctx.get(FindingsRepository).save(
      created.id,
      byProject.map(([project, verdicts]) => ({
        projectId: project.id,
        packVersion: 1,
        findings: Object.entries(verdicts).map(([ruleId, v]) => finding(ruleId, v)),
      })),
    );
    if (status === 'completed') await ctx.get(JudgementsRepository).recordRun(created.id);
    // Findings order runs by the time they were stored: keep runs apart.
    await new Promise((r) => setTimeout(r, 5));
    return created;
  }

  /** Three projects of one unit: not ready (cloud FAIL), ready, never checked. */
  async function unitOfThree() {
    const failing = await addProject({ name: '智慧应急指挥平台' });
    const unitCode = failing.unitCode;
    const ready = await addProject({ unitCode, name: '协同办公升级' });
    const unchecked = await addProject({ unitCode, name: '视频会商系统' });
    await run([
      [failing, { 'YY-CLOUD-DEPLOY': 'PASS', 'YY-PLAN': 'PASS' }],
      [ready, { 'YY-CLOUD-DEPLOY': 'FAIL' }],
    ]);
    // The latest completed run counts; a failed run after it does not.
    await run([
      [failing, { 'YY-CLOUD-DEPLOY': 'FAIL', 'YY-PLAN': 'PASS', 'YY-OM-PERIOD': 'FAIL' }],
      [ready, { 'YY-CLOUD-DEPLOY': 'PASS', 'YY-MLPS-PROD': 'UNKNOWN' }],
    ]);
    // YY-MLPS-PROD UNKNOWN blocks: make `ready` ready with a run that only it has.
    await run([[ready, { 'YY-CLOUD-DEPLOY': 'PASS', 'YY-OM-PERIOD': 'FAIL' }]]);
    await run([[failing, { 'YY-CLOUD-DEPLOY': 'PASS' }]], 'failed');
    return { unitCode, failing, ready, unchecked };
  }

  it('gives each project its latest completed check: readiness, counts and the verdict of every rule', async () => {
    const { unitCode, failing, ready, unchecked } = await unitOfThree();

    const rows = await sut.rows({ unitCode }, { kind: 'all' });

    expect(rows.map((r) => r.code)).toEqual([failing.code, ready.code, unchecked.code].sort());
    const byCode = new Map(rows.map((r) => [r.code, r]));
    expect(byCode.get(failing.code)).toMatchObject({
      ready: false,
      blockingRuleIds: ['YY-CLOUD-DEPLOY'],
      counts: { FAIL: 2, PASS: 1, UNKNOWN: 0 },
      verdicts: { 'YY-CLOUD-DEPLOY': 'FAIL', 'YY-PLAN': 'PASS', 'YY-OM-PERIOD': 'FAIL' },
    });
    // An advisory FAIL does not stand in the way of acceptance.
    expect(byCode.get(ready.code)).toMatchObject({
      ready: true,
      blockingRuleIds: [],
      verdicts: { 'YY-CLOUD-DEPLOY': 'PASS', 'YY-OM-PERIOD': 'FAIL' },
    });
    expect(byCode.get(unchecked.code)).toMatchObject({ ready: null, checkedAt: null, verdicts: {} });
  });

  it('filters by readiness in the query, so that pages and totals agree', async () => {
    const { unitCode, failing, ready, unchecked } = await unitOfThree();

    const codes = async (readiness: 'ready' | 'not-ready' | 'unchecked') =>
      (await sut.rows({ unitCode, readiness }, { kind: 'all' })).map((r) => r.code);

    expect(await codes('not-ready')).toEqual([failing.code]);
    expect(await codes('ready')).toEqual([ready.code]);
    expect(await codes('unchecked')).toEqual([unchecked.code]);
  });

  it('selects projects by one finding matching rule, verdict and review domain together', async () => {
    const { unitCode, failing, ready } = await unitOfThree();
    const codes = async (q: { ruleId?: string; verdict?: Verdict; domain?: 'cloud' | 'management' }) =>
      (await sut.rows({ unitCode, ...q }, { kind: 'all' })).map((r) => r.code);

    expect(await codes({ ruleId: 'YY-CLOUD-DEPLOY', verdict: 'FAIL' })).toEqual([failing.code]);
    expect(await codes({ domain: 'cloud', verdict: 'FAIL' })).toEqual([failing.code]);
    // YY-OM-PERIOD (management) fails for both; YY-PLAN (management) passes for `failing` only.
    expect(await codes({ domain: 'management', verdict: 'FAIL' })).toEqual([failing.code, ready.code].sort());
    expect(await codes({ domain: 'management', verdict: 'PASS' })).toEqual([failing.code]);
    // A rule outside the domain matches nothing.
    expect(await codes({ ruleId: 'YY-CLOUD-DEPLOY', domain: 'management' })).toEqual([]);
    expect(await codes({ verdict: 'UNKNOWN' })).toEqual([]);
  });

  it('searches code, name and unit without regard to case', async () => {
    const { unitCode, failing } = await unitOfThree();

    expect((await sut.rows({ q: '应急指挥' }, { kind: 'all' })).map((r) => r.code)).toContain(failing.code);
    expect((await sut.rows({ q: failing.code.toLowerCase() }, { kind: 'all' })).map((r) => r.code)).toEqual([
      failing.code,
    ]);
    expect(await sut.rows({ q: unitCode.toLowerCase() }, { kind: 'all' })).toHaveLength(3);
  });

  it('pages the view and counts all of it, even past the last page', async () => {
    const { unitCode } = await unitOfThree();
    const all = await sut.rows({ unitCode }, { kind: 'all' });

    const second = await sut.page({ unitCode }, { kind: 'all' }, { page: 2, pageSize: 2 });
    expect(second).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(second.items.map((r) => r.code)).toEqual([all[2]!.code]);
    const past = await sut.page({ unitCode }, { kind: 'all' }, { page: 5, pageSize: 2 });
    expect(past).toMatchObject({ total: 3, items: [] });
    const none = await sut.page(
      { unitCode, q: 'no such project' },
      { kind: 'all' },
      { page: 1, pageSize: 2 },
    );
    expect(none).toMatchObject({ total: 0, items: [] });
  });

  it("never shows an applicant another unit's project, whatever it asks for", async () => {
    const mine = await unitOfThree();
    const theirs = await unitOfThree();
    const scope = { kind: 'unit', unitCode: mine.unitCode } as const;

    expect(await sut.rows({ unitCode: theirs.unitCode }, scope)).toEqual([]);
    expect(await sut.rows({ q: theirs.failing.code }, scope)).toEqual([]);
    const page = await sut.page({}, scope, { page: 1, pageSize: 50 });
    expect(page.total).toBe(3);
    expect(page.items.every((r) => r.unitCode === mine.unitCode)).toBe(true);
  });
});
