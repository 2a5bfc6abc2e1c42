import { Inject, Injectable } from '@nestjs/common';
import { type SourceId, ZProjectCode } from '@hub/contracts';
import { SOURCE_IDS, canonicalJson, sourceTitle } from '@hub/connectors';
import type {
  CatalogEntryFact,
  CloudResourceFact,
  CloudTenantFact,
  EvidenceRef,
  ExchangeSystemFact,
  FilingFact,
  MobileServiceFact,
  Text,
  VideoDeviceFact,
  VideoPlatformFact,
  YwtbSystemFact,
} from '@hub/rules';
import { instantText } from '@hub/vocabulary';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError } from '../../common/app-error';
import { Clock } from '../../infra/clock';
import { LOGGER } from '../../infra/core.module';
import { PrismaService } from '../../infra/database/prisma.service';
import type { Alert, Prisma } from '../../generated/prisma/client';
import { AuditService } from '../audit/audit.service';
import { unboundRunningResources } from '../bindings/bindings-admin.service';
import { FindingsRepository } from '../checks/findings.repository';
import { PackVersionsService } from '../packs/pack-versions.service';
import {
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  type AlertSeverity,
  type AlertStatus,
  type Condition,
  MONITOR_RULE_IDS,
  MONITOR_RULES,
  type MonitorRuleId,
  type RuleResult,
} from './monitor.catalogue';
import {
  evaluationsDue,
  idle,
  type MonitorContext,
  orphans,
  filingsPending,
  prodNoFiling,
  staleServices,
  staleShares,
  videoOffline,
} from './monitor.evaluators';
import { MonitorRecords, type StoredFact } from './monitor.records';
import { MonitorSettingsResolver } from './monitor.settings';
import { ZText } from '../../common/zod';
import { ZAlertSummary, ZAlertView, ZHeldCapacity } from './alerts.answers';

/** Namespace of the advisory lock that lets one evaluation at a time reconcile the alerts table. */
const ALERTS_LOCK = 7_246_300;
/** Who resolves an alert whose condition cleared. */
export const SYSTEM_ACTOR = 'system';

/** An alert as the API and the CLI show it. */
export type AlertView = z.infer<typeof ZAlertView>;

export interface SkippedRule {
  ruleId: MonitorRuleId;
  /** which source could not be trusted, and why */
  reason: Text;
}

/** What one evaluation changed: what a scan's finish step and the notifications read. */
export interface AlertChanges {
  checkRunId: string | null;
  /** the hub clock the conditions were judged at */
  evaluatedAt: string;
  /** alerts seen for the first time */
  opened: AlertView[];
  /** resolved alerts (by the system or by a person) whose condition is seen again */
  reopened: AlertView[];
  /** alerts whose condition is no longer seen, resolved by the system */
  resolved: AlertView[];
  /** alerts not resolved after this evaluation: open or acknowledged */
  open: number;
  /** rules not judged because a source they read has no trustworthy latest sync; their alerts stand */
  skippedRules: SkippedRule[];
}

/** Filters of the alert list (query string or command options). */
export const ZAlertFilter = z.object({
  /** one status, or `unresolved`: open or acknowledged (what still stands) */
  status: z.enum([...ALERT_STATUSES, 'unresolved']).optional(),
  /** one rule, or several (a repeated query parameter) */
  ruleId: z
    .union([z.enum(MONITOR_RULE_IDS), z.array(z.enum(MONITOR_RULE_IDS)).min(1).max(MONITOR_RULE_IDS.length)])
    .optional(),
  severity: z.enum(ALERT_SEVERITIES).optional(),
  projectCode: ZProjectCode.optional(),
  /** the owner unit's 统一社会信用代码 */
  unitCode: z.string().trim().min(1).max(32).optional(),
});
export type AlertFilter = z.infer<typeof ZAlertFilter>;

const UNRESOLVED: AlertStatus[] = ['open', 'acknowledged'];

/** Capacity held by the cloud resources of some alerts (their details' vcpu and memoryGiB). */
export type HeldCapacity = z.infer<typeof ZHeldCapacity>;

/** What still stands (open or acknowledged alerts), counted: GET /api/alerts/summary. */
export type AlertSummary = z.infer<typeof ZAlertSummary>;

