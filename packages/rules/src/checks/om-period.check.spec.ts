import { buildProject } from '../testing/facts.factory';
import { runCheck } from '../testing/checks';
import { omPeriod } from './om-period.check';

describe(omPeriod.id, () => {
  const judge = (omPeriodMonths: number | null, minMonths = 12) =>
    runCheck(omPeriod, { minMonths }, { project: buildProject({ omPeriodMonths }) });

  it('gives PASS at the minimum its parameter sets', () => {
    expect(judge(12).verdict).toBe('PASS');
  });

  it('gives FAIL below it or without a period', () => {
    expect(judge(12, 24).verdict).toBe('FAIL');
    expect(judge(null).verdict).toBe('FAIL');
  });
});
