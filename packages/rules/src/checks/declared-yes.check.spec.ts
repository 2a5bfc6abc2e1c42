import { buildProject } from '../testing/facts.factory';
import { runCheck } from '../testing/checks';
import { declaredYes } from './declared-yes.check';

const params = {
  flags: [
    { field: 'securityPlan', column: { zh: '安全保障方案', en: 'security plan' } },
    { field: 'omPlan', column: { zh: '运维方案', en: 'O&M plan' } },
  ],
  met: { zh: '均已记录', en: 'On record' },
  unmet: { zh: '缺少{missing}', en: 'Missing: {missing}' },
};

describe(declaredYes.id, () => {
  it('gives PASS when every cell says yes, quoting them', () => {
    const sut = runCheck(declaredYes, params, {
      project: buildProject({ securityPlan: true, omPlan: true }),
    });

    expect(sut).toMatchObject({
      verdict: 'PASS',
      reason: { zh: '均已记录（安全保障方案：是，运维方案：是）' },
    });
  });

  it('gives FAIL for no or an empty cell, naming the missing ones', () => {
    const sut = runCheck(declaredYes, params, {
      project: buildProject({ securityPlan: true, omPlan: null }),
    });

    expect(sut).toMatchObject({
      verdict: 'FAIL',
      reason: { en: 'Missing: O&M plan (security plan: yes, O&M plan: empty)' },
    });
  });
});
