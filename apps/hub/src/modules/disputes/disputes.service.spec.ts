import type { INestApplicationContext } from '@nestjs/common';
import { SOURCE_IDS } from '@hub/connectors';
import type { TProject } from '@hub/contracts';
import { buildProject } from '@hub/contracts/testing';
import { projectContentHash } from '@hub/registry';
import type { EvidenceRef, Finding as RuleFinding, SourceState, Verdict } from '@hub/rules';
import { createTestDatabase } from '../../../../../test/support/database';
import { PrismaService } from '../../infra/database/prisma.service';
import type { Project } from '../../generated/prisma/client';
import { createTestContext, ManualClock } from '../../testing/test-context';
import { ChecksService } from '../checks/checks.service';
import { SourceTrust } from '../checks/source-trust';
import { FindingsRepository } from '../checks/findings.repository';
import { JudgementsRepository } from '../checks/judgements.repository';
import { ProjectsRepository } from '../projects/projects.repository';
import { DisputesService } from './disputes.service';

describe(DisputesService.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: INestApplicationContext;
  let clock: ManualClock;
  let prisma: PrismaService;
  let sut: DisputesService;

  beforeAll(async () => {
    db = await createTestDatabase();
    clock = new ManualClock();
    ctx = await createTestContext(db.url, {}, clock);
    prisma = ctx.get(PrismaService);
    sut = ctx.get(DisputesService);
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

  const evidence = (source: EvidenceRef['source'], kind: string, externalId: string): EvidenceRef => ({
    source,
    kind,
    externalId,
    fetchedAt: '2026-11-01T00:30:00.000Z',
    contentHash: 'a'.repeat(64),
  });

  /**
   * A completed check run of the project: its findings as the rules give them on no upstream records
   * (every source synced now), with `change` applied to some of them.
   */
  async function checked(
    project: Project,
    change: Record<string, { verdict: Verdict; evidence?: EvidenceRef[] }> = {},
    status: 'completed' | 'failed' = 'completed',
  ) {
    const now = clock.nowIso();
    const states = Object.fromEntries(
      SOURCE_IDS.map((source) => [source, { source, status: 'succeeded', finishedAt: now, error: null }]),
    ) as Record<string, SourceState>;
    const [result] = await ctx.get(ChecksService).evaluate([project], SourceTrust.of(states));
    const findings: RuleFinding[] = result!.evaluation.findings.map((f) => ({ ...f, ...change[f.ruleId] }));
    const run = await prisma.checkRun.create({
      data: {
        kind: 'targeted',
        projectCode: project.code,
        status,
        asOf: clock.now(),
        startedAt: clock.now(),
        finishedAt: clock.now(),
        syncIds: [],
      },
    });
    await ctx.get(FindingsRepository).save(run.id, [{ projectId: project.id, packVersion: 1, findings }]);
    if (status === 'completed') await ctx.get(JudgementsRepository).recordRun(run.id);
    // Findings are ordered by their creation time: keep runs apart.
    await new Promise((r) => setTimeout(r, 5));
    return run;
  }

  const MLPS_FAIL = {
    'YY-MLPS-PROD': {
      verdict: 'FAIL' as const,
      evidence: [
        evidence('gov-cloud', 'resource', 'ecs-prod-1'),
        evidence('gov-cloud', 'resource', 'rds-prod-2'),
        evidence('mlps', 'filing', '43060000001-00042'),
      ],
    },
  };

  const auditOf = async (id: string) =>
    (
      await prisma.auditEntry.findMany({
        where: { objectType: 'dispute', objectId: id },
        orderBy: { seq: 'asc' },
      })
    ).map((e) => ({ action: e.action, actor: e.actor, data: e.data }));

  it('raises a dispute on a finding of the project’s latest completed check and keeps that check run', async () => {
    const project = await addProject();
    await checked(project);
    const latest = await checked(project, MLPS_FAIL);
    await checked(project, {}, 'failed');
    const dispute = await sut.raise(
      {
        projectCode: project.code,
        ruleId: 'YY-MLPS-PROD',
        reason: '备案已于上线前取得，备案系统的备案时间录入有误',
      },
      'unit.wang',
    );
    expect(dispute).toMatchObject({
      projectCode: project.code,
      ruleId: 'YY-MLPS-PROD',
      ruleTitle: { zh: expect.any(String), en: expect.any(String) },
      checkRunId: latest.id,
      status: 'open',
      raisedBy: 'unit.wang',
      raisedAt: clock.nowIso(),
      correction: null,
    });
    expect(await auditOf(dispute.id)).toEqual([
      {
        action: 'dispute.raise',
        actor: 'unit.wang',
        data: expect.objectContaining({ projectCode: project.code, checkRunId: latest.id, verdict: 'FAIL' }),
      },
    ]);
  });

  it('refuses a second open dispute on the same project and rule with 409, and allows one once it is decided', async () => {
    const project = await addProject();
    await checked(project, { 'YY-PLAN': { verdict: 'UNKNOWN' } });
    const input = { projectCode: project.code, ruleId: 'YY-CLOUD-DEPLOY', reason: '资源在省政务云上' };
    const first = await sut.raise(input, 'unit.wang');
    await expect(sut.raise({ ...input, reason: '再提一次' }, 'unit.li')).rejects.toMatchObject({
      code: 'CONFLICT',
      status: 409,
      details: { disputeId: first.id },
    });
    // Two at once: still only one.
    const raced = await Promise.allSettled([
      sut.raise({ ...input, ruleId: 'YY-PLAN' }, 'a'),
      sut.raise({ ...input, ruleId: 'YY-PLAN' }, 'b'),
    ]);
    expect(raced.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    await sut.decide(first.id, { decision: 'dismiss', comment: '资源台账无误' }, 'zhang.gong');
    await expect(sut.raise(input, 'unit.wang')).resolves.toMatchObject({ status: 'open' });
    expect(await prisma.dispute.count({ where: { projectId: project.id, ruleId: 'YY-CLOUD-DEPLOY' } })).toBe(
      2,
    );
  });

  it('refuses disputes without a finding to contest: never checked, not a rule of the pack, not FAIL or UNKNOWN', async () => {
    const project = await addProject();
    const raise = (ruleId: string) =>
      sut.raise({ projectCode: project.code, ruleId, reason: 'x' }, 'unit.wang');
    await expect(raise('YY-CLOUD-DEPLOY')).rejects.toMatchObject({
      code: 'CONFLICT',
      text: { en: expect.stringContaining('projectCode') },
    });
    await checked(project, {
      'YY-PLAN': { verdict: 'UNKNOWN' },
      'YY-PROCUREMENT-FILED': { verdict: 'PASS' },
    });
    await expect(raise('CZ-CLOUD')).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      status: 400,
      text: { en: expect.stringContaining('ruleId') },
    });
    await expect(raise('YY-PLAN')).resolves.toMatchObject({ status: 'open' });
    await expect(raise('YY-PROCUREMENT-FILED')).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { verdict: 'PASS' },
    });
    await expect(
      sut.raise({ projectCode: '99-430600-9999', ruleId: 'YY-PLAN', reason: 'x' }, 'unit.wang'),
    ).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND', status: 404 });
  });

  it('holds an applicant to its own unit’s projects', async () => {
    const own = await addProject();
    const other = await addProject();
    await checked(own);
    await checked(other);
    const scope = { kind: 'unit' as const, unitCode: own.unitCode };
    await expect(
      sut.raise({ projectCode: other.code, ruleId: 'YY-CLOUD-DEPLOY', reason: 'x' }, 'unit.wang', scope),
    ).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND' });
    const mine = await sut.raise(
      { projectCode: own.code, ruleId: 'YY-CLOUD-DEPLOY', reason: 'x' },
      'unit.wang',
      scope,
    );
    const theirs = await sut.raise(
      { projectCode: other.code, ruleId: 'YY-CLOUD-DEPLOY', reason: 'x' },
      'admin',
    );
    const seen = (await sut.list({}, scope)).map((d) => d.id);
    expect(seen).toContain(mine.id);
    expect(seen).not.toContain(theirs.id);
    expect(await sut.list({ projectCode: other.code }, scope)).toEqual([]);
  });

  it('turns an upheld dispute into a correction request to the owners of the evidence’s upstream systems', async () => {
    const project = await addProject();
    await checked(project, MLPS_FAIL);
    const raised = await sut.raise(
      { projectCode: project.code, ruleId: 'YY-MLPS-PROD', reason: '备案时间录入有误\n实际备案早于上线' },
      'unit.wang',
    );
    const upheld = await sut.decide(
      raised.id,
      { decision: 'uphold', comment: '经核实备案证明原件，采纳' },
      'zhang.gong',
    );
    expect(upheld).toMatchObject({
      status: 'upheld',
      decidedBy: 'zhang.gong',
      decisionComment: '经核实备案证明原件，采纳',
      correction: {
        sources: ['gov-cloud', 'mlps'],
        sourceTitles: [
          { zh: '政务云资源台账', en: expect.any(String) },
          { zh: '网络安全等级保护备案系统', en: expect.any(String) },
        ],
      },
    });
    const { zh, en } = upheld.correction!.text;
    for (const text of [zh, en]) {
      expect(text).toContain(project.code);
      expect(text).toContain('YY-MLPS-PROD');
      expect(text).toContain('gov-cloud/resource/ecs-prod-1');
      expect(text).toContain('gov-cloud/resource/rds-prod-2');
      expect(text).toContain('mlps/filing/43060000001-00042');
      expect(text).toContain('备案时间录入有误 实际备案早于上线');
    }
    expect(zh).toContain('政务云资源台账、网络安全等级保护备案系统');
    expect(en).toContain('Correction request');
    // What the list shows is what was stored.
    const [listed] = await sut.list({ projectCode: project.code, status: 'upheld' });
    expect(listed).toEqual(upheld);
    expect((await auditOf(raised.id)).map((e) => e.action)).toEqual(['dispute.raise', 'dispute.uphold']);
    expect((await auditOf(raised.id))[1]).toMatchObject({
      actor: 'zhang.gong',
      data: { correctionSources: ['gov-cloud', 'mlps'], comment: '经核实备案证明原件，采纳' },
    });
  });

  it('addresses the correction to the systems the rule reads when the finding cites no record', async () => {
    const project = await addProject();
    await checked(project); // YY-CLOUD-DEPLOY: FAIL with no resource to cite
    const raised = await sut.raise(
      { projectCode: project.code, ruleId: 'YY-CLOUD-DEPLOY', reason: '资源未打项目编码' },
      'unit.wang',
    );
    const upheld = await sut.decide(
      raised.id,
      { decision: 'uphold', comment: '请云平台补录项目编码' },
      'zhang.gong',
    );
    expect(upheld.correction).toMatchObject({ sources: ['gov-cloud'] });
    expect(upheld.correction!.text.zh).toContain('政务云资源台账');
  });

  it('dismisses a dispute without a correction, and refuses to decide it again', async () => {
    const project = await addProject();
    await checked(project);
    const raised = await sut.raise(
      { projectCode: project.code, ruleId: 'YY-CLOUD-DEPLOY', reason: 'x' },
      'unit.wang',
    );
    const dismissed = await sut.decide(raised.id, { decision: 'dismiss', comment: '台账无误' }, 'zhang.gong');
    expect(dismissed).toMatchObject({ status: 'dismissed', correction: null, decisionComment: '台账无误' });
    await expect(
      sut.decide(raised.id, { decision: 'uphold', comment: '改判' }, 'li.gong'),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      status: 409,
    });
    await expect(
      sut.decide('00000000-0000-4000-8000-000000000000', { decision: 'dismiss', comment: 'x' }, 'li.gong'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await auditOf(raised.id)).map((e) => e.action)).toEqual(['dispute.raise', 'dispute.dismiss']);
  });

  it('gives a project’s disputes keyed by rule id, newest first, for the review opinion', async () => {
    const project = await addProject();
    await checked(project, MLPS_FAIL);
    const old = await sut.raise(
      { projectCode: project.code, ruleId: 'YY-CLOUD-DEPLOY', reason: '一' },
      'unit.wang',
    );
    await sut.decide(old.id, { decision: 'dismiss', comment: '无误' }, 'zhang.gong');
    clock.advance(60_000);
    const again = await sut.raise(
      { projectCode: project.code, ruleId: 'YY-CLOUD-DEPLOY', reason: '二' },
      'unit.wang',
    );
    const mlps = await sut.raise(
      { projectCode: project.code, ruleId: 'YY-MLPS-PROD', reason: '三' },
      'unit.wang',
    );
    const byRule = await sut.forProject(project.id);
    expect([...byRule.keys()].sort()).toEqual(['YY-CLOUD-DEPLOY', 'YY-MLPS-PROD']);
    expect(byRule.get('YY-CLOUD-DEPLOY')!.map((d) => [d.id, d.status])).toEqual([
      [again.id, 'open'],
      [old.id, 'dismissed'],
    ]);
    expect(byRule.get('YY-MLPS-PROD')!.map((d) => d.id)).toEqual([mlps.id]);
  });
});
