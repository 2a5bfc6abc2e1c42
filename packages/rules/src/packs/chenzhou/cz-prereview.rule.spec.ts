import type { TProject } from '@hub/contracts';
import { allSourcesFailed, buildChenzhouProject } from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { chenzhouPack, builtinRule, type ChenzhouSettings } from '../../testing/packs';
const czPrereview = builtinRule('CZ-PREREVIEW');

const BOTH: Partial<TProject> = {
  cryptoPrereviewRef: '密前审〔2025〕1号',
  securityPrereviewRef: '网信备〔2025〕2号',
};

describe(czPrereview.id, () => {
  const sut = (investment: string, project: Partial<TProject>, settings: Partial<ChenzhouSettings> = {}) =>
    judge(
      chenzhouPack,
      czPrereview.id,
      {
        project: buildChenzhouProject({
          investment,
          cryptoPrereviewRef: null,
          securityPrereviewRef: null,
          ...project,
        }),
      },
      settings,
    );

  it('does not apply below the procurement limit', () => {
    const finding = sut('79.99', {});

    expect(finding.verdict).toBe('NOT_APPLICABLE');
    expect(finding.reason.en).toBe('The investment 79.99 ×10k yuan is below 80 ×10k yuan');
  });

  it('passes at exactly 80 万元 with both pre-reviews on record, naming them', () => {
    const finding = sut('80', BOTH);

    expect(finding.verdict).toBe('PASS');
    expect(finding.reason.zh).toBe(
      '总投资 80 万元，达到政府采购限额标准 80 万元；密码前置审查 密前审〔2025〕1号、网络安全前置审查备案 网信备〔2025〕2号 均已记录',
    );
  });

  it('fails naming the missing network-security pre-review filing', () => {
    const finding = sut('300', { cryptoPrereviewRef: '密前审〔2025〕1号' });

    expect(finding.verdict).toBe('FAIL');
    expect(finding.reason.zh).toBe(
      '总投资 300 万元，达到政府采购限额标准 80 万元；缺少：网络安全前置审查备案',
    );
  });

  it('fails naming both when neither is on record', () => {
    expect(sut('80', {}).reason.en).toContain(
      'missing: cryptography pre-review, network-security pre-review filing',
    );
  });

  it('applies to 60 万元 once the procurement limit is set to 50', () => {
    expect(sut('60', {}).verdict).toBe('NOT_APPLICABLE');
    expect(sut('60', {}, { procurementLimit: 50 }).verdict).toBe('FAIL');
  });

  it('reads the registry only: an upstream outage does not make it UNKNOWN', () => {
    const finding = judge(chenzhouPack, czPrereview.id, {
      project: buildChenzhouProject({ investment: '300', ...BOTH }),
      sources: allSourcesFailed(),
    });

    expect(finding.verdict).toBe('PASS');
  });
});
