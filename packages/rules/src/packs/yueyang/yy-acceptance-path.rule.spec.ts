import type { TProject } from '@hub/contracts';
import { allSourcesFailed, buildProject } from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { yueyangPack, builtinRule, type YueyangSettings } from '../../testing/packs';
const yyAcceptancePath = builtinRule('YY-ACCEPTANCE-PATH');

/** Preliminary acceptance, trial operation, then the application: the path of art. 25 (2). */
const IN_ORDER: Partial<TProject> = {
  preliminaryAcceptanceOn: '2025-05-10',
  trialStartOn: '2025-05-12',
  trialEndOn: '2025-06-12',
  acceptanceAppliedOn: '2025-06-20',
};
const NO_DATES: Partial<TProject> = {
  preliminaryAcceptanceOn: null,
  trialStartOn: null,
  trialEndOn: null,
  acceptanceAppliedOn: null,
};

describe(yyAcceptancePath.id, () => {
  const sut = (project: Partial<TProject>, settings: Partial<YueyangSettings> = {}) =>
    judge(yueyangPack, yyAcceptancePath.id, { project: buildProject(project) }, settings);

  describe('below 100 万元', () => {
    it('passes with no dates at all: the unit organises acceptance itself', () => {
      const finding = sut({ investment: '99.99', ...NO_DATES });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.zh).toBe(
        '总投资 99.99 万元，低于 100 万元：由建设单位自行组织竣工验收并将验收报告报备',
      );
    });

    it('passes 150 万元 the same way once the threshold is raised to 200', () => {
      expect(sut({ investment: '150', ...NO_DATES }).verdict).toBe('FAIL');
      expect(sut({ investment: '150', ...NO_DATES }, { acceptanceExpertMinInvestment: 200 }).verdict).toBe(
        'PASS',
      );
    });
  });

  describe('from 100 万元 up', () => {
    it('passes at exactly 100 万元 with the steps in order, naming each date', () => {
      const finding = sut({ investment: '100', ...IN_ORDER });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.en).toBe(
        'The investment 100 ×10k yuan is at least 100 ×10k yuan; preliminary acceptance 2025-05-10, trial 2025-05-12 to 2025-06-12, completion application 2025-06-20, in order',
      );
    });

    it('passes steps dated on the same day: a date carries no time of day', () => {
      const finding = sut({
        investment: '300',
        preliminaryAcceptanceOn: '2025-05-12',
        trialStartOn: '2025-05-12',
        trialEndOn: '2025-06-12',
        acceptanceAppliedOn: '2025-06-12',
      });

      expect(finding.verdict).toBe('PASS');
    });

    it('fails at exactly 100 万元 with no dates, listing each one missing', () => {
      const finding = sut({ investment: '100', ...NO_DATES });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.zh).toBe(
        '总投资 100 万元，不低于 100 万元，应先初步验收、再试运行、试运行结束后申请竣工验收：登记表缺少初步验收日期、试运行开始日期、试运行结束日期、竣工验收申请日期',
      );
    });

    it('fails a preliminary acceptance held after the trial started', () => {
      const finding = sut({ investment: '300', ...IN_ORDER, preliminaryAcceptanceOn: '2025-05-13' });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toContain(
        'preliminary acceptance (2025-05-13) after the trial started (2025-05-12)',
      );
    });

    it('fails an application made before the trial ended', () => {
      const finding = sut({ investment: '300', ...IN_ORDER, acceptanceAppliedOn: '2025-06-11' });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.zh).toContain('竣工验收申请（2025-06-11）早于试运行结束（2025-06-12）');
    });

    it('fails naming both a missing date and a step out of order', () => {
      const finding = sut({
        investment: '300',
        ...IN_ORDER,
        trialStartOn: null,
        acceptanceAppliedOn: '2025-06-01',
      });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toContain('the registry lacks the trial start date');
      expect(finding.reason.en).toContain('completion application (2025-06-01) before the trial ended');
    });

    it('gives UNKNOWN when the registry has the trial ending before it starts', () => {
      const finding = sut({
        investment: '300',
        preliminaryAcceptanceOn: '2025-05-01',
        trialStartOn: '2025-06-12',
        trialEndOn: '2025-05-12',
        acceptanceAppliedOn: '2025-06-20',
      });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.zh).toContain('试运行结束（2025-05-12）早于试运行开始（2025-06-12）');
    });
  });

  it('reads the registry only: an upstream outage does not make it UNKNOWN', () => {
    const finding = judge(yueyangPack, yyAcceptancePath.id, {
      project: buildProject({ investment: '300', ...IN_ORDER }),
      sources: allSourcesFailed(),
    });

    expect(finding.verdict).toBe('PASS');
  });
});