export const ZAcknowledge = z.object({ comment: ZText(1000).optional() }).strict();
export const ZResolve = z.object({ comment: ZText(1000) }).strict();

type Severity = AlertSeverity;

export function toAlertView(a: Alert): AlertView {
  return {
    id: a.id,
    key: a.key,
    // Written by the MON-* rules only.
    ruleId: a.ruleId as MonitorRuleId,
    clause: MONITOR_RULES[a.ruleId as MonitorRuleId]?.clause ?? '',
    subject: a.subject,
    projectCode: a.projectCode,
    ownerUnitCode: a.ownerUnitCode,
    ownerUnitName: a.ownerUnitName,
    severity: a.severity as Severity,
    status: a.status as AlertStatus,
    title: { zh: a.titleZh, en: a.titleEn },
    message: { zh: a.messageZh, en: a.messageEn },
    evidence: a.evidence as unknown as EvidenceRef[],
    details: a.details as Record<string, unknown>,
    firstSeenAt: a.firstSeenAt.toISOString(),
    lastSeenAt: a.lastSeenAt.toISOString(),
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: a.acknowledgedBy,
    resolvedAt: a.resolvedAt?.toISOString() ?? null,
    resolvedBy: a.resolvedBy,
    lastCheckRunId: a.lastCheckRunId,
    timesReopened: a.timesReopened,
  };
}

/** The columns a condition sets on its alert each time it is seen. */
function contentOf(c: Condition) {
  const rule = MONITOR_RULES[c.ruleId];
  // Through JSON once, so what is compared is what the database gives back.
  const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
  return {
    subject: c.subject,
    projectCode: c.projectCode,
    ownerUnitCode: c.ownerUnitCode,
    ownerUnitName: c.ownerUnitName,
    severity: rule.severity,
    titleZh: `${rule.title.zh}：${c.label}`,
    titleEn: `${rule.title.en}: ${c.label}`,
    messageZh: c.message.zh,
    messageEn: c.message.en,
    evidence: json(c.evidence) as unknown as Prisma.InputJsonArray,
    details: json(c.details) as Prisma.InputJsonObject,
  };
}
type Content = ReturnType<typeof contentOf>;
const storedContent = (a: Alert): Record<keyof Content, unknown> => ({
  subject: a.subject,
  projectCode: a.projectCode,
  ownerUnitCode: a.ownerUnitCode,
  ownerUnitName: a.ownerUnitName,
  severity: a.severity,
  titleZh: a.titleZh,
  titleEn: a.titleEn,
  messageZh: a.messageZh,
  messageEn: a.messageEn,
  evidence: a.evidence,
  details: a.details,
});
const sameContent = (a: Alert, c: Content) => canonicalJson(storedContent(a)) === canonicalJson(c);

/**
 * Continuous monitoring (obligations.md "Continuous monitoring"): the MON-* rules judged over the
 * stored records as of the latest syncs, reconciled with the alerts table — one alert per stable key,
 * raised, kept, resolved by the system when its condition clears, reopened when it returns. A rule
 * whose sources have no trustworthy latest sync is skipped and its alerts stand as they were.
 * Operators acknowledge and resolve alerts; both are audited.
 */
