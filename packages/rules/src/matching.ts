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

/**
 * How alike two system names are: 1 when equal after normalising, 0.9 when equal once a trailing
 * 系统/平台 is dropped from both, 0 otherwise. Only these two levels are suggested to operators.
 */
export function systemNameScore(a: string, b: string): number {
  const na = normalizeSystemName(a);
  const nb = normalizeSystemName(b);
  if (!na || !nb) return 0;
  if (na === nb) return 1;
  const sa = na.replace(SUFFIX, '');
  const sb = nb.replace(SUFFIX, '');
  return sa.length > 0 && sa === sb ? 0.9 : 0;
}

/** The best score of a record's system name against a project's system names. */
export function bestSystemNameScore(recordName: string, projectNames: readonly string[]): number {
  return projectNames.reduce((best, n) => Math.max(best, systemNameScore(recordName, n)), 0);
}
