import { buildProject } from '../testing/facts.factory';
import { runCheck } from '../testing/checks';
import { annualPlan } from './annual-plan.check';

const judge = (planYear: number | null, supplementaryPlan: boolean | null) =>
  runCheck(annualPlan, {}, { project: buildProject({ planYear, supplementaryPlan }) });

describe(annualPlan.id, () => {
  it('gives PASS with a plan year, or a supplementary plan without one', () => {
    expect(judge(2025, false).reason.zh).toBe('列入 2025 年度计划');
    expect(judge(null, true).verdict).toBe('PASS');
  });

  it('gives FAIL with neither', () => {
    expect(judge(null, null).verdict).toBe('FAIL');
  });
});
