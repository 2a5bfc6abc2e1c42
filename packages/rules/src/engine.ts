import type { SourceId } from '@hub/contracts';
import {
  RECORD_GROUP_SOURCES,
  type EvidenceRef,
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
import { SOURCE_TITLES } from './sources';

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
    warningOnly:
      rule.basis === 'national-unverified' && verdict === 'FAIL' && !options.confirmedRuleIds?.has(rule.id),
  });

  const applicability = rule.appliesTo?.(facts.project, settings);
  if (applicability && !applicability.applies) return finding('NOT_APPLICABLE', applicability.reason);

  const waiver = rule.waiver?.(facts.project) ?? options.exemptions?.get(rule.id);
  if (waiver) return finding('WAIVED', waiver.reason);

  for (const source of rule.sources) {
    const distrust = distrustOf(source, facts.sources[source], settings.maxSourceAgeHours, now);
    if (distrust) return finding('UNKNOWN', distrust);
  }

  const tenantsById = new Map(facts.cloud.tenants.map((t) => [t.fact.tenantId, t]));
  const context = (records: ProjectRecords): RuleContext<S> => ({
    ...records,
    project: facts.project,
    settings,
    now,
    tenantsById,
  });
  const onBound = rule.evaluate(context(recordsView(facts, false)));
  const suggested = suggestedEvidence(facts, rule.sources);
  if (suggested.length === 0) return fromOutcome(onBound);

  const withSuggested = rule.evaluate(context(recordsView(facts, true)));
  if (withSuggested.verdict === onBound.verdict) return fromOutcome(onBound);
  const ids = suggested.map((e) => e.externalId).join(', ');
  return finding(
    'UNKNOWN',
    {
      zh: `结论取决于未经确认的疑似匹配记录（${ids}）：确认或否决匹配后可得出结论。若确认：${withSuggested.reason.zh}`,
      en: `The verdict depends on suggested, unconfirmed record matches (${ids}): confirm or reject them to decide. If confirmed: ${withSuggested.reason.en}`,
    },
    [...onBound.evidence, ...suggested],
  );

  function fromOutcome(outcome: RuleOutcome): Finding {
    return finding(outcome.verdict, outcome.reason, outcome.evidence);
  }
}

type Group = Record<string, readonly { binding?: string; evidence: EvidenceRef }[]>;

/** The records with (or without) suggested ones; records without a binding (tenants) always stay. */
function recordsView(facts: ProjectRecords, includeSuggested: boolean): ProjectRecords {
  if (includeSuggested) return facts;
  const view = {} as Record<string, Group>;
  for (const key of Object.keys(RECORD_GROUP_SOURCES) as (keyof ProjectRecords)[]) {
    const group = facts[key] as unknown as Group;
    view[key] = Object.fromEntries(
      Object.entries(group).map(([name, list]) => [name, list.filter((r) => r.binding !== 'suggested')]),
    );
  }
  return view as unknown as ProjectRecords;
}

/** Evidence of the suggested records among the sources a rule reads. */
function suggestedEvidence(facts: ProjectRecords, sources: readonly SourceId[]): EvidenceRef[] {
  return (Object.keys(RECORD_GROUP_SOURCES) as (keyof ProjectRecords)[])
    .filter((key) => sources.includes(RECORD_GROUP_SOURCES[key]))
    .flatMap((key) => Object.values(facts[key] as unknown as Group).flat())
    .filter((r) => r.binding === 'suggested')
    .map((r) => r.evidence);
}

/** Why a source's facts cannot be trusted now, or null when they can. */
export function distrustOf(
  source: SourceId,
  state: SourceState | undefined,
  maxAgeHours: number,
  now: string,
): Text | null {
  const name = SOURCE_TITLES[source];
  if (!state || state.status === 'never') {
    return {
      zh: `${name.zh}尚未同步，无法取得证据`,
      en: `The ${name.en} has never been synced: no evidence`,
    };
  }
  if (state.status === 'failed') {
    return {
      zh: `${name.zh}最近一次同步失败：${state.error ?? '未知错误'}`,
      en: `The last sync of the ${name.en} failed: ${state.error ?? 'unknown error'}`,
    };
  }
  if (state.status === 'partial') {
    return {
      zh: `${name.zh}最近一次同步不完整：${state.error ?? '部分页面未取得'}`,
      en: `The last sync of the ${name.en} was incomplete: ${state.error ?? 'some pages were not fetched'}`,
    };
  }
  const ageHours = state.finishedAt ? (Date.parse(now) - Date.parse(state.finishedAt)) / HOUR_MS : NaN;
  // A missing or unreadable finish time is as untrustworthy as an old one.
  if (!(ageHours <= maxAgeHours)) {
    return {
      zh: `${name.zh}数据已过期：最近一次成功同步于 ${state.finishedAt}，超过 ${maxAgeHours} 小时`,
      en: `The ${name.en} data is stale: last successful sync at ${state.finishedAt}, more than ${maxAgeHours} h ago`,
    };
  }
  return null;
}
