import { describeResources, evidenceOf, held, notApplicable, running } from '../shared/cloud';
import { z } from 'zod';
import { defineCheck } from './model';
import { ZPercent, ZPositiveInt } from './params';

export const cloudUtilisation = defineCheck({
  id: 'cloud-utilisation',
  title: { zh: '政务云资源利用率', en: 'Cloud resource utilisation' },
  description: {
    zh: '没有 vCPU 不少于 minVcpu 且 30 日平均 CPU 利用率低于 maxCpuAvgPct% 的运行中资源为 PASS；没有资源为 NOT_APPLICABLE',
    en: 'PASS when no running resource has at least `minVcpu` vCPU and a 30-day CPU average below `maxCpuAvgPct`%; NOT_APPLICABLE without resources',
  },
  params: z.strictObject({ minVcpu: ZPositiveInt, maxCpuAvgPct: ZPercent }),
  sources: ['gov-cloud'],
  evaluate: ({ cloud }, params) => {
    if (held(cloud.resources).length === 0) {
      return notApplicable('项目在政务云上没有资源', 'The project has no cloud resources');
    }
    const live = running(cloud.resources);
    const idle = live.filter(
      (r) =>
        (r.fact.vcpu ?? 0) >= params.minVcpu &&
        r.fact.cpuAvg30d !== null &&
        r.fact.cpuAvg30d < params.maxCpuAvgPct,
    );
    const threshold = `≥ ${params.minVcpu} vCPU, CPU < ${params.maxCpuAvgPct}%`;
    if (idle.length > 0) {
      const list = (lang: 'zh' | 'en') =>
        idle
          .map((r) => `${describeResources([r], lang)} ${r.fact.vcpu} vCPU, CPU ${r.fact.cpuAvg30d}%`)
          .join('; ');
      return {
        verdict: 'FAIL',
        reason: {
          zh: `${idle.length} 个资源利用率偏低（${threshold}）：${list('zh')}`,
          en: `${idle.length} under-used resource(s) (${threshold}): ${list('en')}`,
        },
        evidence: evidenceOf(idle),
      };
    }
    return {
      verdict: 'PASS',
      reason: {
        zh: `${live.length} 个运行中的资源均无利用率偏低（${threshold}）`,
        en: `None of ${live.length} running resource(s) is under-used (${threshold})`,
      },
      evidence: evidenceOf(live),
    };
  },
});
