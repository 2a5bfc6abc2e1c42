import type { EvidenceRef, ProjectRecords, Text, UntrustedRecord } from './facts';
import type { RuleOutcome } from './model';

/**
 * More combinations of untrusted readings than this are not tried one by one: the verdict is then
 * UNKNOWN, as it is for a record whose readings cannot be enumerated at all.
 */
export const MAX_READINGS = 256;

/** How the untrusted records a rule read bear on its verdict on the valid records. */
export type UntrustedJudgement = { decided: true; note: Text } | { decided: false; reason: Text };

/**
 * Whether the verdict on the valid records stands whatever the untrusted records say: the rule is
 * re-run with every combination of each record absent or read one of its possible ways (its
 * `variants`). If every run gives the same verdict, the valid evidence alone decides the rule;
 * otherwise the verdict depends on what cannot be read, and is UNKNOWN.
 */
export function judgeWithUntrusted<R extends ProjectRecords>(
  base: RuleOutcome,
  untrusted: readonly UntrustedRecord[],
  valid: R,
  evaluate: (records: R) => RuleOutcome,
): UntrustedJudgement {
  const named = describeUntrusted(untrusted);
  const undecided = (): UntrustedJudgement => ({
    decided: false,
    reason: {
      zh: `${named.zh}；仅凭有效记录无法得出结论（不计上述记录时：${base.reason.zh}）`,
      en: `${named.en}; the valid records alone do not decide (leaving those records out: ${base.reason.en})`,
    },
  });
  if (untrusted.some((u) => !u.variants || u.variants.length === 0)) return undecided();
  const choices = untrusted.map((u) => [null, ...(u.variants as unknown[])]);
  if (choices.reduce((n, c) => n * c.length, 1) > MAX_READINGS) return undecided();
  for (const combination of combinations(choices)) {
    if (combination.every((c) => c === null)) continue;
    const records = withReadings(valid, untrusted, combination);
    if (evaluate(records).verdict !== base.verdict) return undecided();
  }
  return {
    decided: true,
    note: {
      zh: `（${named.zh}；无论其内容如何均不影响本结论）`,
      en: ` (${named.en}; whatever it holds, the verdict stands)`,
    },
  };
}

/** `政务云资源 ecs-1 不符合接口约定：…；…` naming each untrusted record and what is wrong with it. */
export function describeUntrusted(untrusted: readonly UntrustedRecord[]): Text {
  return {
    zh: untrusted.map((u) => u.evidence.untrusted.zh).join('；'),
    en: untrusted.map((u) => u.evidence.untrusted.en).join('; '),
  };
}

export const untrustedEvidence = (untrusted: readonly UntrustedRecord[]): EvidenceRef[] =>
  untrusted.map((u) => u.evidence);

function* combinations<T>(choices: readonly (readonly T[])[]): Generator<T[]> {
  const index = choices.map(() => 0);
  for (;;) {
    yield index.map((i, n) => choices[n]![i]!);
    let n = choices.length - 1;
    while (n >= 0 && index[n] === choices[n]!.length - 1) index[n--] = 0;
    if (n < 0) return;
    index[n]!++;
  }
}

/** The valid records with one reading of each untrusted record added (null: the record left out). */
function withReadings<R extends ProjectRecords>(
  valid: R,
  untrusted: readonly UntrustedRecord[],
  readings: readonly unknown[],
): R {
  const view = { ...valid } as unknown as Record<string, Record<string, unknown[]> | undefined>;
  untrusted.forEach((u, i) => {
    const fact = readings[i];
    if (fact === null || fact === undefined) return;
    const group = view[u.group];
    if (!group) return;
    const entry = u.binding
      ? { fact, binding: u.binding, evidence: u.evidence }
      : { fact, evidence: u.evidence };
    view[u.group] = { ...group, [u.key]: [...(group[u.key] ?? []), entry] };
  });
  return view as unknown as R;
}
