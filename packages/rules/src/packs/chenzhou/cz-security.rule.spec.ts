import {
  buildChenzhouProject,
  buildEvaluation,
  buildFiling,
  buildResource,
  daysBeforeNow,
  failedSource,
  type FactsInput,
} from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { chenzhouPack, builtinRule, type ChenzhouSettings } from '../../testing/packs';
const czSecurity = builtinRule('CZ-SECURITY');

const MINUTE = 1 / 1440;

describe(czSecurity.id, () => {
  const prod = () => buildResource({ environment: 'production' });
  const sut = (input: FactsInput, settings: Partial<ChenzhouSettings> = {}) =>
    judge(
      chenzhouPack,
      czSecurity.id,
      { project: buildChenzhouProject(), resources: [prod()], ...input },
      settings,
    );
  const filedAtLevel = (
    level: 2 | 3 | 4,
    evaluatedDaysAgo: number | null,
    conclusion: 'GOOD' | 'POOR' = 'GOOD',
  ) =>
    buildFiling({
      level,
      evaluations:
        evaluatedDaysAgo === null
          ? []
          : [buildEvaluation({ evaluatedAt: daysBeforeNow(evaluatedDaysAgo), conclusion })],
    });

  describe('NOT_APPLICABLE', () => {
    it('does not apply without running production resources', () => {
      const finding = sut({ resources: [buildResource({ environment: 'test' })], filings: [] });

      expect(finding.verdict).toBe('NOT_APPLICABLE');
      expect(finding.reason.en).toBe('The project has no running production resource');
    });

    it('does not apply to a classified project (art. 2), even running production without a filing', () => {
      const finding = sut({ project: buildChenzhouProject({ classified: true }), filings: [] });

      expect(finding.verdict).toBe('NOT_APPLICABLE');
      expect(finding.reason.zh).toBe('涉密项目按照保密有关规定执行，不适用本办法（第二条）');
    });
  });

  describe('PASS', () => {
    it('passes a FILED level-2 system with no evaluation due, resting on the resource and the filing', () => {
      const vm = prod();
      const filing = filedAtLevel(2, null);

      const finding = sut({ resources: [vm], filings: [filing] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.zh).toBe(
        `已备案：备案 ${filing.fact.filingNo}（${filing.fact.systemName}，第2级，已备案）；无三级及以上系统，不要求定期等级测评`,
      );
      expect(finding.evidence).toEqual([vm.evidence, filing.evidence]);
    });

    it('passes a level-3 evaluation exactly 365 days old', () => {
      const finding = sut({ filings: [filedAtLevel(3, 365)] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.en).toContain('(365 days ago, within 365)');
    });

    it('passes a level-4 evaluation exactly 183 days old', () => {
      expect(sut({ filings: [filedAtLevel(4, 183)] }).verdict).toBe('PASS');
    });

    it('passes a 380-day-old level-3 evaluation when its interval is set to 400 days', () => {
      expect(sut({ filings: [filedAtLevel(3, 380)] }).verdict).toBe('FAIL');
      expect(sut({ filings: [filedAtLevel(3, 380)] }, { securityEvalMaxAgeDaysLevel3: 400 }).verdict).toBe(
        'PASS',
      );
    });
  });

  describe('FAIL', () => {
    it('fails production use with no filing at all', () => {
      const vm = prod();

      const finding = sut({ resources: [vm], filings: [] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toBe(
        `The project runs production resources (${vm.fact.resourceId} (production/e-government extranet)) without a FILED MLPS filing (no filing on record)`,
      );
      expect(finding.evidence).toEqual([vm.evidence]);
    });

    it('fails when the only filing is still PENDING', () => {
      const pending = buildFiling({ status: 'PENDING', filedAt: null });

      const finding = sut({ filings: [pending] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.zh).toContain(
        `现有：备案 ${pending.fact.filingNo}（${pending.fact.systemName}，第3级，受理中）`,
      );
    });

    it('fails a level-3 evaluation a minute past 365 days', () => {
      expect(sut({ filings: [filedAtLevel(3, 365 + MINUTE)] }).verdict).toBe('FAIL');
    });

    it('fails a level-4 evaluation 184 days old under the national six-month interval', () => {
      const finding = sut({ filings: [filedAtLevel(4, 184)] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toContain('is more than 183 days old');
    });

    it('fails a level-3 system with no evaluation', () => {
      expect(sut({ filings: [filedAtLevel(3, null)] }).reason.en).toContain(
        'has no MLPS evaluation on record',
      );
    });

    it('fails when the latest evaluation concluded POOR', () => {
      expect(sut({ filings: [filedAtLevel(3, 30, 'POOR')] }).verdict).toBe('FAIL');
    });
  });

  describe('UNKNOWN', () => {
    it('gives UNKNOWN naming the report whose evaluation date cannot be read, resting on the records', () => {
      const vm = prod();
      const unreadable = buildEvaluation({ evaluatedAt: 'n/a' });
      const filing = buildFiling({ level: 3, evaluations: [unreadable] });

      const finding = sut({ resources: [vm], filings: [filing] });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.en).toBe(
        `FILED: filing ${filing.fact.filingNo} (${filing.fact.systemName}, level 3, FILED). filing ${filing.fact.filingNo} (${filing.fact.systemName}, level 3, FILED): evaluation report(s) ${unreadable.reportNo} have an unreadable date, so the latest cannot be told`,
      );
      expect(finding.evidence).toEqual([vm.evidence, filing.evidence]);
    });

    it('fails rather than gives UNKNOWN when another level-3 system is plainly overdue', () => {
      const overdue = filedAtLevel(3, 400);

      const finding = sut({
        filings: [buildFiling({ evaluations: [buildEvaluation({ evaluatedAt: 'n/a' })] }), overdue],
      });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toContain(`${overdue.fact.filingNo}`);
      expect(finding.reason.en).toContain('is more than 365 days old');
    });

    it('gives UNKNOWN naming the MLPS registry when its sync failed', () => {
      const finding = sut({ filings: [filedAtLevel(3, 30)], sources: { mlps: failedSource('mlps') } });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.zh).toBe('网络安全等级保护备案系统最近一次同步失败：HTTP 503');
    });

    it('gives UNKNOWN naming the cloud inventory when its sync failed', () => {
      const finding = sut({
        filings: [filedAtLevel(3, 30)],
        sources: { 'gov-cloud': failedSource('gov-cloud') },
      });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.zh).toContain('政务云资源台账');
    });
  });
});
