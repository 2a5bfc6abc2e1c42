import { z } from 'zod';
import { Inject, Injectable } from '@nestjs/common';
import { SOURCE_IDS } from '@hub/connectors';
import type { Logger } from 'pino';
import { AppError } from '../../common/app-error';
import { Clock } from '../../infra/clock';
import { AuditService } from '../audit/audit.service';
import { ChecksService } from '../checks/checks.service';
import { FindingsRepository } from '../checks/findings.repository';
import { LOGGER } from '../../infra/core.module';
import { PrismaService } from '../../infra/database/prisma.service';
import type { BindingMethod, Prisma } from '../../generated/prisma/client';
import {
  BINDING_STATUSES,
  ZBindingDecisionView,
  ZBindingView,
  ZRejudgeView,
  ZUnboundResource,
} from './bindings.answers';

export type BindingStatus = (typeof BINDING_STATUSES)[number];
const METHOD_OF: Record<BindingStatus, BindingMethod> = {
  pending: 'suggested',
  confirmed: 'confirmed',
  rejected: 'rejected',
  code: 'code',
};

export type BindingView = z.infer<typeof ZBindingView>;

export type RejudgeView = z.infer<typeof ZRejudgeView>;

/** A decision's answer: the binding as it now stands, and the project judged again. */
export type BindingDecisionView = z.infer<typeof ZBindingDecisionView>;

const include = { record: true, project: true } as const;
type BindingRow = Prisma.BindingGetPayload<{ include: typeof include }>;

function toView(b: BindingRow): BindingView {
  const status = (Object.keys(METHOD_OF) as BindingStatus[]).find((s) => METHOD_OF[s] === b.method)!;
  return {
    id: b.id,
    status,
    score: b.score,
    record: {
      id: b.record.id,
      source: b.record.source,
      kind: b.record.kind,
      externalId: b.record.externalId,
      systemName: b.record.systemName,
      unitCode: b.record.unitCode,
      tombstone: b.record.tombstone,
    },
    project: { code: b.project.code, name: b.project.name, unitName: b.project.unitName },
    decidedBy: b.decidedBy,
    decidedAt: b.decidedAt?.toISOString() ?? null,
  };
}

/**
 * Operators' side of matching: list suggestions, confirm or reject them, bind a record by hand or
 * undo a binding. Every decision is kept (binding_decisions) with who and when; a rejected binding
 * stays as a record of the decision, so the suggestion is not offered again.
 */
