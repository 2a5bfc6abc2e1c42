import { z } from 'zod';
import { ZInstant } from './common';

/**
 * 视频共享交换平台 设备目录接口 (video-sharing.openapi.yaml v3.1.0): the city's unified video
 * sharing and exchange platform, built on the public security surveillance network, listing the
 * lower-level platforms (下级平台) and devices (设备) that joined it over GB/T 28181.
 * Unknown fields are allowed and ignored (zod strips them from the parsed value; the raw payload is kept).
 */

/** Envelope `code`s the contract documents; any other non-200 code is an error too. */
export const VideoCode = {
  OK: 200,
  /** e.g. `{ code: 500, message: "数据库繁忙" }`, sent with HTTP 200 */
  INTERNAL: 500,
} as const;

/** HTTP statuses the contract (and the contracts README) give a meaning. */
export const VideoHttpStatus = {
  /** wrong or missing bearer token */
  UNAUTHORIZED: 401,
  /** throttled; `Retry-After` in seconds */
  RATE_LIMITED: 429,
  /** down for maintenance */
  MAINTENANCE: 503,
} as const;

export const VIDEO_PAGE_SIZE_DEFAULT = 200;
export const VIDEO_PAGE_SIZE_MAX = 1000;

export const VIDEO_PLATFORMS_PATH = '/vss/api/v1/platforms';
export const VIDEO_DEVICES_PATH = '/vss/api/v1/devices';

/** `{ code, message, data }`; a body code other than 200 is an error even over HTTP 200. */
export const ZVideoEnvelope = z.object({
  code: z.number().int(),
  message: z.string().optional(),
  data: z.unknown().optional(),
});
export type TVideoEnvelope = z.infer<typeof ZVideoEnvelope>;

/** Pages are validated loosely (list as unknown) so one bad record never rejects its page. */
export const ZVideoPage = z.object({
  total: z.number().int().nonnegative(),
  list: z.array(z.unknown()),
});
export type TVideoPage = z.infer<typeof ZVideoPage>;

/** GB/T 28181 编码: 20 digits. */
export const GB28181_CODE_PATTERN = /^[0-9]{20}$/;
export const ZGb28181Code = z.string().regex(GB28181_CODE_PATTERN, 'must be a 20-digit GB/T 28181 code');

/** 类型编码 (digits 11–13) the contract names. */
export const GB28181_TYPE_CODES = {
  DVR: '111',
  NVR: '118',
  CAMERA: '131',
  NETWORK_CAMERA: '132',
  PLATFORM: '200',
  BUSINESS_GROUP: '215',
  VIRTUAL_GROUP: '216',
} as const;

/** 网络标识 (digit 14): 0–4 surveillance network, 5 public security, 6 e-government, 7 internet. */
export const GB28181_NETWORK_CODES = {
  PUBLIC_SECURITY: '5',
  EGOV: '6',
  INTERNET: '7',
} as const;

/** The parts of a 20-digit GB/T 28181 code. */
export interface Gb28181CodeParts {
  /** 中心编码: digits 1–8, the civil code (行政区划) padded, e.g. 43060000 */
  centreCode: string;
  /** 行政区划: digits 1–6, the administrative division code */
  divisionCode: string;
  /** 行业编码: digits 9–10 */
  industryCode: string;
  /** 类型编码: digits 11–13 */
  typeCode: string;
  /** 网络标识: digit 14 */
  networkCode: string;
  /** 序号: digits 15–20 */
  serial: string;
}

/** Splits a GB/T 28181 code into its parts; null when it is not 20 digits. */
export function parseGb28181Code(code: string): Gb28181CodeParts | null {
  if (!GB28181_CODE_PATTERN.test(code)) return null;
  return {
    centreCode: code.slice(0, 8),
    divisionCode: code.slice(0, 6),
    industryCode: code.slice(8, 10),
    typeCode: code.slice(10, 13),
    networkCode: code.slice(13, 14),
    serial: code.slice(14, 20),
  };
}

export const VIDEO_CASCADE_STATUSES = ['ONLINE', 'OFFLINE'] as const;
/** `DELETED` is the tombstone of a device. */
export const VIDEO_DEVICE_STATUSES = ['ON', 'OFF', 'DELETED'] as const;
export const VIDEO_DEVICE_TOMBSTONE_STATUS = 'DELETED';

/** 下级平台 (a lower-level platform cascaded into the city platform, 下级平台级联). */
export const ZVideoPlatform = z.object({
  /** 平台国标编码 (20 digits) */
  platformId: ZGb28181Code,
  /** 平台名称, the name of the system it serves */
  name: z.string(),
  /** 权属单位 */
  ownerUnit: z.string(),
  /** 权属单位统一社会信用代码 */
  ownerUnitCode: z.string().nullish(),
  /** 项目编码, often missing on older platforms */
  projectCode: z.string().nullish(),
  /** 级联状态 */
  cascadeStatus: z.enum(VIDEO_CASCADE_STATUSES),
  /** 接入设备数 */
  deviceCount: z.number().int().nonnegative(),
  /** 最后心跳时间 */
  lastKeepaliveAt: ZInstant.nullish(),
});
export type TVideoPlatform = z.infer<typeof ZVideoPlatform>;

/** 视频设备 (a device registered directly or through a cascaded platform). */
export const ZVideoDevice = z.object({
  /** 设备国标编码 (20 digits) */
  deviceId: ZGb28181Code,
  /** 设备名称 */
  name: z.string(),
  /** 权属单位 */
  ownerUnit: z.string(),
  /** 权属单位统一社会信用代码 */
  ownerUnitCode: z.string().nullish(),
  /** 项目编码 */
  projectCode: z.string().nullish(),
  /** 所属级联平台编码; null when the device registered directly (直接注册) */
  platformId: z.string().nullish(),
  /** 设备状态: ON 在线, OFF 离线, DELETED 已删除 (tombstone) */
  status: z.enum(VIDEO_DEVICE_STATUSES),
  /** 通道数 */
  channelCount: z.number().int().nonnegative(),
  /** 在线通道数 */
  onlineChannelCount: z.number().int().nonnegative(),
  /** 注册时间 */
  registeredAt: ZInstant,
  /** 最后心跳时间 */
  lastKeepaliveAt: ZInstant.nullish(),
  /** 更新时间, what `updatedSince` filters on; optional in the contract */
  updatedAt: ZInstant.optional(),
});
export type TVideoDevice = z.infer<typeof ZVideoDevice>;
