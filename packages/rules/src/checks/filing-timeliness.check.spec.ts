import { buildFiling, buildResource } from '../testing/facts.factory';
import { runCheck } from '../testing/checks';
import { filingTimeliness } from './filing-timeliness.check';

describe(filingTimeliness.id, () => {
  it('gives PASS for a filing within the days after grading and operation', () => {
    const resources = [buildResource({ createdAt: '2025-02-20T00:00:00.000Z' })];

    expect(runCheck(filingTimeliness, { days: 30 }, { resources, filings: [buildFiling()] }).verdict).toBe(
      'PASS',
    );
  });

  it('gives FAIL for a filing later than its parameter allows', () => {
    const filing = buildFiling({ gradedAt: '2025-01-01T00:00:00.000Z', filedAt: '2025-03-01T00:00:00.000Z' });

    expect(runCheck(filingTimeliness, { days: 30 }, { resources: [], filings: [filing] }).verdict).toBe(
      'FAIL',
    );
    expect(runCheck(filingTimeliness, { days: 90 }, { resources: [], filings: [filing] }).verdict).toBe(
      'PASS',
    );
  });

  it('gives UNKNOWN for a FILED filing without a readable filing time', () => {
    const filing = buildFiling({ filedAt: null });
    expect(runCheck(filingTimeliness, { days: 30 }, { resources: [], filings: [filing] }).verdict).toBe(
      'UNKNOWN',
    );
  });

  it('gives NOT_APPLICABLE with neither a level-2+ grading nor production', () => {
    expect(runCheck(filingTimeliness, { days: 30 }, { resources: [], filings: [] }).verdict).toBe(
      'NOT_APPLICABLE',
    );
  });

  it('refuses a deadline of zero days', () => {
    expect(filingTimeliness.params.safeParse({ days: 0 }).error?.issues[0]?.message).toBe(
      '必须是正整数 / must be a positive integer',
    );
  });
});
