import { allSourcesFailed, buildProject } from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { yueyangPack, builtinRule } from '../../testing/packs';
const yySecuritySync = builtinRule('YY-SECURITY-SYNC');

describe(yySecuritySync.id, () => {
  const sut = (securityPlan: boolean | null, omPlan: boolean | null) =>
    judge(yueyangPack, yySecuritySync.id, { project: buildProject({ securityPlan, omPlan }) });

  it('passes with both the security plan and the O&M plan on record', () => {
    const finding = sut(true, true);

    expect(finding.verdict).toBe('PASS');
    expect(finding.reason.zh).toBe('安全保障方案和运维方案均已记录（安全保障方案：是，运维方案：是）');
  });

  it('fails naming the O&M plan when its cell is empty', () => {
    const finding = sut(true, null);

    expect(finding.verdict).toBe('FAIL');
    expect(finding.reason.en).toBe('Missing: O&M plan (security plan: yes, O&M plan: empty)');
  });

  it('fails naming both plans when neither exists', () => {
    const finding = sut(false, false);

    expect(finding.verdict).toBe('FAIL');
    expect(finding.reason.zh).toBe('缺少安全保障方案、运维方案（安全保障方案：否，运维方案：否）');
  });

  it('is advisory and reads the registry only', () => {
    const finding = judge(yueyangPack, yySecuritySync.id, {
      project: buildProject({ securityPlan: false, omPlan: true }),
      sources: allSourcesFailed(),
    });

    expect(finding).toMatchObject({ verdict: 'FAIL', severity: 'advisory', domain: 'security' });
  });
});
