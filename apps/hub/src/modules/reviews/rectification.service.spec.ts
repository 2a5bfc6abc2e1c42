import type { INestApplicationContext } from '@nestjs/common';
import { SOURCE_IDS } from '@hub/connectors';
import type { TProject } from '@hub/contracts';
import { buildProject } from '@hub/contracts/testing';
import { projectContentHash } from '@hub/registry';
import type { Finding as RuleFinding, SourceState, Verdict } from '@hub/rules';
import { createTestDatabase } from '../../../../../test/support/database';
import { AppError } from '../../common/app-error';
import { PrismaService } from '../../infra/database/prisma.service';
import type { Project } from '../../generated/prisma/client';
import { createTestContext, ManualClock } from '../../testing/test-context';
import { ALL_PROJECTS, type ProjectScope } from '../auth/roles';
import { ChecksService } from '../checks/checks.service';
import { FindingsRepository } from '../checks/findings.repository';
import { SourceTrust } from '../checks/source-trust';
import { ProjectsRepository } from '../projects/projects.repository';
import { MAX_ATTACHMENT_BYTES, STILL_FAILING } from './rectification';
import { ReviewsService } from './reviews.service';

/** The construction unit's user, as the API passes a requester. */
const UNIT_REQUESTER = { actor: 'zhang.unit', limited: true };

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2048, 0x20), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

/** The error a call fails with, to assert on its code and words. */
async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

