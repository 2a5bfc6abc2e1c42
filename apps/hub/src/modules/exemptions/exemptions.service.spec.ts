import type { INestApplicationContext } from '@nestjs/common';
import { SOURCE_IDS } from '@hub/connectors';
import type { TProject } from '@hub/contracts';
import { buildProject } from '@hub/contracts/testing';
import { projectContentHash } from '@hub/registry';
import { packFor, type SourceState } from '@hub/rules';
import { createTestDatabase } from '../../../../../test/support/database';
import { parseInput } from '../../common/zod';
import { PrismaService } from '../../infra/database/prisma.service';
import type { Project } from '../../generated/prisma/client';
import { createTestContext, ManualClock } from '../../testing/test-context';
import { AuditService } from '../audit/audit.service';
import { ChecksService } from '../checks/checks.service';
import { SourceTrust } from '../checks/source-trust';
import { ProjectsRepository } from '../projects/projects.repository';
import {
  type ExemptionRequest,
  ExemptionsService,
  RENEWAL_NOTICE_DAYS,
  ZExemptionRequest,
} from './exemptions.service';

const chenzhouPack = packFor('chenzhou');

const DAY_MS = 86_400_000;
/** TEST_NOW (2026-11-01T09:00+08:00) as a Beijing date */
const TODAY = '2026-11-01';
const plusDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

