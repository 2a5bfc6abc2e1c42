import type { SourceId } from '@hub/contracts';
import {
  type EvidenceRef,
  type RegistryEvidence,
  type ProjectFacts,
  type ProjectRecords,
  type SourceState,
  type Text,
} from './facts';
import type {
  Finding,
  PackEvaluation,
  PackSettingsBase,
  PolicyPack,
  Readiness,
  RuleContext,
  RuleDefinition,
  RuleOutcome,
  Verdict,
  Waiver,
} from './model';
import { ReadLog } from './reads';
import { MATCHING_FIELDS, registryEvidence } from './registry-evidence';
import { describeUntrusted, judgeWithUntrusted, untrustedEvidence } from './untrusted';

export interface EvaluateOptions<S> {
  /** the hub's clock (ISO instant) */
  now: string;
  /** resolved pack settings; defaults of the pack's schema when omitted */
  settings?: S;
  /** approved, current exemptions of this project by rule id: those rules give WAIVED */
  exemptions?: ReadonlyMap<string, Waiver>;
  /** national-unverified rules an administrator has confirmed for the city: their FAIL blocks */
  confirmedRuleIds?: ReadonlySet<string>;
}

const HOUR_MS = 3_600_000;

/**
 * Evaluates every rule of a pack for one project. Pure: the same facts, settings and clock give the
 * same findings. Order per rule: registry applicability (NOT_APPLICABLE) → an exemption, from the
 * registry or approved in the hub (WAIVED) →
 * trust in each source it reads (UNKNOWN) → the rule itself on bound records, checked against
 * bound + suggested records (UNKNOWN when the two disagree: a suggested match never decides).
 */
export function evaluateProject<S extends PackSettingsBase>(
  pack: PolicyPack<S>,
  facts: ProjectFacts,
  options: EvaluateOptions<S>,
): PackEvaluation {
  const settings = options.settings ?? pack.settingsSchema.parse({});
  const findings = pack.rules.map((rule) => evaluateRule(rule, pack, facts, settings, options));
  return { packId: pack.id, findings, readiness: readinessOf(findings) };
}

export function readinessOf(
  findings: readonly Pick<Finding, 'ruleId' | 'severity' | 'verdict' | 'warningOnly'>[],
): Readiness {
  const blockingRuleIds = findings
    .filter((f) => f.severity === 'blocking' && !f.warningOnly)
    .filter((f) => f.verdict === 'FAIL' || f.verdict === 'UNKNOWN')
    .map((f) => f.ruleId);
  return { ready: blockingRuleIds.length === 0, blockingRuleIds };
}

