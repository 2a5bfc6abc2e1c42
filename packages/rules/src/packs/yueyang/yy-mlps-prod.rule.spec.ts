import {
  allSourcesFailed,
  buildFiling,
  buildProject,
  buildResource,
  failedSource,
  type FactsInput,
} from '../../testing/facts.factory';
import { judge } from '../../testing/rules.factory';
import { yueyangPack, builtinRule } from '../../testing/packs';
const yyMlpsProd = builtinRule('YY-MLPS-PROD');

describe(yyMlpsProd.id, () => {
  const sut = (input: FactsInput) => judge(yueyangPack, yyMlpsProd.id, { project: buildProject(), ...input });
  const prod = (createdAt = '2025-04-01T08:00:00.000Z') =>
    buildResource({ environment: 'production', createdAt });

  describe('NOT_APPLICABLE', () => {
    it('does not apply without running production resources, even with no filing at all', () => {
      const finding = sut({
        resources: [buildResource({ environment: 'test' }), buildResource({ status: 'stopped' })],
        filings: [],
      });

      expect(finding.verdict).toBe('NOT_APPLICABLE');
      expect(finding.reason).toEqual({
        zh: '项目没有运行中的生产环境资源',
        en: 'The project has no running production resource',
      });
    });
  });

  describe('PASS', () => {
    it('passes when a FILED filing predates the first production resource, resting on both', () => {
      const vm = prod('2025-04-01T08:00:00.000Z');
      const filing = buildFiling({ filedAt: '2025-03-01T02:00:00.000Z' });

      const finding = sut({ resources: [vm], filings: [filing] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.zh).toBe(
        `备案 ${filing.fact.filingNo}（${filing.fact.systemName}，第3级，已备案）于 2025-03-01 10:00（北京时间） 备案，不晚于首个生产环境资源 ${vm.fact.resourceId}（生产环境/电子政务外网）创建于 2025-04-01 16:00（北京时间）`,
      );
      expect(finding.evidence).toEqual([vm.evidence, filing.evidence]);
    });

    it('passes a filing dated at the very instant the first production resource was created', () => {
      const finding = sut({
        resources: [prod('2025-04-01T08:00:00.000Z')],
        filings: [buildFiling({ filedAt: '2025-04-01T16:00:00+08:00' })],
      });

      expect(finding.verdict).toBe('PASS');
    });

    it('measures from running production resources only, not from a stopped one created earlier', () => {
      const early = buildResource({
        environment: 'production',
        status: 'stopped',
        createdAt: '2025-01-01T00:00:00Z',
      });

      const finding = sut({
        resources: [early, prod('2025-04-01T08:00:00.000Z')],
        filings: [buildFiling({ filedAt: '2025-03-01T00:00:00Z' })],
      });

      expect(finding.verdict).toBe('PASS');
      expect(finding.evidence).not.toContainEqual(early.evidence);
    });

    it('passes on one timely FILED filing although another has no filing time', () => {
      const finding = sut({
        resources: [prod()],
        filings: [buildFiling({ filedAt: null }), buildFiling({ filedAt: '2025-03-01T00:00:00Z' })],
      });

      expect(finding.verdict).toBe('PASS');
    });
  });

  describe('FAIL', () => {
    it('fails production use with no filing at all, resting on the production resources', () => {
      const vm = prod();

      const finding = sut({ resources: [vm], filings: [] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toBe(
        `The project runs 1 production resource(s) (${vm.fact.resourceId} (production/e-government extranet)) without a FILED MLPS filing (no filing on record); without a certificate it may only use the test environment`,
      );
      expect(finding.evidence).toEqual([vm.evidence]);
    });

    it.each(['PENDING', 'REVOKED', 'CANCELLED'] as const)(
      'fails when the only filing is %s, naming it',
      (status) => {
        const filing = buildFiling({ status });

        const finding = sut({ resources: [prod()], filings: [filing] });

        expect(finding.verdict).toBe('FAIL');
        expect(finding.reason.en).toContain(`on record: filing ${filing.fact.filingNo}`);
        expect(finding.reason.en).toContain(status);
        expect(finding.evidence).toContainEqual(filing.evidence);
      },
    );

    it('fails when filed after the earliest production resource, though before a later one', () => {
      const first = prod('2025-04-01T08:00:00.000Z');
      const later = prod('2025-06-01T08:00:00.000Z');
      const filing = buildFiling({ filedAt: '2025-05-01T08:00:00.000Z' });

      const finding = sut({ resources: [later, first], filings: [filing] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toContain(
        `was filed at 2025-05-01 16:00 (Beijing time), after the first production resource ${first.fact.resourceId}`,
      );
      expect(finding.evidence).toEqual([later.evidence, first.evidence, filing.evidence]);
    });

    it('fails a filing made one millisecond after the first production resource appeared', () => {
      const finding = sut({
        resources: [prod('2025-04-01T08:00:00.000Z')],
        filings: [buildFiling({ filedAt: '2025-04-01T08:00:00.001Z' })],
      });

      expect(finding.verdict).toBe('FAIL');
    });
  });

  describe('UNKNOWN', () => {
    it('gives UNKNOWN naming a production resource whose creation time cannot be read', () => {
      const undated = prod('not a time');
      const filing = buildFiling();

      const finding = sut({ resources: [prod(), undated], filings: [filing] });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.en).toBe(
        `Production resource(s) ${undated.fact.resourceId} have an unreadable creation time: the first production resource cannot be told`,
      );
      expect(finding.evidence).toContainEqual(undated.evidence);
      expect(finding.evidence).toContainEqual(filing.evidence);
    });

    it('gives UNKNOWN for a FILED filing without a filing time', () => {
      const filing = buildFiling({ filedAt: null });

      const finding = sut({ resources: [prod()], filings: [filing] });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.en).toContain(`filing ${filing.fact.filingNo}`);
      expect(finding.reason.en).toContain('has no readable filing time');
    });

    it('gives UNKNOWN naming the MLPS registry when it cannot be trusted', () => {
      const finding = sut({
        resources: [prod()],
        filings: [buildFiling()],
        sources: { mlps: failedSource('mlps') },
      });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.zh).toBe('网络安全等级保护备案系统最近一次同步失败：HTTP 503');
    });

    it('gives UNKNOWN when the cloud inventory cannot be trusted, even with a timely filing', () => {
      const finding = sut({
        resources: [prod()],
        filings: [buildFiling()],
        sources: { 'gov-cloud': allSourcesFailed()['gov-cloud'] },
      });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.zh).toContain('政务云资源台账');
    });

    it('gives UNKNOWN when only a suggested filing would make it pass', () => {
      const suggested = buildFiling({}, 'suggested');

      const finding = sut({ resources: [prod()], filings: [suggested] });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.en).toContain(suggested.fact.filingNo);
    });
  });
});
