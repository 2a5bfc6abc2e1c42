import { evaluateProject } from '../../engine';
import { NOW, buildFacts, buildResource, syncedSource, type FactsInput } from '../../testing/facts.factory';
import { findingOf } from '../../testing/rules.factory';
import { yueyangPack, builtinRule } from '../../testing/packs';
const yyNetEgov = builtinRule('YY-NET-EGOV');

describe(yyNetEgov.id, () => {
  const sut = (input: FactsInput) =>
    findingOf(evaluateProject(yueyangPack, buildFacts(input), { now: NOW }), yyNetEgov.id);

  describe('PASS', () => {
    it('passes with a running resource in the e-gov extranet and lists no internet zone when there is none', () => {
      const egov = buildResource({ networkZone: 'egov-extranet' });

      const finding = sut({ resources: [egov] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason).toEqual({
        zh: '1 个运行中的资源位于电子政务外网区',
        en: '1 running resource(s) in the e-gov extranet zone',
      });
      expect(finding.evidence).toEqual([egov.evidence]);
    });

    it('passes but lists every running internet-zone resource in the reason', () => {
      const egov = buildResource({ networkZone: 'egov-extranet' });
      const web = buildResource({ networkZone: 'internet', environment: 'production' });
      const portal = buildResource({ networkZone: 'internet', environment: 'test' });
      const dedicated = buildResource({ networkZone: 'private' });

      const finding = sut({ resources: [egov, web, dedicated, portal] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.zh).toBe(
        `1 个运行中的资源位于电子政务外网区；互联网区资源：${web.fact.resourceId}（生产环境/互联网区）、${portal.fact.resourceId}（测试环境/互联网区）`,
      );
      expect(finding.reason.en).toBe(
        `1 running resource(s) in the e-gov extranet zone; internet-zone resources: ${web.fact.resourceId} (production/internet zone), ${portal.fact.resourceId} (test/internet zone)`,
      );
      expect(finding.reason.en).not.toContain(dedicated.fact.resourceId);
      expect(finding.evidence).toEqual([egov.evidence, web.evidence, dedicated.evidence, portal.evidence]);
    });

    it('does not list stopped internet-zone resources nor rest on them', () => {
      const egov = buildResource({ networkZone: 'egov-extranet' });
      const stopped = buildResource({ networkZone: 'internet', status: 'stopped' });

      const finding = sut({ resources: [egov, stopped] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.en).not.toContain('internet-zone');
      expect(finding.evidence).toEqual([egov.evidence]);
    });
  });

  describe('FAIL', () => {
    it('fails when no running resource is in the e-gov extranet, listing the running and internet ones', () => {
      const web = buildResource({ networkZone: 'internet' });
      const dedicated = buildResource({ networkZone: 'private', environment: 'test' });

      const finding = sut({ resources: [web, dedicated] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toBe(
        `No running resource in the e-gov extranet zone (running: ${web.fact.resourceId} (production/internet zone), ${dedicated.fact.resourceId} (test/private network)); internet-zone resources: ${web.fact.resourceId} (production/internet zone)`,
      );
      expect(finding.reason.zh).toContain('没有运行中的资源位于电子政务外网区');
      expect(finding.evidence).toEqual([web.evidence, dedicated.evidence]);
    });

    it('fails when the only e-gov extranet resource is stopped', () => {
      const stoppedEgov = buildResource({ networkZone: 'egov-extranet', status: 'stopped' });
      const dedicated = buildResource({ networkZone: 'private' });

      const finding = sut({ resources: [stoppedEgov, dedicated] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).not.toContain(stoppedEgov.fact.resourceId);
      expect(finding.evidence).toEqual([dedicated.evidence]);
    });
  });

  describe('NOT_APPLICABLE', () => {
    it('does not apply when the project has no running resource', () => {
      const finding = sut({
        resources: [
          buildResource({ networkZone: 'internet', status: 'stopped' }),
          buildResource({ status: 'released' }),
        ],
      });

      expect(finding.verdict).toBe('NOT_APPLICABLE');
      expect(finding.reason).toEqual({
        zh: '项目没有运行中的政务云资源',
        en: 'The project has no running cloud resource',
      });
    });

    it('does not apply when the project has no resource at all', () => {
      expect(sut({ resources: [] }).verdict).toBe('NOT_APPLICABLE');
    });
  });

  describe('UNKNOWN', () => {
    it('gives UNKNOWN rather than NOT_APPLICABLE when the cloud inventory was never synced', () => {
      const finding = sut({ resources: [], sources: { 'gov-cloud': undefined } });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.zh).toContain('政务云资源台账尚未同步');
    });

    it('gives UNKNOWN when the cloud inventory sync was partial', () => {
      const finding = sut({
        resources: [buildResource()],
        sources: {
          'gov-cloud': syncedSource('gov-cloud', { status: 'partial', error: 'page 2 of 5 missing' }),
        },
      });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.en).toContain('page 2 of 5 missing');
    });

    it('gives UNKNOWN when only a suggested resource is in the e-gov extranet', () => {
      const web = buildResource({ networkZone: 'internet' });
      const suggested = buildResource({ networkZone: 'egov-extranet' }, 'suggested');

      const finding = sut({ resources: [web, suggested] });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.en).toContain(`(${suggested.fact.resourceId})`);
      expect(finding.evidence).toEqual([web.evidence, suggested.evidence]);
    });
  });
});
