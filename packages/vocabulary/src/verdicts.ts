import type { Text } from './text';

/** The five verdicts (obligations.md "Verdicts"). */
export const VERDICTS = ['PASS', 'FAIL', 'WAIVED', 'NOT_APPLICABLE', 'UNKNOWN'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const VERDICT_LABELS: Readonly<Record<Verdict, Text>> = {
  PASS: { zh: '通过', en: 'Pass' },
  FAIL: { zh: '不通过', en: 'Fail' },
  WAIVED: { zh: '豁免', en: 'Waived' },
  NOT_APPLICABLE: { zh: '不适用', en: 'Not applicable' },
  UNKNOWN: { zh: '无法判断', en: 'Unknown' },
};

/** A FAIL of a national-unverified rule, shown as a warning only. */
export const WARNING_ONLY_LABEL: Text = { zh: '不通过（仅提示）', en: 'Fail (warning only)' };

/** `blocking` = 不予验收 until fixed; `advisory` = 整改建议 (obligations.md). */
export const SEVERITIES = ['blocking', 'advisory'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABELS: Readonly<Record<Severity, Text>> = {
  blocking: { zh: '阻断', en: 'Blocking' },
  advisory: { zh: '整改建议', en: 'Advisory' },
};

/** Where a rule comes from: a clause of the municipal measures, a national text read, or practice. */
export const BASES = ['local', 'national-verified', 'national-unverified'] as const;
export type Basis = (typeof BASES)[number];

export const BASIS_LABELS: Readonly<Record<Basis, Text>> = {
  local: { zh: '本地规定', en: 'local measures' },
  'national-verified': { zh: '国家规定（已核实）', en: 'national, verified' },
  'national-unverified': { zh: '国家规定（待核实）', en: 'national, unverified' },
};

export const READINESS_LABELS: Readonly<Record<'ready' | 'notReady', Text>> = {
  ready: { zh: '具备验收条件', en: 'ready for acceptance' },
  notReady: { zh: '不具备验收条件', en: 'not ready for acceptance' },
};
