import { Inject, Injectable } from '@nestjs/common';
import type { PolicyPackId } from '@hub/contracts';
import type { OpinionDocument } from '@hub/reports';
import { readinessOf, REVIEW_DOMAINS } from '@hub/rules';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError } from '../../common/app-error';
import { parseInput, ZText } from '../../common/zod';
import { Clock } from '../../infra/clock';
import { LOGGER } from '../../infra/core.module';
import { PrismaService } from '../../infra/database/prisma.service';
import type { Finding } from '../../generated/prisma/client';
import { AuditService } from '../audit/audit.service';
import { ALL_PROJECTS, type ProjectScope } from '../auth/roles';
import { CHECK_LEASE_MS, type CheckRequester, ChecksService } from '../checks/checks.service';
import { beijingDate } from '../exemptions/exemptions.repository';
import { projectScopeWhere, ProjectsRepository } from '../projects/projects.repository';
import { OpinionNumbersRepository } from './opinion-numbers.repository';
import { buildOpinion, type OpinionRemarks } from './opinion.builder';
import { type ItemDoneInput, type UploadedAttachment, ZRectificationItemInput } from './rectification';
import { type ReviewItems, RectificationService, type ReviewWithItems } from './rectification.service';
import { REVIEW_DECISIONS } from './review.types';
import { ZCheckStarted, ZReviewView } from './reviews.answers';

export const ZDecisionInput = z
  .object({
    decision: z.enum(REVIEW_DECISIONS),
    comments: z.string().max(10_000).default(''),
    /** required to agree (同意) while a blocking rule is FAIL or UNKNOWN */
    overrideReason: z.string().trim().min(10).max(2000).optional(),
    rectification: z.array(ZRectificationItemInput).max(200).default([]),
  })
  .strict();
export type DecisionInput = z.input<typeof ZDecisionInput>;

const ZRemark = ZText(10_000, 0);
/**
 * The reviewer's text on the draft opinion: a concluding remark and one per section. A field sent
 * replaces the stored one (an empty string clears it); a field left out is kept.
 */
export const ZOpinionRemarksInput = z
  .object({
    conclusion: ZRemark.optional(),
    sections: z
      .object(
        Object.fromEntries(REVIEW_DOMAINS.map((d) => [d, ZRemark.optional()])) as {
          [K in (typeof REVIEW_DOMAINS)[number]]: z.ZodOptional<typeof ZRemark>;
        },
      )
      .strict()
      .optional(),
  })
  .strict()
  .refine((v) => v.conclusion !== undefined || Object.keys(v.sections ?? {}).length > 0, {
    message: 'conclusion or at least one section remark is required',
  });
export type OpinionRemarksInput = z.input<typeof ZOpinionRemarksInput>;

/** A check started without waiting (POST /api/reviews/:id/check?wait=false): follow it at GET /api/checks/:id. */
export type CheckStarted = z.infer<typeof ZCheckStarted>;

export type ReviewView = z.infer<typeof ZReviewView>;

type ReviewRow = ReviewWithItems;
const REVIEW_INCLUDE = { project: true, ...RectificationService.include } as const;

function toView(r: ReviewRow, activeCheckRunId: string | null, items: ReviewItems): ReviewView {
  return {
    id: r.id,
    documentNo: r.documentNo,
    opinionNo: r.opinionNo,
    projectCode: r.project.code,
    projectName: r.project.name,
    unitCode: r.project.unitCode,
    unitName: r.project.unitName,
    // The columns hold only the values the service writes.
    status: r.status as ReviewView['status'],
    appliedBy: r.appliedBy,
    appliedAt: r.appliedAt.toISOString(),
    note: r.note,
    checkRunId: r.checkRunId,
    previousCheckRunId: r.previousCheckRunId,
    activeCheckRunId: r.status === 'decided' ? null : activeCheckRunId,
    decision: r.decision as ReviewView['decision'],
    comments: r.comments,
    decidedBy: r.decidedBy,
    reviewerName: r.reviewerName,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    overrideReason: r.overrideReason,
    previousReviewId: r.previousReviewId,
    items: items.items,
    itemHistory: items.history,
  };
}

/** Serialises review numbers within a year. */
const NUMBER_LOCK = 7_246_200;

