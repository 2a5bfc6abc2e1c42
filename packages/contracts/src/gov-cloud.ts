import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { ZInstant } from './common';

/**
 * 市电子政务云平台 资源台账开放接口 (gov-cloud.openapi.yaml v1.4.0).
 * Unknown fields are allowed and ignored (zod strips them from the parsed value; the raw payload is kept).
 */

/** Envelope codes documented by the contract. */
export const GovCloudCode = {
  OK: 0,
  BAD_SIGNATURE: 40001,
  TIMESTAMP_SKEW: 40002,
  NONCE_REUSED: 40003,
  TENANT_NOT_VISIBLE: 40300,
  NOT_FOUND: 40400,
  RATE_LIMITED: 42900,
  INTERNAL: 50000,
} as const;

export const GOV_CLOUD_MAX_SKEW_MS = 300_000;
export const GOV_CLOUD_NONCE_TTL_MS = 600_000;
export const GOV_CLOUD_RESOURCE_PAGE_MAX = 1000;
export const GOV_CLOUD_TENANT_PAGE_MAX = 200;

export const ZGovCloudEnvelope = z.object({
  code: z.number().int(),
  msg: z.string(),
  data: z.unknown().optional(),
});
export type TGovCloudEnvelope = z.infer<typeof ZGovCloudEnvelope>;

export const ZGovCloudTenant = z.object({
  tenantId: z.string().min(1),
  tenantName: z.string(),
  /** 使用单位名称 */
  unitName: z.string(),
  /** 统一社会信用代码 */
  unitCode: z.string(),
  /** division code of the owning level */
  region: z.string(),
  /** 县市区 tenants are bought as a service */
  purchaseMode: z.enum(['city-allocated', 'county-purchased-service']).optional(),
  createdAt: ZInstant,
});
export type TGovCloudTenant = z.infer<typeof ZGovCloudTenant>;

export const RESOURCE_TYPES = ['ecs', 'rds', 'redis', 'oss', 'slb', 'k8s-node', 'gpu', 'other'] as const;
export const RESOURCE_ENVIRONMENTS = ['production', 'test'] as const;
export const NETWORK_ZONES = ['egov-extranet', 'internet', 'private'] as const;
export const RESOURCE_STATUSES = ['running', 'stopped', 'released'] as const;

export const ZGovCloudResource = z.object({
  resourceId: z.string().min(1),
  tenantId: z.string().min(1),
  /** 项目编码 tag, often missing on older resources */
  projectCode: z.string().nullish(),
  /** 承载的信息系统名称 */
  systemName: z.string().nullish(),
  type: z.enum(RESOURCE_TYPES),
  spec: z.object({
    vcpu: z.number().int().nonnegative().optional(),
    memoryGiB: z.number().nonnegative().optional(),
    storageGiB: z.number().nonnegative().optional(),
  }),
  /** 生产区 / 测试区 */
  environment: z.enum(RESOURCE_ENVIRONMENTS),
  /** 电子政务外网区 / 互联网区 / 专网区 */
  networkZone: z.enum(NETWORK_ZONES),
  /** released = tombstone */
  status: z.enum(RESOURCE_STATUSES),
  createdAt: ZInstant,
  updatedAt: ZInstant,
  /** 30-day averages in percent; null for resources younger than 7 days */
  utilization: z
    .object({
      cpuAvg30d: z.number().min(0).max(100),
      memAvg30d: z.number().min(0).max(100),
    })
    .nullish(),
  tags: z.record(z.string(), z.string()).optional(),
});
export type TGovCloudResource = z.infer<typeof ZGovCloudResource>;

/** Pages are validated loosely (items as unknown) so one bad record never rejects its page. */
export const ZGovCloudTenantPage = z.object({
  total: z.number().int().nonnegative(),
  pageNo: z.number().int().positive(),
  pageSize: z.number().int().positive(),
  items: z.array(z.unknown()),
});
export const ZGovCloudResourcePage = z.object({
  items: z.array(z.unknown()),
  nextCursor: z.string().nullable(),
});
export const ZGovCloudRateLimitData = z.object({ retryAfterSeconds: z.number().nonnegative() });

export interface GovCloudSignatureInput {
  method: string;
  /** path plus query string, e.g. `/openapi/v1/resources?limit=500&cursor=abc` (sorted here) */
  pathWithQuery: string;
  timestamp: string;
  nonce: string;
  secretKey: string;
}

/** PATH_WITH_SORTED_QUERY of the contract: query parameters sorted by name, values kept as sent. */
export function sortedPathWithQuery(pathWithQuery: string): string {
  const q = pathWithQuery.indexOf('?');
  if (q < 0) return pathWithQuery;
  const path = pathWithQuery.slice(0, q);
  const params = pathWithQuery
    .slice(q + 1)
    .split('&')
    .filter((p) => p.length > 0)
    .sort((a, b) => {
      const ka = a.split('=')[0]!;
      const kb = b.split('=')[0]!;
      return ka < kb ? -1 : ka > kb ? 1 : a < b ? -1 : a > b ? 1 : 0;
    });
  return params.length ? `${path}?${params.join('&')}` : path;
}

/** X-Signature: lowercase hex HMAC-SHA256 over METHOD \n PATH_WITH_SORTED_QUERY \n X-Timestamp \n X-Nonce. */
export function govCloudSignature(input: GovCloudSignatureInput): string {
  const canonical = [
    input.method.toUpperCase(),
    sortedPathWithQuery(input.pathWithQuery),
    input.timestamp,
    input.nonce,
  ].join('\n');
  return createHmac('sha256', input.secretKey).update(canonical).digest('hex');
}
