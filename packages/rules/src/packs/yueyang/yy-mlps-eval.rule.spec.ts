import { instantText } from '@hub/vocabulary';
import {
  buildEvaluation,
  buildFiling,
  buildProject,
  daysBeforeNow,
  syncedSource,
  type FactsInput,
} from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { yueyangPack, builtinRule, type YueyangSettings } from '../../testing/packs';
const yyMlpsEval = builtinRule('YY-MLPS-EVAL');

const MINUTE = 1 / 1440;

describe(yyMlpsEval.id, () => {
  const sut = (input: FactsInput, settings: Partial<YueyangSettings> = {}) =>
    judge(yueyangPack, yyMlpsEval.id, { project: buildProject(), ...input }, settings);
  const evaluatedDaysAgo = (days: number, conclusion: 'GOOD' | 'POOR' = 'GOOD') =>
    buildEvaluation({ evaluatedAt: daysBeforeNow(days), conclusion });
  const filing = (level: 1 | 2 | 3 | 4 | 5, ...evaluations: ReturnType<typeof buildEvaluation>[]) =>
    buildFiling({ level, evaluations });

  describe('NOT_APPLICABLE', () => {
    it('does not apply when the project has no filing', () => {
      const finding = sut({ filings: [] });

      expect(finding.verdict).toBe('NOT_APPLICABLE');
      expect(finding.reason.en).toBe('The project has no MLPS filing: no level-3+ system');
    });

    it('does not apply to a level-2 system, naming its filing', () => {
      const level2 = filing(2);

      const finding = sut({ filings: [level2] });

      expect(finding.verdict).toBe('NOT_APPLICABLE');
      expect(finding.reason.en).toContain(`filing ${level2.fact.filingNo}`);
      expect(finding.evidence).toEqual([level2.evidence]);
    });

    it('does not apply to a revoked level-3 filing', () => {
      expect(sut({ filings: [buildFiling({ level: 3, status: 'REVOKED', evaluations: [] })] }).verdict).toBe(
        'NOT_APPLICABLE',
      );
    });
  });

  describe('PASS', () => {
    it('passes a level-3 system evaluated 60 days ago, naming the report and resting on the filing', () => {
      const evaluation = evaluatedDaysAgo(60);
      const f = filing(3, evaluation);

      const finding = sut({ filings: [f] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.en).toBe(
        `filing ${f.fact.filingNo} (${f.fact.systemName}, level 3, FILED): latest evaluation ${evaluation.reportNo} at ${instantText(evaluation.evaluatedAt).en} (60 days ago, within 365), concluded GOOD`,
      );
      expect(finding.evidence).toEqual([f.evidence]);
    });

    it('passes a level-3 evaluation exactly 365 days old', () => {
      expect(sut({ filings: [filing(3, evaluatedDaysAgo(365))] }).verdict).toBe('PASS');
    });

    it('passes a level-4 evaluation exactly 183 days old', () => {
      expect(sut({ filings: [filing(4, evaluatedDaysAgo(183))] }).verdict).toBe('PASS');
    });

    it('takes the newest evaluation by date, not by list order', () => {
      const finding = sut({ filings: [filing(3, evaluatedDaysAgo(400), evaluatedDaysAgo(20))] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.en).toContain('(20 days ago, within 365)');
    });

    it('passes when an older evaluation was POOR but the latest is not', () => {
      expect(sut({ filings: [filing(3, evaluatedDaysAgo(200, 'POOR'), evaluatedDaysAgo(30))] }).verdict).toBe(
        'PASS',
      );
    });
  });

  describe('FAIL', () => {
    it('fails a level-3 evaluation a minute past 365 days', () => {
      const finding = sut({ filings: [filing(3, evaluatedDaysAgo(365 + MINUTE))] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.zh).toContain('已超过 365 天');
    });

    it('fails a level-4 evaluation 184 days old that a level-3 system would pass', () => {
      expect(sut({ filings: [filing(4, evaluatedDaysAgo(184))] }).verdict).toBe('FAIL');
      expect(sut({ filings: [filing(3, evaluatedDaysAgo(184))] }).verdict).toBe('PASS');
    });

    it('holds a level-5 system to the level-4 interval', () => {
      expect(sut({ filings: [filing(5, evaluatedDaysAgo(184))] }).verdict).toBe('FAIL');
    });

    it('fails when the latest evaluation concluded POOR, even listed after an older GOOD one', () => {
      const poor = evaluatedDaysAgo(10, 'POOR');

      const finding = sut({ filings: [filing(3, evaluatedDaysAgo(100), poor)] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.zh).toContain(
        `最近一次等级测评 ${poor.reportNo}（${instantText(poor.evaluatedAt).zh}）结论为“差”`,
      );
    });

    it('fails a level-3 system with no evaluation on record', () => {
      const finding = sut({ filings: [filing(3)] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toContain('has no MLPS evaluation on record');
    });

    it('fails a pending level-3 filing without an evaluation: the duty follows the grading', () => {
      expect(
        sut({ filings: [buildFiling({ status: 'PENDING', filedAt: null, evaluations: [] })] }).verdict,
      ).toBe('FAIL');
    });

    it('fails naming only the overdue system when another is on time, resting on both filings', () => {
      const onTime = filing(3, evaluatedDaysAgo(30));
      const overdue = filing(3, evaluatedDaysAgo(500));

      const finding = sut({ filings: [onTime, overdue] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toContain(overdue.fact.filingNo);
      expect(finding.reason.en).not.toContain(onTime.fact.filingNo);
      expect(finding.evidence).toEqual([onTime.evidence, overdue.evidence]);
    });

    it('fails a 100-day-old evaluation when the level-3 interval is set to 90 days', () => {
      const filings = [filing(3, evaluatedDaysAgo(100))];

      expect(sut({ filings }).verdict).toBe('PASS');
      expect(sut({ filings }, { mlpsEvalMaxAgeDaysLevel3: 90 }).verdict).toBe('FAIL');
    });

    it('passes a 200-day-old level-4 evaluation when its interval is set to 250 days', () => {
      expect(
        sut({ filings: [filing(4, evaluatedDaysAgo(200))] }, { mlpsEvalMaxAgeDaysLevel4: 250 }).verdict,
      ).toBe('PASS');
    });
  });

  describe('UNKNOWN', () => {
    it('gives UNKNOWN when an evaluation date cannot be read', () => {
      const bad = buildEvaluation({ evaluatedAt: 'not a date' });

      const finding = sut({ filings: [filing(3, evaluatedDaysAgo(30), bad)] });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.en).toContain(bad.reportNo);
    });

    it('gives UNKNOWN naming the MLPS registry when its data is stale', () => {
      const finding = sut({
        filings: [filing(3, evaluatedDaysAgo(30))],
        sources: { mlps: syncedSource('mlps', { finishedAt: daysBeforeNow(3) }) },
      });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.zh).toContain('网络安全等级保护备案系统数据已过期');
    });
  });
});
