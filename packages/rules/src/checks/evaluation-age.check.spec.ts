import { buildEvaluation, buildFiling, daysBeforeNow } from '../testing/facts.factory';
import { runCheck } from '../testing/checks';
import { evaluationAge } from './evaluation-age.check';

const params = { level3Days: 365, level4Days: 183 };
const evaluatedDaysAgo = (days: number) =>
  buildFiling({ evaluations: [buildEvaluation({ evaluatedAt: daysBeforeNow(days) })] });

describe(evaluationAge.id, () => {
  it('gives PASS for a level-3 evaluation within its interval', () => {
    expect(runCheck(evaluationAge, params, { filings: [evaluatedDaysAgo(100)] }).verdict).toBe('PASS');
  });

  it('gives FAIL past the interval its parameter sets', () => {
    expect(runCheck(evaluationAge, params, { filings: [evaluatedDaysAgo(400)] }).verdict).toBe('FAIL');
    expect(
      runCheck(evaluationAge, { ...params, level3Days: 30 }, { filings: [evaluatedDaysAgo(100)] }).verdict,
    ).toBe('FAIL');
  });

  it('gives UNKNOWN on an unreadable evaluation date', () => {
    const filing = buildFiling({ evaluations: [buildEvaluation({ evaluatedAt: 'garbled' })] });
    expect(runCheck(evaluationAge, params, { filings: [filing] }).verdict).toBe('UNKNOWN');
  });

  it('gives NOT_APPLICABLE without a level-3+ system', () => {
    expect(runCheck(evaluationAge, params, { filings: [buildFiling({ level: 2 })] }).verdict).toBe(
      'NOT_APPLICABLE',
    );
  });
});
