import { creditCodeCheckChar, type TGovCloudResource, type TGovCloudTenant } from '@hub/contracts';

/**
 * Factories of gov-cloud records valid against the contract by construction, each call with
 * unique ids, codes and times so tests never share or copy fixtures.
 */

let sequence = 0;
const next = (): number => ++sequence;

/** Epoch ms of the first factory instant; later ones step a minute each, so order is creation order. */
const EPOCH = Date.parse('2025-03-01T09:00:00+08:00');

/** An ISO instant with the +08:00 offset the cloud sends. */
export function beijingInstant(epochMs: number): string {
  return new Date(epochMs + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
}

/** A valid 统一社会信用代码 that no other call returns. */
export function aCreditCode(): string {
  const first17 = `1143060${String(next()).padStart(10, '0')}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

/** A 项目编码 that no other call returns. */
export function aProjectCode(): string {
  return `25-430600-${String(next() % 10_000).padStart(4, '0')}`;
}

/** Extra, undocumented fields are allowed: the contract says unknown fields may appear. */
type Extra = Record<string, unknown>;

export function aGovCloudTenant(overrides: Partial<TGovCloudTenant> & Extra = {}): TGovCloudTenant & Extra {
  const n = next();
  return {
    tenantId: `tnt-${n.toString(36).padStart(6, '0')}`,
    tenantName: `岳阳市测试单位${n}-政务系统${n}`,
    unitName: `岳阳市测试单位${n}`,
    unitCode: aCreditCode(),
    region: '430600',
    purchaseMode: 'city-allocated',
    createdAt: beijingInstant(EPOCH + n * 60_000),
    ...overrides,
  };
}

export function aGovCloudResource(
  overrides: Partial<TGovCloudResource> & Extra = {},
): TGovCloudResource & Extra {
  const n = next();
  return {
    resourceId: `ecs-${n.toString(36).padStart(7, '0')}`,
    tenantId: `tnt-${n.toString(36).padStart(6, '0')}`,
    projectCode: aProjectCode(),
    systemName: `测试业务系统${n}`,
    type: 'ecs',
    spec: { vcpu: 4, memoryGiB: 16, storageGiB: 200 },
    environment: 'production',
    networkZone: 'egov-extranet',
    status: 'running',
    createdAt: beijingInstant(EPOCH + n * 60_000),
    updatedAt: beijingInstant(EPOCH + n * 60_000 + 30_000),
    utilization: { cpuAvg30d: 12.5, memAvg30d: 41 },
    tags: { owner: `unit-${n}` },
    ...overrides,
  };
}

/** `{code: 0}` envelope around a tenant page. */
export function tenantPageBody(items: unknown[], page: { total: number; pageNo: number; pageSize: number }) {
  return { code: 0, msg: 'success', data: { ...page, items } };
}

/** `{code: 0}` envelope around a resource page. */
export function resourcePageBody(items: unknown[], nextCursor: string | null = null) {
  return { code: 0, msg: 'success', data: { items, nextCursor } };
}

/** An error envelope, as the cloud sends it with HTTP 200. */
export function errorBody(code: number, msg: string, data: unknown = null) {
  return { code, msg, data };
}
