import { buildProject } from '../testing/facts.factory';
import { runCheck } from '../testing/checks';
import { acceptanceOrder } from './acceptance-order.check';

const judge = (preliminaryAcceptanceOn: string | null, acceptanceAppliedOn: string | null) =>
  runCheck(acceptanceOrder, {}, { project: buildProject({ preliminaryAcceptanceOn, acceptanceAppliedOn }) });

describe(acceptanceOrder.id, () => {
  it('gives PASS for preliminary acceptance on or before the application', () => {
    expect(judge('2025-03-01', '2025-03-01').verdict).toBe('PASS');
  });

  it('gives FAIL for a missing date or the application first', () => {
    expect(judge(null, '2025-03-01').verdict).toBe('FAIL');
    expect(judge('2025-03-02', '2025-03-01').verdict).toBe('FAIL');
  });
});
