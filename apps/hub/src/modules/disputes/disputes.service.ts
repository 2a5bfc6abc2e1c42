import { Inject, Injectable } from '@nestjs/common';
import { SOURCE_TITLES } from '@hub/connectors';
import { type SourceId, ZProjectCode } from '@hub/contracts';
import { type EvidenceRef, findPack, type Text } from '@hub/rules';
import { DISPUTE_STATUS_LABELS, labelOf } from '@hub/vocabulary';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError } from '../../common/app-error';
import { ZText } from '../../common/zod';
import { Clock } from '../../infra/clock';
import { LOGGER } from '../../infra/core.module';
import { PrismaService } from '../../infra/database/prisma.service';
import type { Dispute, Finding, Prisma, Project } from '../../generated/prisma/client';
import { AuditService } from '../audit/audit.service';
import { ALL_PROJECTS, type ProjectScope } from '../auth/roles';
import { FindingsRepository } from '../checks/findings.repository';
import { projectScopeWhere, ProjectsRepository } from '../projects/projects.repository';
import { DISPUTE_STATUSES, type DisputeStatus } from './dispute.types';
import { ZCorrectionRequest, ZDisputeView } from './disputes.answers';

/** Verdicts a unit may contest: those that stand in the way of acceptance or rectification. */
const CONTESTABLE = new Set<Finding['verdict']>(['FAIL', 'UNKNOWN']);
/** Namespace of the advisory locks that keep one open dispute per project and rule. */
const DISPUTE_LOCK = 7_246_200;

/** 异议: a construction unit contests a finding of its project's latest check. */
export const ZDisputeRaise = z
  .object({ projectCode: ZProjectCode, ruleId: ZText(64), reason: ZText(2000) })
  .strict();
export type DisputeRaise = z.infer<typeof ZDisputeRaise>;

/** Filters of the dispute list (query string or command options). */
export const ZDisputeListFilter = z.object({
  projectCode: ZProjectCode.optional(),
  status: z.enum(DISPUTE_STATUSES).optional(),
});
export type DisputeListFilter = z.infer<typeof ZDisputeListFilter>;

export const ZDisputeDecision = z
  .object({ decision: z.enum(['uphold', 'dismiss']), comment: ZText(1000) })
  .strict();
export type DisputeDecision = z.infer<typeof ZDisputeDecision>;

/** 更正请求: what an upheld dispute asks the owners of the upstream systems to correct. */
export type CorrectionRequest = z.infer<typeof ZCorrectionRequest>;

export type DisputeView = z.infer<typeof ZDisputeView>;

type DisputeRow = Dispute & { project: Project };

function ruleOf(project: Pick<Project, 'policyPack'>, ruleId: string) {
  return findPack(project.policyPack)?.rules.find((r) => r.id === ruleId);
}

function sourceTitle(source: string): Text {
  return SOURCE_TITLES[source as SourceId] ?? { zh: source, en: source };
}

function toView(row: DisputeRow): DisputeView {
  const text = row.correctionText;
  const cut = text?.indexOf('\n') ?? -1;
  return {
    id: row.id,
    projectCode: row.project.code,
    projectName: row.project.name,
    unitName: row.project.unitName,
    ruleId: row.ruleId,
    ruleTitle: ruleOf(row.project, row.ruleId)?.title ?? null,
    checkRunId: row.checkRunId,
    reason: row.reason,
    raisedBy: row.raisedBy,
    raisedAt: row.raisedAt.toISOString(),
    status: row.status as DisputeStatus,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionComment: row.decisionComment,
    correction:
      text === null
        ? null
        : {
            sources: row.correctionSources,
            sourceTitles: row.correctionSources.map(sourceTitle),
            text: cut < 0 ? { zh: text, en: text } : { zh: text.slice(0, cut), en: text.slice(cut + 1) },
          },
  };
}

/** Free text as one line without closing punctuation, to quote inside a correction request. */
const oneLine = (s: string) =>
  s
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\s。.；;，,]+$/u, '')
    .trim();

/**
 * The correction request of an upheld dispute: addressed to the systems the finding's evidence comes
 * from (or that the rule reads, when the finding cites no record), naming the project, the rule, the
 * records and the unit's reason. Stored as one text, Chinese line first, English line second.
 */
