import { z } from 'zod';
import { ZInstant } from './common';

/**
 * 政务信息资源共享交换平台 开放接口 (data-exchange.openapi.yaml v2.2.0): OAuth2 client credentials,
 * `{success, result}` envelopes, 1-based page/size paging. Unknown fields are allowed and ignored
 * (zod strips them from the parsed value; the raw payload is kept).
 */

/** Paths of the contract, shared by the connector and the simulator. */
export const DATA_EXCHANGE_PATHS = {
  token: '/oauth/token',
  systems: '/api/open/v2/systems',
  catalog: '/api/open/v2/catalog',
  stats: '/api/open/v2/exchange-stats',
  /** `/api/open/v2/systems/{systemId}/exchange-stats`: slow, for one system; scans use {@link DATA_EXCHANGE_PATHS.stats} */
  systemStats: (systemId: string) => `/api/open/v2/systems/${encodeURIComponent(systemId)}/exchange-stats`,
} as const;

/** Largest `size` a list endpoint accepts. */
export const DATA_EXCHANGE_PAGE_MAX = 500;
/** `size` a list endpoint uses when none is given. */
export const DATA_EXCHANGE_PAGE_DEFAULT = 100;
/** Windows (days) the statistics endpoints accept. */
export const DATA_EXCHANGE_STATS_DAYS = [7, 30, 90] as const;
/** Window the statistics endpoints use when none is given. */
export const DATA_EXCHANGE_STATS_DAYS_DEFAULT = 30;
/** `expires_in` of production tokens; test platforms may issue shorter ones. */
export const DATA_EXCHANGE_TOKEN_TTL_SECONDS = 7200;

/** Error codes the contract documents. */
export const DataExchangeErrorCode = {
  /** HTTP 401: the access token has expired; fetch a new token and retry once */
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
} as const;

/**
 * Error codes the contract does NOT document but a platform of this kind sends, and which the
 * sandbox uses and the connector recognises (its classification falls back on the HTTP status, so
 * a vendor with other names still works). A real deployment's own names belong here.
 */
export const DataExchangeAssumedErrorCode = {
  /** HTTP 401: no bearer token, or one the platform never issued (or forgot after a restart) */
  INVALID_TOKEN: 'INVALID_TOKEN',
  /** HTTP 401 from `/oauth/token`: unknown client_id or wrong client_secret */
  INVALID_CLIENT: 'INVALID_CLIENT',
  /** HTTP 400 from `/oauth/token`: a required form field is missing or the body is not a form */
  INVALID_REQUEST: 'INVALID_REQUEST',
  /** HTTP 400 from `/oauth/token`: grant_type is not client_credentials */
  UNSUPPORTED_GRANT_TYPE: 'UNSUPPORTED_GRANT_TYPE',
  /** HTTP 400: a query parameter is out of range or malformed */
  INVALID_PARAMETER: 'INVALID_PARAMETER',
  /** HTTP 404: no such path, system or statistics window */
  NOT_FOUND: 'NOT_FOUND',
  /** HTTP 429 (with Retry-After) or in-band: the caller is throttled */
  RATE_LIMITED: 'RATE_LIMITED',
  /** the platform's own failure, often with HTTP 200 */
  SYSTEM_ERROR: 'SYSTEM_ERROR',
  /** HTTP 503: the platform is down for maintenance */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
} as const;

/** `{ success: true, result }` or `{ success: false, errorCode, errorMsg }`; errors may come with HTTP 200. */
export const ZDataExchangeEnvelope = z.object({
  success: z.boolean(),
  result: z.unknown().optional(),
  /** documented as text; numeric codes are read too, some gateways send them */
  errorCode: z.union([z.string(), z.number()]).nullish(),
  errorMsg: z.string().nullish(),
});
export type TDataExchangeEnvelope = z.infer<typeof ZDataExchangeEnvelope>;

/** Answer of `POST /oauth/token` (bare, not in the envelope). */
export const ZDataExchangeToken = z.object({
  access_token: z.string().min(1),
  /** `Bearer` */
  token_type: z.string(),
  /** lifetime in seconds: 7200 in production, shorter on test platforms */
  expires_in: z.number().int().positive(),
});
export type TDataExchangeToken = z.infer<typeof ZDataExchangeToken>;

