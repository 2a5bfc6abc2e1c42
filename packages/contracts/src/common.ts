import { z } from 'zod';

/**
 * An upstream system's id, e.g. `gov-cloud`: used in config, fault flags, records and findings. Which
 * systems exist is not a contract: the hub reads the ones its connectors register (`CONNECTORS` of
 * `@hub/connectors`), the sandbox simulates the ones it has modules for.
 */
export type SourceId = string;
/** What a source id looks like: lowercase words joined by hyphens. */
export const ZSourceId = z
  .string()
  .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'source id must look like gov-cloud');

/** 项目编码, e.g. `23-430600-0012`. */
export const PROJECT_CODE_PATTERN = /^[0-9]{2}-[0-9]{6}-[0-9]{4}$/;
export const ZProjectCode = z
  .string()
  .regex(PROJECT_CODE_PATTERN, 'project code must look like 23-430600-0012');

/** 6-digit administrative division code. */
export const ZDivisionCode = z.string().regex(/^[0-9]{6}$/, 'division code must be 6 digits');

/**
 * True for a 市本级 division code: in GB/T 2260 a prefecture-level city's own code ends in 00
 * (岳阳市 430600), a county's never does (岳阳楼区 430602).
 */
export function isCityLevel(region: string): boolean {
  return /^[0-9]{4}00$/.test(region) && !region.endsWith('0000');
}

/** ISO-8601 instant with an explicit offset or Z (every upstream but MLPS sends these). */
export const ZInstant = z.iso.datetime({ offset: true });