export function correctionRequest(
  dispute: Pick<Dispute, 'ruleId' | 'reason'> & { project: Project },
  evidence: readonly Pick<EvidenceRef, 'source' | 'kind' | 'externalId'>[],
  comment: string,
): { sources: string[]; zh: string; en: string } {
  const { project } = dispute;
  const rule = ruleOf(project, dispute.ruleId);
  const sources = evidence.length ? [...new Set(evidence.map((e) => e.source))] : [...(rule?.sources ?? [])];
  const titles = sources.map(sourceTitle);
  const records = [...new Set(evidence.map((e) => `${e.source}/${e.kind}/${e.externalId}`))].join(', ');
  const ruleName = {
    zh: `${dispute.ruleId}「${rule?.title.zh ?? ''}」`,
    en: `${dispute.ruleId} (${rule?.title.en ?? ''})`,
  };
  const where = {
    zh: `项目 ${project.code}（${project.name}，${project.unitName}）`,
    en: `project ${project.code} (${project.name}, ${project.unitName})`,
  };
  const reason = oneLine(dispute.reason);
  const note = oneLine(comment);
  if (sources.length === 0) {
    return {
      sources,
      zh: `更正请求：${where.zh}规则 ${ruleName.zh} 的结论仅依据项目台账，经技术支持组核实有误，请更正项目台账后重新导入。建设单位理由：${reason}。技术支持组意见：${note}`,
      en: `Correction request: the finding of rule ${ruleName.en} for ${where.en} rests on the project registry alone and was found wrong by the reviewers: correct the registry and import it again. The unit's reason: ${reason}. Reviewers' comment: ${note}`,
    };
  }
  const to = { zh: titles.map((t) => t.zh).join('、'), en: titles.map((t) => t.en).join(', ') };
  const which = records
    ? { zh: `以下记录：${records}`, en: `these records: ${records}` }
    : {
        zh: '该项目在上述系统中的数据（结论未引用具体记录）',
        en: 'its data on the project (the finding cites no record)',
      };
  return {
    sources,
    zh: `更正请求（致${to.zh}）：${where.zh}规则 ${ruleName.zh} 的检查结论所依据的上游数据经技术支持组核实有误，请核实并更正${which.zh}。建设单位理由：${reason}。技术支持组意见：${note}`,
    en: `Correction request (to ${to.en}): the upstream data behind the finding of rule ${ruleName.en} for ${where.en} was found wrong by the reviewers; please check and correct ${which.en}. The unit's reason: ${reason}. Reviewers' comment: ${note}`,
  };
}

/**
 * Disputes (异议): a construction unit contests a finding of its project's latest completed check,
 * believing it rests on wrong upstream data. One open dispute per project and rule. A reviewer upholds
 * it (a correction request goes to the owners of the upstream systems) or dismisses it; every change
 * is in the audit trail.
 */
