import type { RuleDefinition } from '../../model';
import { describeResources, evidenceOf, held, notApplicable, running } from '../../shared/cloud';
import { withinMeasures } from './scope';
import type { ChenzhouSettings } from './settings';

export const czCloudIntensive: RuleDefinition<ChenzhouSettings> = {
  id: 'CZ-CLOUD-INTENSIVE',
  pack: 'chenzhou',
  title: { zh: '政务云资源集约应用', en: 'Intensive use of government cloud resources' },
  clause: '第十六条',
  basis: 'local',
  severity: 'advisory',
  domain: 'cloud',
  requirement: {
    zh: '没有 vCPU 不少于阈值（默认 4）且 30 日平均 CPU 利用率低于阈值（默认 10%）的运行中资源',
    en: 'No running resource with at least the vCPU threshold (default 4) and a 30-day CPU average below the threshold (default 10%)',
  },
  sources: ['gov-cloud'],
  appliesTo: (project) => withinMeasures(project),
  evaluate: ({ cloud, settings }) => {
    if (held(cloud.resources).length === 0) {
      return notApplicable('项目在政务云上没有资源', 'The project has no cloud resources');
    }
    const live = running(cloud.resources);
    const idle = live.filter(
      (r) =>
        (r.fact.vcpu ?? 0) >= settings.intensiveMinVcpu &&
        r.fact.cpuAvg30d !== null &&
        r.fact.cpuAvg30d < settings.intensiveMaxCpuAvgPct,
    );
    const threshold = `≥ ${settings.intensiveMinVcpu} vCPU, CPU < ${settings.intensiveMaxCpuAvgPct}%`;
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
};
