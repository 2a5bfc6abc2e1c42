import { evaluateProject } from '../../engine';
import {
  NOW,
  buildFacts,
  buildProject,
  buildResource,
  compliantChenzhouInput,
  syncedSource,
  type FactsInput,
} from '../../testing/facts.factory';
import { findingOf } from '../../testing/rules.factory';
import { chenzhouPack, builtinRule } from '../../testing/packs';
const czCloud = builtinRule('CZ-CLOUD');

const chenzhouProject = (overrides: Parameters<typeof buildProject>[0] = {}) =>
  buildProject({ policyPack: 'chenzhou', region: '431000', ...overrides });

describe(czCloud.id, () => {
  const sut = (input: FactsInput) =>
    findingOf(
      evaluateProject(chenzhouPack, buildFacts({ project: chenzhouProject(), ...input }), { now: NOW }),
      czCloud.id,
    );

  describe('PASS', () => {
    it('passes with a running resource, resting on it', () => {
      const vm = buildResource({ environment: 'test' });

      const finding = sut({ resources: [vm, buildResource({ status: 'stopped' })] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.zh).toBe(
        `政务云上有 1 个运行中的资源：${vm.fact.resourceId}（测试环境/电子政务外网）`,
      );
      expect(finding.evidence).toEqual([vm.evidence]);
    });

    it('applies to internal-use equipment: Chenzhou exempts only classified systems', () => {
      const finding = sut({
        project: chenzhouProject({ internalUseOnly: true }),
        resources: [buildResource()],
      });

      expect(finding.verdict).toBe('PASS');
    });
  });

  describe('FAIL', () => {
    it('fails internal-use equipment that is not on the cloud', () => {
      const finding = sut({ project: chenzhouProject({ internalUseOnly: true }), resources: [] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toBe('The project has no resource on the government cloud');
    });

    it('fails when every resource is stopped or released, resting on the stopped ones', () => {
      const stopped = buildResource({ status: 'stopped' });
      const released = buildResource({ status: 'released' });

      const finding = sut({ resources: [stopped, released] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toBe(
        `No running resource on the government cloud (1 resource(s), none running: ${stopped.fact.resourceId} (production/e-government extranet))`,
      );
      expect(finding.evidence).toEqual([stopped.evidence]);
    });

    it('alone blocks readiness of an otherwise compliant project', () => {
      const evaluation = evaluateProject(
        chenzhouPack,
        buildFacts({ ...compliantChenzhouInput(), resources: [] }),
        {
          now: NOW,
        },
      );

      expect(evaluation.readiness).toEqual({ ready: false, blockingRuleIds: [czCloud.id] });
    });
  });

  describe('NOT_APPLICABLE', () => {
    it('does not apply to a classified system', () => {
      const finding = sut({ project: chenzhouProject({ classified: true }), resources: [] });

      expect(finding.verdict).toBe('NOT_APPLICABLE');
      expect(finding.reason).toEqual({
        zh: '涉密系统，不适用上云要求',
        en: 'Classified system: cloud rules do not apply',
      });
    });

    it('does not apply to a classified system that also holds an exemption', () => {
      const finding = sut({
        project: chenzhouProject({ classified: true, cloudExemptionRef: '郴政函〔2025〕2号' }),
      });

      expect(finding.verdict).toBe('NOT_APPLICABLE');
    });
  });

  describe('WAIVED', () => {
    it('is waived by a cloud exemption document, naming it', () => {
      const finding = sut({
        project: chenzhouProject({ cloudExemptionRef: '郴政函〔2025〕5号' }),
        resources: [],
      });

      expect(finding.verdict).toBe('WAIVED');
      expect(finding.reason.zh).toBe(
        '已批准不上云例外（文号 郴政函〔2025〕5号，见项目台账「不上云例外文号」）；台账未载明审批机关和有效期，可在中枢登记豁免以补全',
      );
    });
  });

  describe('UNKNOWN', () => {
    it('gives UNKNOWN naming the cloud inventory when its last sync failed', () => {
      const finding = sut({
        resources: [buildResource()],
        sources: {
          'gov-cloud': syncedSource('gov-cloud', { status: 'failed', error: 'connect ECONNREFUSED' }),
        },
      });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.zh).toBe('政务云资源台账最近一次同步失败：connect ECONNREFUSED');
    });

    it('gives UNKNOWN when the only running resource is a suggested match', () => {
      const suggested = buildResource({}, 'suggested');

      const finding = sut({ resources: [suggested] });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.en).toContain(suggested.fact.resourceId);
    });
  });
});
