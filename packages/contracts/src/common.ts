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

/** City-level (市本级) division codes of the two cities the packs cover. */
export const CITY_DIVISION_CODES = { yueyang: '430600', chenzhou: '431000' } as const;

/** True for 市本级 projects; every other division code is county level (县市区). */
export function isCityLevel(region: string): boolean {
  return region === CITY_DIVISION_CODES.yueyang || region === CITY_DIVISION_CODES.chenzhou;
}

/** ISO-8601 instant with an explicit offset or Z (every upstream but MLPS sends these). */
export const ZInstant = z.iso.datetime({ offset: true });
