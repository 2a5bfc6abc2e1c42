import { evaluateProject } from '../engine';
import type { Text } from '../facts';
import type {
  Finding,
  PackEvaluation,
  PackSettingsBase,
  PolicyPack,
  RuleDefinition,
  RuleOutcome,
  Waiver,
} from '../model';
import { ZBaseSettings } from '../shared/settings';
import { NOW, buildFacts, type FactsInput } from './facts.factory';

let sequence = 0;

/** An outcome with a recognisable reason, for rules whose logic is not what a test is about. */
export function outcome(verdict: RuleOutcome['verdict'], reason?: Text): RuleOutcome {
  return { verdict, reason: reason ?? { zh: `结论 ${verdict}`, en: `verdict ${verdict}` }, evidence: [] };
}

/**
 * A blocking, local-basis rule with a unique id that reads no source and gives PASS; tests override
 * the parts the engine treats generically (applicability, waiver, sources, basis, severity).
 */
export function buildRule(
  overrides: Partial<RuleDefinition<PackSettingsBase>> = {},
): RuleDefinition<PackSettingsBase> {
  sequence += 1;
  return {
    id: `TEST-RULE-${sequence}`,
    pack: 'yueyang',
    title: { zh: `测试规则${sequence}`, en: `Test rule ${sequence}` },
    clause: `第${sequence}条`,
    basis: 'local',
    severity: 'blocking',
    domain: 'management',
    requirement: { zh: '测试要求', en: 'Test requirement' },
    sources: [],
    evaluate: () => outcome('PASS'),
    ...overrides,
  };
}

export interface ExemptionInput extends Partial<Waiver> {
  /** who approved it */
  authority?: string;
  /** last day it is valid (Beijing date) */
  validUntil?: string;
}

/**
 * An exemption approved in the hub (what `EvaluateOptions.exemptions` holds), with a unique document
 * number; its reason names the approver, the document number and the last valid day, worded as the
 * hub's exemptions repository words it.
 */
export function buildExemption(input: ExemptionInput = {}): Waiver {
  sequence += 1;
  const documentNo = input.documentNo ?? `岳数豁〔2025〕${sequence}号`;
  const authority = input.authority ?? '市数据局';
  const until = input.validUntil ?? '2025-12-31';
  return {
    documentNo,
    reason: input.reason ?? {
      zh: `已豁免：${authority}批准（${documentNo}），有效期至 ${until}`,
      en: `Exempted: approved by ${authority} (${documentNo}), valid until ${until}`,
    },
  };
}

/** A pack of the given rules with the base settings (defaults: maxSourceAgeHours 48). */
export function buildPack(rules: RuleDefinition<PackSettingsBase>[]): PolicyPack<PackSettingsBase> {
  return {
    id: 'yueyang',
    name: { zh: '测试', en: 'Test' },
    title: { zh: '测试办法', en: 'Test pack' },
    divisionCode: '430600',
    divisions: [{ code: '430600', name: '测试市' }],
    opinionIssuer: { office: '测试技术支持组', numberPrefix: '测技审', title: '测试技术审查意见' },
    settingsSchema: ZBaseSettings,
    rules,
    monitoring: { evaluationIntervals: { level3Days: 'maxSourceAgeHours', level4Days: 'maxSourceAgeHours' } },
  };
}

/** The finding of one rule; throws when the evaluation has none, so a wrong id fails loudly. */
export function findingOf(evaluation: PackEvaluation, ruleId: string): Finding {
  const found = evaluation.findings.find((f) => f.ruleId === ruleId);
  if (!found) throw new Error(`no finding for ${ruleId} in ${evaluation.packId}`);
  return found;
}

/**
 * The finding of one rule when its pack judges the facts built from `input` at {@link NOW}, with the
 * pack's settings parsed from `settings` (its defaults for whatever is not given).
 */
export function judge<S extends PackSettingsBase>(
  pack: PolicyPack<S>,
  ruleId: string,
  input: FactsInput = {},
  settings: unknown = {},
): Finding {
  const evaluation = evaluateProject(pack, buildFacts(input), {
    now: NOW,
    settings: pack.settingsSchema.parse(settings),
  });
  return findingOf(evaluation, ruleId);
}
