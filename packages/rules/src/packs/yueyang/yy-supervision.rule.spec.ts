import { allSourcesFailed, buildProject } from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { yueyangPack, builtinRule, type YueyangSettings } from '../../testing/packs';
const yySupervision = builtinRule('YY-SUPERVISION');

describe(yySupervision.id, () => {
  const sut = (
    investment: string,
    supervisionContractRef: string | null,
    settings: Partial<YueyangSettings> = {},
  ) =>
    judge(
      yueyangPack,
      yySupervision.id,
      { project: buildProject({ investment, supervisionContractRef }) },
      settings,
    );

  it('does not apply below 200 万元', () => {
    const finding = sut('199', null);

    expect(finding.verdict).toBe('NOT_APPLICABLE');
    expect(finding.reason.en).toBe('The investment 199 ×10k yuan is below 200 ×10k yuan');
  });

  it('passes at exactly 200 万元 with a supervision contract, naming it', () => {
    const finding = sut('200', 'JL-2025-017');

    expect(finding.verdict).toBe('PASS');
    expect(finding.reason.zh).toBe('总投资 200 万元，不低于 200 万元；监理合同 JL-2025-017 已记录');
  });

  it('fails at exactly 200 万元 without a supervision contract', () => {
    const finding = sut('200', null);

    expect(finding.verdict).toBe('FAIL');
    expect(finding.reason.zh).toBe('总投资 200 万元，不低于 200 万元，但没有监理合同记录');
  });

  it('applies to 150 万元 once the threshold is lowered to 100', () => {
    expect(sut('150', null).verdict).toBe('NOT_APPLICABLE');
    expect(sut('150', null, { supervisionMinInvestment: 100 }).verdict).toBe('FAIL');
  });

  it('reads the registry only: an upstream outage does not make it UNKNOWN', () => {
    const finding = judge(yueyangPack, yySupervision.id, {
      project: buildProject({ investment: '300', supervisionContractRef: 'JL-1' }),
      sources: allSourcesFailed(),
    });

    expect(finding.verdict).toBe('PASS');
  });
});
