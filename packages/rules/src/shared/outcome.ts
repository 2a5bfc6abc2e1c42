import type { EvidenceRef } from '../facts';
import type { Applicability, RuleOutcome } from '../model';

/** How a rule states its verdict: Chinese first for reviewers, English second, with the records it rests on. */
export const pass = (zh: string, en: string, evidence: EvidenceRef[] = []): RuleOutcome => ({
  verdict: 'PASS',
  reason: { zh, en },
  evidence,
});

export const fail = (zh: string, en: string, evidence: EvidenceRef[] = []): RuleOutcome => ({
  verdict: 'FAIL',
  reason: { zh, en },
  evidence,
});

/** For a record the rule cannot read or trust; a missing record is a FAIL, not this. */
export const unknown = (zh: string, en: string, evidence: EvidenceRef[] = []): RuleOutcome => ({
  verdict: 'UNKNOWN',
  reason: { zh, en },
  evidence,
});

export const notApplicable = (zh: string, en: string, evidence: EvidenceRef[] = []): RuleOutcome => ({
  verdict: 'NOT_APPLICABLE',
  reason: { zh, en },
  evidence,
});

export const evidenceOf = (items: readonly { evidence: EvidenceRef }[]): EvidenceRef[] =>
  items.map((i) => i.evidence);

export const applies: Applicability = { applies: true, reason: { zh: '', en: '' } };

/** A registry fact that takes the project out of a rule. */
export const doesNotApply = (zh: string, en: string): Applicability => ({
  applies: false,
  reason: { zh, en },
});

/** `a、b` / `a, b`: how a list of names is written in a reason. */
export const listed = (items: readonly string[], lang: 'zh' | 'en'): string =>
  items.join(lang === 'zh' ? '、' : ', ');

/** Parts of a reason joined into one sentence each: `甲；乙` / `A; b` (the English capitalised). */
export function joined(zh: readonly string[], en: readonly string[]): { zh: string; en: string } {
  const e = en.join('; ');
  return { zh: zh.join('；'), en: e.charAt(0).toUpperCase() + e.slice(1) };
}
