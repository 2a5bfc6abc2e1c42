import { buildProject } from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { yueyangPack, builtinRule } from '../../testing/packs';
const yyNetsecReview = builtinRule('YY-NETSEC-REVIEW');

describe(yyNetsecReview.id, () => {
  const sut = (securityPrereviewRef: string | null) =>
    judge(yueyangPack, yyNetsecReview.id, { project: buildProject({ securityPrereviewRef }) });

  it('passes with the network security review on record, naming it', () => {
    const finding = sut('岳网信审〔2025〕4号');

    expect(finding.verdict).toBe('PASS');
    expect(finding.reason.zh).toBe('网络安全审查 岳网信审〔2025〕4号 已记录');
  });

  it('fails without one, as advice that does not hold acceptance back', () => {
    const finding = sut(null);

    expect(finding.verdict).toBe('FAIL');
    expect(finding.reason).toEqual({
      zh: '没有网络安全审查记录',
      en: 'No network security review is on record',
    });
    expect(finding.severity).toBe('advisory');
    expect(finding.registry?.cells).toEqual([{ header: '网络安全审查', value: '' }]);
  });
});
