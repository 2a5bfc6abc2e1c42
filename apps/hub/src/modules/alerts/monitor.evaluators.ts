import {
  findPack,
  type CatalogEntryFact,
  type CloudResourceFact,
  type CloudTenantFact,
  type ExchangeSystemFact,
  type FilingFact,
  type MobileServiceFact,
  SUGGESTION_SCORE,
  systemNameScore,
  type VideoDeviceFact,
  type VideoPlatformFact,
  type YwtbSystemFact,
} from '@hub/rules';
import { instantText, upstreamValue } from '@hub/vocabulary';
import type { UnboundResourceView } from '../bindings/bindings-admin.service';
import type { Condition, MonitorRuleId, RuleResult } from './monitor.catalogue';
import type { ProjectRef, StoredFact, UntrustedStored } from './monitor.records';
import { divisionOfCreditCode, type MonitorSettings } from './monitor.settings';

/**
 * The MON-* rules as pure functions of stored facts, the settings and the hub's clock: no I/O, so each
 * reading below is tested on facts alone. Each returns the conditions it sees now; the service
 * reconciles them with the alerts table.
 */

const DAY_MS = 86_400_000;

export interface MonitorContext {
  now: Date;
  /** the thresholds for a record bound to `project`, else for a record of `division` */
  settings(project: ProjectRef | null, division: string | null): MonitorSettings;
}

type Resource = StoredFact<CloudResourceFact>;
type Tenant = StoredFact<CloudTenantFact>;
type Filing = StoredFact<FilingFact>;

