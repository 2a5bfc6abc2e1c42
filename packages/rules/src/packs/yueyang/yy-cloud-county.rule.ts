import { isCityLevel } from '@hub/contracts';
import type { RuleDefinition } from '../../model';
import { applies, evidenceOf, held, notApplicable } from '../../shared/cloud';
import type { YueyangSettings } from './settings';

export const yyCloudCounty: RuleDefinition<YueyangSettings> = {
  id: 'YY-CLOUD-COUNTY',
  pack: 'yueyang',
  title: {
    zh: '县市区项目以购买服务方式部署于市电子政务云',
    en: 'County projects use the city cloud as a purchased service',
  },
  clause: '第六条',
  basis: 'local',
  severity: 'blocking',
  domain: 'cloud',
  requirement: {
    zh: '县市区项目在政务云上的租户均为县市区购买服务方式（county-purchased-service）',
    en: "Every tenant holding a county project's resources is bought as a county service",
  },
  sources: ['gov-cloud'],
  appliesTo: (project) =>
    isCityLevel(project.region)
      ? { applies: false, reason: { zh: '市本级项目', en: 'City-level project' } }
      : applies,
  evaluate: ({ cloud, tenantsById }) => {
    const resources = held(cloud.resources);
    if (resources.length === 0) {
      return notApplicable('项目在政务云上没有资源，无租户可判断', 'No cloud resources: no tenant to judge');
    }
    const tenantIds = [...new Set(resources.map((r) => r.fact.tenantId))];
    const tenants = tenantIds.map((id) => ({ id, tenant: tenantsById.get(id) }));
    const evidence = [
      ...evidenceOf(resources),
      ...tenants.flatMap((t) => (t.tenant ? [t.tenant.evidence] : [])),
    ];
    const wrong = tenants.filter((t) => t.tenant?.fact.purchaseMode === 'city-allocated');
    if (wrong.length > 0) {
      const ids = wrong.map((t) => t.id).join(', ');
      return {
        verdict: 'FAIL',
        reason: {
          zh: `租户 ${ids} 为市级分配（city-allocated），县市区项目应以购买服务方式部署`,
          en: `Tenant(s) ${ids} are city-allocated; county projects must buy the cloud as a service`,
        },
        evidence,
      };
    }
    const undecided = tenants.filter((t) => !t.tenant || t.tenant.fact.purchaseMode === null);
    if (undecided.length > 0) {
      const ids = undecided.map((t) => t.id).join(', ');
      return {
        verdict: 'UNKNOWN',
        reason: {
          zh: `租户 ${ids} 缺少购买方式信息或未在租户清单中，无法判断`,
          en: `Tenant(s) ${ids} have no purchase mode or are missing from the tenant list: cannot decide`,
        },
        evidence,
      };
    }
    return {
      verdict: 'PASS',
      reason: {
        zh: `租户 ${tenantIds.join(', ')} 均为县市区购买服务方式`,
        en: `Tenant(s) ${tenantIds.join(', ')} are bought as a county service`,
      },
      evidence,
    };
  },
};
