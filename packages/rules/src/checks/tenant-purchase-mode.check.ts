import { evidenceOf, held, notApplicable } from '../shared/cloud';
import { z } from 'zod';
import { defineCheck } from './model';

export const tenantPurchaseMode = defineCheck({
  id: 'tenant-purchase-mode',
  title: { zh: '租户为购买服务方式', en: 'Tenants bought as a service' },
  description: {
    zh: '项目资源所在的租户均为县市区购买服务方式为 PASS；有市级分配的租户为 FAIL；租户缺少购买方式为 UNKNOWN；没有资源为 NOT_APPLICABLE',
    en: 'PASS when every tenant holding the resources is a county-purchased service; FAIL with a city-allocated one; UNKNOWN without a purchase mode; NOT_APPLICABLE without resources',
  },
  params: z.strictObject({}),
  sources: ['gov-cloud'],
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
});
