import type { PolicyPackId, SourceId, TProject } from '@hub/contracts';
import type { z } from 'zod';
import type { CloudTenantFact, EvidenceRef, ProjectRecords, RegistryEvidence, Sourced, Text } from './facts';

// The five verdicts (obligations.md "Verdicts"), severities (`blocking` = 不予验收 until fixed,
// `advisory` = 整改建议) and bases of a rule are the vocabulary's, with the words every text uses.
import { type Basis, type Severity, type Verdict, VERDICTS } from '@hub/vocabulary';

export { BASES, SEVERITIES, VERDICTS, type Basis, type Severity, type Verdict } from '@hub/vocabulary';

/** The review opinion's sections (技术审查意见). */
export type ReviewDomain = 'cloud' | 'data-sharing' | 'security' | 'platforms' | 'management';

export const REVIEW_DOMAIN_TITLES: Record<ReviewDomain, Text> = {
  cloud: { zh: '政务云资源集约应用', en: 'Government cloud use' },
  'data-sharing': { zh: '数据共享', en: 'Data sharing' },
  security: { zh: '网络安全', en: 'Network security' },
  platforms: { zh: '平台对接', en: 'Platform integration' },
  management: { zh: '项目管理', en: 'Project management' },
};

/** The review domains in the order the opinion prints its sections (a non-empty tuple, for z.enum). */
export const REVIEW_DOMAINS = Object.keys(REVIEW_DOMAIN_TITLES) as [ReviewDomain, ...ReviewDomain[]];

/** A counter per verdict, every one present and zero: summaries list verdicts nobody reached too. */
export function zeroVerdictCounts(): Record<Verdict, number> {
  return Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
}

/**
 * The facts a rule may read, already narrowed to what the engine decided to trust: in the first pass
 * only records bound by code or confirmed, in the second pass suggested ones too.
 */
export interface RuleContext<S> extends ProjectRecords {
  project: TProject;
  settings: S;
  /** the hub's clock for this evaluation (ISO instant) */
  now: string;
  /** the project's cloud tenants by tenant id */
  tenantsById: ReadonlyMap<string, Sourced<CloudTenantFact>>;
  /** the 市本级 division code of the pack's city, e.g. 430600 (its first 4 digits are the prefecture) */
  divisionCode: string;
}

/** What a rule's evaluation decides. UNKNOWN is for evidence the rule itself cannot trust. */
export interface RuleOutcome {
  verdict: Exclude<Verdict, 'WAIVED'>;
  reason: Text;
  evidence: EvidenceRef[];
}

export interface Applicability {
  applies: boolean;
  /** why it does not apply, shown with NOT_APPLICABLE */
  reason: Text;
}

export interface Waiver {
  /** document number of the approved exemption */
  documentNo: string;
  reason: Text;
}

/**
 * A rule is data plus one pure function: no I/O, no clock of its own. The engine handles exemptions,
 * registry-only applicability, untrusted sources and suggested-only evidence generically.
 */
export interface RuleDefinition<S = unknown> {
  id: string;
  pack: PolicyPackId;
  title: Text;
  /** the clause it enforces, e.g. 第六条 */
  clause: string;
  basis: Basis;
  severity: Severity;
  domain: ReviewDomain;
  /** the obligation in a reviewer's words: what PASS means */
  requirement: Text;
  /** upstream systems whose facts it reads; an untrusted one makes the verdict UNKNOWN */
  sources: readonly SourceId[];
  /** the pack settings it reads (beyond the engine's `maxSourceAgeHours`), from its check's parameters */
  settings?: readonly string[];
  /** applicability decided from the registry alone, before any upstream fact is consulted */
  appliesTo?: (project: TProject, settings: S) => Applicability;
  /** an exemption recorded in the registry that waives the rule */
  waiver?: (project: TProject) => Waiver | null;
  evaluate: (ctx: RuleContext<S>) => RuleOutcome;
}

/** An administrative division (行政区划): GB/T 2260 code and name. */
export interface Division {
  code: string;
  name: string;
}

/**
 * How a city's review opinion (技术审查意见) is issued: the office that signs and seals it and the
 * prefix of its document number (文号), counted per city per year: 岳技审〔2026〕3号.
 */
export interface OpinionIssuer {
  /** 发文机关, printed at the head of the opinion and over the seal */
  office: string;
  /** 文号 prefix, e.g. 岳技审 */
  numberPrefix: string;
  /** the opinion's title */
  title: string;
}

/** A policy pack: a city's rules plus the settings they read (thresholds with defaults). */
export interface PolicyPack<S extends PackSettingsBase = PackSettingsBase> {
  id: PolicyPackId;
  /** the city as a list or a filter names it: 岳阳 / Yueyang */
  name: Text;
  title: Text;
  /** the edition of the pack file it was compiled from */
  version?: string;
  /** 市本级 division code */
  divisionCode: string;
  /** the city (市本级, first) and its counties (县市区), for printing a division code as its name */
  divisions: readonly Division[];
  /** the defaults of how the city's opinions are issued (the hub's configuration may override them) */
  opinionIssuer: OpinionIssuer;
  settingsSchema: z.ZodType<S>;
  rules: readonly RuleDefinition<S>[];
  /** what the monitoring rules read from the pack's settings */
  monitoring: PackMonitoring<S>;
}

/**
 * The settings the monitoring rules (MON-*) take from a city's pack: the keys holding the longest
 * interval between two level-3 and two level-4 evaluations (MON-EVAL-OVERDUE).
 */
export interface PackMonitoring<S> {
  evaluationIntervals: { level3Days: NumberSettingKey<S>; level4Days: NumberSettingKey<S> };
}

/** A key of a pack's settings whose value is a number. */
export type NumberSettingKey<S> = { [K in keyof S]: S[K] extends number ? K : never }[keyof S] & string;

/** Settings every pack has. */
export interface PackSettingsBase {
  /** facts of a source older than this are stale: its rules give UNKNOWN */
  maxSourceAgeHours: number;
}

/** One rule's verdict for one project at one moment. */
export interface Finding {
  ruleId: string;
  packId: PolicyPackId;
  title: Text;
  clause: string;
  basis: Basis;
  severity: Severity;
  domain: ReviewDomain;
  verdict: Verdict;
  reason: Text;
  /** the upstream records the verdict rests on */
  evidence: EvidenceRef[];
  /**
   * the registry cells it read, with the import they came from; a finding that rests on no record
   * cites the cells its records were searched by, so every finding has evidence of one kind or both
   */
  registry: RegistryEvidence | null;
  /** a national-unverified rule's FAIL is shown as a warning until confirmed for the city */
  warningOnly: boolean;
}

export interface Readiness {
  /** ready for acceptance iff no blocking rule is FAIL or UNKNOWN */
  ready: boolean;
  blockingRuleIds: string[];
}

export interface PackEvaluation {
  packId: PolicyPackId;
  findings: Finding[];
  readiness: Readiness;
}