@Injectable()
export class DisputesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly projects: ProjectsRepository,
    private readonly findings: FindingsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async list(filter: DisputeListFilter, scope: ProjectScope = ALL_PROJECTS): Promise<DisputeView[]> {
    const conditions: Prisma.DisputeWhereInput[] = [{ project: projectScopeWhere(scope) }];
    if (filter.projectCode) conditions.push({ project: { code: filter.projectCode } });
    if (filter.status) conditions.push({ status: filter.status });
    // AND, so that no filter widens the scope.
    const rows = await this.prisma.dispute.findMany({
      where: { AND: conditions },
      include: { project: true },
      orderBy: [{ raisedAt: 'desc' }, { id: 'asc' }],
    });
    return rows.map(toView);
  }

  /** A project's disputes by rule id, newest first within each rule: for the review opinion. */
  async forProject(projectId: string): Promise<Map<string, DisputeView[]>> {
    const rows = await this.prisma.dispute.findMany({
      where: { projectId },
      include: { project: true },
      orderBy: [{ raisedAt: 'desc' }, { id: 'asc' }],
    });
    const byRule = new Map<string, DisputeView[]>();
    for (const row of rows) {
      const list = byRule.get(row.ruleId) ?? [];
      byRule.set(row.ruleId, list);
      list.push(toView(row));
    }
    return byRule;
  }

  /** Raises a dispute on a FAIL or UNKNOWN finding of the project's latest completed check. */
  async raise(input: DisputeRaise, actor: string, scope: ProjectScope = ALL_PROJECTS): Promise<DisputeView> {
    const project = await this.projects.findVisible(input.projectCode, scope);
    if (!project) throw AppError.projectNotFound(input.projectCode);
    if (!ruleOf(project, input.ruleId)) {
      throw new AppError(
        'INVALID_REQUEST',
        {
          zh: `ruleId：${input.ruleId} 不是项目 ${project.code} 所适用政策包（${project.policyPack}）的规则`,
          en: `ruleId: ${input.ruleId} is not a rule of pack ${project.policyPack}, which project ${project.code} is judged under`,
        },
        { issues: [{ path: 'ruleId', message: `not in pack ${project.policyPack}` }] },
      );
    }
    const latest = await this.findings.latestForProject(project.id);
    if (!latest) {
      throw new AppError('CONFLICT', {
        zh: `projectCode：项目 ${project.code} 尚无已完成的检查，没有可提出异议的结论：请先发起检查`,
        en: `projectCode: project ${project.code} has no completed check, so no finding to contest: run a check first`,
      });
    }
    const finding = latest.find((f) => f.ruleId === input.ruleId);
    if (!finding) {
      throw new AppError('NOT_FOUND', {
        zh: `ruleId：项目 ${project.code} 最近一次检查没有规则 ${input.ruleId} 的结论`,
        en: `ruleId: the latest check of project ${project.code} has no finding of rule ${input.ruleId}`,
      });
    }
    if (!CONTESTABLE.has(finding.verdict)) {
      throw new AppError(
        'CONFLICT',
        {
          zh: `ruleId：规则 ${input.ruleId} 最近一次的结论为 ${finding.verdict}，只能对不通过（FAIL）或无法判断（UNKNOWN）的结论提出异议`,
          en: `ruleId: the latest finding of rule ${input.ruleId} is ${finding.verdict}; only FAIL or UNKNOWN findings can be contested`,
        },
        { verdict: finding.verdict },
      );
    }
    const created = await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DISPUTE_LOCK}::int, hashtext(${`${project.id}|${input.ruleId}`}))`;
      const open = await tx.dispute.findFirst({
        where: { projectId: project.id, ruleId: input.ruleId, status: 'open' },
      });
      if (open) {
        throw new AppError(
          'CONFLICT',
          {
            zh: `项目 ${project.code} 规则 ${input.ruleId} 已有待处理的异议 ${open.id}：请等待技术支持组处理`,
            en: `Project ${project.code} already has an open dispute ${open.id} on rule ${input.ruleId}: wait for the reviewers' decision`,
          },
          { disputeId: open.id },
        );
      }
      const row = await tx.dispute.create({
        data: {
          projectId: project.id,
          checkRunId: finding.checkRunId,
          ruleId: input.ruleId,
          reason: input.reason,
          raisedBy: actor,
          raisedAt: this.clock.now(),
          status: 'open',
        },
        include: { project: true },
      });
      await this.audit.append(
        auditOf(row, 'raise', actor, {
          checkRunId: row.checkRunId,
          verdict: finding.verdict,
          reason: row.reason,
        }),
        tx,
      );
      return row;
    });
    this.logger.info(
      { disputeId: created.id, projectCode: project.code, ruleId: input.ruleId },
      'dispute raised',
    );
    return toView(created);
  }

  /** Upholds (with a correction request) or dismisses an open dispute; any other state is a conflict. */
  async decide(
    id: string,
    decision: DisputeDecision,
    actor: string,
    scope: ProjectScope = ALL_PROJECTS,
  ): Promise<DisputeView> {
    const dispute = await this.prisma.dispute.findFirst({
      where: { id, project: projectScopeWhere(scope) },
      include: { project: true },
    });
    if (!dispute) {
      throw new AppError('NOT_FOUND', { zh: `异议 ${id} 不存在`, en: `Dispute ${id} does not exist` });
    }
    const action = decision.decision;
    if (dispute.status !== 'open') throw conflict(dispute, action);
    let correction: { sources: string[]; zh: string; en: string } | null = null;
    if (action === 'uphold') {
      const finding = await this.prisma.finding.findFirst({
        where: { checkRunId: dispute.checkRunId, projectId: dispute.projectId, ruleId: dispute.ruleId },
      });
      correction = correctionRequest(dispute, evidenceOf(finding), decision.comment);
    }
    const now = this.clock.now();
    const updated = await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.dispute.updateMany({
        where: { id, status: 'open' },
        data: {
          status: action === 'uphold' ? 'upheld' : 'dismissed',
          decidedBy: actor,
          decidedAt: now,
          decisionComment: decision.comment,
          ...(correction
            ? { correctionSources: correction.sources, correctionText: `${correction.zh}\n${correction.en}` }
            : {}),
        },
      });
      if (count === 0) throw conflict(await tx.dispute.findUniqueOrThrow({ where: { id } }), action);
      const row = await tx.dispute.findUniqueOrThrow({ where: { id }, include: { project: true } });
      await this.audit.append(
        auditOf(row, action, actor, {
          comment: decision.comment,
          ...(correction ? { correctionSources: correction.sources } : {}),
        }),
        tx,
      );
      return row;
    });
    this.logger.info({ disputeId: id, action, actor }, 'dispute decided');
    return toView(updated);
  }
}

function evidenceOf(finding: Finding | null): Pick<EvidenceRef, 'source' | 'kind' | 'externalId'>[] {
  if (!finding || !Array.isArray(finding.evidence)) return [];
  return (finding.evidence as unknown as EvidenceRef[]).filter(
    (e) => e && typeof e.source === 'string' && typeof e.externalId === 'string',
  );
}

function conflict(row: Pick<Dispute, 'id' | 'status'>, action: 'uphold' | 'dismiss'): AppError {
  const status = row.status as DisputeStatus;
  return new AppError(
    'CONFLICT',
    {
      zh: `异议 ${row.id} 当前为「${labelOf(DISPUTE_STATUS_LABELS, status).zh}」，已处理过，不能再${action === 'uphold' ? '采纳' : '驳回'}`,
      en: `Dispute ${row.id} is ${status}: it was decided already and cannot be ${action === 'uphold' ? 'upheld' : 'dismissed'}`,
    },
    { status, action },
  );
}

function auditOf(
  row: DisputeRow,
  action: 'raise' | 'uphold' | 'dismiss',
  actor: string,
  data: Record<string, unknown>,
) {
  return {
    actor,
    action: `dispute.${action}` as const,
    objectType: 'dispute',
    objectId: row.id,
    data: { projectCode: row.project.code, ruleId: row.ruleId, status: row.status, ...data },
  };
}