@Injectable()
export class AlertsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly records: MonitorRecords,
    private readonly packVersions: PackVersionsService,
    private readonly findings: FindingsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async evaluate(checkRunId: string | null): Promise<AlertChanges> {
    const started = Date.now();
    const now = this.clock.now();
    const log = this.logger.child({ checkRunId });
    const distrust = await this.untrustedSources();
    const skippedRules: SkippedRule[] = [];
    const judged: MonitorRuleId[] = [];
    for (const ruleId of MONITOR_RULE_IDS) {
      const untrusted = MONITOR_RULES[ruleId].sources.filter((s) => distrust.has(s));
      if (untrusted.length === 0) judged.push(ruleId);
      else {
        const reasons = untrusted.map((s) => distrust.get(s)!);
        skippedRules.push({
          ruleId,
          reason: {
            zh: `${reasons.map((r) => r.zh).join('；')}：本次不判断，已有告警保持不变`,
            en: `${reasons.map((r) => r.en).join('; ')}: not judged this time, its alerts stand`,
          },
        });
      }
    }
    const results = await this.judge(judged, now, checkRunId);
    const changes = await this.reconcile(results, now, checkRunId, skippedRules);
    log.info(
      {
        ms: Date.now() - started,
        opened: changes.opened.length,
        reopened: changes.reopened.length,
        resolved: changes.resolved.length,
        open: changes.open,
        skipped: skippedRules.map((s) => s.ruleId),
      },
      `alerts evaluated: ${judged.length}/${MONITOR_RULE_IDS.length} rules, ` +
        `${changes.opened.length} opened, ${changes.reopened.length} reopened, ${changes.resolved.length} resolved, ${changes.open} open`,
    );
    return changes;
  }

  async list(
    filter: AlertFilter,
    page: { skip: number; take: number } | null = null,
  ): Promise<{ total: number; items: AlertView[] }> {
    const where: Prisma.AlertWhereInput = {
      ...(filter.status === 'unresolved'
        ? { status: { in: UNRESOLVED } }
        : filter.status
          ? { status: filter.status }
          : {}),
      ...(typeof filter.ruleId === 'string'
        ? { ruleId: filter.ruleId }
        : filter.ruleId
          ? { ruleId: { in: filter.ruleId } }
          : {}),
      ...(filter.severity ? { severity: filter.severity } : {}),
      ...(filter.projectCode ? { projectCode: filter.projectCode } : {}),
      ...(filter.unitCode ? { ownerUnitCode: filter.unitCode } : {}),
    };
    // Two reads side by side, not a transaction: a page and its count need no common snapshot, and
    // a transaction per list would hold a pooled connection for both under load.
    const [rows, total] = await Promise.all([
      this.prisma.alert.findMany({
        where,
        orderBy: [{ lastSeenAt: 'desc' }, { key: 'asc' }],
        ...(page ? { skip: page.skip, take: page.take } : {}),
      }),
      this.prisma.alert.count({ where }),
    ]);
    return { total, items: rows.map(toAlertView) };
  }

  async summary(): Promise<AlertSummary> {
    const [grouped, held] = await Promise.all([
      this.prisma.alert.groupBy({
        by: ['ruleId', 'severity', 'status'],
        where: { status: { in: UNRESOLVED } },
        _count: { _all: true },
      }),
      // One row per resource and rule, then per rule and in total (a resource counted once).
      this.prisma.$queryRaw<{ rule: string | null; resources: number; vcpu: number; memory: number }[]>`
        WITH held AS (
          SELECT rule_id, subject,
                 COALESCE((details->>'vcpu')::numeric, 0) AS vcpu,
                 COALESCE((details->>'memoryGiB')::numeric, 0) AS memory
          FROM alerts
          WHERE status IN ('open', 'acknowledged') AND rule_id IN ('MON-ORPHAN', 'MON-IDLE')
        )
        SELECT rule_id AS rule, COUNT(*)::int AS resources, SUM(vcpu)::float8 AS vcpu, SUM(memory)::float8 AS memory
        FROM held GROUP BY rule_id
        UNION ALL
        SELECT NULL, COUNT(*)::int, COALESCE(SUM(vcpu), 0)::float8, COALESCE(SUM(memory), 0)::float8
        FROM (SELECT DISTINCT ON (subject) subject, vcpu, memory FROM held ORDER BY subject) s`,
    ]);
    const pair = () => ({ open: 0, acknowledged: 0 });
    const bySeverity = Object.fromEntries(
      ALERT_SEVERITIES.map((s) => [s, pair()]),
    ) as AlertSummary['bySeverity'];
    const byRule = Object.fromEntries(MONITOR_RULE_IDS.map((r) => [r, pair()])) as AlertSummary['byRule'];
    let unresolved = 0;
    for (const g of grouped) {
      const status = g.status as 'open' | 'acknowledged';
      const n = g._count._all;
      unresolved += n;
      if (g.severity in bySeverity) bySeverity[g.severity as AlertSeverity][status] += n;
      if (g.ruleId in byRule) byRule[g.ruleId as MonitorRuleId][status] += n;
    }
    const capacity = (rule: string | null): HeldCapacity => {
      const row = held.find((h) => h.rule === rule);
      return { resources: row?.resources ?? 0, vcpu: row?.vcpu ?? 0, memoryGiB: row?.memory ?? 0 };
    };
    return {
      unresolved,
      bySeverity,
      byRule,
      resources: { orphan: capacity('MON-ORPHAN'), idle: capacity('MON-IDLE'), total: capacity(null) },
    };
  }

  async get(id: string): Promise<AlertView> {
    return toAlertView(await this.find(id));
  }

  /** open → acknowledged: someone is on it. The alert stays until its condition clears or it is resolved. */
  async acknowledge(id: string, actor: string, comment?: string): Promise<AlertView> {
    return this.transition(id, actor, 'acknowledge', ['open'], comment, (now) => ({
      status: 'acknowledged',
      acknowledgedAt: now,
      acknowledgedBy: actor,
    }));
  }

  /** Resolved by a person; if the condition is still seen at the next evaluation, it reopens. */
  async resolve(id: string, actor: string, comment: string): Promise<AlertView> {
    return this.transition(id, actor, 'resolve', ['open', 'acknowledged'], comment, (now) => ({
      status: 'resolved',
      resolvedAt: now,
      resolvedBy: actor,
    }));
  }

  private async find(id: string): Promise<Alert> {
    const alert = z.uuid().safeParse(id).success
      ? await this.prisma.alert.findUnique({ where: { id } })
      : null;
    if (!alert)
      throw new AppError('NOT_FOUND', { zh: `告警 ${id} 不存在`, en: `Alert ${id} does not exist` });
    return alert;
  }

  private async transition(
    id: string,
    actor: string,
    action: 'acknowledge' | 'resolve',
    from: AlertStatus[],
    comment: string | undefined,
    change: (now: Date) => Prisma.AlertUpdateManyMutationInput,
  ): Promise<AlertView> {
    const alert = await this.find(id);
    const refuse = () =>
      new AppError('CONFLICT', {
        zh: `告警 ${id} 当前状态为「${alert.status}」，不能${action === 'acknowledge' ? '确认' : '关闭'}；可操作的状态：${from.join('、')}`,
        en: `Alert ${id} is ${alert.status}: cannot ${action} it (only when ${from.join(' or ')})`,
      });
    if (!from.includes(alert.status as AlertStatus)) throw refuse();
    const now = this.clock.now();
    const updated = await this.prisma.$transaction(async (tx) => {
      const data = change(now);
      const { count } = await tx.alert.updateMany({ where: { id, status: { in: from } }, data });
      if (count !== 1) throw refuse();
      await this.audit.append(
        {
          actor,
          action: `alert.${action}`,
          objectType: 'alert',
          objectId: id,
          data: {
            key: alert.key,
            ruleId: alert.ruleId,
            from: alert.status,
            to: data.status as string,
            ...(comment ? { comment } : {}),
          },
        },
        tx,
      );
      return tx.alert.findUniqueOrThrow({ where: { id } });
    });
    this.logger.info({ alertId: id, action, actor }, `alert ${action}d`);
    return toAlertView(updated);
  }

  /**
   * The sources whose records cannot be judged on, with why: the latest finished bulk sync (full or
   * incremental) did not succeed, or there never was one. Targeted fetches cover one project and
   * say nothing of the rest.
   */
  private async untrustedSources(): Promise<Map<SourceId, Text>> {
    const latest = await Promise.all(
      SOURCE_IDS.map(async (source) => ({
        source,
        sync: await this.prisma.sourceSync.findFirst({
          where: { source, mode: { in: ['full', 'incremental'] }, status: { not: 'running' } },
          orderBy: { startedAt: 'desc' },
        }),
      })),
    );
    const out = new Map<SourceId, Text>();
    for (const { source, sync } of latest) {
      const title = sourceTitle(source);
      if (!sync) {
        out.set(source, { zh: `${title.zh}从未完整同步`, en: `${title.en} was never synced in full` });
      } else if (sync.status !== 'succeeded') {
        const error = sync.error ? `（${sync.error}）` : '';
        out.set(source, {
          zh: `${title.zh}最近一次同步为 ${sync.status}${error}`,
          en: `the latest sync of the ${title.en} was ${sync.status}${sync.error ? ` (${sync.error})` : ''}`,
        });
      }
    }
    return out;
  }

  /** Runs the judged rules over the stored records, loading each source's records once. */
  private async judge(
    judged: readonly MonitorRuleId[],
    now: Date,
    checkRunId: string | null,
  ): Promise<Map<MonitorRuleId, RuleResult>> {
    const needs = (...ids: MonitorRuleId[]) => ids.some((id) => judged.includes(id));
    const none = <T>(): Promise<StoredFact<T>[]> => Promise.resolve([]);
    const cloud = needs('MON-PROD-NO-FILING', 'MON-ORPHAN', 'MON-IDLE');
    const [resources, tenants, filings, entries, systems, devices, platforms, ywtb, ybyh] = await Promise.all(
      [
        cloud ? this.records.load<CloudResourceFact>('gov-cloud', 'resource') : none<CloudResourceFact>(),
        cloud ? this.records.load<CloudTenantFact>('gov-cloud', 'tenant') : none<CloudTenantFact>(),
        // Revoked and cancelled filings are tombstones, kept: a message names them.
        needs('MON-PROD-NO-FILING', 'MON-EVAL-DUE', 'MON-FILING-PENDING')
          ? this.records.load<FilingFact>('mlps', 'filing', { tombstones: true })
          : none<FilingFact>(),
        needs('MON-SHARE-STALE')
          ? this.records.load<CatalogEntryFact>('data-exchange', 'catalog-entry')
          : none<CatalogEntryFact>(),
        needs('MON-SHARE-STALE')
          ? this.records.load<ExchangeSystemFact>('data-exchange', 'system', { tombstones: true })
          : none<ExchangeSystemFact>(),
        needs('MON-VIDEO-OFFLINE')
          ? this.records.load<VideoDeviceFact>('video', 'device')
          : none<VideoDeviceFact>(),
        needs('MON-VIDEO-OFFLINE')
          ? this.records.load<VideoPlatformFact>('video', 'platform')
          : none<VideoPlatformFact>(),
        needs('MON-SERVICE-STALE')
          ? this.records.load<YwtbSystemFact>('service-platforms', 'ywtb-system')
          : none<YwtbSystemFact>(),
        // Services taken OFFLINE are tombstones: exactly what the rule looks for.
        needs('MON-SERVICE-STALE')
          ? this.records.load<MobileServiceFact>('service-platforms', 'ybyh-service', { tombstones: true })
          : none<MobileServiceFact>(),
      ],
    );
    const all: StoredFact<unknown>[] = [
      ...resources,
      ...filings,
      ...entries,
      ...systems,
      ...devices,
      ...platforms,
      ...ywtb,
      ...ybyh,
    ];
    const settings = await MonitorSettingsResolver.build(
      this.packVersions,
      all.flatMap((r) => (r.project ? [r.project] : [])),
    );
    const ctx: MonitorContext = { now, settings: (project, division) => settings.of(project, division) };
    const tenantsById = new Map(tenants.map((t) => [t.fact.tenantId, t]));
    const unreadableFilings = needs('MON-PROD-NO-FILING')
      ? await this.records.loadUntrusted('mlps', 'filing')
      : [];

    const results = new Map<MonitorRuleId, RuleResult>();
    for (const ruleId of judged) {
      switch (ruleId) {
        case 'MON-PROD-NO-FILING':
          results.set(ruleId, prodNoFiling(resources, tenantsById, filings, unreadableFilings));
          break;
        case 'MON-FILING-PENDING':
          results.set(ruleId, filingsPending(filings, ctx));
          break;
        case 'MON-ORPHAN': {
          const unbound = await unboundRunningResources(this.prisma);
          const unbinds = await this.prisma.bindingDecision.findMany({
            where: { action: 'unbind', binding: { recordId: { in: unbound.map((u) => u.recordId) } } },
            select: { decidedAt: true, binding: { select: { recordId: true } } },
          });
          const lastUnbindAt = new Map<string, Date>();
          for (const u of unbinds) {
            const prior = lastUnbindAt.get(u.binding.recordId);
            if (!prior || prior < u.decidedAt) lastUnbindAt.set(u.binding.recordId, u.decidedAt);
          }
          const byId = new Map(resources.map((r) => [r.recordId, r]));
          results.set(ruleId, orphans(unbound, byId, tenantsById, lastUnbindAt, ctx));
          break;
        }
        case 'MON-IDLE':
          results.set(ruleId, idle(resources, tenantsById, ctx));
          break;
        case 'MON-EVAL-DUE':
          results.set(ruleId, evaluationsDue(filings, ctx));
          break;
        case 'MON-SHARE-STALE':
          results.set(ruleId, staleShares(entries, new Map(systems.map((s) => [s.fact.systemId, s])), ctx));
          break;
        case 'MON-VIDEO-OFFLINE':
          results.set(
            ruleId,
            videoOffline(devices, new Map(platforms.map((p) => [p.fact.platformId, p])), ctx),
          );
          break;
        case 'MON-SERVICE-STALE':
          results.set(ruleId, staleServices(ywtb, ybyh, ctx));
          break;
        case 'MON-REGRESSION':
          results.set(ruleId, await this.regressions(checkRunId));
          break;
      }
    }
    return results;
  }

  /**
   * MON-REGRESSION. Reading: a project whose latest decided review (by decision time) is 同意 (approve),
   * and whose latest check — the given run when it judged the project, else its latest completed run —
   * has a blocking FAIL that is not a warning and that the approval did not knowingly override
   * (overrideRuleIds). A check where such rules are only UNKNOWN neither raises nor clears the alert.
   */
  private async regressions(checkRunId: string | null): Promise<RuleResult> {
    const decided = await this.prisma.review.findMany({
      where: { status: 'decided' },
      orderBy: [{ decidedAt: 'desc' }, { documentNo: 'desc' }],
      include: { project: true },
    });
    const latest = new Map<string, (typeof decided)[number]>();
    for (const r of decided) if (!latest.has(r.projectId)) latest.set(r.projectId, r);
    const run = checkRunId ? await this.prisma.checkRun.findUnique({ where: { id: checkRunId } }) : null;
    const conditions: Condition[] = [];
    const undecided: string[] = [];
    for (const review of latest.values()) {
      if (review.decision !== 'approve') continue;
      const project = review.project;
      let findings =
        run && run.status !== 'failed'
          ? await this.prisma.finding.findMany({
              where: { checkRunId: run.id, projectId: project.id },
              orderBy: { ruleId: 'asc' },
            })
          : [];
      if (findings.length === 0) findings = (await this.findings.latestForProject(project.id)) ?? [];
      if (findings.length === 0) continue;
      const overridden = new Set(review.overrideRuleIds);
      const blocking = findings.filter(
        (f) => f.severity === 'blocking' && !f.warningOnly && !overridden.has(f.ruleId),
      );
      const failing = blocking.filter((f) => f.verdict === 'FAIL');
      const k = `MON-REGRESSION:project:${project.code}`;
      if (failing.length === 0) {
        if (blocking.some((f) => f.verdict === 'UNKNOWN')) undecided.push(k);
        continue;
      }
      const evidence = new Map<string, EvidenceRef>();
      for (const f of failing) {
        for (const e of f.evidence as unknown as EvidenceRef[]) {
          evidence.set(`${e.source}/${e.kind}/${e.externalId}`, e);
        }
      }
      const decidedAt = review.decidedAt?.toISOString() ?? null;
      conditions.push({
        ruleId: 'MON-REGRESSION',
        key: k,
        subject: `project/${project.code}`,
        label: project.code,
        projectCode: project.code,
        ownerUnitCode: project.unitCode,
        ownerUnitName: project.unitName,
        message: {
          zh: `项目 ${project.code}（${project.name}）已于 ${decidedAt === null ? '（未记录）' : instantText(decidedAt).zh} 经审查 ${review.documentNo} 同意竣工验收，最近一次检查出现阻断项不通过：${failing.map((f) => `${f.ruleId}（${f.messageZh}）`).join('；')}`,
          en: `Project ${project.code} (${project.name}) was agreed for acceptance by review ${review.documentNo} at ${decidedAt === null ? '(not recorded)' : instantText(decidedAt).en}; its latest check fails blocking rule(s): ${failing.map((f) => `${f.ruleId} (${f.messageEn})`).join('; ')}`,
        },
        evidence: [...evidence.values()].slice(0, 50),
        details: {
          reviewId: review.id,
          documentNo: review.documentNo,
          decidedAt,
          checkRunId: failing[0]!.checkRunId,
          failingRules: failing.map((f) => ({ ruleId: f.ruleId, title: f.titleZh, clause: f.clause })),
        },
      });
    }
    return { conditions, undecided: new Set(undecided) };
  }

  /** Applies what the rules see to the alerts table, in one transaction, one evaluation at a time. */
  private async reconcile(
    results: ReadonlyMap<MonitorRuleId, RuleResult>,
    now: Date,
    checkRunId: string | null,
    skippedRules: SkippedRule[],
  ): Promise<AlertChanges> {
    const conditions = new Map<string, Condition>();
    const undecided = new Set<string>();
    for (const r of results.values()) {
      for (const c of r.conditions) conditions.set(c.key, c);
      for (const k of r.undecided) undecided.add(k);
    }
    const seen = { lastSeenAt: now, lastCheckRunId: checkRunId };
    return this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ALERTS_LOCK})`;
        const existing = await tx.alert.findMany({ where: { ruleId: { in: [...results.keys()] } } });
        const byKey = new Map(existing.map((a) => [a.key, a]));

        const created: Prisma.AlertCreateManyInput[] = [];
        const touched: string[] = [];
        const reopenedIds: string[] = [];
        for (const c of conditions.values()) {
          const content = contentOf(c);
          const prior = byKey.get(c.key);
          if (!prior) {
            created.push({
              ruleId: c.ruleId,
              key: c.key,
              status: 'open',
              firstSeenAt: now,
              ...content,
              ...seen,
            });
          } else if (prior.status === 'resolved') {
            reopenedIds.push(prior.id);
            await tx.alert.update({
              where: { id: prior.id },
              data: {
                ...content,
                ...seen,
                status: 'open',
                timesReopened: { increment: 1 },
                resolvedAt: null,
                resolvedBy: null,
                acknowledgedAt: null,
                acknowledgedBy: null,
              },
            });
          } else if (sameContent(prior, content)) {
            touched.push(prior.id);
          } else {
            await tx.alert.update({ where: { id: prior.id }, data: { ...content, ...seen } });
          }
        }
        if (touched.length) await tx.alert.updateMany({ where: { id: { in: touched } }, data: seen });
        if (created.length) await tx.alert.createMany({ data: created });

        const cleared = existing.filter(
          (a) => a.status !== 'resolved' && !conditions.has(a.key) && !undecided.has(a.key),
        );
        if (cleared.length) {
          await tx.alert.updateMany({
            where: { id: { in: cleared.map((a) => a.id) } },
            data: { status: 'resolved', resolvedAt: now, resolvedBy: SYSTEM_ACTOR },
          });
        }

        const changed = (where: Prisma.AlertWhereInput, any: boolean) =>
          any ? tx.alert.findMany({ where, orderBy: { key: 'asc' } }) : Promise.resolve([]);
        const opened = await changed({ key: { in: created.map((c) => c.key) } }, created.length > 0);
        const reopened = await changed({ id: { in: reopenedIds } }, reopenedIds.length > 0);
        const resolved = await changed({ id: { in: cleared.map((a) => a.id) } }, cleared.length > 0);
        const open = await tx.alert.count({ where: { status: { in: ['open', 'acknowledged'] } } });
        if (opened.length || reopened.length || resolved.length) {
          // The system's own state changes, one entry per evaluation.
          await this.audit.append(
            {
              actor: SYSTEM_ACTOR,
              action: 'alerts.evaluate',
              objectType: 'alerts',
              objectId: checkRunId ?? 'on-demand',
              data: {
                checkRunId,
                opened: opened.map((a) => a.id),
                reopened: reopened.map((a) => a.id),
                resolved: resolved.map((a) => a.id),
                skippedRules: skippedRules.map((s) => s.ruleId),
              },
            },
            tx,
          );
        }
        return {
          checkRunId,
          evaluatedAt: now.toISOString(),
          opened: opened.map(toAlertView),
          reopened: reopened.map(toAlertView),
          resolved: resolved.map(toAlertView),
          open,
          skippedRules,
        };
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  }
}
