import { Inject, Injectable } from '@nestjs/common';
import { ZProjectCode } from '@hub/contracts';
import { packFor, REVIEW_DOMAIN_TITLES, REVIEW_DOMAINS, type Text } from '@hub/rules';
import { EXEMPTION_STATUS_LABELS, EXEMPTION_STATUSES, type ExemptionStatus, labelOf } from '@hub/vocabulary';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError } from '../../common/app-error';
import { ZText } from '../../common/zod';
import { Clock } from '../../infra/clock';
import { LOGGER } from '../../infra/core.module';
import { PrismaService } from '../../infra/database/prisma.service';
import type { Exemption, Prisma, Project } from '../../generated/prisma/client';
import { AuditService } from '../audit/audit.service';
import { ALL_PROJECTS, type ProjectScope } from '../auth/roles';
import { projectScopeWhere, ProjectsRepository } from '../projects/projects.repository';
import { EXEMPTION_CATEGORIES, EXEMPTION_CATEGORY_TITLES, type ExemptionCategory } from './exemption.types';
import { beijingDate } from './exemptions.repository';
import { ZExemptionView, ZRenewalNotice } from './exemptions.answers';

/** An approved exemption this close to its end (in days, Beijing dates) gets a renewal notice. */
export const RENEWAL_NOTICE_DAYS = 30;

export { EXEMPTION_STATUSES, type ExemptionStatus } from '@hub/vocabulary';

const DAY_MS = 86_400_000;

const ZDay = z.iso.date({ error: 'expected a date YYYY-MM-DD / 应为 YYYY-MM-DD 格式的日期' });
/**
 * A request for an exemption (豁免申请): one project, and either a list of rule ids or a review domain
 * standing for every rule of that domain in the project's pack. `approved: true` records an exemption
 * already approved elsewhere in one step (needs exemptions:decide).
 */
export const ZExemptionRequest = z
  .object({
    projectCode: ZProjectCode,
    ruleIds: z.array(ZText(64)).min(1).max(100).optional(),
    domain: z.enum(REVIEW_DOMAINS).optional(),
    /** 豁免理由类别 */
    reasonCategory: z.enum(EXEMPTION_CATEGORIES),
    reasonText: ZText(2000),
    /** 批准文号 */
    documentNo: ZText(200),
    /** 审批机关 */
    authority: ZText(200),
    validFrom: ZDay,
    validUntil: ZDay,
    attachmentRef: ZText(500).optional(),
    approved: z.boolean().optional(),
    /** the decision's comment when `approved` */
    comment: ZText(1000, 0).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.ruleIds === undefined) === (v.domain === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [v.ruleIds === undefined ? 'ruleIds' : 'domain'],
        message: 'give either ruleIds or domain, not both / 规则编号 ruleIds 与规则组 domain 须二选一',
      });
    }
    if (v.validFrom > v.validUntil) {
      ctx.addIssue({
        code: 'custom',
        path: ['validUntil'],
        message: 'validUntil is before validFrom / 有效期截止日早于起始日',
      });
    }
  });
export type ExemptionRequest = z.infer<typeof ZExemptionRequest>;

export const ZExemptionDecision = z
  .object({ decision: z.enum(['approve', 'reject']), comment: ZText(1000, 0).optional() })
  .strict();
export type ExemptionDecision = z.infer<typeof ZExemptionDecision>;

export const ZExemptionRevocation = z.object({ reason: ZText(1000) }).strict();

/** Filters of the exemption list (query string or command options). */
export const ZExemptionListFilter = z.object({
  projectCode: ZProjectCode.optional(),
  status: z.enum(EXEMPTION_STATUSES).optional(),
  /** approved exemptions whose validUntil is today or within this many days after it */
  expiringWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
});
export type ExemptionListFilter = z.infer<typeof ZExemptionListFilter>;

/** An exemption as the API and CLI show it. */
export type ExemptionView = z.infer<typeof ZExemptionView>;

/** 续期提醒: an approved exemption about to end, and what to tell its project's unit. */
export type RenewalNotice = z.infer<typeof ZRenewalNotice>;

type ExemptionRow = Exemption & { project: Project };