@Injectable()
export class BindingsAdminService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly checks: ChecksService,
    private readonly findings: FindingsRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async list(filter: {
    status?: BindingStatus;
    projectCode?: string;
    source?: string;
    skip: number;
    take: number;
  }) {
    const where: Prisma.BindingWhereInput = {
      ...(filter.status ? { method: METHOD_OF[filter.status] } : {}),
      ...(filter.projectCode ? { project: { code: filter.projectCode } } : {}),
      ...(filter.source ? { record: { source: filter.source } } : {}),
    };
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.binding.findMany({
        where,
        include,
        orderBy: [{ project: { code: 'asc' } }, { createdAt: 'asc' }],
        skip: filter.skip,
        take: filter.take,
      }),
      this.prisma.binding.count({ where }),
    ]);
    return { total, items: rows.map(toView) };
  }

  /** Confirms a suggested match (or a rejected one, on second thoughts); its project is judged again. */
  async confirm(id: string, by: string, comment?: string): Promise<BindingDecisionView> {
    return this.rejudge(
      await this.decide(id, 'confirm', 'confirmed', by, comment, ['suggested', 'rejected']),
      by,
    );
  }

  /** Rejects a match; its project is judged again without it. */
  async reject(id: string, by: string, comment?: string): Promise<BindingDecisionView> {
    return this.rejudge(
      await this.decide(id, 'reject', 'rejected', by, comment, ['suggested', 'confirmed']),
      by,
    );
  }

  /**
   * Binds a record to a project by hand (a confirmed binding), e.g. a resource with no usable name;
   * the project is judged again with it.
   */
  async bind(
    recordRef: string,
    projectCode: string,
    by: string,
    comment?: string,
  ): Promise<BindingDecisionView> {
    return this.rejudge(await this.bindRecord(recordRef, projectCode, by, comment), by);
  }

  private async bindRecord(
    recordRef: string,
    projectCode: string,
    by: string,
    comment?: string,
  ): Promise<BindingView> {
    const record = await this.findRecord(recordRef);
    const project = await this.prisma.project.findUnique({ where: { code: projectCode } });
    if (!project) throw AppError.projectNotFound(projectCode);
    const existing = await this.prisma.binding.findUnique({
      where: { recordId_projectId: { recordId: record.id, projectId: project.id } },
    });
    if (existing?.method === 'code' || existing?.method === 'confirmed') {
      throw new AppError('CONFLICT', {
        zh: `记录 ${record.externalId} 已绑定到项目 ${projectCode}`,
        en: `Record ${record.externalId} is already bound to project ${projectCode}`,
      });
    }
    if (existing)
      return this.decide(existing.id, 'bind', 'confirmed', by, comment, ['suggested', 'rejected']);
    const now = this.clock.now();
    const created = await this.prisma.$transaction(async (tx) => {
      const row = await tx.binding.create({
        data: {
          recordId: record.id,
          projectId: project.id,
          method: 'confirmed',
          decidedBy: by,
          decidedAt: now,
          decisions: {
            create: { action: 'bind', toMethod: 'confirmed', decidedBy: by, decidedAt: now, comment },
          },
        },
        include,
      });
      await this.audit.append(auditOf(row, 'bind', null, comment, by), tx);
      return row;
    });
    this.logger.info({ bindingId: created.id, by }, 'record bound by hand');
    return toView(created);
  }

  /**
   * Undoes a confirmed binding: it becomes a rejection, so matching does not suggest it again; the
   * project is judged again without the record.
   */
  async unbind(
    recordRef: string,
    projectCode: string,
    by: string,
    comment?: string,
  ): Promise<BindingDecisionView> {
    const record = await this.findRecord(recordRef);
    const binding = await this.prisma.binding.findFirst({
      where: { recordId: record.id, project: { code: projectCode } },
    });
    if (!binding || binding.method === 'rejected') {
      throw new AppError('NOT_FOUND', {
        zh: `记录 ${record.externalId} 未绑定到项目 ${projectCode}`,
        en: `Record ${record.externalId} is not bound to project ${projectCode}`,
      });
    }
    if (binding.method === 'code') {
      throw new AppError('CONFLICT', {
        zh: `记录 ${record.externalId} 自带项目编码 ${projectCode}，应在上游系统中更正`,
        en: `Record ${record.externalId} carries project code ${projectCode}: correct it in the upstream system`,
      });
    }
    return this.rejudge(
      await this.decide(binding.id, 'unbind', 'rejected', by, comment, ['suggested', 'confirmed']),
      by,
    );
  }

  /**
   * Judges the binding's project again on its stored facts, once the decision is committed, and says
   * what changed. A failure leaves the decision standing and is said in the answer.
   */
  private async rejudge(view: BindingView, by: string): Promise<BindingDecisionView> {
    const code = view.project.code;
    const project = await this.prisma.project.findUniqueOrThrow({ where: { code } });
    const before = new Map(
      ((await this.findings.latestForProject(project.id)) ?? []).map((f) => [f.ruleId, f.verdict]),
    );
    try {
      const report = await this.checks.rejudgeProject(code, 'binding', by);
      const after = report.project?.findings ?? [];
      const changes = after
        .filter((f) => before.get(f.ruleId) !== f.verdict)
        .map((f) => ({ ruleId: f.ruleId, from: before.get(f.ruleId) ?? null, to: f.verdict }));
      return {
        ...view,
        rejudged: {
          projectCode: code,
          checkRunId: report.id,
          ready: report.project?.ready ?? null,
          blockingRuleIds: report.project?.blockingRuleIds ?? [],
          changes,
          message: {
            zh: `已按已存数据重新判定项目 ${code}：${changes.length} 项结论变化`,
            en: `Project ${code} judged again on stored data: ${changes.length} verdict(s) changed`,
          },
          error: null,
        },
      };
    } catch (e) {
      this.logger.error(
        { err: e, projectCode: code, bindingId: view.id },
        're-judging after a binding failed',
      );
      return {
        ...view,
        rejudged: {
          projectCode: code,
          checkRunId: null,
          ready: null,
          blockingRuleIds: [],
          changes: [],
          message: {
            zh: `绑定已保存，但项目 ${code} 重新判定失败，请重新检查该项目`,
            en: `The binding is saved, but judging project ${code} again failed: check it again`,
          },
          error: {
            zh: e instanceof AppError ? e.text.zh : '重新判定失败，详见日志',
            en: e instanceof Error ? e.message : String(e),
          },
        },
      };
    }
  }

  private async decide(
    id: string,
    action: BindingAction,
    to: BindingMethod,
    by: string,
    comment: string | undefined,
    allowedFrom: BindingMethod[],
  ): Promise<BindingView> {
    const binding = await this.prisma.binding.findUnique({ where: { id } });
    if (!binding) {
      throw new AppError('NOT_FOUND', { zh: `绑定 ${id} 不存在`, en: `Binding ${id} does not exist` });
    }
    if (!allowedFrom.includes(binding.method)) {
      throw new AppError('CONFLICT', {
        zh: `绑定 ${id} 当前为「${binding.method}」，不能执行该操作`,
        en: `Binding ${id} is ${binding.method}: cannot ${action} it`,
      });
    }
    const now = this.clock.now();
    const updated = await this.prisma.$transaction(async (tx) => {
      const row = await tx.binding.update({
        where: { id },
        data: {
          method: to,
          decidedBy: by,
          decidedAt: now,
          decisions: {
            create: {
              action,
              fromMethod: binding.method,
              toMethod: to,
              decidedBy: by,
              decidedAt: now,
              comment,
            },
          },
        },
        include,
      });
      await this.audit.append(auditOf(row, action, binding.method, comment, by), tx);
      return row;
    });
    this.logger.info({ bindingId: id, action, by }, 'binding decided');
    return toView(updated);
  }

  /** A record by its id, or as `source/kind/externalId` (e.g. `gov-cloud/resource/ecs-1`). */
  private async findRecord(ref: string) {
    const [source, kind, ...rest] = ref.split('/');
    const byNaturalKey = rest.length > 0 && (SOURCE_IDS as readonly string[]).includes(source!);
    const record = byNaturalKey
      ? await this.prisma.sourceRecord.findUnique({
          where: { source_kind_externalId: { source: source!, kind: kind!, externalId: rest.join('/') } },
        })
      : /^[0-9a-f-]{36}$/i.test(ref)
        ? await this.prisma.sourceRecord.findUnique({ where: { id: ref } })
        : null;
    if (!record) {
      throw new AppError('NOT_FOUND', {
        zh: `上游记录 ${ref} 不存在；请用记录 ID 或「数据源/类型/外部ID」指定`,
        en: `Upstream record ${ref} not found; give its id or source/kind/externalId`,
      });
    }
    return record;
  }
}

