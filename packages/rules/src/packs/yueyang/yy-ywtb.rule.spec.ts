import { instantText } from '@hub/vocabulary';
import {
  buildProject,
  buildYwtbSystem,
  daysBeforeNow,
  failedSource,
  type FactsInput,
} from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { yueyangPack, builtinRule, type YueyangSettings } from '../../testing/packs';
const yyYwtb = builtinRule('YY-YWTB');

const MINUTE = 1 / 1440;
const ALL_ITEMS = {
  unifiedIdentity: true,
  unifiedIntake: true,
  caseDataReturn: true,
  unifiedEvaluation: true,
};

describe(yyYwtb.id, () => {
  const sut = (input: FactsInput, settings: Partial<YueyangSettings> = {}) =>
    judge(yueyangPack, yyYwtb.id, { project: buildProject({ govServiceSystem: true }), ...input }, settings);
  const returnedDaysAgo = (days: number) => buildYwtbSystem({ lastCaseReturnAt: daysBeforeNow(days) });

  it('does not apply to a project that is not a government-service system', () => {
    const finding = sut({ project: buildProject({ govServiceSystem: false }), ywtb: [] });

    expect(finding.verdict).toBe('NOT_APPLICABLE');
    expect(finding.reason.zh).toBe('登记表载明不是政务服务系统');
  });

  describe('PASS', () => {
    it('passes an ONLINE system with every item done and a return 2 days ago, resting on it', () => {
      const system = returnedDaysAgo(2);

      const finding = sut({ ywtb: [system] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.en).toBe(
        `One-stop system ${system.fact.systemCode} (${system.fact.systemName}): ONLINE with unified identity, unified intake and case-data return, last return at ${instantText(system.fact.lastCaseReturnAt!).en} (2 days ago, within 30)`,
      );
      expect(finding.evidence).toEqual([system.evidence]);
    });

    it('passes a last return exactly 30 days ago', () => {
      expect(sut({ ywtb: [returnedDaysAgo(30)] }).verdict).toBe('PASS');
    });

    it('does not require the unified evaluation (好差评) item', () => {
      const finding = sut({ ywtb: [buildYwtbSystem({ items: { ...ALL_ITEMS, unifiedEvaluation: false } })] });

      expect(finding.verdict).toBe('PASS');
    });

    it('passes on one compliant system, resting on it alone, when another is offline', () => {
      const good = returnedDaysAgo(1);
      const old = buildYwtbSystem({ status: 'OFFLINE' });

      const finding = sut({ ywtb: [old, good] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.evidence).toEqual([good.evidence]);
    });

    it('passes a 40-day-old return when the limit is set to 45 days', () => {
      const ywtb = [returnedDaysAgo(40)];

      expect(sut({ ywtb }).verdict).toBe('FAIL');
      expect(sut({ ywtb }, { ywtbCaseReturnMaxAgeDays: 45 }).verdict).toBe('PASS');
    });
  });

  describe('FAIL', () => {
    it('fails a last return a minute past 30 days', () => {
      const finding = sut({ ywtb: [returnedDaysAgo(30 + MINUTE)] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.zh).toContain('已超过 30 天');
    });

    it('fails when the platform has no system of the project', () => {
      const finding = sut({ ywtb: [] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toBe('The one-stop service platform has no integrated system of the project');
      expect(finding.evidence).toEqual([]);
    });

    it('fails a system still in TESTING, naming its status', () => {
      const testing = buildYwtbSystem({ status: 'TESTING' });

      const finding = sut({ ywtb: [testing] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.zh).toBe(
        `“一网通办”对接未达要求：${testing.fact.systemCode}（${testing.fact.systemName}）状态为试运行（TESTING）`,
      );
      expect(finding.evidence).toEqual([testing.evidence]);
    });

    it('fails naming each missing integration item', () => {
      const partial = buildYwtbSystem({
        items: { ...ALL_ITEMS, unifiedIntake: false, caseDataReturn: false },
      });

      const finding = sut({ ywtb: [partial] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.zh).toContain('未完成对接：统一受理、办件数据回流');
      expect(finding.reason.en).toContain('not integrated: unified intake, case-data return');
    });

    it('fails a system that has never returned case data', () => {
      const finding = sut({ ywtb: [buildYwtbSystem({ lastCaseReturnAt: null })] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toContain('no case-data return on record');
    });
  });

  describe('UNKNOWN', () => {
    it('gives UNKNOWN when the return time cannot be read', () => {
      const finding = sut({ ywtb: [buildYwtbSystem({ lastCaseReturnAt: 'yesterday' })] });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.en).toContain('last case-data return time yesterday is unreadable');
    });

    it('gives UNKNOWN naming the service platforms when their sync failed', () => {
      const finding = sut({
        ywtb: [returnedDaysAgo(1)],
        sources: { 'service-platforms': failedSource('service-platforms', 'HTTP 502') },
      });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.zh).toBe('政务服务平台（一网通办/岳办岳好/城市大脑）最近一次同步失败：HTTP 502');
    });
  });
});
