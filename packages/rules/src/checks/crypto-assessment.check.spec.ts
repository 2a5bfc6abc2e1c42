import { buildCryptoAssessment, buildFiling } from '../testing/facts.factory';
import { runCheck } from '../testing/checks';
import { cryptoAssessment } from './crypto-assessment.check';

const assessed = (conclusion: 'PASS' | 'BASIC_PASS' | 'FAIL', assessedAt?: string) =>
  buildFiling({
    cryptoAssessments: [buildCryptoAssessment({ conclusion, ...(assessedAt ? { assessedAt } : {}) })],
  });

describe(cryptoAssessment.id, () => {
  it('gives PASS when the latest assessment is 符合 or 基本符合', () => {
    expect(runCheck(cryptoAssessment, {}, { filings: [assessed('BASIC_PASS')] }).verdict).toBe('PASS');
  });

  it('gives FAIL for 不符合 or no assessment', () => {
    expect(runCheck(cryptoAssessment, {}, { filings: [assessed('FAIL')] }).verdict).toBe('FAIL');
    expect(
      runCheck(cryptoAssessment, {}, { filings: [buildFiling({ cryptoAssessments: [] })] }).verdict,
    ).toBe('FAIL');
  });

  it('gives UNKNOWN on an unreadable assessment date', () => {
    expect(runCheck(cryptoAssessment, {}, { filings: [assessed('PASS', 'garbled')] }).verdict).toBe(
      'UNKNOWN',
    );
  });

  it('gives NOT_APPLICABLE without a level-3+ system', () => {
    expect(runCheck(cryptoAssessment, {}, { filings: [] }).verdict).toBe('NOT_APPLICABLE');
  });
});