/** What an operator does to a binding, as its audit action names it. */
type BindingAction = 'confirm' | 'reject' | 'bind' | 'unbind';

/** The audit entry of a binding decision: what was bound to what, from which state to which. */
function auditOf(
  row: BindingRow,
  action: BindingAction,
  from: BindingMethod | null,
  comment: string | undefined,
  by: string,
) {
  return {
    actor: by,
    action: `binding.${action}` as const,
    objectType: 'binding',
    objectId: row.id,
    data: {
      record: `${row.record.source}/${row.record.kind}/${row.record.externalId}`,
      projectCode: row.project.code,
      from,
      to: row.method,
      ...(comment ? { comment } : {}),
    },
  };
}

export type UnboundResourceView = z.infer<typeof ZUnboundResource>;

/** Running cloud resources bound to no project (by code or confirmation): nobody answers for them. */
export async function unboundRunningResources(prisma: PrismaService): Promise<UnboundResourceView[]> {
  const rows = await prisma.sourceRecord.findMany({
    where: {
      source: 'gov-cloud',
      kind: 'resource',
      tombstone: false,
      payload: { path: ['status'], equals: 'running' },
      bindings: { none: { method: { in: ['code', 'confirmed'] } } },
    },
    include: {
      bindings: { where: { method: 'suggested' }, include: { project: { select: { code: true } } } },
    },
    orderBy: { externalId: 'asc' },
  });
  return rows.map((r) => ({
    recordId: r.id,
    resourceId: r.externalId,
    systemName: r.systemName,
    unitCode: r.unitCode,
    projectCode: r.projectCode,
    firstSeenAt: r.firstSeenAt.toISOString(),
    fetchedAt: r.fetchedAt.toISOString(),
    suggestedProjects: r.bindings.map((b) => b.project.code),
  }));
}
