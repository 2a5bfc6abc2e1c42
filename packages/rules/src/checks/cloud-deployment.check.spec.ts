import { buildResource } from '../testing/facts.factory';
import { runCheck } from '../testing/checks';
import { cloudDeployment } from './cloud-deployment.check';

describe(cloudDeployment.id, () => {
  it('gives PASS with a running resource, resting on it', () => {
    const r = buildResource({ environment: 'test' });

    const sut = runCheck(cloudDeployment, {}, { resources: [r] });

    expect(sut.verdict).toBe('PASS');
    expect(sut.evidence).toEqual([r.evidence]);
  });

  it('gives FAIL naming the idle resources, or saying there are none', () => {
    const idle = buildResource({ status: 'stopped' });

    expect(runCheck(cloudDeployment, {}, { resources: [idle] })).toMatchObject({
      verdict: 'FAIL',
      evidence: [idle.evidence],
    });
    expect(runCheck(cloudDeployment, {}, { resources: [] }).reason.zh).toBe('政务云上没有该项目的资源');
  });

  it('takes no parameters', () => {
    expect(cloudDeployment.params.safeParse({ zone: 'x' }).success).toBe(false);
  });
});
