import { buildYwtbSystem, daysBeforeNow } from '../testing/facts.factory';
import { runCheck } from '../testing/checks';
import { oneStopIntegration } from './one-stop-integration.check';

const params = { maxAgeDays: 30 };

describe(oneStopIntegration.id, () => {
  it('gives PASS for an ONLINE system with every item and a recent return', () => {
    expect(runCheck(oneStopIntegration, params, { ywtb: [buildYwtbSystem()] }).verdict).toBe('PASS');
  });

  it('gives FAIL without a system, or with a return older than its parameter', () => {
    expect(runCheck(oneStopIntegration, params, { ywtb: [] }).verdict).toBe('FAIL');
    const stale = buildYwtbSystem({ lastCaseReturnAt: daysBeforeNow(10) });
    expect(runCheck(oneStopIntegration, { maxAgeDays: 5 }, { ywtb: [stale] }).verdict).toBe('FAIL');
  });

  it('gives UNKNOWN on an unreadable return time', () => {
    expect(
      runCheck(oneStopIntegration, params, { ywtb: [buildYwtbSystem({ lastCaseReturnAt: 'garbled' })] })
        .verdict,
    ).toBe('UNKNOWN');
  });
});
