import type { BoundFact, CloudResourceFact } from '../facts';
import type { RuleOutcome, Waiver } from '../model';
import type { TProject } from '@hub/contracts';
import { evidenceOf, notApplicable } from './outcome';
import { UPSTREAM_VALUE_LABELS } from '@hub/vocabulary';

export { evidenceOf, notApplicable } from './outcome';

type Resource = BoundFact<CloudResourceFact>;

export const running = (resources: readonly Resource[]): Resource[] =>
  resources.filter((r) => r.fact.status === 'running');

/** "Production resources" (obligations.md): running resources in the production environment. */
export const productionResources = (resources: readonly Resource[]): Resource[] =>
  running(resources).filter((r) => r.fact.environment === 'production');

/** Resources the cloud still holds for the project (released ones are tombstones). */
export const held = (resources: readonly Resource[]): Resource[] =>
  resources.filter((r) => r.fact.status !== 'released');

/** `ecs-1（生产/政务外网）、rds-2（测试/互联网）` — how resources are named in a reason. */
export function describeResources(resources: readonly Resource[], lang: 'zh' | 'en'): string {
  const { resourceEnvironment: env, networkZone: zone } = UPSTREAM_VALUE_LABELS;
  return resources
    .map(
      (r) =>
        `${r.fact.resourceId}${lang === 'zh' ? '（' : ' ('}${env[r.fact.environment][lang]}/${zone[r.fact.networkZone][lang]}${lang === 'zh' ? '）' : ')'}`,
    )
    .join(lang === 'zh' ? '、' : ', ');
}

/** 不上云例外文号 in the registry: an approved exemption from deploying on the cloud. */
export function cloudExemption(project: TProject): Waiver | null {
  if (!project.cloudExemptionRef) return null;
  return {
    documentNo: project.cloudExemptionRef,
    // The registry holds only the document number: who approved it and until when are not known here.
    reason: {
      zh: `已批准不上云例外（文号 ${project.cloudExemptionRef}，见项目台账「不上云例外文号」）；台账未载明审批机关和有效期，可在中枢登记豁免以补全`,
      en: `Approved exemption from cloud deployment (document ${project.cloudExemptionRef}, from the registry's 不上云例外文号); the registry names neither the approving authority nor the validity: record the exemption in the hub to complete them`,
    },
  };
}

/** PASS when at least one resource runs on the cloud, FAIL otherwise (both cities' 上云 rule). */
export function runsOnCloud(resources: readonly Resource[]): RuleOutcome {
  const live = running(resources);
  if (live.length > 0) {
    return {
      verdict: 'PASS',
      reason: {
        zh: `政务云上有 ${live.length} 个运行中的资源：${describeResources(live, 'zh')}`,
        en: `${live.length} running resource(s) on the government cloud: ${describeResources(live, 'en')}`,
      },
      evidence: evidenceOf(live),
    };
  }
  const idle = held(resources);
  return {
    verdict: 'FAIL',
    reason:
      idle.length > 0
        ? {
            zh: `政务云上没有运行中的资源（${idle.length} 个资源均未运行：${describeResources(idle, 'zh')}）`,
            en: `No running resource on the government cloud (${idle.length} resource(s), none running: ${describeResources(idle, 'en')})`,
          }
        : { zh: '政务云上没有该项目的资源', en: 'The project has no resource on the government cloud' },
    evidence: evidenceOf(idle),
  };
}

/**
 * PASS when at least one running resource is in the e-gov extranet zone (both cities' network rule),
 * NOT_APPLICABLE without running resources; internet-zone resources are listed either way.
 */
export function runsInEgovExtranet(resources: readonly Resource[]): RuleOutcome {
  const live = running(resources);
  if (live.length === 0) {
    return notApplicable('项目没有运行中的政务云资源', 'The project has no running cloud resource');
  }
  const egov = live.filter((r) => r.fact.networkZone === 'egov-extranet');
  const internet = live.filter((r) => r.fact.networkZone === 'internet');
  const internetNote = {
    zh: internet.length ? `；互联网区资源：${describeResources(internet, 'zh')}` : '',
    en: internet.length ? `; internet-zone resources: ${describeResources(internet, 'en')}` : '',
  };
  if (egov.length > 0) {
    return {
      verdict: 'PASS',
      reason: {
        zh: `${egov.length} 个运行中的资源位于电子政务外网区${internetNote.zh}`,
        en: `${egov.length} running resource(s) in the e-gov extranet zone${internetNote.en}`,
      },
      evidence: evidenceOf(live),
    };
  }
  return {
    verdict: 'FAIL',
    reason: {
      zh: `没有运行中的资源位于电子政务外网区（运行中：${describeResources(live, 'zh')}）${internetNote.zh}`,
      en: `No running resource in the e-gov extranet zone (running: ${describeResources(live, 'en')})${internetNote.en}`,
    },
    evidence: evidenceOf(live),
  };
}