const day = (date: string) => new Date(`${date}T00:00:00Z`);
const dateOf = (d: Date) => d.toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) =>
  Math.round((day(to).getTime() - day(from).getTime()) / DAY_MS);

function toView(row: ExemptionRow, today: string): ExemptionView {
  const status = row.status as ExemptionStatus;
  const category = row.reasonCategory as ExemptionCategory;
  const validFrom = dateOf(row.validFrom);
  const validUntil = dateOf(row.validUntil);
  return {
    id: row.id,
    projectCode: row.project.code,
    projectName: row.project.name,
    unitName: row.project.unitName,
    packId: row.project.policyPack,
    ruleIds: row.ruleIds,
    reasonCategory: category,
    reasonCategoryTitle: EXEMPTION_CATEGORY_TITLES[category],
    reasonText: row.reasonText,
    documentNo: row.documentNo,
    authority: row.authority,
    validFrom,
    validUntil,
    attachmentRef: row.attachmentRef,
    status,
    isCurrent: status === 'approved' && validFrom <= today && today <= validUntil,
    daysLeft: status === 'approved' || status === 'requested' ? daysBetween(today, validUntil) : null,
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt.toISOString(),
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionComment: row.decisionComment,
    revokedBy: row.revokedBy,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revocationReason: row.revocationReason,
  };
}

/** The renewal notice of an approved exemption `daysLeft` days from its end. */
function renewalText(v: ExemptionView, daysLeft: number): Text {
  const rules = v.ruleIds.join(', ');
  const when =
    daysLeft === 0
      ? { zh: '今天到期', en: 'ends today' }
      : { zh: `还有 ${daysLeft} 天到期`, en: `ends in ${daysLeft} day(s)` };
  return {
    zh:
      `项目 ${v.projectCode}（${v.projectName}）的豁免 ${v.documentNo}（${v.authority}批准，规则 ${rules}）` +
      `有效期至 ${v.validUntil}，${when.zh}。如仍需豁免，请在到期前办理续期并重新登记；到期后上述规则将恢复检查。`,
    en:
      `The exemption ${v.documentNo} of project ${v.projectCode} (${v.projectName}; approved by ${v.authority}; ` +
      `rules ${rules}) is valid until ${v.validUntil} and ${when.en}. If it is still needed, renew it and ` +
      `record the renewal before then; afterwards these rules are evaluated again.`,
  };
}

/**
 * Exemptions (豁免) as legal records: requested by a construction unit or a reviewer, approved or
 * rejected by whoever holds exemptions:decide, revoked when they no longer hold. Nothing is deleted:
 * every state stays on the row and every change is in the audit trail. Which ones waive rules at a
 * moment is ExemptionsRepository.currentFor's business.
 */
