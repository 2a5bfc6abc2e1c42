import {
  ZGovCloudResource,
  ZGovCloudTenant,
  type TGovCloudResource,
  type TGovCloudTenant,
} from '@hub/contracts';
import type { CloudResourceFact, CloudTenantFact } from '@hub/rules';
import type { UpstreamRecord } from '../framework/connector';

/** Record kinds of the gov-cloud source. */
export const GOV_CLOUD_KINDS = { tenant: 'tenant', resource: 'resource' } as const;

/** How operators call each kind. */
export const GOV_CLOUD_KIND_TITLES = {
  tenant: { zh: '政务云租户', en: 'cloud tenant' },
  resource: { zh: '政务云资源', en: 'cloud resource' },
} as const;

/**
 * Maps a stored resource payload to the canonical fact. Pure; throws a ZodError when the payload
 * is not a valid resource (only records that passed validation are stored as records).
 */
export function toCloudResourceFact(payload: unknown): CloudResourceFact {
  const r = ZGovCloudResource.parse(payload);
  return {
    resourceId: r.resourceId,
    tenantId: r.tenantId,
    projectCode: r.projectCode ?? null,
    systemName: r.systemName ?? null,
    type: r.type,
    vcpu: r.spec.vcpu ?? null,
    memoryGiB: r.spec.memoryGiB ?? null,
    environment: r.environment,
    networkZone: r.networkZone,
    status: r.status,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    cpuAvg30d: r.utilization?.cpuAvg30d ?? null,
    memAvg30d: r.utilization?.memAvg30d ?? null,
  };
}

/** Maps a stored tenant payload to the canonical fact. Pure; throws a ZodError on an invalid tenant. */
export function toCloudTenantFact(payload: unknown): CloudTenantFact {
  const t = ZGovCloudTenant.parse(payload);
  return {
    tenantId: t.tenantId,
    tenantName: t.tenantName,
    unitName: t.unitName,
    unitCode: t.unitCode,
    region: t.region,
    purchaseMode: t.purchaseMode ?? null,
  };
}

/** A validated resource as an upstream record; the unit comes from its tenant (null when unknown). */
export function resourceRecord(
  raw: Record<string, unknown>,
  resource: TGovCloudResource,
  unitCode: string | null,
): UpstreamRecord {
  return {
    kind: GOV_CLOUD_KINDS.resource,
    externalId: resource.resourceId,
    payload: raw,
    projectCode: resource.projectCode ?? null,
    systemName: resource.systemName ?? null,
    unitCode,
    updatedAt: resource.updatedAt,
    tombstone: resource.status === 'released',
  };
}

/** A validated tenant as an upstream record; tenants carry no change time and are never tombstoned. */
export function tenantRecord(raw: Record<string, unknown>, tenant: TGovCloudTenant): UpstreamRecord {
  return {
    kind: GOV_CLOUD_KINDS.tenant,
    externalId: tenant.tenantId,
    payload: raw,
    projectCode: null,
    systemName: null,
    unitCode: tenant.unitCode,
    updatedAt: null,
    tombstone: false,
  };
}
