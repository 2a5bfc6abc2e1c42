import { allSourcesFailed, buildProject } from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { yueyangPack, builtinRule, type YueyangSettings } from '../../testing/packs';
const yyExpertReview = builtinRule('YY-EXPERT-REVIEW');

describe(yyExpertReview.id, () => {
  const sut = (investment: string, expertReviewRef: string | null, settings: Partial<YueyangSettings> = {}) =>
    judge(
      yueyangPack,
      yyExpertReview.id,
      { project: buildProject({ investment, expertReviewRef }) },
      settings,
    );

  it('does not apply just below 200 万元', () => {
    const finding = sut('199.99', null);

    expect(finding.verdict).toBe('NOT_APPLICABLE');
    expect(finding.reason.zh).toBe('总投资 199.99 万元，低于 200 万元');
  });

  it('applies at exactly 200 万元 and passes with the review on record, naming it', () => {
    const finding = sut('200.00', '岳数专审〔2025〕7号');

    expect(finding.verdict).toBe('PASS');
    expect(finding.reason.zh).toBe(
      '总投资 200.00 万元，不低于 200 万元；专家评审 岳数专审〔2025〕7号 已记录',
    );
  });

  it('fails at exactly 200 万元 without an expert review', () => {
    const finding = sut('200', null);

    expect(finding.verdict).toBe('FAIL');
    expect(finding.reason.en).toBe(
      'The investment 200 ×10k yuan is at least 200 ×10k yuan, but no expert review is on record',
    );
  });

  it('takes a blank reference for none', () => {
    expect(sut('500', '   ').verdict).toBe('FAIL');
  });

  it('compares the exact decimal: 200.000001 applies', () => {
    expect(sut('200.000001', null).verdict).toBe('FAIL');
    expect(sut('199.999999', null).verdict).toBe('NOT_APPLICABLE');
  });

  it('follows a raised threshold: 250 万元 does not apply from 300 up', () => {
    expect(sut('250', null).verdict).toBe('FAIL');
    expect(sut('250', null, { expertReviewMinInvestment: 300 }).verdict).toBe('NOT_APPLICABLE');
  });

  it('reads the registry only: an upstream outage does not make it UNKNOWN', () => {
    const finding = judge(yueyangPack, yyExpertReview.id, {
      project: buildProject({ investment: '300', expertReviewRef: null }),
      sources: allSourcesFailed(),
    });

    expect(finding.verdict).toBe('FAIL');
  });
});
