import type { BoundFact, FilingFact } from '../facts';
import type { RuleOutcome } from '../model';
import { evidenceOf, fail, notApplicable, pass, unknown } from './outcome';
import { instantMs, wholeDaysSince, withinDays } from './time';
import { instantText, UPSTREAM_VALUE_LABELS } from '@hub/vocabulary';

type Filing = BoundFact<FilingFact>;

const STATUS = UPSTREAM_VALUE_LABELS.filingStatus;
const EVALUATION = UPSTREAM_VALUE_LABELS.evaluationConclusion;
const CRYPTO = UPSTREAM_VALUE_LABELS.cryptoConclusion;

/** `备案 43060012345-00012（某系统，第3级，已备案）` — how a filing is named in a reason. */
export function describeFiling(f: FilingFact, lang: 'zh' | 'en'): string {
  return lang === 'zh'
    ? `备案 ${f.filingNo}（${f.systemName}，第${f.level}级，${STATUS[f.status].zh}）`
    : `filing ${f.filingNo} (${f.systemName}, level ${f.level}, ${f.status})`;
}

export const describeFilings = (filings: readonly Filing[], lang: 'zh' | 'en'): string =>
  filings.map((f) => describeFiling(f.fact, lang)).join(lang === 'zh' ? '；' : '; ');

/** `现有：备案 …` / `on record: filing …`, or that there is no filing at all: what a FAIL lists. */
export function filingsOnRecord(filings: readonly Filing[]): { zh: string; en: string } {
  return filings.length
    ? { zh: `现有：${describeFilings(filings, 'zh')}`, en: `on record: ${describeFilings(filings, 'en')}` }
    : { zh: '没有任何备案记录', en: 'no filing on record' };
}

/** "FILED" (obligations.md): only status FILED; pending, revoked and cancelled filings are not. */
export const filedFilings = (filings: readonly Filing[]): Filing[] =>
  filings.filter((f) => f.fact.status === 'FILED');

/**
 * "Filing level ≥ n". Reading: the level of a current grading counts — FILED, or PENDING (graded, the
 * certificate not yet issued), since evaluation and cryptography duties follow the grading; a REVOKED
 * or CANCELLED filing grades nothing any more.
 */
export const gradedAtLeast = (filings: readonly Filing[], level: number): Filing[] =>
  filings.filter((f) => (f.fact.status === 'FILED' || f.fact.status === 'PENDING') && f.fact.level >= level);

/** One filing's standing against a duty: met, not met, or not readable; with the words for the reason. */
export interface FilingCheck {
  filing: Filing;
  status: 'met' | 'unmet' | 'unreadable';
  zh: string;
  en: string;
}

/** The evaluation interval of a level: level 3 yearly, level 4 (and 5, the strictest known) half-yearly. */
export interface EvaluationIntervals {
  level3Days: number;
  level4Days: number;
}

/**
 * 等级测评 on time: the newest evaluation by `evaluatedAt` (not by list order) lies within the level's
 * interval of `now`, exactly the interval counting, and its conclusion is not 差 (POOR).
 */
export function checkEvaluation(filing: Filing, intervals: EvaluationIntervals, now: string): FilingCheck {
  const f = filing.fact;
  const days = f.level >= 4 ? intervals.level4Days : intervals.level3Days;
  const name = { zh: describeFiling(f, 'zh'), en: describeFiling(f, 'en') };
  if (f.evaluations.length === 0) {
    return {
      filing,
      status: 'unmet',
      zh: `${name.zh}没有等级测评记录`,
      en: `${name.en} has no MLPS evaluation on record`,
    };
  }
  const dated = f.evaluations.map((e) => ({ e, ms: instantMs(e.evaluatedAt) }));
  const undated = dated.filter((d) => d.ms === null);
  if (undated.length > 0) {
    const reports = undated.map((d) => d.e.reportNo).join(', ');
    return {
      filing,
      status: 'unreadable',
      zh: `${name.zh}的测评报告 ${reports} 测评时间无法读取，无法确定最近一次测评`,
      en: `${name.en}: evaluation report(s) ${reports} have an unreadable date, so the latest cannot be told`,
    };
  }
  const latest = dated.reduce((a, b) => ((b.ms as number) > (a.ms as number) ? b : a));
  const e = latest.e;
  const ms = latest.ms as number;
  if (!withinDays(ms, now, days)) {
    return {
      filing,
      status: 'unmet',
      zh: `${name.zh}最近一次等级测评 ${e.reportNo} 于 ${instantText(e.evaluatedAt).zh}，已超过 ${days} 天`,
      en: `${name.en}: latest evaluation ${e.reportNo} at ${instantText(e.evaluatedAt).en} is more than ${days} days old`,
    };
  }
  if (e.conclusion === 'POOR') {
    return {
      filing,
      status: 'unmet',
      zh: `${name.zh}最近一次等级测评 ${e.reportNo}（${instantText(e.evaluatedAt).zh}）结论为“差”`,
      en: `${name.en}: latest evaluation ${e.reportNo} (${instantText(e.evaluatedAt).en}) concluded POOR`,
    };
  }
  const age = wholeDaysSince(ms, now);
  return {
    filing,
    status: 'met',
    zh: `${name.zh}最近一次等级测评 ${e.reportNo} 于 ${instantText(e.evaluatedAt).zh}（${age} 天前，不超过 ${days} 天），结论“${EVALUATION[e.conclusion].zh}”`,
    en: `${name.en}: latest evaluation ${e.reportNo} at ${instantText(e.evaluatedAt).en} (${age} days ago, within ${days}), concluded ${e.conclusion}`,
  };
}