const instantMs = (iso: string | null | undefined): number | null => {
  if (iso == null) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
};
const wholeDays = (ms: number) => Math.floor(ms / DAY_MS);
/** An instant as the upstreams and operators write it: Beijing time with its offset, to the second. */
const beijingIso = (ms: number) => `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;

/** Owner of an alert: the project's unit when the subject is bound to one, else the record's own unit. */
function owner(
  project: ProjectRef | null,
  unit: { code: string | null | undefined; name: string | null | undefined },
): Pick<Condition, 'projectCode' | 'ownerUnitCode' | 'ownerUnitName'> {
  return project
    ? { projectCode: project.code, ownerUnitCode: project.unitCode, ownerUnitName: project.unitName }
    : { projectCode: null, ownerUnitCode: unit.code ?? null, ownerUnitName: unit.name ?? null };
}

function result(conditions: Condition[], undecided: Iterable<string> = []): RuleResult {
  // One condition per key: a subject reached twice (bound to two projects) is one alert.
  const unique = new Map<string, Condition>();
  for (const c of conditions) if (!unique.has(c.key)) unique.set(c.key, c);
  return { conditions: [...unique.values()], undecided: new Set(undecided) };
}

const key = (ruleId: MonitorRuleId, ...parts: string[]) => [ruleId, ...parts].join(':');

/** The prefecture (first 4 digits of the division code) of the city whose pack judges the project. */
const cityPrefecture = (project: ProjectRef) =>
  (findPack(project.policyPack)?.divisionCode ?? project.policyPack).slice(0, 4);

const resourceName = (r: CloudResourceFact, lang: 'zh' | 'en') =>
  lang === 'zh'
    ? `${r.resourceId}（${r.type}，系统：${r.systemName ?? '未标注'}）`
    : `${r.resourceId} (${r.type}, system: ${r.systemName ?? 'not tagged'})`;

const held = (r: CloudResourceFact) => ({ vcpu: r.vcpu, memoryGiB: r.memoryGiB });
const heldText = (r: CloudResourceFact, lang: 'zh' | 'en') =>
  lang === 'zh'
    ? `占用 ${r.vcpu ?? '?'} vCPU、${r.memoryGiB ?? '?'} GiB 内存`
    : `holding ${r.vcpu ?? '?'} vCPU and ${r.memoryGiB ?? '?'} GiB of memory`;

function resourceOwner(r: Resource, tenants: ReadonlyMap<string, Tenant>) {
  const tenant = tenants.get(r.fact.tenantId)?.fact;
  return {
    tenant,
    unit: { code: r.unitCode ?? tenant?.unitCode, name: tenant?.unitName },
    division: tenant?.region ?? divisionOfCreditCode(r.unitCode),
  };
}

/**
 * MON-PROD-NO-FILING. Reading: a production resource (running, environment production) is covered
 * when a FILED filing exists for its system — one bound to the same project, one carrying the same
 * project code, or one of the same unit whose system name matches the resource's (the matching used
 * for suggestions). Pending, revoked and cancelled filings do not cover it.
 */
export function prodNoFiling(
  resources: readonly Resource[],
  tenants: ReadonlyMap<string, Tenant>,
  filings: readonly Filing[],
  unreadable: readonly UntrustedStored[] = [],
): RuleResult {
  const filed = filings.filter((f) => f.fact.status === 'FILED');
  const sameSystem = (
    f: {
      project: ProjectRef | null;
      projectCode: string | null;
      unitCode: string | null;
      systemName: string | null;
    },
    r: Resource,
    unitCode: string | null | undefined,
  ) =>
    (r.project !== null && f.project?.id === r.project.id) ||
    (r.fact.projectCode !== null && f.projectCode === r.fact.projectCode) ||
    (!!unitCode &&
      !!r.fact.systemName &&
      !!f.systemName &&
      f.unitCode === unitCode &&
      systemNameScore(f.systemName, r.fact.systemName) >= SUGGESTION_SCORE);
  const ofFiling = (f: Filing) => ({
    project: f.project,
    projectCode: f.fact.projectCode,
    unitCode: f.fact.unitCode,
    systemName: f.fact.systemName,
  });
  const conditions: Condition[] = [];
  for (const r of resources) {
    if (r.tombstone || r.fact.status !== 'running' || r.fact.environment !== 'production') continue;
    const { unit } = resourceOwner(r, tenants);
    if (filed.some((f) => sameSystem(ofFiling(f), r, unit.code))) continue;
    const related = filings.filter((f) => sameSystem(ofFiling(f), r, unit.code));
    const project = r.project
      ? { zh: `（项目 ${r.project.code}）`, en: ` of project ${r.project.code}` }
      : null;
    // A filing of the system that cannot be read may well be FILED: say what is unreadable, not "none".
    const untrusted = unreadable.filter((u) => sameSystem(u, r, unit.code));
    if (untrusted.length > 0) {
      conditions.push({
        ruleId: 'MON-PROD-NO-FILING',
        key: key('MON-PROD-NO-FILING', 'gov-cloud', r.fact.resourceId),
        subject: `gov-cloud/resource/${r.fact.resourceId}`,
        label: r.fact.resourceId,
        ...owner(r.project, unit),
        message: {
          zh: `生产环境资源 ${resourceName(r.fact, 'zh')}${project?.zh ?? ''}正在运行，所属系统的等级保护备案无法确认：${untrusted.map((u) => u.evidence.untrusted.zh).join('；')}；请备案系统更正该记录后复核`,
          en: `Production resource ${resourceName(r.fact, 'en')}${project?.en ?? ''} is running and its system's MLPS filing cannot be confirmed: ${untrusted.map((u) => u.evidence.untrusted.en).join('; ')}; have the registry correct the record, then check again`,
        },
        evidence: [r.evidence, ...related.map((f) => f.evidence), ...untrusted.map((u) => u.evidence)],
        details: {
          resourceId: r.fact.resourceId,
          systemName: r.fact.systemName,
          environment: r.fact.environment,
          networkZone: r.fact.networkZone,
          ...held(r.fact),
          createdAt: r.fact.createdAt,
          filings: related.map((f) => ({ filingNo: f.fact.filingNo, status: f.fact.status })),
          unreadableFilings: untrusted.map((u) => u.externalId),
        },
      });
      continue;
    }
    const onRecord = {
      zh: related.length
        ? `现有备案：${related.map((f) => `${f.fact.filingNo}（${f.fact.status}）`).join('、')}`
        : '没有任何备案记录',
      en: related.length
        ? `filings on record: ${related.map((f) => `${f.fact.filingNo} (${f.fact.status})`).join(', ')}`
        : 'no filing on record',
    };
    conditions.push({
      ruleId: 'MON-PROD-NO-FILING',
      key: key('MON-PROD-NO-FILING', 'gov-cloud', r.fact.resourceId),
      subject: `gov-cloud/resource/${r.fact.resourceId}`,
      label: r.fact.resourceId,
      ...owner(r.project, unit),
      message: {
        zh: `生产环境资源 ${resourceName(r.fact, 'zh')}${project?.zh ?? ''}正在运行，但所属系统没有已备案（FILED）的等级保护备案（${onRecord.zh}）；未取得备案证明的系统只能部署于政务云测试环境`,
        en: `Production resource ${resourceName(r.fact, 'en')}${project?.en ?? ''} is running, but its system has no FILED MLPS filing (${onRecord.en}); without a certificate a system may only use the test environment`,
      },
      evidence: [r.evidence, ...related.map((f) => f.evidence)],
      details: {
        resourceId: r.fact.resourceId,
        systemName: r.fact.systemName,
        environment: r.fact.environment,
        networkZone: r.fact.networkZone,
        ...held(r.fact),
        createdAt: r.fact.createdAt,
        filings: related.map((f) => ({ filingNo: f.fact.filingNo, status: f.fact.status })),
      },
    });
  }
  return result(conditions);
}