@Injectable()
export class ExemptionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly projects: ProjectsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Today's date in Beijing, by the hub's clock. */
  today(): string {
    return beijingDate(this.clock.now());
  }

  async list(filter: ExemptionListFilter, scope: ProjectScope = ALL_PROJECTS): Promise<ExemptionView[]> {
    const today = this.today();
    const conditions: Prisma.ExemptionWhereInput[] = [{ project: projectScopeWhere(scope) }];
    if (filter.projectCode) conditions.push({ project: { code: filter.projectCode } });
    if (filter.status) conditions.push({ status: filter.status });
    if (filter.expiringWithinDays !== undefined) {
      const last = dateOf(new Date(day(today).getTime() + filter.expiringWithinDays * DAY_MS));
      conditions.push({ status: 'approved', validUntil: { gte: day(today), lte: day(last) } });
    }
    // AND, so that no filter widens the scope.
    const rows = await this.prisma.exemption.findMany({
      where: { AND: conditions },
      include: { project: true },
      orderBy: [{ requestedAt: 'desc' }, { id: 'asc' }],
    });
    return rows.map((r) => toView(r, today));
  }

  async get(id: string, scope: ProjectScope = ALL_PROJECTS): Promise<ExemptionView> {
    return toView(await this.find(id, scope), this.today());
  }

  /**
   * Records a request (status `requested`), or with `approved` an exemption already approved, in one
   * step. The project must be visible to the caller; the rules must be rules of the project's pack.
   */
  async request(
    input: ExemptionRequest,
    actor: string,
    scope: ProjectScope = ALL_PROJECTS,
  ): Promise<ExemptionView> {
    const project = await this.projects.findVisible(input.projectCode, scope);
    if (!project) throw AppError.projectNotFound(input.projectCode);
    const ruleIds = rulesOf(project, input);
    const now = this.clock.now();
    const approved = input.approved === true;
    const created = await this.prisma.$transaction(async (tx) => {
      const row = await tx.exemption.create({
        data: {
          projectId: project.id,
          ruleIds,
          reasonCategory: input.reasonCategory,
          reasonText: input.reasonText,
          documentNo: input.documentNo,
          authority: input.authority,
          validFrom: day(input.validFrom),
          validUntil: day(input.validUntil),
          attachmentRef: input.attachmentRef ?? null,
          status: approved ? 'approved' : 'requested',
          requestedBy: actor,
          requestedAt: now,
          ...(approved ? { decidedBy: actor, decidedAt: now, decisionComment: input.comment ?? null } : {}),
        },
        include: { project: true },
      });
      await this.audit.append(
        auditOf(row, 'request', actor, {
          ruleIds,
          ...(input.domain ? { domain: input.domain } : {}),
          reasonCategory: row.reasonCategory,
          reasonText: row.reasonText,
          documentNo: row.documentNo,
          authority: row.authority,
          validFrom: input.validFrom,
          validUntil: input.validUntil,
          ...(row.attachmentRef ? { attachmentRef: row.attachmentRef } : {}),
        }),
        tx,
      );
      if (approved) {
        await this.audit.append(
          auditOf(row, 'approve', actor, { recordedApproved: true, comment: row.decisionComment }),
          tx,
        );
      }
      return row;
    });
    this.logger.info(
      { exemptionId: created.id, projectCode: project.code, status: created.status, actor },
      'exemption recorded',
    );
    return toView(created, this.today());
  }

  /** Approves or rejects a requested exemption; any other state is a conflict. */
  decide(
    id: string,
    decision: ExemptionDecision,
    actor: string,
    scope: ProjectScope = ALL_PROJECTS,
  ): Promise<ExemptionView> {
    const comment = decision.comment || null;
    return this.transition(id, scope, 'requested', decision.decision, actor, { comment }, (now) => ({
      status: decision.decision === 'approve' ? 'approved' : 'rejected',
      decidedBy: actor,
      decidedAt: now,
      decisionComment: comment,
    }));
  }

  /** Revokes an approved exemption: kept with who, when and why; its rules evaluate again. */
  revoke(
    id: string,
    reason: string,
    actor: string,
    scope: ProjectScope = ALL_PROJECTS,
  ): Promise<ExemptionView> {
    return this.transition(id, scope, 'approved', 'revoke', actor, { reason }, (now) => ({
      status: 'revoked',
      revokedBy: actor,
      revokedAt: now,
      revocationReason: reason,
    }));
  }

  /**
   * Approved exemptions whose validity ends within RENEWAL_NOTICE_DAYS of `today` (YYYY-MM-DD,
   * Beijing), soonest first, each with the notice to send its unit. For the API and for monitoring.
   */
  async renewalNotices(today: string, scope: ProjectScope = ALL_PROJECTS): Promise<RenewalNotice[]> {
    const last = dateOf(new Date(day(today).getTime() + RENEWAL_NOTICE_DAYS * DAY_MS));
    const rows = await this.prisma.exemption.findMany({
      where: {
        AND: [
          { project: projectScopeWhere(scope) },
          { status: 'approved', validUntil: { gte: day(today), lte: day(last) } },
        ],
      },
      include: { project: true },
      orderBy: [{ validUntil: 'asc' }, { id: 'asc' }],
    });
    return rows.map((row) => {
      const exemption = toView(row, today);
      const daysLeft = daysBetween(today, exemption.validUntil);
      return { exemption, daysLeft, notice: renewalText(exemption, daysLeft) };
    });
  }

  private async find(id: string, scope: ProjectScope): Promise<ExemptionRow> {
    const row = await this.prisma.exemption.findFirst({
      where: { id, project: projectScopeWhere(scope) },
      include: { project: true },
    });
    if (!row) throw notFound(id);
    return row;
  }

  /**
   * Moves an exemption from state `from` to a new one, refusing any other starting state. The update
   * is conditional on that state, so of two concurrent decisions only one succeeds.
   */
  private async transition(
    id: string,
    scope: ProjectScope,
    from: ExemptionStatus,
    action: 'approve' | 'reject' | 'revoke',
    actor: string,
    data: Record<string, unknown>,
    change: (now: Date) => Prisma.ExemptionUpdateManyMutationInput,
  ): Promise<ExemptionView> {
    const before = await this.find(id, scope);
    if (before.status !== from) throw conflict(before, action);
    const now = this.clock.now();
    const after = await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.exemption.updateMany({ where: { id, status: from }, data: change(now) });
      if (count === 0) throw conflict(await tx.exemption.findUniqueOrThrow({ where: { id } }), action);
      const row = await tx.exemption.findUniqueOrThrow({ where: { id }, include: { project: true } });
      await this.audit.append(auditOf(row, action, actor, { from, ...data }), tx);
      return row;
    });
    this.logger.info({ exemptionId: id, action, actor }, 'exemption changed');
    return toView(after, this.today());
  }
}

