import { buildResource } from '../testing/facts.factory';
import { runCheck } from '../testing/checks';
import { networkZone } from './network-zone.check';

describe(networkZone.id, () => {
  it('gives PASS with a running resource in the e-gov extranet zone', () => {
    expect(runCheck(networkZone, {}, { resources: [buildResource()] }).verdict).toBe('PASS');
  });

  it('gives FAIL when every running resource is elsewhere, listing internet-zone ones', () => {
    const sut = runCheck(networkZone, {}, { resources: [buildResource({ networkZone: 'internet' })] });

    expect(sut.verdict).toBe('FAIL');
    expect(sut.reason.zh).toContain('互联网区资源');
  });

  it('gives NOT_APPLICABLE without a running resource', () => {
    expect(runCheck(networkZone, {}, { resources: [buildResource({ status: 'stopped' })] }).verdict).toBe(
      'NOT_APPLICABLE',
    );
  });
});