/**
 * MON-ORPHAN. Reading: "bound to no project for more than N days" is counted from the later of the
 * resource's creation on the cloud and the last time an operator undid its binding; a resource only
 * suggested to a project is still unbound (nobody has confirmed it answers for it).
 */
export function orphans(
  unbound: readonly UnboundResourceView[],
  resources: ReadonlyMap<string, Resource>,
  tenants: ReadonlyMap<string, Tenant>,
  lastUnbindAt: ReadonlyMap<string, Date>,
  ctx: MonitorContext,
): RuleResult {
  const conditions: Condition[] = [];
  for (const u of unbound) {
    const r = resources.get(u.recordId);
    if (!r) continue;
    const { unit, division } = resourceOwner(r, tenants);
    const settings = ctx.settings(null, division);
    const sinceMs = Math.max(
      instantMs(r.fact.createdAt) ?? r.firstSeenAt.getTime(),
      lastUnbindAt.get(u.recordId)?.getTime() ?? Number.NEGATIVE_INFINITY,
    );
    const ageMs = ctx.now.getTime() - sinceMs;
    if (ageMs <= settings.orphanMinDays * DAY_MS) continue;
    const days = wholeDays(ageMs);
    const since = beijingIso(sinceMs);
    const suggested = u.suggestedProjects.length
      ? {
          zh: `；建议匹配的项目 ${u.suggestedProjects.join('、')} 尚待确认`,
          en: `; suggested for project(s) ${u.suggestedProjects.join(', ')}, awaiting confirmation`,
        }
      : { zh: '', en: '' };
    const tag = r.fact.projectCode
      ? {
          zh: `；资源标注的项目编码 ${r.fact.projectCode} 不在项目台账中`,
          en: `; its project code tag ${r.fact.projectCode} is not in the registry`,
        }
      : { zh: '', en: '' };
    conditions.push({
      ruleId: 'MON-ORPHAN',
      key: key('MON-ORPHAN', 'gov-cloud', r.fact.resourceId),
      subject: `gov-cloud/resource/${r.fact.resourceId}`,
      label: r.fact.resourceId,
      ...owner(null, unit),
      message: {
        zh: `运行中的资源 ${resourceName(r.fact, 'zh')}自 ${instantText(since).zh} 起未归属任何项目，已 ${days} 天（超过 ${settings.orphanMinDays} 天），${heldText(r.fact, 'zh')}${tag.zh}${suggested.zh}`,
        en: `Running resource ${resourceName(r.fact, 'en')} has been bound to no project since ${instantText(since).en}, ${days} days (more than ${settings.orphanMinDays}), ${heldText(r.fact, 'en')}${tag.en}${suggested.en}`,
      },
      evidence: [r.evidence],
      details: {
        resourceId: r.fact.resourceId,
        systemName: r.fact.systemName,
        projectCodeTag: r.fact.projectCode,
        environment: r.fact.environment,
        ...held(r.fact),
        unboundSince: since,
        daysUnbound: days,
        thresholdDays: settings.orphanMinDays,
        suggestedProjects: u.suggestedProjects,
      },
    });
  }
  return result(conditions);
}

