import { evaluateProject } from '../../engine';
import {
  NOW,
  buildFacts,
  buildProject,
  buildResource,
  syncedSource,
  type FactsInput,
} from '../../testing/facts.factory';
import { findingOf } from '../../testing/rules.factory';
import { yueyangPack, builtinRule } from '../../testing/packs';
const yyCloudDeploy = builtinRule('YY-CLOUD-DEPLOY');

describe(yyCloudDeploy.id, () => {
  const sut = (input: FactsInput) =>
    findingOf(evaluateProject(yueyangPack, buildFacts(input), { now: NOW }), yyCloudDeploy.id);

  describe('PASS', () => {
    it('passes with a running production resource, naming it and resting on its record', () => {
      const vm = buildResource({ environment: 'production', networkZone: 'egov-extranet' });

      const finding = sut({ resources: [vm] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.zh).toBe(
        `政务云上有 1 个运行中的资源：${vm.fact.resourceId}（生产环境/电子政务外网）`,
      );
      expect(finding.reason.en).toBe(
        `1 running resource(s) on the government cloud: ${vm.fact.resourceId} (production/e-government extranet)`,
      );
      expect(finding.evidence).toEqual([vm.evidence]);
    });

    it('passes with a running resource in the test environment only', () => {
      const vm = buildResource({ environment: 'test', networkZone: 'internet' });

      const finding = sut({ resources: [vm] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.en).toContain(`${vm.fact.resourceId} (test/internet zone)`);
    });

    it('rests a PASS on the running resources only, not on stopped or released ones', () => {
      const live = buildResource();
      const stopped = buildResource({ status: 'stopped' });
      const released = buildResource({ status: 'released' });

      const finding = sut({ resources: [stopped, live, released] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.en).toMatch(/^1 running resource/);
      expect(finding.reason.en).not.toContain(stopped.fact.resourceId);
      expect(finding.evidence).toEqual([live.evidence]);
    });

    it('applies to county projects too', () => {
      const finding = sut({ project: buildProject({ region: '430621' }), resources: [buildResource()] });

      expect(finding.verdict).toBe('PASS');
    });
  });

  describe('FAIL', () => {
    it('fails when the project has no resource on the cloud', () => {
      const finding = sut({ resources: [] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason).toEqual({
        zh: '政务云上没有该项目的资源',
        en: 'The project has no resource on the government cloud',
      });
      expect(finding.evidence).toEqual([]);
    });

    it('fails when its resources are stopped, naming them and resting on their records', () => {
      const stopped = buildResource({ status: 'stopped', environment: 'test' });

      const finding = sut({ resources: [stopped] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.zh).toContain(
        `1 个资源均未运行：${stopped.fact.resourceId}（测试环境/电子政务外网）`,
      );
      expect(finding.reason.en).toContain(
        `none running: ${stopped.fact.resourceId} (test/e-government extranet)`,
      );
      expect(finding.evidence).toEqual([stopped.evidence]);
    });

    it('fails with stopped and released resources, listing the stopped one the cloud still holds', () => {
      const stopped = buildResource({ status: 'stopped' });
      const released = buildResource({ status: 'released' });

      const finding = sut({ resources: [released, stopped] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toContain(stopped.fact.resourceId);
      expect(finding.reason.en).not.toContain(released.fact.resourceId);
      expect(finding.evidence).toEqual([stopped.evidence]);
    });

    it('fails when every resource was released', () => {
      const finding = sut({ resources: [buildResource({ status: 'released' })] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toBe('The project has no resource on the government cloud');
    });

    it('blocks readiness', () => {
      const evaluation = evaluateProject(yueyangPack, buildFacts({ resources: [] }), { now: NOW });

      expect(evaluation.readiness.blockingRuleIds).toContain(yyCloudDeploy.id);
    });
  });

  describe('NOT_APPLICABLE', () => {
    it('does not apply to a classified system, whatever the cloud holds', () => {
      const finding = sut({ project: buildProject({ classified: true }), resources: [] });

      expect(finding.verdict).toBe('NOT_APPLICABLE');
      expect(finding.reason).toEqual({
        zh: '涉密系统，按第六条可不上云',
        en: 'Classified system: exempt under art. 6',
      });
    });

    it('does not apply to internal-use equipment', () => {
      const finding = sut({ project: buildProject({ internalUseOnly: true }), resources: [] });

      expect(finding.verdict).toBe('NOT_APPLICABLE');
      expect(finding.reason.zh).toBe('单位内部使用设备，按第六条可不上云');
    });

    it('prefers NOT_APPLICABLE to the exemption when a classified project also has one', () => {
      const finding = sut({
        project: buildProject({ classified: true, cloudExemptionRef: '岳政函〔2025〕3号' }),
      });

      expect(finding.verdict).toBe('NOT_APPLICABLE');
    });
  });

  describe('WAIVED', () => {
    it('is waived by a cloud exemption document, naming it', () => {
      const finding = sut({
        project: buildProject({ cloudExemptionRef: '岳政函〔2025〕12号' }),
        resources: [],
      });

      expect(finding.verdict).toBe('WAIVED');
      expect(finding.reason.zh).toBe(
        '已批准不上云例外（文号 岳政函〔2025〕12号，见项目台账「不上云例外文号」）；台账未载明审批机关和有效期，可在中枢登记豁免以补全',
      );
      expect(finding.registry?.cells).toContainEqual({
        header: '不上云例外文号',
        value: '岳政函〔2025〕12号',
      });
      expect(finding.reason.en).toContain('document 岳政函〔2025〕12号');
    });

    it('is waived even when the cloud inventory cannot be trusted', () => {
      const finding = sut({
        project: buildProject({ cloudExemptionRef: '岳政函〔2025〕13号' }),
        sources: { 'gov-cloud': syncedSource('gov-cloud', { status: 'failed', error: 'HTTP 503' }) },
      });

      expect(finding.verdict).toBe('WAIVED');
    });
  });

  describe('UNKNOWN', () => {
    it('gives UNKNOWN naming the cloud inventory when its last sync failed, even with resources on record', () => {
      const finding = sut({
        resources: [buildResource()],
        sources: { 'gov-cloud': syncedSource('gov-cloud', { status: 'failed', error: 'HTTP 503' }) },
      });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.zh).toContain('政务云资源台账');
      expect(finding.reason.zh).toContain('HTTP 503');
      expect(finding.evidence).toEqual([]);
    });

    it('gives UNKNOWN when the only running resource is a suggested match', () => {
      const suggested = buildResource({}, 'suggested');

      const finding = sut({ resources: [buildResource({ status: 'stopped' }), suggested] });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.en).toContain(suggested.fact.resourceId);
      expect(finding.evidence).toContainEqual(suggested.evidence);
    });
  });
});
