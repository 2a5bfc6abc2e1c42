/**
 * Matching an upstream record without a project code to a project: same unit credit code and a
 * system name that is the same once written the same way. Full/half-width forms, spaces and
 * brackets differ between systems that were typed by hand; a trailing 系统/平台 is often dropped.
 */
export function normalizeSystemName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[()[\]{}<>《》〈〉【】（）「」『』〔〕]/g, '')
    .toLowerCase();
}

const SUFFIX = /(系统|平台)$/;

/** Records whose system name scores at least this against a project's are suggested to operators. */
export const SUGGESTION_SCORE = 0.9;

/**
 * The form two names share when they match (score ≥ 0.9): normalised, trailing 系统/平台 dropped.
 * Generators of test data use it to keep names that must not match apart.
 */
export function systemNameKey(name: string): string {
  return normalizeSystemName(name).replace(SUFFIX, '');
}

/**
 * How alike two system names are: 1 when equal after normalising, 0.9 when equal once a trailing
 * 系统/平台 is dropped from both, 0 otherwise. Only these two levels are suggested to operators.
 */
export function systemNameScore(a: string, b: string): number {
  const na = normalizeSystemName(a);
  const nb = normalizeSystemName(b);
  if (!na || !nb) return 0;
  if (na === nb) return 1;
  const sa = systemNameKey(a);
  const sb = systemNameKey(b);
  return sa.length > 0 && sa === sb ? 0.9 : 0;
}

/** The best score of a record's system name against a project's system names. */
export function bestSystemNameScore(recordName: string, projectNames: readonly string[]): number {
  return projectNames.reduce((best, n) => Math.max(best, systemNameScore(recordName, n)), 0);
}