/**
 * MON-IDLE. Reading: a running resource whose 30-day CPU and memory averages are both below the
 * thresholds (strictly); a resource without figures yet (younger than 7 days) is not judged.
 */
export function idle(
  resources: readonly Resource[],
  tenants: ReadonlyMap<string, Tenant>,
  ctx: MonitorContext,
): RuleResult {
  const conditions: Condition[] = [];
  for (const r of resources) {
    const f = r.fact;
    if (r.tombstone || f.status !== 'running' || f.cpuAvg30d === null || f.memAvg30d === null) continue;
    const { unit, division } = resourceOwner(r, tenants);
    const s = ctx.settings(r.project, division);
    if (!(f.cpuAvg30d < s.idleMaxCpuAvgPct && f.memAvg30d < s.idleMaxMemAvgPct)) continue;
    conditions.push({
      ruleId: 'MON-IDLE',
      key: key('MON-IDLE', 'gov-cloud', f.resourceId),
      subject: `gov-cloud/resource/${f.resourceId}`,
      label: f.resourceId,
      ...owner(r.project, unit),
      message: {
        zh: `资源 ${resourceName(f, 'zh')}近 30 天平均 CPU 使用率 ${f.cpuAvg30d}%（低于 ${s.idleMaxCpuAvgPct}%）、内存使用率 ${f.memAvg30d}%（低于 ${s.idleMaxMemAvgPct}%），${heldText(f, 'zh')}，建议缩容或释放`,
        en: `Resource ${resourceName(f, 'en')} averaged ${f.cpuAvg30d}% CPU (below ${s.idleMaxCpuAvgPct}%) and ${f.memAvg30d}% memory (below ${s.idleMaxMemAvgPct}%) over 30 days, ${heldText(f, 'en')}: scale it down or release it`,
      },
      evidence: [r.evidence],
      details: {
        resourceId: f.resourceId,
        systemName: f.systemName,
        ...held(f),
        cpuAvg30d: f.cpuAvg30d,
        memAvg30d: f.memAvg30d,
        maxCpuAvgPct: s.idleMaxCpuAvgPct,
        maxMemAvgPct: s.idleMaxMemAvgPct,
      },
    });
  }
  return result(conditions);
}

/**
 * MON-FILING-PENDING. Reading: a level ≥ 2 filing still PENDING more than the pack's
 * `filingPendingMaxDays` (14) after its `gradedAt`: the public security organ issues the certificate
 * within 10 working days of accepting a filing (公通字〔2007〕43号 第十七条), so the big-data centre
 * chases it. A PENDING filing with no readable grading time cannot be aged and is left alone.
 */
export function filingsPending(filings: readonly Filing[], ctx: MonitorContext): RuleResult {
  const conditions: Condition[] = [];
  const nowMs = ctx.now.getTime();
  for (const filing of filings) {
    const f = filing.fact;
    if (filing.tombstone || f.status !== 'PENDING' || f.level < 2) continue;
    const gradedMs = instantMs(f.gradedAt);
    if (gradedMs === null) continue;
    const maxDays = ctx.settings(filing.project, f.acceptingDivision).filingPendingMaxDays;
    const ageMs = nowMs - gradedMs;
    if (ageMs <= maxDays * DAY_MS) continue;
    const days = wholeDays(ageMs);
    const graded = beijingIso(gradedMs);
    conditions.push({
      ruleId: 'MON-FILING-PENDING',
      key: key('MON-FILING-PENDING', 'mlps', f.filingNo),
      subject: `mlps/filing/${f.filingNo}`,
      label: f.filingNo,
      ...owner(filing.project, { code: f.unitCode, name: f.unitName }),
      message: {
        zh: `备案 ${f.filingNo}（${f.systemName}，第${f.level}级）于 ${instantText(graded).zh} 定级后仍在${upstreamValue('filingStatus', 'PENDING').zh}，已 ${days} 天，超过 ${maxDays} 天；公安机关应在受理后 10 个工作日内出具备案证明，请向受理机关催办`,
        en: `Filing ${f.filingNo} (${f.systemName}, level ${f.level}) is still PENDING ${days} days after its grading at ${instantText(graded).en}, more than ${maxDays}; the public security organ issues the certificate within 10 working days of acceptance: chase it`,
      },
      evidence: [filing.evidence],
      details: {
        filingNo: f.filingNo,
        systemName: f.systemName,
        level: f.level,
        gradedAt: f.gradedAt,
        pendingDays: days,
        acceptingDivision: f.acceptingDivision,
      },
    });
  }
  return result(conditions);
}

