import { buildProject } from '../testing/facts.factory';
import { runCheck } from '../testing/checks';
import { planOrDecision } from './plan-or-decision.check';

const judge = (planYear: number | null, caseByCaseDecision: string | null) =>
  runCheck(planOrDecision, {}, { project: buildProject({ planYear, caseByCaseDecision }) });

describe(planOrDecision.id, () => {
  it('gives PASS with a plan year or a case-by-case decision', () => {
    expect(judge(2025, null).verdict).toBe('PASS');
    expect(judge(null, '郴信领〔2025〕1号').verdict).toBe('PASS');
  });

  it('gives FAIL with neither', () => {
    expect(judge(null, '  ').verdict).toBe('FAIL');
  });
});