export const DATA_EXCHANGE_ACCESS_STATUSES = ['CONNECTED', 'APPLYING', 'DISCONNECTED'] as const;
export const DATA_EXCHANGE_SHARE_TYPES = ['UNCONDITIONAL', 'CONDITIONAL', 'NOT_SHARED'] as const;
export const DATA_EXCHANGE_UPDATE_CYCLES = [
  'REALTIME',
  'DAILY',
  'WEEKLY',
  'MONTHLY',
  'QUARTERLY',
  'YEARLY',
] as const;
export const DATA_EXCHANGE_MOUNT_TYPES = ['API', 'DATABASE', 'FILE', 'NONE'] as const;
export const DATA_EXCHANGE_CATALOG_STATUSES = ['PUBLISHED', 'DRAFT', 'OFFLINE'] as const;

/** 接入系统: an information system registered on the platform. */
export const ZDataExchangeSystem = z.object({
  /** 系统标识, e.g. `SYS-430600-0317` */
  systemId: z.string().min(1),
  /** 系统名称 */
  systemName: z.string(),
  /** 建设单位名称 */
  unitName: z.string(),
  /** 统一社会信用代码 of the owning unit */
  unitCode: z.string(),
  /** 项目编码, missing on systems registered before the hub existed */
  projectCode: z.string().nullish(),
  /** 接入状态: 已接入 / 申请中 / 已断开 (DISCONNECTED = retired, a tombstone) */
  accessStatus: z.enum(DATA_EXCHANGE_ACCESS_STATUSES),
  /** 接入时间 */
  connectedAt: ZInstant.nullish(),
  /** 最后修改时间, what `modifiedAfter` compares */
  modifiedAt: ZInstant,
});
export type TDataExchangeSystem = z.infer<typeof ZDataExchangeSystem>;

/** 政务信息资源目录 entry with its sharing attributes. */
export const ZDataExchangeCatalogEntry = z.object({
  /** 政务信息资源代码, e.g. `430600-11430600MB1234567X-00012` */
  resourceCode: z.string().min(1),
  /** 信息资源名称 */
  resourceName: z.string(),
  /** the 接入系统 providing it */
  systemId: z.string().min(1),
  /** 提供方 (unit name) */
  providerUnit: z.string(),
  /** 共享类型: 无条件共享 / 有条件共享 / 不予共享 */
  shareType: z.enum(DATA_EXCHANGE_SHARE_TYPES),
  /** 不予共享依据: legal basis, required in practice when NOT_SHARED */
  notSharedBasis: z.string().nullish(),
  /** 更新周期 */
  updateCycle: z.enum(DATA_EXCHANGE_UPDATE_CYCLES),
  /** 挂接方式; NONE = catalogued but no data mounted (不存在时平台未说明) */
  mountType: z.enum(DATA_EXCHANGE_MOUNT_TYPES).optional(),
  /** 数据最近更新时间 */
  lastDataUpdateAt: ZInstant.nullish(),
  /** 目录状态: 已发布 / 草稿 / 已下线 (OFFLINE = retired, a tombstone) */
  status: z.enum(DATA_EXCHANGE_CATALOG_STATUSES),
  /** 最后修改时间, what `modifiedAfter` compares */
  modifiedAt: ZInstant,
});
export type TDataExchangeCatalogEntry = z.infer<typeof ZDataExchangeCatalogEntry>;

/** 交换统计: one system's exchange statistics over the last `days` days. */
export const ZDataExchangeStats = z.object({
  systemId: z.string().min(1),
  /** 统计窗口（天）: 7, 30 or 90 */
  days: z.number().int().positive(),
  /** 对外提供数据的调用次数 */
  providedCalls: z.number().int().nonnegative(),
  /** 调用其他部门数据的次数 */
  consumedCalls: z.number().int().nonnegative(),
  /** 失败调用次数 */
  failedCalls: z.number().int().nonnegative(),
  /** 最近一次交换时间 */
  lastExchangeAt: ZInstant.nullish(),
});
export type TDataExchangeStats = z.infer<typeof ZDataExchangeStats>;

/**
 * `result` of a list endpoint. Validated loosely (records as unknown) so one bad record never
 * rejects its page.
 */
export const ZDataExchangePage = z.object({
  /** records matching the query, over all pages */
  total: z.number().int().nonnegative(),
  /** 1-based */
  page: z.number().int().positive(),
  size: z.number().int().positive(),
  records: z.array(z.unknown()),
});
export type TDataExchangePage = z.infer<typeof ZDataExchangePage>;