/**
 * MON-EVAL-DUE. Reading: a current grading of level 3 or above (FILED, or PENDING with its duties
 * already following the grading) is due one interval after its latest evaluation — or, with none on
 * record, after it was filed (graded, while pending); the interval is the pack's own (level 3 yearly,
 * level 4 and 5 half-yearly). Due within the window or overdue raises the alert. A level-3+ system
 * with neither an evaluation nor a date is raised too: nothing says it was ever evaluated.
 */
export function evaluationsDue(filings: readonly Filing[], ctx: MonitorContext): RuleResult {
  const conditions: Condition[] = [];
  const nowMs = ctx.now.getTime();
  for (const filing of filings) {
    const f = filing.fact;
    if (!(f.status === 'FILED' || f.status === 'PENDING') || f.level < 3) continue;
    const s = ctx.settings(filing.project, f.acceptingDivision);
    const intervalDays = f.level >= 4 ? s.evaluationIntervals.level4Days : s.evaluationIntervals.level3Days;
    const latest = f.evaluations
      .map((e) => ({ e, ms: instantMs(e.evaluatedAt) }))
      .filter((x): x is { e: (typeof f.evaluations)[number]; ms: number } => x.ms !== null)
      .sort((a, b) => b.ms - a.ms)[0];
    const baseMs = latest?.ms ?? instantMs(f.filedAt) ?? instantMs(f.gradedAt);
    const dueMs = baseMs === null ? null : baseMs + intervalDays * DAY_MS;
    if (dueMs !== null && dueMs - nowMs > s.evaluationDueWithinDays * DAY_MS) continue;
    const dueAt = dueMs === null ? null : beijingIso(dueMs);
    const daysLeft = dueMs === null ? null : Math.ceil((dueMs - nowMs) / DAY_MS);
    const overdue = dueMs === null || dueMs < nowMs;
    const name = {
      zh: `备案 ${f.filingNo}（${f.systemName}，第${f.level}级）`,
      en: `Filing ${f.filingNo} (${f.systemName}, level ${f.level})`,
    };
    const basis = latest
      ? {
          zh: `最近一次等级测评 ${latest.e.reportNo} 于 ${instantText(latest.e.evaluatedAt).zh}`,
          en: `latest evaluation ${latest.e.reportNo} at ${instantText(latest.e.evaluatedAt).en}`,
        }
      : { zh: '没有等级测评记录', en: 'no evaluation on record' };
    const when =
      dueAt === null
        ? {
            zh: '无法确定到期日（没有测评、备案或定级时间），视为逾期',
            en: 'no due date can be set (no evaluation, filing or grading time): treated as overdue',
          }
        : overdue
          ? {
              zh: `已于 ${instantText(dueAt).zh} 到期，逾期 ${-daysLeft!} 天`,
              en: `was due at ${instantText(dueAt).en}, ${-daysLeft!} day(s) overdue`,
            }
          : {
              zh: `将于 ${instantText(dueAt).zh} 到期，还有 ${daysLeft} 天`,
              en: `falls due at ${instantText(dueAt).en}, in ${daysLeft} day(s)`,
            };
    conditions.push({
      ruleId: 'MON-EVAL-DUE',
      key: key('MON-EVAL-DUE', 'mlps', f.filingNo),
      subject: `mlps/filing/${f.filingNo}`,
      label: f.filingNo,
      ...owner(filing.project, { code: f.unitCode, name: f.unitName }),
      message: {
        zh: `${name.zh}${basis.zh}；按每 ${intervalDays} 天至少测评一次，下次测评${when.zh}`,
        en: `${name.en}: ${basis.en}; evaluated at least every ${intervalDays} days, the next evaluation ${when.en}`,
      },
      evidence: [filing.evidence],
      details: {
        filingNo: f.filingNo,
        systemName: f.systemName,
        level: f.level,
        status: f.status,
        lastEvaluatedAt: latest?.e.evaluatedAt ?? null,
        lastReportNo: latest?.e.reportNo ?? null,
        intervalDays,
        dueAt,
        daysLeft,
        overdue,
      },
    });
  }
  return result(conditions);
}