function notFound(id: string): AppError {
  return new AppError('NOT_FOUND', { zh: `豁免 ${id} 不存在`, en: `Exemption ${id} does not exist` });
}

const ACTION_ZH: Record<string, string> = { approve: '批准', reject: '驳回', revoke: '撤销' };

function conflict(row: Pick<Exemption, 'id' | 'status'>, action: string): AppError {
  const status = row.status as ExemptionStatus;
  const allowed =
    action === 'revoke'
      ? { zh: '只有已批准的豁免可以撤销', en: 'only an approved exemption can be revoked' }
      : {
          zh: '只有待审批的豁免可以批准或驳回',
          en: 'only a requested exemption can be approved or rejected',
        };
  return new AppError(
    'CONFLICT',
    {
      zh: `豁免 ${row.id} 当前为「${labelOf(EXEMPTION_STATUS_LABELS, status).zh}」，不能${ACTION_ZH[action] ?? action}：${allowed.zh}`,
      en: `Exemption ${row.id} is ${status}: cannot ${action} it; ${allowed.en}`,
    },
    { status, action },
  );
}

/** The rule ids an exemption request covers, each checked against the project's pack. */
function rulesOf(project: Project, input: Pick<ExemptionRequest, 'ruleIds' | 'domain'>): string[] {
  const pack = packFor(project.policyPack);
  if (input.domain) {
    const ids = pack.rules.filter((r) => r.domain === input.domain).map((r) => r.id);
    if (ids.length === 0) {
      throw new AppError(
        'INVALID_REQUEST',
        {
          zh: `domain：政策包 ${pack.id} 没有「${REVIEW_DOMAIN_TITLES[input.domain].zh}」领域的规则`,
          en: `domain: pack ${pack.id} has no rules in the ${input.domain} domain`,
        },
        { issues: [{ path: 'domain', message: `no ${input.domain} rules in pack ${pack.id}` }] },
      );
    }
    return ids;
  }
  const known = new Set(pack.rules.map((r) => r.id));
  const ids = [...new Set(input.ruleIds ?? [])];
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) {
    throw new AppError(
      'INVALID_REQUEST',
      {
        zh: `ruleIds：${unknown.join(', ')} 不是项目 ${project.code} 所适用政策包（${pack.id}）的规则`,
        en: `ruleIds: ${unknown.join(', ')} are not rules of pack ${pack.id}, which project ${project.code} is judged under`,
      },
      { issues: [{ path: 'ruleIds', message: `not in pack ${pack.id}: ${unknown.join(', ')}` }] },
    );
  }
  return ids;
}

function auditOf(
  row: ExemptionRow,
  action: 'request' | 'approve' | 'reject' | 'revoke',
  actor: string,
  data: Record<string, unknown>,
) {
  return {
    actor,
    action: `exemption.${action}` as const,
    objectType: 'exemption',
    objectId: row.id,
    data: { projectCode: row.project.code, status: row.status, ...data },
  };
}