function evaluateRule<S extends PackSettingsBase>(
  rule: RuleDefinition<S>,
  pack: PolicyPack<S>,
  facts: ProjectFacts,
  settings: S,
  options: EvaluateOptions<S>,
): Finding {
  const { now } = options;
  const reads = new ReadLog();
  const project = reads.project(facts.project);
  const finding = (verdict: Verdict, reason: Text, evidence: EvidenceRef[] = []): Finding => ({
    ruleId: rule.id,
    packId: pack.id,
    title: rule.title,
    clause: rule.clause,
    basis: rule.basis,
    severity: rule.severity,
    domain: rule.domain,
    verdict,
    reason,
    evidence,
    registry: registryCellsOf(facts, reads, evidence, rule.sources.length > 0),
    warningOnly:
      rule.basis === 'national-unverified' && verdict === 'FAIL' && !options.confirmedRuleIds?.has(rule.id),
  });

  const applicability = rule.appliesTo?.(project, settings);
  if (applicability && !applicability.applies) return finding('NOT_APPLICABLE', applicability.reason);

  const waiver = rule.waiver?.(project) ?? options.exemptions?.get(rule.id);
  if (waiver) return finding('WAIVED', waiver.reason);

  for (const source of rule.sources) {
    const distrust = distrustOf(
      sourceTitleIn(facts, source),
      facts.sources[source],
      settings.maxSourceAgeHours,
      now,
    );
    if (distrust) return finding('UNKNOWN', distrust);
  }

  const context = (records: ProjectRecords): RuleContext<S> => {
    const tenantsById = new Map(records.cloud.tenants.map((t) => [t.fact.tenantId, t]));
    return {
      ...reads.records(records),
      project,
      settings,
      now,
      divisionCode: pack.divisionCode,
      get tenantsById() {
        reads.read('cloud.tenants');
        return tenantsById;
      },
    };
  };
  const base = onRecords(facts);
  const untrusted = (facts.untrusted ?? []).filter((u) => reads.lists.has(`${u.group}.${u.key}`));
  if (untrusted.length === 0) return finding(base.verdict, base.reason, base.evidence);

  const evidence = [...base.evidence, ...untrustedEvidence(untrusted)];
  if (base.verdict === 'UNKNOWN') {
    const named = describeUntrusted(untrusted);
    return finding(
      'UNKNOWN',
      { zh: `${base.reason.zh}；另：${named.zh}`, en: `${base.reason.en}; also: ${named.en}` },
      evidence,
    );
  }
  const judgement = judgeWithUntrusted(base, untrusted, facts, onRecords);
  return judgement.decided
    ? finding(
        base.verdict,
        { zh: base.reason.zh + judgement.note.zh, en: base.reason.en + judgement.note.en },
        evidence,
      )
    : finding('UNKNOWN', judgement.reason, evidence);

  /**
   * The rule on the bound ones of `records`, checked against bound + suggested ones (a suggestion
   * never decides). Untrusted records are judged the same way, each reading added to `records`.
   */
  function onRecords(records: ProjectFacts): RuleOutcome {
    const onBound = rule.evaluate(context(boundOnly(records)));
    const suggested = suggestedEvidence(records, rule.sources);
    if (suggested.length === 0) return onBound;
    const withSuggested = rule.evaluate(context(records));
    if (withSuggested.verdict === onBound.verdict) return onBound;
    const ids = suggested.map((e) => e.externalId).join(', ');
    return {
      verdict: 'UNKNOWN',
      reason: {
        zh: `结论取决于未经确认的疑似匹配记录（${ids}）：确认或否决匹配后可得出结论。若确认：${withSuggested.reason.zh}`,
        en: `The verdict depends on suggested, unconfirmed record matches (${ids}): confirm or reject them to decide. If confirmed: ${withSuggested.reason.en}`,
      },
      evidence: [...onBound.evidence, ...suggested],
    };
  }
}

/**
 * The registry cells a finding cites: those the rule read. A finding of a rule reading upstreams that
 * rests on no record (the inventory has none of the project, a source could not be read) also cites
 * the cells its records were searched by, so that no finding stands without evidence.
 */
function registryCellsOf(
  facts: ProjectFacts,
  reads: ReadLog,
  records: EvidenceRef[],
  readsUpstreams: boolean,
): RegistryEvidence | null {
  const fields = new Set(reads.fields);
  if (records.length === 0 && (readsUpstreams || fields.size === 0)) {
    for (const f of MATCHING_FIELDS) fields.add(f);
  }
  return fields.size === 0 ? null : registryEvidence(facts.project, fields, facts.registry);
}

type Group = Record<string, readonly { binding?: string; evidence: EvidenceRef }[]>;

/** The record groups of the facts: whatever the connectors filled, with no list of groups kept here. */
function groupsOf(facts: ProjectFacts): [string, Group][] {
  const {
    project: _project,
    sources: _sources,
    sourceTitles: _sourceTitles,
    untrusted: _untrusted,
    registry: _registry,
    ...records
  } = facts;
  return Object.entries(records as Record<string, Group>);
}

/** The facts without suggested records; records without a binding (tenants) always stay. */
function boundOnly(facts: ProjectFacts): ProjectFacts {
  const view = Object.fromEntries(
    groupsOf(facts).map(([key, group]) => [
      key,
      Object.fromEntries(
        Object.entries(group).map(([name, list]) => [name, list.filter((r) => r.binding !== 'suggested')]),
      ),
    ]),
  );
  return { ...facts, ...view };
}

/** Evidence of the suggested records among the sources a rule reads. */
function suggestedEvidence(facts: ProjectFacts, sources: readonly SourceId[]): EvidenceRef[] {
  return groupsOf(facts)
    .flatMap(([, group]) => Object.values(group).flat())
    .filter((r) => r.binding === 'suggested' && sources.includes(r.evidence.source))
    .map((r) => r.evidence);
}

/** How a source is named in the reasons: the title the facts give it, else its id. */
export function sourceTitleIn(facts: Pick<ProjectFacts, 'sourceTitles'>, source: SourceId): Text {
  return facts.sourceTitles[source] ?? { zh: source, en: source };
}

