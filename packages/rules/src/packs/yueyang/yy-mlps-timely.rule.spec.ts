import {
  buildFiling,
  buildProject,
  buildResource,
  daysBeforeNow,
  failedSource,
  type FactsInput,
} from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { yueyangPack, builtinRule, type YueyangSettings } from '../../testing/packs';
const yyMlpsTimely = builtinRule('YY-MLPS-TIMELY');

describe(yyMlpsTimely.id, () => {
  const sut = (input: FactsInput, settings: Partial<YueyangSettings> = {}) =>
    judge(yueyangPack, yyMlpsTimely.id, { project: buildProject(), ...input }, settings);
  const prod = (createdAt: string) => buildResource({ environment: 'production', createdAt });

  describe('NOT_APPLICABLE', () => {
    it('does not apply with no level-2+ grading and no running production resource', () => {
      const finding = sut({ resources: [buildResource({ environment: 'test' })], filings: [] });

      expect(finding.verdict).toBe('NOT_APPLICABLE');
      expect(finding.reason.zh).toBe('项目没有二级及以上的在用等级保护备案，也没有运行中的生产环境资源');
    });

    it('does not apply to a production system graded level 1, which does not file', () => {
      const finding = sut({
        resources: [prod(daysBeforeNow(200))],
        filings: [buildFiling({ level: 1, status: 'PENDING', filedAt: null })],
      });

      expect(finding.verdict).toBe('NOT_APPLICABLE');
      expect(finding.reason.en).toBe("The project's system is graded level 1, which does not file");
    });

    it('ignores a revoked grading: without production resources nothing is due', () => {
      const finding = sut({ resources: [], filings: [buildFiling({ status: 'REVOKED' })] });

      expect(finding.verdict).toBe('NOT_APPLICABLE');
    });
  });

  describe('PASS', () => {
    it('passes a filing made 19 days after grading, before production began, naming its deadline', () => {
      const filing = buildFiling({
        gradedAt: '2025-02-10T02:00:00.000Z',
        filedAt: '2025-03-01T02:00:00.000Z',
      });
      const vm = prod('2025-04-01T08:00:00.000Z');

      const finding = sut({ resources: [vm], filings: [filing] });

      expect(finding.verdict).toBe('PASS');
      // the deadline runs from the later of grading and operation: 2025-04-01 + 30 days
      expect(finding.reason.zh).toContain('于 2025-03-01 备案，不晚于备案期限 2025-05-01');
      expect(finding.evidence).toEqual([filing.evidence, vm.evidence]);
    });

    it('passes a filing made exactly on its deadline', () => {
      const filing = buildFiling({
        gradedAt: '2025-03-01T02:00:00.000Z',
        filedAt: '2025-03-31T02:00:00.000Z',
      });

      expect(sut({ resources: [], filings: [filing] }).verdict).toBe('PASS');
    });

    it('passes, as not due yet, a production system without a filing whose deadline has not passed', () => {
      const finding = sut({ resources: [prod(daysBeforeNow(10))], filings: [] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.zh).toMatch(/尚未到期（还有 20 天）$/);
    });

    it('passes, as not due yet, a pending filing graded 20 days ago', () => {
      const pending = buildFiling({ status: 'PENDING', gradedAt: daysBeforeNow(20), filedAt: null });

      const finding = sut({ resources: [], filings: [pending] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.zh).toContain('受理中');
    });

    it('passes when neither a grading time nor a production resource has started a deadline', () => {
      const pending = buildFiling({ status: 'PENDING', gradedAt: null, filedAt: null });

      const finding = sut({ resources: [], filings: [pending] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.en).toContain('no deadline has started');
    });
  });

  describe('FAIL', () => {
    it('fails a filing made 40 days after grading, naming how late it was', () => {
      const filing = buildFiling({
        gradedAt: '2025-01-01T02:00:00.000Z',
        filedAt: '2025-02-10T02:00:00.000Z',
      });

      const finding = sut({ resources: [prod('2024-12-01T02:00:00.000Z')], filings: [filing] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.zh).toContain('晚于备案期限 2025-01-31（逾期 10 天）');
    });

    it('fails a production system still without a FILED filing 60 days after it began to run', () => {
      const finding = sut({ resources: [prod(daysBeforeNow(60))], filings: [] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.zh).toContain('已逾期 30 天');
    });

    it('fails a filing still pending 45 days after grading', () => {
      const pending = buildFiling({ status: 'PENDING', gradedAt: daysBeforeNow(45), filedAt: null });

      expect(sut({ resources: [], filings: [pending] }).verdict).toBe('FAIL');
    });

    it('follows a configured deadline: 40 days late under 30 is on time under 60', () => {
      const filing = buildFiling({
        gradedAt: '2025-01-01T02:00:00.000Z',
        filedAt: '2025-02-10T02:00:00.000Z',
      });

      expect(sut({ resources: [], filings: [filing] }).verdict).toBe('FAIL');
      expect(sut({ resources: [], filings: [filing] }, { mlpsFilingDeadlineDays: 60 }).verdict).toBe('PASS');
    });
  });

  describe('UNKNOWN', () => {
    it('gives UNKNOWN for a FILED filing with no readable filing time', () => {
      const filing = buildFiling({ filedAt: null });

      const finding = sut({ resources: [], filings: [filing] });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.zh).toContain('没有可读的备案时间');
    });

    it('gives UNKNOWN when a production resource has an unreadable creation time', () => {
      const finding = sut({ resources: [prod('yesterday')], filings: [] });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.en).toContain('unreadable creation time');
    });

    it('gives UNKNOWN when the cloud inventory it reads for the operation date failed', () => {
      const finding = sut({
        resources: [],
        filings: [buildFiling()],
        sources: { 'gov-cloud': failedSource('gov-cloud') },
      });

      expect(finding.verdict).toBe('UNKNOWN');
    });
  });
});
