import { z } from 'zod';
import { ZInstant } from './common';

/**
 * 一网通办 / 岳办岳好 / 城市大脑中枢 对接登记接口 (service-platforms.openapi.yaml v1.2.0): three
 * registries behind one gateway, one auth scheme and one envelope. The contract has no "updated since"
 * parameter and no filters: every listing is the whole registry, paged by pageNum / pageSize.
 * Unknown fields are allowed and ignored (zod strips them from the parsed value; the raw payload is kept).
 */

/**
 * Envelope codes the contract documents. Every other code is an error too; the gateway's codes follow
 * the A (caller) / B (the platform itself) / C (a service behind it) prefixes of `A0401` and `B0001`.
 */
export const ServicePlatformsCode = {
  OK: '00000',
  /** wrong or missing X-App-Key / X-App-Secret, sent with HTTP 401 */
  UNAUTHORIZED: 'A0401',
  /** 系统繁忙: retry later */
  SYSTEM_BUSY: 'B0001',
} as const;

/** Authentication headers: the app key and its secret, both sent in clear on every request. */
export const SERVICE_PLATFORMS_HEADERS = { appKey: 'X-App-Key', appSecret: 'X-App-Secret' } as const;

/** Largest `pageSize` the gateway accepts. */
export const SERVICE_PLATFORMS_PAGE_MAX = 200;
/** `pageSize` when none is sent. */
export const SERVICE_PLATFORMS_PAGE_DEFAULT = 50;

/** The three registries, keyed as the sandbox dataset keys them. */
export const SERVICE_PLATFORM_REGISTRIES = ['ywtb', 'ybyh', 'brain'] as const;
/** One of {@link SERVICE_PLATFORM_REGISTRIES}. */
export type ServicePlatformRegistry = (typeof SERVICE_PLATFORM_REGISTRIES)[number];

/** Listing path of each registry. */
export const SERVICE_PLATFORMS_PATHS: Readonly<Record<ServicePlatformRegistry, string>> = {
  ywtb: '/ywtb/openapi/integrated-systems',
  ybyh: '/ybyh/openapi/services',
  brain: '/brain/openapi/applications',
};

/**
 * `{ code, message, data }`. Only `code` is relied on: an error answer from the gateway may come
 * without a message, and `data` is absent on errors.
 */
export const ZServicePlatformsEnvelope = z.object({
  code: z.string(),
  message: z.string().nullish(),
  data: z.unknown().optional(),
});
export type TServicePlatformsEnvelope = z.infer<typeof ZServicePlatformsEnvelope>;

/**
 * `data` of every listing (IntegratedSystemPage, MobileServicePage, HubApplicationPage share it).
 * Rows are validated loosely (as unknown) so one bad record never rejects its page.
 */
export const ZServicePlatformsPage = z.object({
  /** records in the whole registry, not on this page */
  total: z.number().int().nonnegative(),
  rows: z.array(z.unknown()),
});
export type TServicePlatformsPage = z.infer<typeof ZServicePlatformsPage>;

export const YWTB_SYSTEM_STATUSES = ['ONLINE', 'TESTING', 'OFFLINE'] as const;
export const MOBILE_SERVICE_KINDS = ['H5', 'MINIAPP', 'NATIVE_MODULE'] as const;
export const MOBILE_SERVICE_STATUSES = ['ONLINE', 'REVIEWING', 'OFFLINE'] as const;
export const HUB_APPLICATION_ACCESS_MODES = ['API', 'EVENT', 'DATA', 'EMBED'] as const;
export const HUB_APPLICATION_STATUSES = ['CONNECTED', 'PENDING', 'DISCONNECTED'] as const;

/** A business system integrated with 一网通办 (IntegratedSystem). */
export const ZYwtbSystem = z.object({
  /** 系统编码 */
  systemCode: z.string().min(1),
  /** 系统名称 */
  systemName: z.string(),
  /** 建设单位名称 */
  unitName: z.string(),
  /** 统一社会信用代码 of the unit */
  unitCode: z.string(),
  /** 项目编码, often missing on older systems */
  projectCode: z.string().nullish(),
  /** 已上线 / 联调测试 / 已下线; OFFLINE = tombstone */
  status: z.enum(YWTB_SYSTEM_STATUSES),
  /** 对接内容: the integration items completed; an item not reported has not been completed */
  items: z.object({
    /** 统一身份认证 (single sign-on through the platform) */
    unifiedIdentity: z.boolean().optional(),
    /** 统一受理 (applications are received through the platform) */
    unifiedIntake: z.boolean().optional(),
    /** 办件数据回流 (case records flow back to the platform) */
    caseDataReturn: z.boolean().optional(),
    /** 好差评 (service evaluation through the platform) */
    unifiedEvaluation: z.boolean().optional(),
  }),
  /** 承载的政务服务事项数 */
  mattersCount: z.number().int().nonnegative().optional(),
  /** 最近一次办件数据回流时间 */
  lastCaseReturnAt: ZInstant.nullish(),
  /** 上线时间 */
  onlineAt: ZInstant.nullish(),
});
export type TYwtbSystem = z.infer<typeof ZYwtbSystem>;

/** A service published in the 岳办岳好 app (MobileService). */
export const ZMobileService = z.object({
  /** 服务编号 */
  serviceId: z.string().min(1),
  /** 服务名称 */
  serviceName: z.string(),
  /** 提供单位名称 */
  unitName: z.string(),
  /** 统一社会信用代码 of the unit */
  unitCode: z.string(),
  /** 项目编码, often missing on older services */
  projectCode: z.string().nullish(),
  /** 接入形态: H5 page, 小程序 (mini-app) or 原生模块 (native module) */
  kind: z.enum(MOBILE_SERVICE_KINDS),
  /** 已上架 / 审核中 / 已下架; OFFLINE = tombstone */
  status: z.enum(MOBILE_SERVICE_STATUSES),
  /** 上架时间 */
  publishedAt: ZInstant.nullish(),
  /** 月活跃用户数 */
  monthlyActiveUsers: z.number().int().nonnegative().nullish(),
});
export type TMobileService = z.infer<typeof ZMobileService>;

/** An application connected to the 城市大脑中枢 (HubApplication). */
export const ZHubApplication = z.object({
  /** 应用编号 */
  appId: z.string().min(1),
  /** 应用名称 */
  appName: z.string(),
  /** 建设单位名称 */
  unitName: z.string(),
  /** 统一社会信用代码 of the unit */
  unitCode: z.string(),
  /** 项目编码, often missing on older applications */
  projectCode: z.string().nullish(),
  /** 接入方式: 接口 / 事件 / 数据 / 页面嵌入 */
  accessMode: z.enum(HUB_APPLICATION_ACCESS_MODES),
  /** 已接入 / 接入中 / 已断开 */
  status: z.enum(HUB_APPLICATION_STATUSES),
  /** 最近一次心跳时间 */
  lastHeartbeatAt: ZInstant.nullish(),
});
export type THubApplication = z.infer<typeof ZHubApplication>;
