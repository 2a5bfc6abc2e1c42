import { z } from 'zod';

/** Upstream systems the hub reads. The ids are used in config, fault flags, records and findings. */
export const SOURCE_IDS = ['gov-cloud', 'data-exchange', 'mlps', 'video', 'service-platforms'] as const;
export type SourceId = (typeof SOURCE_IDS)[number];
export const ZSourceId = z.enum(SOURCE_IDS);

/** 项目编码, e.g. `23-430600-0012`. */
export const PROJECT_CODE_PATTERN = /^[0-9]{2}-[0-9]{6}-[0-9]{4}$/;
export const ZProjectCode = z
  .string()
  .regex(PROJECT_CODE_PATTERN, 'project code must look like 23-430600-0012');

/** 6-digit administrative division code. */
export const ZDivisionCode = z.string().regex(/^[0-9]{6}$/, 'division code must be 6 digits');

/** City-level (市本级) division codes of the two cities the packs cover. */
export const CITY_DIVISION_CODES = { yueyang: '430600', chenzhou: '431000' } as const;

/** True for 市本级 projects; every other division code is county level (县市区). */
export function isCityLevel(region: string): boolean {
  return region === CITY_DIVISION_CODES.yueyang || region === CITY_DIVISION_CODES.chenzhou;
}

/** ISO-8601 instant with an explicit offset or Z (every upstream but MLPS sends these). */
export const ZInstant = z.iso.datetime({ offset: true });

/** The upstream systems as operators know them (the names the regulations use), zh and en. */
export const SOURCE_TITLES: Readonly<Record<SourceId, { zh: string; en: string }>> = {
  'gov-cloud': { zh: '政务云资源台账', en: 'government cloud resource inventory' },
  'data-exchange': { zh: '政务信息资源共享交换平台', en: 'data sharing and exchange platform' },
  mlps: { zh: '网络安全等级保护备案系统', en: 'MLPS filing registry' },
  video: { zh: '视频共享交换平台', en: 'video sharing platform' },
  'service-platforms': {
    zh: '政务服务平台（一网通办/岳办岳好/城市大脑）',
    en: 'government service platforms',
  },
};
