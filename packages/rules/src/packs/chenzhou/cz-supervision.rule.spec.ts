import { allSourcesFailed, buildChenzhouProject } from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { chenzhouPack, builtinRule, type ChenzhouSettings } from '../../testing/packs';
const czSupervision = builtinRule('CZ-SUPERVISION');

describe(czSupervision.id, () => {
  const sut = (
    investment: string,
    supervisionContractRef: string | null,
    settings: Partial<ChenzhouSettings> = {},
  ) =>
    judge(
      chenzhouPack,
      czSupervision.id,
      { project: buildChenzhouProject({ investment, supervisionContractRef }) },
      settings,
    );

  it('does not apply below the procurement limit of 80 万元', () => {
    const finding = sut('79.99', null);

    expect(finding.verdict).toBe('NOT_APPLICABLE');
    expect(finding.reason.zh).toBe('总投资 79.99 万元，低于 80 万元');
  });

  it('passes at exactly the limit with a supervision contract, naming it', () => {
    const finding = sut('80', 'JL-2025-044');

    expect(finding.verdict).toBe('PASS');
    expect(finding.reason.zh).toBe(
      '总投资 80 万元，达到政府采购限额标准 80 万元；监理合同 JL-2025-044 已记录',
    );
  });

  it('fails at exactly the limit without a supervision contract', () => {
    const finding = sut('80', null);

    expect(finding.verdict).toBe('FAIL');
    expect(finding.reason.en).toBe(
      'The investment 80 ×10k yuan reaches the procurement limit of 80 ×10k yuan, but no supervision contract is on record',
    );
  });

  it('applies to 60 万元 once the procurement limit is set to 50', () => {
    expect(sut('60', null).verdict).toBe('NOT_APPLICABLE');
    expect(sut('60', null, { procurementLimit: 50 }).verdict).toBe('FAIL');
  });

  it('does not apply to a classified project (art. 2)', () => {
    const finding = judge(chenzhouPack, czSupervision.id, {
      project: buildChenzhouProject({ classified: true, investment: '500', supervisionContractRef: null }),
    });

    expect(finding.verdict).toBe('NOT_APPLICABLE');
    expect(finding.reason.zh).toBe('涉密项目按照保密有关规定执行，不适用本办法（第二条）');
  });

  it('reads the registry only: an upstream outage does not make it UNKNOWN', () => {
    const finding = judge(chenzhouPack, czSupervision.id, {
      project: buildChenzhouProject({ investment: '500', supervisionContractRef: null }),
      sources: allSourcesFailed(),
    });

    expect(finding.verdict).toBe('FAIL');
  });
});