/** Why the facts of the source named `name` cannot be trusted now, or null when they can. */
export function distrustOf(
  name: Text,
  state: SourceState | undefined,
  maxAgeHours: number,
  now: string,
): Text | null {
  if (!state || state.status === 'never') {
    return {
      zh: `${name.zh}尚未同步，无法取得证据`,
      en: `The ${name.en} has never been synced: no evidence`,
    };
  }
  // The project's own records were fetched completely after the bulk sync fell short.
  const recovered = state.status !== 'succeeded' && state.recoveredAt ? state.recoveredAt : null;
  if (!recovered && state.status === 'failed') {
    return {
      zh: `${name.zh}最近一次同步失败：${state.error ?? '未知错误'}${pagesText(state, 'zh')}${ageText(name, state, now, 'zh')}`,
      en: `The last sync of the ${name.en} failed: ${state.error ?? 'unknown error'}${pagesText(state, 'en')}${ageText(name, state, now, 'en')}`,
    };
  }
  if (!recovered && state.status === 'partial') {
    return {
      zh: `${name.zh}最近一次同步不完整：${state.error ?? '部分页面未取得'}${pagesText(state, 'zh')}${ageText(name, state, now, 'zh')}`,
      en: `The last sync of the ${name.en} was incomplete: ${state.error ?? 'some pages were not fetched'}${pagesText(state, 'en')}${ageText(name, state, now, 'en')}`,
    };
  }
  const at = recovered ?? state.finishedAt;
  const ageHours = at ? (Date.parse(now) - Date.parse(at)) / HOUR_MS : NaN;
  // A missing or unreadable finish time is as untrustworthy as an old one.
  if (!(ageHours <= maxAgeHours)) {
    return {
      zh: `${name.zh}数据已过期：最近一次成功同步于 ${at}，超过 ${maxAgeHours} 小时`,
      en: `The ${name.en} data is stale: last successful sync at ${at}, more than ${maxAgeHours} h ago`,
    };
  }
  return null;
}

/**
 * How much of a source's last sync is missing and how old its complete data is, in the words the
 * verdicts use (`共 14 页，2 页获取失败；…数据已 9 天未完整更新`); null when nothing is missing.
 */
export function sourceShortfall(name: Text, state: SourceState, now: string): Text | null {
  const zh = `${pagesText(state, 'zh')}${ageText(name, state, now, 'zh')}`.replace(/^；/, '');
  const en = `${pagesText(state, 'en')}${ageText(name, state, now, 'en')}`.replace(/^; /, '');
  return zh ? { zh, en: en.charAt(0).toUpperCase() + en.slice(1) } : null;
}

/** `；共 14 页，2 页获取失败` — how much of a sync is missing, when its pages were counted. */
function pagesText(state: SourceState, lang: 'zh' | 'en'): string {
  const p = state.pages;
  if (!p || p.failed === 0) return '';
  if (p.total !== null) {
    return lang === 'zh'
      ? `；共 ${p.total} 页，${p.failed} 页获取失败`
      : `; ${p.failed} of ${p.total} pages could not be fetched`;
  }
  return lang === 'zh'
    ? `；已取得 ${p.fetched} 页，${p.failed} 页获取失败`
    : `; ${p.fetched} pages fetched, ${p.failed} failed`;
}

/** `；网络安全等级保护备案系统数据已 9 天未更新` — how old the source's last complete data is. */
function ageText(name: Text, state: SourceState, now: string, lang: 'zh' | 'en'): string {
  if (state.lastCompleteAt === undefined) return '';
  if (state.lastCompleteAt === null) {
    return lang === 'zh' ? `；${name.zh}从未完整同步` : `; the ${name.en} was never synced completely`;
  }
  const hours = (Date.parse(now) - Date.parse(state.lastCompleteAt)) / HOUR_MS;
  if (!Number.isFinite(hours)) return '';
  if (hours < 1) {
    return lang === 'zh'
      ? `；${name.zh}上次完整同步在 1 小时内`
      : `; the ${name.en} was last complete within the hour`;
  }
  const age =
    hours >= 24
      ? { zh: `${Math.floor(hours / 24)} 天`, en: `${Math.floor(hours / 24)} days` }
      : { zh: `${Math.floor(hours)} 小时`, en: `${Math.floor(hours)} hours` };
  return lang === 'zh'
    ? `；${name.zh}数据已 ${age.zh}未完整更新`
    : `; the ${name.en} data was last complete ${age.en} ago`;
}
