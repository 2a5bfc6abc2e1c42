import { buildHubApplication, daysBeforeNow } from '../testing/facts.factory';
import { runCheck } from '../testing/checks';
import { hubHeartbeat } from './hub-heartbeat.check';

describe(hubHeartbeat.id, () => {
  it('gives PASS for a CONNECTED application with a fresh heartbeat', () => {
    expect(runCheck(hubHeartbeat, { maxAgeDays: 7 }, { brain: [buildHubApplication()] }).verdict).toBe(
      'PASS',
    );
  });

  it('gives FAIL without an application, or with a heartbeat older than its parameter', () => {
    expect(runCheck(hubHeartbeat, { maxAgeDays: 7 }, { brain: [] }).verdict).toBe('FAIL');
    const old = buildHubApplication({ lastHeartbeatAt: daysBeforeNow(3) });
    expect(runCheck(hubHeartbeat, { maxAgeDays: 2 }, { brain: [old] }).verdict).toBe('FAIL');
  });

  it('gives UNKNOWN on an unreadable heartbeat', () => {
    const app = buildHubApplication({ lastHeartbeatAt: 'garbled' });
    expect(runCheck(hubHeartbeat, { maxAgeDays: 7 }, { brain: [app] }).verdict).toBe('UNKNOWN');
  });
});