/**
 * MON-SHARE-STALE. Reading: a PUBLISHED catalogue entry that is shared (unconditionally or on
 * conditions — a NOT_SHARED entry owes no updates to anyone) of a system still on the platform, whose
 * data was last updated longer ago than its update cycle allows, or never. An entry whose update time
 * cannot be read is not judged.
 */
export function staleShares(
  entries: readonly StoredFact<CatalogEntryFact>[],
  systems: ReadonlyMap<string, StoredFact<ExchangeSystemFact>>,
  ctx: MonitorContext,
): RuleResult {
  const conditions: Condition[] = [];
  const undecided: string[] = [];
  const nowMs = ctx.now.getTime();
  for (const entry of entries) {
    const e = entry.fact;
    if (entry.tombstone || e.status !== 'PUBLISHED' || e.shareType === 'NOT_SHARED') continue;
    const system = systems.get(e.systemId);
    if (system?.tombstone) continue;
    const project = entry.project ?? system?.project ?? null;
    const unitCode = system?.fact.unitCode ?? null;
    const s = ctx.settings(project, divisionOfCreditCode(unitCode));
    const cycleDays = s.updateCycleDays[e.updateCycle];
    const k = key('MON-SHARE-STALE', 'data-exchange', e.resourceCode);
    const updatedMs = instantMs(e.lastDataUpdateAt);
    if (e.lastDataUpdateAt !== null && updatedMs === null) {
      undecided.push(k);
      continue;
    }
    if (updatedMs !== null && nowMs - updatedMs <= cycleDays * DAY_MS) continue;
    const age = updatedMs === null ? null : wholeDays(nowMs - updatedMs);
    const last =
      updatedMs === null
        ? { zh: '从未更新数据', en: 'has never had its data updated' }
        : {
            zh: `最近一次数据更新于 ${instantText(e.lastDataUpdateAt!).zh}（${age} 天前）`,
            en: `last had its data updated at ${instantText(e.lastDataUpdateAt!).en} (${age} days ago)`,
          };
    conditions.push({
      ruleId: 'MON-SHARE-STALE',
      key: k,
      subject: `data-exchange/catalog-entry/${e.resourceCode}`,
      label: e.resourceCode,
      ...owner(project, { code: unitCode, name: system?.fact.unitName ?? e.providerUnit }),
      message: {
        zh: `资源目录 ${e.resourceCode}（${e.resourceName}，系统 ${e.systemId}）更新周期为${upstreamValue('updateCycle', e.updateCycle).zh}（${cycleDays} 天），${last.zh}，未按周期更新`,
        en: `Catalogue entry ${e.resourceCode} (${e.resourceName}, system ${e.systemId}) with update cycle ${e.updateCycle} (${cycleDays} days) ${last.en}: not updated within its cycle`,
      },
      evidence: [entry.evidence, ...(system ? [system.evidence] : [])],
      details: {
        resourceCode: e.resourceCode,
        resourceName: e.resourceName,
        systemId: e.systemId,
        updateCycle: e.updateCycle,
        cycleDays,
        lastDataUpdateAt: e.lastDataUpdateAt,
        daysSinceUpdate: age,
      },
    });
  }
  return result(conditions, undecided);
}

