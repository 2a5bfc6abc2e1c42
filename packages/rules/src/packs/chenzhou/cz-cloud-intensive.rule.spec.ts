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
import { chenzhouPack, builtinRule, type ChenzhouSettings } from '../../testing/packs';
const czCloudIntensive = builtinRule('CZ-CLOUD-INTENSIVE');

describe(czCloudIntensive.id, () => {
  const sut = (input: FactsInput, settings: Partial<ChenzhouSettings> = {}) =>
    findingOf(
      evaluateProject(
        chenzhouPack,
        buildFacts({ project: buildProject({ policyPack: 'chenzhou', region: '431000' }), ...input }),
        { now: NOW, settings: chenzhouPack.settingsSchema.parse(settings) },
      ),
      czCloudIntensive.id,
    );
  const vm = (vcpu: number | null, cpuAvg30d: number | null, status: 'running' | 'stopped' = 'running') =>
    buildResource({ vcpu, cpuAvg30d, status });

  describe('PASS', () => {
    it('passes when every running resource is busy enough, stating the default thresholds', () => {
      const busy = vm(8, 35);

      const finding = sut({ resources: [busy] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason).toEqual({
        zh: '1 个运行中的资源均无利用率偏低（≥ 4 vCPU, CPU < 10%）',
        en: 'None of 1 running resource(s) is under-used (≥ 4 vCPU, CPU < 10%)',
      });
      expect(finding.evidence).toEqual([busy.evidence]);
    });

    it('passes a small VM however idle: 3 vCPU at 1%', () => {
      expect(sut({ resources: [vm(3, 1)] }).verdict).toBe('PASS');
    });

    it('passes a VM exactly at the CPU threshold: 4 vCPU at 10%', () => {
      expect(sut({ resources: [vm(4, 10)] }).verdict).toBe('PASS');
    });

    it('does not take a resource without utilisation figures for idle', () => {
      expect(sut({ resources: [vm(16, null)] }).verdict).toBe('PASS');
    });

    it('does not take a resource without a vCPU count for idle', () => {
      expect(sut({ resources: [vm(null, 0)] }).verdict).toBe('PASS');
    });

    it('ignores idle resources that are stopped', () => {
      const idleStopped = vm(32, 0, 'stopped');

      const finding = sut({ resources: [vm(8, 50), idleStopped] });

      expect(finding.verdict).toBe('PASS');
      expect(finding.evidence).not.toContainEqual(idleStopped.evidence);
    });

    it('passes an 8-vCPU idle VM when intensiveMinVcpu is raised to 16', () => {
      const finding = sut({ resources: [vm(8, 2)] }, { intensiveMinVcpu: 16 });

      expect(finding.verdict).toBe('PASS');
      expect(finding.reason.en).toContain('≥ 16 vCPU, CPU < 10%');
    });
  });

  describe('FAIL', () => {
    it('fails listing each idle resource with its vCPU and CPU, resting on those only', () => {
      const idleA = vm(8, 3.5);
      const busy = vm(8, 60);
      const idleB = vm(16, 0);

      const finding = sut({ resources: [idleA, busy, idleB] });

      expect(finding.verdict).toBe('FAIL');
      expect(finding.reason.en).toBe(
        `2 under-used resource(s) (≥ 4 vCPU, CPU < 10%): ${idleA.fact.resourceId} (production/e-government extranet) 8 vCPU, CPU 3.5%; ${idleB.fact.resourceId} (production/e-government extranet) 16 vCPU, CPU 0%`,
      );
      expect(finding.reason.zh).toContain(
        `2 个资源利用率偏低（≥ 4 vCPU, CPU < 10%）：${idleA.fact.resourceId}（生产环境/电子政务外网）`,
      );
      expect(finding.reason.en).not.toContain(busy.fact.resourceId);
      expect(finding.evidence).toEqual([idleA.evidence, idleB.evidence]);
    });

    it('fails a VM exactly at the vCPU threshold just under the CPU threshold: 4 vCPU at 9.9%', () => {
      expect(sut({ resources: [vm(4, 9.9)] }).verdict).toBe('FAIL');
    });

    it('fails a VM that only a raised CPU threshold makes idle: 8 vCPU at 25% under 30%', () => {
      const resources = [vm(8, 25)];

      expect(sut({ resources }).verdict).toBe('PASS');
      expect(sut({ resources }, { intensiveMaxCpuAvgPct: 30 }).verdict).toBe('FAIL');
    });

    it('is advisory: its FAIL does not hold an otherwise compliant project back', () => {
      const facts = buildFacts({ ...compliantChenzhouInput(), resources: [vm(8, 1)] });

      const evaluation = evaluateProject(chenzhouPack, facts, { now: NOW });

      expect(findingOf(evaluation, czCloudIntensive.id)).toMatchObject({
        verdict: 'FAIL',
        severity: 'advisory',
      });
      expect(evaluation.readiness.ready).toBe(true);
    });
  });

  describe('NOT_APPLICABLE', () => {
    it('does not apply to a classified project, which the measures leave to the secrecy rules (art. 2)', () => {
      const finding = findingOf(
        evaluateProject(
          chenzhouPack,
          buildFacts({
            project: buildProject({ policyPack: 'chenzhou', region: '431000', classified: true }),
            resources: [vm(8, 1)],
          }),
          { now: NOW },
        ),
        czCloudIntensive.id,
      );

      expect(finding.verdict).toBe('NOT_APPLICABLE');
      expect(finding.reason.zh).toBe('涉密项目按照保密有关规定执行，不适用本办法（第二条）');
    });

    it('does not apply when the project has no cloud resource', () => {
      const finding = sut({ resources: [] });

      expect(finding.verdict).toBe('NOT_APPLICABLE');
      expect(finding.reason).toEqual({
        zh: '项目在政务云上没有资源',
        en: 'The project has no cloud resources',
      });
    });

    it('does not apply when every resource was released', () => {
      expect(
        sut({ resources: [buildResource({ vcpu: 32, cpuAvg30d: 0, status: 'released' })] }).verdict,
      ).toBe('NOT_APPLICABLE');
    });
  });

  describe('UNKNOWN', () => {
    it('gives UNKNOWN naming the cloud inventory when its last sync was partial', () => {
      const finding = sut({
        resources: [vm(8, 1)],
        sources: {
          'gov-cloud': syncedSource('gov-cloud', { status: 'partial', error: 'metrics API timed out' }),
        },
      });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.zh).toBe('政务云资源台账最近一次同步不完整：metrics API timed out');
    });

    it('gives UNKNOWN when only a suggested resource is idle', () => {
      const suggested = buildResource({ vcpu: 8, cpuAvg30d: 1 }, 'suggested');

      const finding = sut({ resources: [vm(8, 50), suggested] });

      expect(finding.verdict).toBe('UNKNOWN');
      expect(finding.reason.en).toContain(`If confirmed: 1 under-used resource(s)`);
      expect(finding.evidence).toContainEqual(suggested.evidence);
    });
  });
});
