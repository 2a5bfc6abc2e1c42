import { buildFiling, buildResource } from '../testing/facts.factory';
import { runCheck } from '../testing/checks';
import { filingBeforeProduction } from './filing-before-production.check';

describe(filingBeforeProduction.id, () => {
  const production = () => buildResource({ createdAt: '2025-04-01T08:00:00.000Z' });

  it('gives PASS for a filing dated before the first production resource', () => {
    expect(
      runCheck(filingBeforeProduction, {}, { resources: [production()], filings: [buildFiling()] }).verdict,
    ).toBe('PASS');
  });

  it('gives FAIL without a FILED filing, or with one filed after production began', () => {
    expect(runCheck(filingBeforeProduction, {}, { resources: [production()], filings: [] }).verdict).toBe(
      'FAIL',
    );
    const late = buildFiling({ filedAt: '2025-05-01T00:00:00.000Z' });
    expect(runCheck(filingBeforeProduction, {}, { resources: [production()], filings: [late] }).verdict).toBe(
      'FAIL',
    );
  });

  it('gives UNKNOWN when a creation or filing time cannot be read', () => {
    const undated = buildResource({ createdAt: 'not a time' });
    expect(
      runCheck(filingBeforeProduction, {}, { resources: [undated], filings: [buildFiling()] }).verdict,
    ).toBe('UNKNOWN');
  });

  it('gives NOT_APPLICABLE without a running production resource', () => {
    const test = buildResource({ environment: 'test' });
    expect(runCheck(filingBeforeProduction, {}, { resources: [test], filings: [] }).verdict).toBe(
      'NOT_APPLICABLE',
    );
  });
});