/** Evidence lists of per-project alerts stay readable: the first records, and a count in the details. */
const EVIDENCE_CAP = 50;

/**
 * MON-VIDEO-OFFLINE. Reading: as YY-VIDEO counts them — the project's devices are those bound to it,
 * directly or through its cascaded platform, each once; DELETED devices are gone; a device that is OFF
 * has no channel online. A project whose devices have no channel at all is left to YY-VIDEO (there is
 * no ratio to fall).
 */
export function videoOffline(
  devices: readonly StoredFact<VideoDeviceFact>[],
  platforms: ReadonlyMap<string, StoredFact<VideoPlatformFact>>,
  ctx: MonitorContext,
): RuleResult {
  const byProject = new Map<
    string,
    { project: ProjectRef; devices: Map<string, StoredFact<VideoDeviceFact>> }
  >();
  for (const d of devices) {
    if (d.tombstone || d.fact.status === 'DELETED') continue;
    const platform = d.fact.platformId ? platforms.get(d.fact.platformId) : undefined;
    const project = d.project ?? platform?.project ?? null;
    // A device coded in another city is not connected to this city's platform (as YY-VIDEO reads it).
    if (!project || !d.fact.deviceId.startsWith(cityPrefecture(project))) continue;
    const group = byProject.get(project.id) ?? { project, devices: new Map() };
    if (!group.devices.has(d.fact.deviceId)) group.devices.set(d.fact.deviceId, d);
    byProject.set(project.id, group);
  }
  const conditions: Condition[] = [];
  for (const { project, devices: own } of byProject.values()) {
    const list = [...own.values()];
    const channels = list.reduce((n, d) => n + d.fact.channelCount, 0);
    if (channels === 0) continue;
    const onlineOf = (d: VideoDeviceFact) =>
      d.status === 'ON' ? Math.min(d.onlineChannelCount, d.channelCount) : 0;
    const online = list.reduce((n, d) => n + onlineOf(d.fact), 0);
    const ratio = online / channels;
    const threshold = ctx.settings(project, null).videoMinOnlineRatio;
    if (ratio >= threshold) continue;
    const lagging = list.filter((d) => onlineOf(d.fact) < d.fact.channelCount);
    const off = lagging.filter((d) => d.fact.status === 'OFF').map((d) => d.fact.deviceId);
    const shown = Math.floor(ratio * 1000) / 1000;
    const ownPlatforms = [...platforms.values()].filter((p) => p.project?.id === project.id);
    const offNote = off.length
      ? {
          zh: `；离线设备 ${off.length} 台：${off.slice(0, 10).join('、')}${off.length > 10 ? ' 等' : ''}`,
          en: `; ${off.length} device(s) OFF: ${off.slice(0, 10).join(', ')}${off.length > 10 ? ', …' : ''}`,
        }
      : { zh: '', en: '' };
    conditions.push({
      ruleId: 'MON-VIDEO-OFFLINE',
      key: key('MON-VIDEO-OFFLINE', 'project', project.code),
      subject: `project/${project.code}`,
      label: project.code,
      ...owner(project, { code: null, name: null }),
      message: {
        zh: `项目 ${project.code}（${project.name}）${list.length} 台视频设备在线通道 ${online}/${channels}，在线率 ${shown}，低于 ${threshold}${offNote.zh}`,
        en: `Project ${project.code} (${project.name}): ${list.length} video device(s) with ${online}/${channels} channels online, ratio ${shown}, below ${threshold}${offNote.en}`,
      },
      evidence: [...ownPlatforms, ...lagging].slice(0, EVIDENCE_CAP).map((x) => x.evidence),
      details: {
        devices: list.length,
        channels,
        onlineChannels: online,
        ratio: shown,
        threshold,
        laggingDevices: lagging.length,
        offDevices: off,
        platforms: ownPlatforms.map((p) => p.fact.platformId),
      },
    });
  }
  return result(conditions);
}