/**
 * 密评 on record. Reading: the newest assessment by `assessedAt` decides — a later 不符合 is not
 * outweighed by an earlier 符合; 符合 (PASS) and 基本符合 (BASIC_PASS) meet the duty.
 */
export function checkCrypto(filing: Filing): FilingCheck {
  const f = filing.fact;
  const name = { zh: describeFiling(f, 'zh'), en: describeFiling(f, 'en') };
  if (f.cryptoAssessments.length === 0) {
    return {
      filing,
      status: 'unmet',
      zh: `${name.zh}没有商用密码应用安全性评估（密评）记录`,
      en: `${name.en} has no cryptography assessment on record`,
    };
  }
  const dated = f.cryptoAssessments.map((a) => ({ a, ms: instantMs(a.assessedAt) }));
  const undated = dated.filter((d) => d.ms === null);
  if (undated.length > 0) {
    const reports = undated.map((d) => d.a.reportNo).join(', ');
    return {
      filing,
      status: 'unreadable',
      zh: `${name.zh}的密评报告 ${reports} 评估时间无法读取，无法确定最近一次密评`,
      en: `${name.en}: cryptography report(s) ${reports} have an unreadable date, so the latest cannot be told`,
    };
  }
  const { a } = dated.reduce((x, y) => ((y.ms as number) > (x.ms as number) ? y : x));
  const words = {
    zh: `${name.zh}最近一次密评 ${a.reportNo}（${instantText(a.assessedAt).zh}）结论为“${CRYPTO[a.conclusion].zh}”`,
    en: `${name.en}: latest cryptography assessment ${a.reportNo} (${instantText(a.assessedAt).en}) concluded ${a.conclusion}`,
  };
  return { filing, status: a.conclusion === 'FAIL' ? 'unmet' : 'met', ...words };
}

/** Every filing's check met → PASS; any unmet → FAIL; otherwise UNKNOWN. Each names its filings. */
export function combineChecks(
  checks: readonly FilingCheck[],
  prefix: { zh: string; en: string } = { zh: '', en: '' },
  extraEvidence: RuleOutcome['evidence'] = [],
): RuleOutcome {
  const evidence = [...extraEvidence, ...evidenceOf(checks.map((c) => c.filing))];
  const text = (list: readonly FilingCheck[]) => ({
    zh: prefix.zh + list.map((c) => c.zh).join('；'),
    en: prefix.en + list.map((c) => c.en).join('; '),
  });
  const unmet = checks.filter((c) => c.status === 'unmet');
  if (unmet.length > 0) {
    const t = text(unmet);
    return fail(t.zh, t.en, evidence);
  }
  const unreadable = checks.filter((c) => c.status === 'unreadable');
  if (unreadable.length > 0) {
    const t = text(unreadable);
    return unknown(t.zh, t.en, evidence);
  }
  const t = text(checks);
  return pass(t.zh, t.en, evidence);
}

/** NOT_APPLICABLE for a project with no current grading of level 3 or above, naming what it has. */
export function noLevelThree(filings: readonly Filing[]): RuleOutcome {
  return filings.length === 0
    ? notApplicable(
        '项目没有等级保护备案，无三级及以上系统',
        'The project has no MLPS filing: no level-3+ system',
      )
    : notApplicable(
        `项目没有三级及以上的在用备案（${describeFilings(filings, 'zh')}）`,
        `The project has no current level-3+ filing (${describeFilings(filings, 'en')})`,
        evidenceOf(filings),
      );
}

/** Both cities' cryptography rule: every level-3+ system's latest 密评 is 符合 or 基本符合. */
export function cryptoAssessed(filings: readonly Filing[]): RuleOutcome {
  const graded = gradedAtLeast(filings, 3);
  if (graded.length === 0) return noLevelThree(filings);
  return combineChecks(graded.map(checkCrypto));
}
