import type { TProject } from '@hub/contracts';
import { allSourcesFailed, buildChenzhouProject } from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { chenzhouPack, builtinRule, type ChenzhouSettings } from '../../testing/packs';
const czReviewPath = builtinRule('CZ-REVIEW-PATH');

const NONE: Partial<TProject> = { approvedOn: null, technicalReviewRef: null, financialReviewRef: null };
const REVIEWS: Partial<TProject> = {
  technicalReviewRef: '技审〔2025〕3号',
  financialReviewRef: '财审〔2025〕5号',
};

describe(czReviewPath.id, () => {
  const sut = (investment: string, project: Partial<TProject>, settings: Partial<ChenzhouSettings> = {}) =>
    judge(
      chenzhouPack,
      czReviewPath.id,
      { project: buildChenzhouProject({ investment, ...NONE, ...project }) },
      settings,
    );

  describe('below the procurement limit', () => {
    it('passes 79.99 万元 with nothing on record: the unit implements it itself', () => {
      const finding = sut('79.99', {});

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.zh).toBe(
        '总投资 79.99 万元，未达到政府采购限额标准 80 万元：由建设单位自行组织实施，无需评审',
      );
    });

    it('passes 90 万元 the same way once the limit is set to 100', () => {
      expect(sut('90', {}).verdict).toBe('FAIL');
      expect(sut('90', {}, { procurementLimit: 100 }).verdict).toBe('PASS');
    });
  });

  describe('from the procurement limit to the approval threshold', () => {
    it('fails at exactly 80 万元 without reviews, naming both', () => {
      const finding = sut('80', {});

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.zh).toBe(
        '总投资 80 万元，达到政府采购限额标准 80 万元、未达到立项金额标准 1000 万元，须技术初审和财政投资评审；缺少：技术初审、财政投资评审',
      );
    });

    it('fails naming only the financial review when the technical one is on record', () => {
      const finding = sut('300', { technicalReviewRef: '技审〔2025〕3号' });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toContain('; missing: financial review');
    });

    it('passes 999.99 万元 with both reviews and no project approval, naming them', () => {
      const finding = sut('999.99', REVIEWS);

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.en).toContain(
        'all on record: technical review 技审〔2025〕3号, financial review 财审〔2025〕5号',
      );
    });
  });

  describe('from the approval threshold up', () => {
    it('fails at exactly 1000 万元 with both reviews but no project approval', () => {
      const finding = sut('1000', REVIEWS);

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.zh).toBe(
        '总投资 1000 万元，达到立项金额标准 1000 万元，须立项、技术初审和财政投资评审；缺少：立项',
      );
    });

    it('passes at exactly 1000 万元 with the approval and both reviews', () => {
      const finding = sut('1000', { ...REVIEWS, approvedOn: '2025-02-01' });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.zh).toContain('立项 2025-02-01');
    });

    it('requires the approval at 600 万元 once the threshold is set to 500', () => {
      expect(sut('600', REVIEWS).verdict).toBe('PASS');
      expect(sut('600', REVIEWS, { approvalThreshold: 500 }).verdict).toBe('FAIL');
    });
  });

  it('does not apply to a classified project (art. 2)', () => {
    const finding = sut('5000', { classified: true });

    expect(finding.verdict).toBe('NOT_APPLICABLE');
    expect(finding.reason.zh).toBe('涉密项目按照保密有关规定执行，不适用本办法（第二条）');
  });

  it('reads the registry only: an upstream outage does not make it UNKNOWN', () => {
    const finding = judge(chenzhouPack, czReviewPath.id, {
      project: buildChenzhouProject({ investment: '300', ...NONE }),
      sources: allSourcesFailed(),
    });

    expect(finding.verdict).toBe('FAIL');
  });
});