/**
 * The pre-acceptance review (技术审查): a construction unit or a reviewer applies, a fresh check runs,
 * the opinion is drafted from its findings, a reviewer decides. A re-check (of the same review before
 * the decision, or a new application after 整改) is compared with the check before it.
 */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly projects: ProjectsRepository,
    private readonly checks: ChecksService,
    private readonly audit: AuditService,
    private readonly opinionNumbers: OpinionNumbersRepository,
    private readonly rectification: RectificationService,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async apply(
    projectCode: string,
    note: string | undefined,
    requester: CheckRequester,
    scope: ProjectScope,
  ): Promise<ReviewView> {
    const actor = requester.actor;
    const project = await this.projects.findVisible(projectCode, scope);
    if (!project) throw AppError.projectNotFound(projectCode);
    // An application whose check could not start would stay without one: refuse it before.
    await this.checks.refuseWhileBusy(project.code, requester);
    const open = await this.prisma.review.findFirst({
      where: { projectId: project.id, status: { not: 'decided' } },
    });
    if (open) {
      throw new AppError(
        'CONFLICT',
        {
          zh: `项目 ${projectCode} 已有未决的审查申请 ${open.documentNo}`,
          en: `Project ${projectCode} already has an undecided review ${open.documentNo}`,
        },
        { reviewId: open.id },
      );
    }
    // A new application after a decision is compared with the check that decision rested on.
    const previous = await this.prisma.review.findFirst({
      where: { projectId: project.id, status: 'decided' },
      orderBy: [{ decidedAt: 'desc' }, { documentNo: 'desc' }],
    });
    const now = this.clock.now();
    const review = await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${NUMBER_LOCK})`;
      const year = beijingDate(now).slice(0, 4);
      const count = await tx.review.count({ where: { documentNo: { startsWith: `JSSC-${year}-` } } });
      const created = await tx.review.create({
        data: {
          documentNo: `JSSC-${year}-${String(count + 1).padStart(4, '0')}`,
          projectId: project.id,
          status: 'applied',
          appliedBy: actor,
          appliedAt: now,
          note: note ?? null,
          previousCheckRunId: previous?.checkRunId ?? null,
          previousReviewId: previous?.id ?? null,
        },
      });
      const carried = previous ? await this.rectification.carry(tx, previous.id, created.id) : 0;
      await this.audit.append(
        {
          actor,
          action: 'review.apply',
          objectType: 'review',
          objectId: created.id,
          data: {
            projectCode,
            documentNo: created.documentNo,
            previousReviewId: previous?.id ?? null,
            carriedItems: carried,
          },
        },
        tx,
      );
      return created;
    });
    return this.check(review.id, requester, scope);
  }

  /**
   * Runs a fresh check for an undecided review and waits for it; the check it replaces becomes the
   * comparison.
   */
  async check(reviewId: string, requester: CheckRequester, scope: ProjectScope): Promise<ReviewView> {
    const review = await this.find(reviewId, scope);
    await (
      await this.launchCheck(review, requester)
    ).done;
    return this.get(review.id, scope);
  }

  /**
   * Starts the same check without waiting: the run id comes back at once and its progress is read
   * at GET /api/checks/:id. The review points at the run before the run reports completed.
   */
  async startCheck(reviewId: string, requester: CheckRequester, scope: ProjectScope): Promise<CheckStarted> {
    const review = await this.find(reviewId, scope);
    const { runId, done } = await this.launchCheck(review, requester);
    // The failure is recorded on the run itself, where the caller reads it.
    done.catch((e: unknown) =>
      this.logger.warn({ err: e, reviewId: review.id, checkRunId: runId }, 'review check failed'),
    );
    return { reviewId: review.id, checkRunId: runId, status: 'running' };
  }

  /** One check of a project at a time, and a per-user limit: both enforced by ChecksService. */
  private async launchCheck(
    review: ReviewRow,
    requester: CheckRequester,
  ): Promise<{ runId: string; done: Promise<unknown> }> {
    if (review.status === 'decided') {
      throw new AppError('CONFLICT', {
        zh: `审查 ${review.documentNo} 已决定；整改后请重新申请审查（将与本次检查对比）`,
        en: `Review ${review.documentNo} is decided; after rectification apply again (it is compared with this check)`,
      });
    }
    return this.checks.startProjectCheck(
      review.project.code,
      ALL_PROJECTS,
      { afterEvaluate: (runId) => this.attachCheck(review.id, runId, requester.actor) },
      requester,
    );
  }

  /** Points the review at a finished check; the check it replaces becomes the comparison. */
  private async attachCheck(reviewId: string, runId: string, actor: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const current = await tx.review.findUniqueOrThrow({ where: { id: reviewId } });
      // Decided while the check ran: the decision rests on the check it saw.
      if (current.status === 'decided') return;
      await tx.review.update({
        where: { id: reviewId },
        data: {
          status: 'checked',
          checkRunId: runId,
          previousCheckRunId: current.checkRunId ?? current.previousCheckRunId,
        },
      });
      await this.audit.append(
        {
          actor,
          action: 'review.check',
          objectType: 'review',
          objectId: reviewId,
          data: { checkRunId: runId },
        },
        tx,
      );
    });
  }

  /**
   * Saves the reviewer's remarks on the draft opinion (审查意见): they are printed in every export.
   * Refused once the review is decided: the signed opinion does not change.
   */
  async updateRemarks(reviewId: string, input: OpinionRemarksInput, actor: string): Promise<OpinionDocument> {
    const body = parseInput(ZOpinionRemarksInput, input, { zh: '审查意见', en: 'opinion remarks' });
    const review = await this.find(reviewId, ALL_PROJECTS);
    if (review.status === 'decided') {
      throw new AppError('CONFLICT', {
        zh: `审查 ${review.documentNo} 已决定，审查意见不能再修改`,
        en: `Review ${review.documentNo} is decided: its opinion can no longer be edited`,
      });
    }
    const stored = (review.remarks ?? {}) as OpinionRemarks;
    const sections = { ...stored.sections };
    for (const [domain, text] of Object.entries(body.sections ?? {})) {
      if (text === undefined) continue;
      if (text === '') delete sections[domain as keyof typeof sections];
      else sections[domain as keyof typeof sections] = text;
    }
    const conclusion = body.conclusion === undefined ? stored.conclusion : body.conclusion || undefined;
    const remarks: OpinionRemarks = {
      ...(conclusion ? { conclusion } : {}),
      ...(Object.keys(sections).length ? { sections } : {}),
    };
    await this.prisma.$transaction(async (tx) => {
      const updated = await tx.review.updateMany({
        where: { id: review.id, status: { not: 'decided' } },
        data: { remarks: { ...remarks }, remarksBy: actor, remarksAt: this.clock.now() },
      });
      if (updated.count !== 1) {
        throw new AppError('CONFLICT', { zh: '该审查已被他人决定', en: 'The review was decided meanwhile' });
      }
      await this.audit.append(
        {
          actor,
          action: 'review.opinion.edit',
          objectType: 'review',
          objectId: review.id,
          data: {
            conclusion: body.conclusion !== undefined,
            sections: Object.keys(body.sections ?? {}),
          },
        },
        tx,
      );
    });
    return this.opinion(review.id, ALL_PROJECTS);
  }

  /**
   * Decides a review and so issues its opinion: the opinion gets its city's next 文号 and names the
   * reviewer (`reviewerName`: the person's name as printed, never a login; null leaves the line to
   * sign by hand) in the transaction that records the decision.
   */
  async decide(
    reviewId: string,
    input: DecisionInput,
    actor: string,
    reviewerName: string | null,
  ): Promise<ReviewView> {
    const body = parseInput(ZDecisionInput, input, { zh: '审查决定', en: 'review decision' });
    const review = await this.find(reviewId, ALL_PROJECTS);
    if (review.status !== 'checked' || !review.checkRunId) {
      throw new AppError('CONFLICT', {
        zh: `审查 ${review.documentNo} 当前状态为 ${review.status}，只有完成检查、尚未决定的审查可以决定`,
        en: `Review ${review.documentNo} is ${review.status}: only a checked, undecided review can be decided`,
      });
    }
    await this.checks.refuseWhileBusy(review.project.code);
    const findings = await this.prisma.finding.findMany({ where: { checkRunId: review.checkRunId } });
    const { blockingRuleIds } = readinessOf(findings);
    const overriding = body.decision === 'approve' && blockingRuleIds.length > 0;
    if (overriding && !body.overrideReason) {
      throw new AppError(
        'CONFLICT',
        {
          zh: `存在阻断项（${blockingRuleIds.join('、')}）为不通过或无法判断，不能直接同意竣工验收；如确需同意，请填写 overrideReason 说明理由（将记入审计）`,
          en: `Blocking rules are FAIL or UNKNOWN (${blockingRuleIds.join(', ')}): agreeing needs an explicit overrideReason, which is recorded`,
        },
        { blockingRuleIds },
      );
    }
    const carriedOpen = review.items.filter((i) => i.status === 'open');
    if (body.decision === 'rectify' && body.rectification.length === 0 && carriedOpen.length === 0) {
      throw new AppError('INVALID_REQUEST', {
        zh: '“整改后复核”须列出至少一项整改事项（rectification）及其期限',
        en: 'A rectify decision needs at least one rectification item with a deadline',
      });
    }
    if (body.decision === 'rectify') {
      // Every blocking rule that stands in the way is followed up; an open item carried from the
      // previous review already does so.
      const covered = new Set(
        [...body.rectification.map((i) => i.ruleId), ...carriedOpen.map((i) => i.ruleId)].filter(Boolean),
      );
      const missingRuleIds = blockingRuleIds.filter((id) => !covered.has(id)).sort();
      if (missingRuleIds.length > 0) {
        throw new AppError(
          'INVALID_REQUEST',
          {
            zh: `“整改后复核”须为每个阻断的不通过或无法判断项列出整改事项，缺少：${missingRuleIds.join('、')}`,
            en: `A rectify decision needs a rectification item for every blocking FAIL or UNKNOWN rule; missing: ${missingRuleIds.join(', ')}`,
          },
          { missingRuleIds },
        );
      }
    }
    const today = beijingDate(this.clock.now());
    const known = new Set(findings.map((f) => f.ruleId));
    for (const [i, item] of body.rectification.entries()) {
      if (item.deadline < today) {
        throw new AppError('INVALID_REQUEST', {
          zh: `第 ${i + 1} 项整改事项的期限 ${item.deadline} 早于今天`,
          en: `Rectification item ${i + 1}: deadline ${item.deadline} is in the past`,
        });
      }
      if (item.ruleId && !known.has(item.ruleId)) {
        throw new AppError('INVALID_REQUEST', {
          zh: `第 ${i + 1} 项整改事项引用的规则 ${item.ruleId} 不在本次检查中`,
          en: `Rectification item ${i + 1}: rule ${item.ruleId} is not among this check's findings`,
        });
      }
    }
    const now = this.clock.now();
    const reviewer = reviewerName?.trim() || null;
    await this.prisma.$transaction(async (tx) => {
      // Taken before the update so that a decision that loses the race below rolls its number back.
      const opinionNo = await this.opinionNumbers.next(tx, review.project.policyPack as PolicyPackId, now);
      const updated = await tx.review.updateMany({
        where: { id: review.id, status: 'checked' },
        data: {
          status: 'decided',
          decision: body.decision,
          comments: body.comments,
          decidedBy: actor,
          reviewerName: reviewer,
          decidedAt: now,
          opinionNo,
          overrideReason: overriding ? body.overrideReason! : null,
          overrideRuleIds: overriding ? blockingRuleIds : [],
        },
      });
      if (updated.count !== 1) {
        throw new AppError('CONFLICT', { zh: '该审查已被他人决定', en: 'The review was decided meanwhile' });
      }
      await tx.rectificationItem.createMany({
        data: body.rectification.map((item, i) => ({
          reviewId: review.id,
          // after the items carried from the previous review
          position: review.items.length + i,
          ruleId: item.ruleId ?? null,
          description: item.description,
          owner: item.owner ?? review.project.unitName,
          deadline: new Date(`${item.deadline}T00:00:00Z`),
          status: 'open',
        })),
      });
      await this.audit.append(
        {
          actor,
          action: 'review.decide',
          objectType: 'review',
          objectId: review.id,
          data: {
            decision: body.decision,
            checkRunId: review.checkRunId,
            items: body.rectification.length,
            opinionNo,
            reviewerName: reviewer,
          },
        },
        tx,
      );
      if (overriding) {
        await this.audit.append(
          {
            actor,
            action: 'review.override',
            objectType: 'review',
            objectId: review.id,
            data: { reason: body.overrideReason, blockingRuleIds },
          },
          tx,
        );
      }
    });
    return this.get(review.id, ALL_PROJECTS);
  }

  /**
   * Marks a rectification item done (by an applicant of the unit, or a reviewer): `doneBy` is the
   * person's name (the signed-in user's display name, or the CLI's --by), the note says what was done,
   * the file is optional evidence.
   */
  async completeItem(
    reviewId: string,
    itemId: string,
    input: ItemDoneInput,
    file: UploadedAttachment | null,
    actor: string,
    doneBy: string | null,
    scope: ProjectScope,
  ): Promise<ReviewView> {
    const review = await this.find(reviewId, scope);
    await this.rectification.markDone(review, itemId, input, file, actor, doneBy);
    return this.get(reviewId, scope);
  }

  /** A review's items and the history it shows (`hub review items`). */
  async items(reviewId: string, scope: ProjectScope): Promise<ReviewItems & { documentNo: string }> {
    const review = await this.find(reviewId, scope);
    const views = (await this.rectification.viewsOf([review])).get(review.id)!;
    return { documentNo: review.documentNo, ...views };
  }

  /** The file handed in with an item. */
  async itemAttachment(reviewId: string, itemId: string, scope: ProjectScope) {
    return this.rectification.attachment(await this.find(reviewId, scope), itemId);
  }

  async list(filter: { projectCode?: string; status?: string }, scope: ProjectScope): Promise<ReviewView[]> {
    const rows = await this.prisma.review.findMany({
      where: {
        project: { AND: [projectScopeWhere(scope), filter.projectCode ? { code: filter.projectCode } : {}] },
        ...(filter.status ? { status: filter.status } : {}),
      },
      include: REVIEW_INCLUDE,
      // Document numbers rise with each application: they order reviews applied in the same instant.
      orderBy: [{ appliedAt: 'desc' }, { documentNo: 'desc' }],
      take: 500,
    });
    const [active, items] = await Promise.all([
      this.activeChecks(rows.filter((r) => r.status !== 'decided').map((r) => r.project.code)),
      this.rectification.viewsOf(rows),
    ]);
    return rows.map((r) => toView(r, active.get(r.project.code) ?? null, items.get(r.id)!));
  }

  async get(id: string, scope: ProjectScope): Promise<ReviewView> {
    const row = await this.find(id, scope);
    const [active, items] = await Promise.all([
      row.status === 'decided' ? new Map<string, string>() : this.activeChecks([row.project.code]),
      this.rectification.viewsOf([row]),
    ]);
    return toView(row, active.get(row.project.code) ?? null, items.get(row.id)!);
  }

  /** The live targeted check of each project, if any (a lapsed heartbeat is no longer live). */
  private async activeChecks(projectCodes: string[]): Promise<Map<string, string>> {
    if (projectCodes.length === 0) return new Map();
    const runs = await this.prisma.checkRun.findMany({
      where: {
        kind: 'targeted',
        status: 'running',
        projectCode: { in: [...new Set(projectCodes)] },
        heartbeatAt: { gte: new Date(Date.now() - CHECK_LEASE_MS) },
      },
      orderBy: { startedAt: 'asc' },
      select: { id: true, projectCode: true },
    });
    return new Map(runs.map((r) => [r.projectCode!, r.id]));
  }

  /** The review's opinion (技术审查意见): a draft until decided. */
  async opinion(id: string, scope: ProjectScope): Promise<OpinionDocument> {
    const review = await this.find(id, scope);
    if (!review.checkRunId) {
      throw new AppError('CONFLICT', {
        zh: `审查 ${review.documentNo} 尚未完成检查，暂无审查意见`,
        en: `Review ${review.documentNo} has no completed check yet`,
      });
    }
    const run = await this.prisma.checkRun.findUniqueOrThrow({ where: { id: review.checkRunId } });
    const [findings, previous, disputes, exemptions, items] = await Promise.all([
      this.findingsOf(review.checkRunId, review.projectId),
      review.previousCheckRunId ? this.findingsOf(review.previousCheckRunId, review.projectId) : null,
      this.prisma.dispute.findMany({ where: { projectId: review.projectId } }),
      this.prisma.exemption.findMany({ where: { projectId: review.projectId, status: 'approved' } }),
      this.rectification.viewsOf([review]).then((m) => m.get(review.id)!),
    ]);
    return buildOpinion({
      review,
      project: review.project,
      issuer: this.opinionNumbers.issuerOf(review.project.policyPack as PolicyPackId),
      findings,
      previousFindings: previous,
      checkedAt: run.asOf,
      disputes,
      exemptions,
      items,
      generatedAt: this.clock.now(),
    });
  }

  /** The latest review of a project that has a check, for `hub opinion <code>`. */
  async latestFor(projectCode: string, scope: ProjectScope): Promise<ReviewView> {
    const [latest] = await this.list({ projectCode }, scope);
    if (!latest) {
      throw new AppError('NOT_FOUND', {
        zh: `项目 ${projectCode} 没有审查申请：请先申请审查`,
        en: `Project ${projectCode} has no review: apply first`,
      });
    }
    return latest;
  }

  private findingsOf(checkRunId: string, projectId: string): Promise<Finding[]> {
    return this.prisma.finding.findMany({ where: { checkRunId, projectId }, orderBy: { ruleId: 'asc' } });
  }

  private async find(id: string, scope: ProjectScope): Promise<ReviewRow> {
    const row = z.uuid().safeParse(id).success
      ? await this.prisma.review.findFirst({
          where: { id, project: projectScopeWhere(scope) },
          include: REVIEW_INCLUDE,
        })
      : null;
    if (!row) throw new AppError('NOT_FOUND', { zh: `审查 ${id} 不存在`, en: `No review ${id}` });
    return row;
  }
}