/**
 * MON-SERVICE-STALE. Readings: an ONLINE 一网通办 system whose last case-data return is older than
 * the threshold, or missing (no return at all), whether or not it is bound to a project — the owning
 * unit answers for it; a 岳办岳好 service taken OFFLINE that is bound to a project left with no ONLINE
 * service there (the project's mobile channel is gone; a retired record of no project, or one replaced
 * by another online service, is not a lapse). A return time that cannot be read is not judged.
 */
export function staleServices(
  ywtb: readonly StoredFact<YwtbSystemFact>[],
  ybyh: readonly StoredFact<MobileServiceFact>[],
  ctx: MonitorContext,
): RuleResult {
  const conditions: Condition[] = [];
  const undecided: string[] = [];
  const nowMs = ctx.now.getTime();
  for (const sys of ywtb) {
    const f = sys.fact;
    if (sys.tombstone || f.status !== 'ONLINE') continue;
    const k = key('MON-SERVICE-STALE', 'service-platforms', 'ywtb-system', f.systemCode);
    const s = ctx.settings(sys.project, divisionOfCreditCode(f.unitCode));
    const returnedMs = instantMs(f.lastCaseReturnAt);
    if (f.lastCaseReturnAt !== null && returnedMs === null) {
      undecided.push(k);
      continue;
    }
    if (returnedMs !== null && nowMs - returnedMs <= s.ywtbCaseReturnMaxAgeDays * DAY_MS) continue;
    const age = returnedMs === null ? null : wholeDays(nowMs - returnedMs);
    const last =
      returnedMs === null
        ? { zh: '没有任何办件数据回流记录', en: 'has no case-data return on record' }
        : {
            zh: `最近一次办件数据回流于 ${instantText(f.lastCaseReturnAt!).zh}（${age} 天前，超过 ${s.ywtbCaseReturnMaxAgeDays} 天）`,
            en: `last returned case data at ${instantText(f.lastCaseReturnAt!).en} (${age} days ago, more than ${s.ywtbCaseReturnMaxAgeDays})`,
          };
    conditions.push({
      ruleId: 'MON-SERVICE-STALE',
      key: k,
      subject: `service-platforms/ywtb-system/${f.systemCode}`,
      label: f.systemCode,
      ...owner(sys.project, { code: f.unitCode, name: f.unitName }),
      message: {
        zh: `“一网通办”已上线系统 ${f.systemCode}（${f.systemName}）${last.zh}`,
        en: `One-stop system ${f.systemCode} (${f.systemName}), ONLINE, ${last.en}`,
      },
      evidence: [sys.evidence],
      details: {
        platform: 'ywtb',
        systemCode: f.systemCode,
        systemName: f.systemName,
        lastCaseReturnAt: f.lastCaseReturnAt,
        daysSinceReturn: age,
        thresholdDays: s.ywtbCaseReturnMaxAgeDays,
      },
    });
  }
  const onlineProjects = new Set(
    ybyh.filter((m) => m.fact.status === 'ONLINE' && m.project).map((m) => m.project!.id),
  );
  for (const svc of ybyh) {
    const f = svc.fact;
    if (f.status !== 'OFFLINE' || !svc.project || onlineProjects.has(svc.project.id)) continue;
    conditions.push({
      ruleId: 'MON-SERVICE-STALE',
      key: key('MON-SERVICE-STALE', 'service-platforms', 'ybyh-service', f.serviceId),
      subject: `service-platforms/ybyh-service/${f.serviceId}`,
      label: f.serviceId,
      ...owner(svc.project, { code: f.unitCode, name: f.unitName }),
      message: {
        zh: `项目 ${svc.project.code} 的“岳办岳好”服务 ${f.serviceId}（${f.serviceName}）已下线，项目没有其他在线的移动服务`,
        en: `The 岳办岳好 service ${f.serviceId} (${f.serviceName}) of project ${svc.project.code} is OFFLINE, and the project has no other online mobile service`,
      },
      evidence: [svc.evidence],
      details: { platform: 'ybyh', serviceId: f.serviceId, serviceName: f.serviceName, status: f.status },
    });
  }
  return result(conditions, undecided);
}