describe(ExemptionsService.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: INestApplicationContext;
  let clock: ManualClock;
  let prisma: PrismaService;
  let sut: ExemptionsService;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });
  beforeEach(async () => {
    clock = new ManualClock();
    ctx = await createTestContext(db.url, {}, clock);
    prisma = ctx.get(PrismaService);
    sut = ctx.get(ExemptionsService);
  });
  afterEach(async () => {
    await ctx?.close();
  });

  async function addProject(overrides: Partial<TProject> = {}): Promise<Project> {
    const project = buildProject(overrides);
    await ctx.get(ProjectsRepository).upsert(project, projectContentHash(project));
    return prisma.project.findUniqueOrThrow({ where: { code: project.code } });
  }

  let docSeq = 0;
  function requestFor(project: Project, overrides: Partial<ExemptionRequest> = {}): ExemptionRequest {
    docSeq++;
    return {
      projectCode: project.code,
      ruleIds: ['YY-CLOUD-DEPLOY'],
      reasonCategory: 'higher-rule',
      reasonText: '省级统建系统，按省里规定部署于省政务云',
      documentNo: `岳政数函〔2026〕${docSeq}号`,
      authority: '岳阳市数据局',
      validFrom: '2026-10-01',
      validUntil: '2026-11-10',
      ...overrides,
    };
  }

  /** The rule's finding for the project, judged now with every source freshly synced. */
  async function findingOf(project: Project, ruleId: string) {
    const now = clock.nowIso();
    const states = Object.fromEntries(
      SOURCE_IDS.map((source) => [source, { source, status: 'succeeded', finishedAt: now, error: null }]),
    ) as Record<string, SourceState>;
    const [result] = await ctx.get(ChecksService).evaluate([project], SourceTrust.of(states));
    return result!.evaluation.findings.find((f) => f.ruleId === ruleId)!;
  }

  const auditActions = async (id: string) =>
    (
      await prisma.auditEntry.findMany({
        where: { objectType: 'exemption', objectId: id },
        orderBy: { seq: 'asc' },
      })
    ).map((e) => ({ action: e.action, actor: e.actor }));

  it('records a request as requested, naming who asked and when, and audits it', async () => {
    const project = await addProject();
    const view = await sut.request(requestFor(project), 'unit.wang');
    expect(view).toMatchObject({
      projectCode: project.code,
      ruleIds: ['YY-CLOUD-DEPLOY'],
      status: 'requested',
      isCurrent: false,
      daysLeft: 9,
      requestedBy: 'unit.wang',
      requestedAt: clock.nowIso(),
      decidedBy: null,
      reasonCategoryTitle: { zh: '国家/省另有规定', en: expect.any(String) },
    });
    expect(await auditActions(view.id)).toEqual([{ action: 'exemption.request', actor: 'unit.wang' }]);
  });

  it('makes an approved exemption WAIVE its rule with the document number, until validUntil has passed', async () => {
    const project = await addProject();
    expect((await findingOf(project, 'YY-CLOUD-DEPLOY')).verdict).toBe('FAIL');

    const requested = await sut.request(requestFor(project), 'unit.wang');
    // A request alone waives nothing.
    expect((await findingOf(project, 'YY-CLOUD-DEPLOY')).verdict).toBe('FAIL');
    const approved = await sut.decide(requested.id, { decision: 'approve', comment: '同意' }, 'zhang.gong');
    expect(approved).toMatchObject({
      status: 'approved',
      isCurrent: true,
      daysLeft: 9,
      decidedBy: 'zhang.gong',
    });

    const waived = await findingOf(project, 'YY-CLOUD-DEPLOY');
    expect(waived.verdict).toBe('WAIVED');
    expect(waived.reason.zh).toContain(requested.documentNo);
    expect(waived.reason.zh).toContain('2026-11-10');
    // Other rules are untouched.
    expect((await findingOf(project, 'YY-PLAN')).verdict).not.toBe('WAIVED');

    clock.advance(9 * DAY_MS); // 2026-11-10, the last valid day
    expect((await findingOf(project, 'YY-CLOUD-DEPLOY')).verdict).toBe('WAIVED');
    clock.advance(DAY_MS); // 2026-11-11: expired
    expect((await findingOf(project, 'YY-CLOUD-DEPLOY')).verdict).toBe('FAIL');
    expect(await sut.get(requested.id)).toMatchObject({ status: 'approved', isCurrent: false, daysLeft: -1 });
  });

  it('does not waive before validFrom', async () => {
    const project = await addProject();
    const view = await sut.request(
      requestFor(project, { validFrom: '2026-11-02', validUntil: '2026-12-31', approved: true }),
      'admin',
    );
    expect(view).toMatchObject({ status: 'approved', isCurrent: false });
    expect((await findingOf(project, 'YY-CLOUD-DEPLOY')).verdict).toBe('FAIL');
    clock.advance(DAY_MS);
    expect((await findingOf(project, 'YY-CLOUD-DEPLOY')).verdict).toBe('WAIVED');
  });

  it('expands a review domain to the rules of that domain in the project’s own pack', async () => {
    const project = await addProject({ policyPack: 'chenzhou', region: '431000' });
    const view = await sut.request(requestFor(project, { ruleIds: undefined, domain: 'cloud' }), 'admin');
    const cloudRules = chenzhouPack.rules.filter((r) => r.domain === 'cloud').map((r) => r.id);
    expect(view.ruleIds).toEqual(cloudRules);
    expect(view.ruleIds).toEqual(['CZ-CLOUD', 'CZ-CLOUD-INTENSIVE', 'CZ-NET']);
  });

  it('refuses rule ids that are not rules of the project’s pack, naming the field', async () => {
    const project = await addProject();
    const refused = sut.request(requestFor(project, { ruleIds: ['YY-CLOUD-DEPLOY', 'CZ-CLOUD'] }), 'admin');
    await expect(refused).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      status: 400,
      text: { zh: expect.stringContaining('ruleIds'), en: expect.stringContaining('CZ-CLOUD') },
    });
    expect(await prisma.exemption.count({ where: { projectId: project.id } })).toBe(0);
  });

  it.each([
    ['neither rule ids nor a domain', { ruleIds: undefined }, 'ruleIds'],
    ['both rule ids and a domain', { domain: 'cloud' as const }, 'domain'],
    ['validUntil before validFrom', { validFrom: '2026-12-01', validUntil: '2026-11-30' }, 'validUntil'],
    ['a date that is not YYYY-MM-DD', { validFrom: '2026/10/01' }, 'validFrom'],
    ['an unknown reason category', { reasonCategory: 'convenience' as never }, 'reasonCategory'],
    ['an empty document number', { documentNo: '  ' }, 'documentNo'],
  ])('refuses a request with %s, naming %s', (_, change, field) => {
    const base = {
      projectCode: '25-430600-0001',
      ruleIds: ['YY-CLOUD-DEPLOY'],
      reasonCategory: 'other',
      reasonText: 'x',
      documentNo: 'D-1',
      authority: 'A',
      validFrom: '2026-10-01',
      validUntil: '2026-11-10',
    };
    expect(() => parseInput(ZExemptionRequest, { ...base, ...change }, { zh: '请求体', en: 'body' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_REQUEST',
        details: { issues: expect.arrayContaining([expect.objectContaining({ path: field })]) },
      }),
    );
  });

  it('refuses transitions from the wrong state with 409 and leaves the exemption as it was', async () => {
    const project = await addProject();
    const requested = await sut.request(requestFor(project), 'unit.wang');
    await expect(sut.revoke(requested.id, '不再需要', 'zhang.gong')).rejects.toMatchObject({
      code: 'CONFLICT',
      status: 409,
    });
    await sut.decide(requested.id, { decision: 'approve' }, 'zhang.gong');
    await expect(sut.decide(requested.id, { decision: 'reject' }, 'li.gong')).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await sut.revoke(requested.id, '上级文件已废止', 'zhang.gong');
    await expect(sut.decide(requested.id, { decision: 'approve' }, 'zhang.gong')).rejects.toMatchObject({
      code: 'CONFLICT',
      text: { zh: expect.stringContaining('已撤销'), en: expect.stringContaining('revoked') },
    });
    await expect(sut.revoke(requested.id, '再撤销一次', 'zhang.gong')).rejects.toMatchObject({
      code: 'CONFLICT',
    });

    const rejected = await sut.request(requestFor(project), 'unit.wang');
    await sut.decide(rejected.id, { decision: 'reject', comment: '文号不符' }, 'zhang.gong');
    await expect(sut.decide(rejected.id, { decision: 'approve' }, 'zhang.gong')).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(sut.revoke(rejected.id, 'x', 'zhang.gong')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await sut.get(rejected.id)).toMatchObject({
      status: 'rejected',
      decisionComment: '文号不符',
      daysLeft: null,
    });
    await expect(
      sut.decide('00000000-0000-4000-8000-000000000000', { decision: 'approve' }, 'x'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });

  it('keeps a revoked exemption in the history, with who, when and why, and its rule evaluates again', async () => {
    const project = await addProject();
    const recorded = await sut.request(
      requestFor(project, { approved: true, comment: '已批复' }),
      'zhang.gong',
    );
    expect((await findingOf(project, 'YY-CLOUD-DEPLOY')).verdict).toBe('WAIVED');
    clock.advance(3_600_000);
    const revoked = await sut.revoke(recorded.id, '项目已迁移上云，不再需要豁免', 'li.gong');
    expect(revoked).toMatchObject({
      status: 'revoked',
      isCurrent: false,
      daysLeft: null,
      decidedBy: 'zhang.gong',
      revokedBy: 'li.gong',
      revokedAt: clock.nowIso(),
      revocationReason: '项目已迁移上云，不再需要豁免',
    });
    expect((await findingOf(project, 'YY-CLOUD-DEPLOY')).verdict).toBe('FAIL');
    const history = await sut.list({ projectCode: project.code });
    expect(history.map((e) => [e.id, e.status])).toEqual([[recorded.id, 'revoked']]);
    expect((await sut.list({ projectCode: project.code, status: 'revoked' })).map((e) => e.id)).toEqual([
      recorded.id,
    ]);
    expect(await prisma.exemption.count({ where: { id: recorded.id } })).toBe(1);
  });

  it(`gives a renewal notice ${RENEWAL_NOTICE_DAYS} days before the end, but not 31 days before`, async () => {
    expect(RENEWAL_NOTICE_DAYS).toBe(30);
    const project = await addProject();
    const at30 = await sut.request(
      requestFor(project, { validUntil: plusDays(TODAY, 30), approved: true }),
      'zhang.gong',
    );
    const at31 = await sut.request(
      requestFor(project, { validUntil: plusDays(TODAY, 31), approved: true }),
      'zhang.gong',
    );
    // Neither a request nor an expired one is renewed.
    await sut.request(requestFor(project, { validUntil: plusDays(TODAY, 5) }), 'unit.wang');
    await sut.request(
      requestFor(project, { validFrom: '2026-01-01', validUntil: plusDays(TODAY, -1), approved: true }),
      'zhang.gong',
    );

    const notices = (await sut.renewalNotices(TODAY)).filter((n) => n.exemption.projectCode === project.code);
    expect(notices).toEqual([
      {
        exemption: expect.objectContaining({ id: at30.id, daysLeft: 30, isCurrent: true }),
        daysLeft: 30,
        notice: {
          zh: expect.stringMatching(
            new RegExp(`${project.code}.*${at30.documentNo}.*2026-12-01.*还有 30 天到期`),
          ),
          en: expect.stringContaining('ends in 30 day(s)'),
        },
      },
    ]);
    // A day later, the other one is 30 days from its end too.
    const tomorrow = await sut.renewalNotices(plusDays(TODAY, 1));
    expect(
      tomorrow.filter((n) => n.exemption.projectCode === project.code).map((n) => n.exemption.id),
    ).toEqual([at30.id, at31.id]);
    const expiring = await sut.list({ projectCode: project.code, expiringWithinDays: 30 });
    expect(expiring.map((e) => e.id)).toEqual([at30.id]);
  });

  it('records every change in the audit trail, in order, naming who made it', async () => {
    const project = await addProject();
    const a = await sut.request(requestFor(project), 'unit.wang');
    await sut.decide(a.id, { decision: 'approve', comment: '同意' }, 'zhang.gong');
    await sut.revoke(a.id, '文件废止', 'li.gong');
    const b = await sut.request(requestFor(project), 'unit.wang');
    await sut.decide(b.id, { decision: 'reject' }, 'zhang.gong');
    const c = await sut.request(requestFor(project, { approved: true }), 'admin');

    expect(await auditActions(a.id)).toEqual([
      { action: 'exemption.request', actor: 'unit.wang' },
      { action: 'exemption.approve', actor: 'zhang.gong' },
      { action: 'exemption.revoke', actor: 'li.gong' },
    ]);
    expect(await auditActions(b.id)).toEqual([
      { action: 'exemption.request', actor: 'unit.wang' },
      { action: 'exemption.reject', actor: 'zhang.gong' },
    ]);
    expect(await auditActions(c.id)).toEqual([
      { action: 'exemption.request', actor: 'admin' },
      { action: 'exemption.approve', actor: 'admin' },
    ]);
    const revocation = await prisma.auditEntry.findFirstOrThrow({
      where: { objectId: a.id, action: 'exemption.revoke' },
    });
    expect(revocation.data).toMatchObject({
      projectCode: project.code,
      from: 'approved',
      reason: '文件废止',
    });
    expect((await ctx.get(AuditService).verify()).ok).toBe(true);
  });

  it('holds an applicant to its own unit’s projects in requests, lists and lookups', async () => {
    const own = await addProject();
    const other = await addProject();
    const scope = { kind: 'unit' as const, unitCode: own.unitCode };
    const mine = await sut.request(requestFor(own), 'unit.wang', scope);
    await expect(sut.request(requestFor(other), 'unit.wang', scope)).rejects.toMatchObject({
      code: 'PROJECT_NOT_FOUND',
      status: 404,
    });
    const theirs = await sut.request(requestFor(other), 'admin');
    await expect(sut.get(theirs.id, scope)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await sut.list({}, scope)).map((e) => e.id)).toEqual([mine.id]);
    expect(await sut.list({ projectCode: other.code }, scope)).toEqual([]);
  });
});
