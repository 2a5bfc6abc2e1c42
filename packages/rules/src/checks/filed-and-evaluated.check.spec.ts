import { buildEvaluation, buildFiling, buildResource, daysBeforeNow } from '../testing/facts.factory';
import { runCheck } from '../testing/checks';
import { filedAndEvaluated } from './filed-and-evaluated.check';

const params = { level3Days: 365, level4Days: 183 };

describe(filedAndEvaluated.id, () => {
  it('gives PASS for a FILED level-2 system, which needs no periodic evaluation', () => {
    const sut = runCheck(filedAndEvaluated, params, {
      resources: [buildResource()],
      filings: [buildFiling({ level: 2 })],
    });

    expect(sut.verdict).toBe('PASS');
  });

  it('gives FAIL without a FILED filing, or with a level-3 evaluation past its interval', () => {
    expect(runCheck(filedAndEvaluated, params, { resources: [buildResource()], filings: [] }).verdict).toBe(
      'FAIL',
    );
    const old = buildFiling({ evaluations: [buildEvaluation({ evaluatedAt: daysBeforeNow(400) })] });
    expect(
      runCheck(filedAndEvaluated, params, { resources: [buildResource()], filings: [old] }).verdict,
    ).toBe('FAIL');
  });

  it('gives UNKNOWN on an unreadable evaluation date', () => {
    const filing = buildFiling({ evaluations: [buildEvaluation({ evaluatedAt: 'garbled' })] });
    expect(
      runCheck(filedAndEvaluated, params, { resources: [buildResource()], filings: [filing] }).verdict,
    ).toBe('UNKNOWN');
  });

  it('gives NOT_APPLICABLE without a running production resource', () => {
    expect(runCheck(filedAndEvaluated, params, { resources: [], filings: [] }).verdict).toBe(
      'NOT_APPLICABLE',
    );
  });
});