describe(`${ReviewsService.name}: the rectification loop`, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: INestApplicationContext;
  let clock: ManualClock;
  let prisma: PrismaService;
  let sut: ReviewsService;
  /** the verdicts the next check of each project gives its rules, besides PASS */
  const nextVerdicts = new Map<string, Record<string, { verdict: Verdict; warningOnly?: boolean }>>();

  beforeAll(async () => {
    db = await createTestDatabase();
    clock = new ManualClock();
    ctx = await createTestContext(db.url, {}, clock);
    prisma = ctx.get(PrismaService);
    sut = ctx.get(ReviewsService);
    // The upstreams are not what these tests are about: a project's "fresh check" is the rules'
    // verdicts on no records, with the verdicts a test sets for it.
    const checks = ctx.get(ChecksService);
    vi.spyOn(checks, 'startProjectCheck').mockImplementation(async (code, _scope, hooks) => {
      const project = await prisma.project.findUniqueOrThrow({ where: { code } });
      const run = await checked(project, nextVerdicts.get(code) ?? {});
      return {
        runId: run.id,
        done: hooks?.afterEvaluate?.(run.id).then(() => checks.getRun(run.id)) as never,
      };
    });
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await ctx?.close();
    await db?.drop();
  });

  async function addProject(overrides: Partial<TProject> = {}): Promise<Project> {
    const project = buildProject(overrides);
    await ctx.get(ProjectsRepository).upsert(project, projectContentHash(project));
    return prisma.project.findUniqueOrThrow({ where: { code: project.code } });
  }

  /** A completed check of the project: every rule PASS (or as it evaluates) but those in `change`. */
  async function checked(
    project: Project,
    change: Record<string, { verdict: Verdict; warningOnly?: boolean }>,
  ) {
    const now = clock.nowIso();
    const states = Object.fromEntries(
      SOURCE_IDS.map((source) => [source, { source, status: 'succeeded', finishedAt: now, error: null }]),
    ) as Record<string, SourceState>;
    const [result] = await ctx.get(ChecksService).evaluate([project], SourceTrust.of(states));
    const findings: RuleFinding[] = result!.evaluation.findings.map((f) => ({
      ...f,
      verdict: 'PASS',
      warningOnly: false,
      ...change[f.ruleId],
    }));
    const run = await prisma.checkRun.create({
      data: {
        kind: 'targeted',
        projectCode: project.code,
        status: 'completed',
        asOf: clock.now(),
        startedAt: clock.now(),
        finishedAt: clock.now(),
        syncIds: [],
      },
    });
    await ctx.get(FindingsRepository).save(run.id, [{ projectId: project.id, packVersion: 1, findings }]);
    return run;
  }

  const blocking = ['YY-CLOUD-DEPLOY', 'YY-DATA-SHARE', 'YY-MLPS-EVAL'];
  const unit = (p: Project): ProjectScope => ({ kind: 'unit', unitCode: p.unitCode });
  const item = (ruleId: string | null, extra: { owner?: string } = {}) => ({
    ruleId,
    description: `整改 ${ruleId ?? '其他'}`,
    deadline: '2026-12-31',
    ...extra,
  });

  /** A project applied for, whose check finds three blocking rules open and one warning-only FAIL. */
  async function applied() {
    const project = await addProject({ policyPack: 'yueyang' });
    nextVerdicts.set(project.code, {
      'YY-CLOUD-DEPLOY': { verdict: 'FAIL' },
      'YY-DATA-SHARE': { verdict: 'FAIL' },
      'YY-MLPS-EVAL': { verdict: 'UNKNOWN' },
      'YY-CRYPTO': { verdict: 'FAIL', warningOnly: true },
    });
    const review = await sut.apply(project.code, undefined, UNIT_REQUESTER, unit(project));
    return { project, review };
  }

  it('refuses a rectify decision that leaves a blocking FAIL or UNKNOWN without an item, naming the rules', async () => {
    const { review } = await applied();
    const refused = await failure(
      sut.decide(
        review.id,
        { decision: 'rectify', rectification: [item('YY-CLOUD-DEPLOY')] },
        'li.review',
        '李科长',
      ),
    );
    expect(refused.code).toBe('INVALID_REQUEST');
    expect(refused.text.zh).toBe(
      '“整改后复核”须为每个阻断的不通过或无法判断项列出整改事项，缺少：YY-DATA-SHARE、YY-MLPS-EVAL',
    );
    expect(refused.text.en).toContain('missing: YY-DATA-SHARE, YY-MLPS-EVAL');
    expect(refused.details).toEqual({ missingRuleIds: ['YY-DATA-SHARE', 'YY-MLPS-EVAL'] });
    expect((await sut.get(review.id, ALL_PROJECTS)).status).toBe('checked');
  });

  it('accepts a rectify decision covering every blocking rule, the warning-only FAIL excepted, with owners', async () => {
    const { project, review } = await applied();
    const decided = await sut.decide(
      review.id,
      {
        decision: 'rectify',
        rectification: [
          item('YY-CLOUD-DEPLOY', { owner: '信息科 张工' }),
          item('YY-DATA-SHARE'),
          { ...item('YY-MLPS-EVAL'), deadline: '2026-11-30' },
        ],
      },
      'li.review',
      '李科长',
    );
    expect(decided.status).toBe('decided');
    expect(decided.items.map((i) => [i.ruleId, i.owner, i.deadline, i.status])).toEqual([
      ['YY-MLPS-EVAL', project.unitName, '2026-11-30', 'open'],
      ['YY-CLOUD-DEPLOY', '信息科 张工', '2026-12-31', 'open'],
      ['YY-DATA-SHARE', project.unitName, '2026-12-31', 'open'],
    ]);
  });

  describe('marking an item done', () => {
    let project: Project;
    let reviewId: string;
    let itemIds: Record<string, string>;

    beforeAll(async () => {
      const a = await applied();
      project = a.project;
      const decided = await sut.decide(
        a.review.id,
        { decision: 'rectify', rectification: blocking.map((r) => item(r)) },
        'li.review',
        '李科长',
      );
      reviewId = decided.id;
      itemIds = Object.fromEntries(decided.items.map((i) => [i.ruleId, i.id]));
    });

    const done = (
      ruleId: string,
      note: unknown,
      file: { fileName: string; content: Buffer } | null = null,
      scope: ProjectScope = ALL_PROJECTS,
    ) => sut.completeItem(reviewId, itemIds[ruleId]!, { note } as never, file, 'zhang.unit', '张工', scope);

    it('needs a note saying what was done', async () => {
      const refused = await failure(done('YY-CLOUD-DEPLOY', '  '));
      expect(refused.code).toBe('INVALID_REQUEST');
      expect(refused.text.zh).toContain('整改完成情况无效：note');
      expect(await failure(done('YY-CLOUD-DEPLOY', undefined))).toMatchObject({ code: 'INVALID_REQUEST' });
      expect(await failure(done('YY-CLOUD-DEPLOY', 'a\u0000b'))).toMatchObject({ code: 'INVALID_REQUEST' });
    });

    it('refuses an attachment of another type, whose content is not what its name says, with a bad name, or too large', async () => {
      const cases: [{ fileName: string; content: Buffer }, string, string][] = [
        [
          { fileName: 'run.exe', content: PDF },
          'INVALID_FILE',
          '只接受 pdf、jpg、jpeg、png、docx、xlsx 文件',
        ],
        [{ fileName: '报告.pdf', content: PNG }, 'INVALID_FILE', '文件内容不是 pdf 格式'],
        [{ fileName: 'a\u0000.pdf', content: PDF }, 'INVALID_FILE', '文件名'],
        [{ fileName: '\ud800.pdf', content: PDF }, 'INVALID_FILE', '文件名'],
        [{ fileName: `${'长'.repeat(201)}.pdf`, content: PDF }, 'INVALID_FILE', '文件名最多 200 个字符'],
        [{ fileName: '../etc.pdf', content: PDF }, 'INVALID_FILE', '路径分隔符'],
        [{ fileName: 'empty.pdf', content: Buffer.alloc(0) }, 'INVALID_FILE', '文件为空'],
        [
          { fileName: 'big.pdf', content: Buffer.concat([PDF, Buffer.alloc(MAX_ATTACHMENT_BYTES)]) },
          'PAYLOAD_TOO_LARGE',
          '整改附件最大 10 MB',
        ],
      ];
      for (const [file, code, zh] of cases) {
        const refused = await failure(done('YY-CLOUD-DEPLOY', '已迁移', file));
        expect({ name: file.fileName.slice(0, 20), code: refused.code, zh: refused.text.zh }).toEqual({
          name: file.fileName.slice(0, 20),
          code,
          zh: expect.stringContaining(zh),
        });
      }
      const view = await sut.get(reviewId, ALL_PROJECTS);
      expect(view.items.find((i) => i.ruleId === 'YY-CLOUD-DEPLOY')!.status).toBe('open');
    });

    it('records who did it, when, the note and the file, serves the file to the unit, and audits it', async () => {
      const view = await done(
        'YY-CLOUD-DEPLOY',
        '系统已迁移至政务云，资源台账已登记',
        { fileName: '迁移报告.pdf', content: PDF },
        unit(project),
      );
      const marked = view.items.find((i) => i.ruleId === 'YY-CLOUD-DEPLOY')!;
      expect(marked).toMatchObject({
        status: 'done',
        doneBy: '张工',
        doneAt: clock.now().toISOString(),
        note: '系统已迁移至政务云，资源台账已登记',
        attachment: {
          fileName: '迁移报告.pdf',
          contentType: 'application/pdf',
          size: PDF.length,
          url: `/api/reviews/${reviewId}/items/${marked.id}/attachment`,
        },
        recheck: null,
      });
      const file = await sut.itemAttachment(reviewId, marked.id, unit(project));
      expect(file).toMatchObject({ fileName: '迁移报告.pdf', contentType: 'application/pdf' });
      expect(file.content.equals(PDF)).toBe(true);
      const otherUnit: ProjectScope = { kind: 'unit', unitCode: '91430600MA4L000000' };
      expect(await failure(sut.itemAttachment(reviewId, marked.id, otherUnit))).toMatchObject({
        code: 'NOT_FOUND',
      });
      const audit = await prisma.auditEntry.findMany({
        where: { action: 'rectification.done', objectId: marked.id },
      });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actor: 'zhang.unit',
        data: {
          reviewId,
          ruleId: 'YY-CLOUD-DEPLOY',
          doneBy: '张工',
          note: '系统已迁移至政务云，资源台账已登记',
          attachment: { fileName: '迁移报告.pdf', size: PDF.length, sha256: marked.attachment!.sha256 },
        },
      });
    });

    it('keeps an item done once: marking it again is refused, naming who did it', async () => {
      const again = await failure(done('YY-CLOUD-DEPLOY', '再次'));
      expect(again.code).toBe('CONFLICT');
      expect(again.text.zh).toContain('由 张工 标记完成');
    });

    it('refuses another unit, as if the review did not exist', async () => {
      const otherUnit: ProjectScope = { kind: 'unit', unitCode: '91430600MA4L000000' };
      expect(await failure(done('YY-DATA-SHARE', '已完成', null, otherUnit))).toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    describe('the next application', () => {
      let nextId: string;

      beforeAll(async () => {
        await done('YY-MLPS-EVAL', '已完成等级保护测评');
        // 整改 fixed the cloud deployment; the MLPS evaluation, marked done, still fails.
        nextVerdicts.set(project.code, {
          'YY-DATA-SHARE': { verdict: 'FAIL' },
          'YY-MLPS-EVAL': { verdict: 'FAIL' },
        });
        nextId = (await sut.apply(project.code, '整改完成，申请复核', UNIT_REQUESTER, unit(project))).id;
      });

      it('carries the open items and shows the done ones as history, warning where the re-check still fails', async () => {
        const view = await sut.get(nextId, unit(project));
        expect(view.previousReviewId).toBe(reviewId);
        expect(view.items.map((i) => [i.ruleId, i.status, i.carriedFrom?.reviewId])).toEqual([
          ['YY-DATA-SHARE', 'open', reviewId],
        ]);
        const history = [...view.itemHistory].sort((a, b) => a.ruleId!.localeCompare(b.ruleId!));
        expect(history.map((i) => [i.ruleId, i.reviewId, i.doneBy, i.recheck?.verdict ?? null])).toEqual([
          ['YY-CLOUD-DEPLOY', reviewId, '张工', null],
          ['YY-MLPS-EVAL', reviewId, '张工', 'FAIL'],
        ]);
        expect(history[1]!.recheck!.warning).toEqual(STILL_FAILING);
        expect(STILL_FAILING.zh).toBe('整改事项已标记完成，但复查仍不通过');
        const audit = await prisma.auditEntry.findFirst({
          where: { action: 'review.apply', objectId: nextId },
        });
        expect(audit!.data).toMatchObject({ previousReviewId: reviewId, carriedItems: 1 });
      });

      it('prints the carried item and the warning in the opinion', async () => {
        const doc = await sut.opinion(nextId, ALL_PROJECTS);
        expect(doc.rectification).toEqual([
          expect.objectContaining({ ruleId: 'YY-DATA-SHARE', carriedFrom: expect.stringMatching(/^JSSC-/) }),
        ]);
        const history = doc.rectificationHistory.map((i) => [i.ruleId, i.warning?.zh ?? null, i.done?.by]);
        expect(history.sort()).toEqual([
          ['YY-CLOUD-DEPLOY', null, '张工'],
          ['YY-MLPS-EVAL', '整改事项已标记完成，但复查仍不通过', '张工'],
        ]);
      });

      it('follows a carried item up in the new review only', async () => {
        const old = await failure(done('YY-DATA-SHARE', '已完成'));
        expect(old.code).toBe('CONFLICT');
        expect(old.text.zh).toMatch(/^整改事项已转入审查 JSSC-\d{4}-\d{4}，请在该审查中办理$/);
      });

      it('warns on a carried item marked done once a later check still fails it, not before', async () => {
        const carried = (await sut.get(nextId, ALL_PROJECTS)).items[0]!;
        const marked = await sut.completeItem(
          nextId,
          carried.id,
          { note: '已接入共享平台' },
          null,
          'zhang.unit',
          '张工',
          ALL_PROJECTS,
        );
        expect(marked.items[0]).toMatchObject({ status: 'done', recheck: null });
        const rechecked = await sut.check(nextId, UNIT_REQUESTER, ALL_PROJECTS);
        expect(rechecked.items[0]!.recheck).toMatchObject({ verdict: 'FAIL', warning: STILL_FAILING });
      });

      it('lets a rectify decision rest on the items already carried', async () => {
        const project2 = await addProject({ policyPack: 'yueyang' });
        nextVerdicts.set(project2.code, { 'YY-CLOUD-DEPLOY': { verdict: 'FAIL' } });
        const first = await sut.apply(project2.code, undefined, UNIT_REQUESTER, ALL_PROJECTS);
        await sut.decide(
          first.id,
          { decision: 'rectify', rectification: [item('YY-CLOUD-DEPLOY')] },
          'li',
          null,
        );
        const second = await sut.apply(project2.code, undefined, UNIT_REQUESTER, ALL_PROJECTS);
        const decided = await sut.decide(second.id, { decision: 'rectify' }, 'li', null);
        expect(decided.items.map((i) => [i.ruleId, i.status, i.carriedFrom?.reviewId])).toEqual([
          ['YY-CLOUD-DEPLOY', 'open', first.id],
        ]);
      });
    });
  });
});
