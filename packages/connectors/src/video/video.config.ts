import { z } from 'zod';
import { VIDEO_PAGE_SIZE_MAX, ZDivisionCode } from '@hub/contracts';
import { allPacks } from '@hub/rules';
import type { ConnectorSettings } from '../framework/connector';
import { RESILIENCE_SETTINGS, resilienceFromSettings } from '../framework/resilience-settings';
import { resilienceConfigShape } from '../framework/resilient-http';

/** 市本级 division codes of the cities the loaded packs cover (岳阳市 430600, 郴州市 431000, …). */
export function videoDefaultCityDivisionCodes(): string[] {
  return allPacks().map((pack) => pack.divisionCode);
}

/**
 * Config of the video connector; numbers are coerced and `cityDivisionCodes` may be a comma-separated
 * string, so that everything can come from the environment.
 */
export const ZVideoConfig = z.object({
  /** e.g. `http://127.0.0.1:4104`; a path prefix (behind a gateway) is kept */
  baseUrl: z.url({ protocol: /^https?$/ }),
  /** sent as `Authorization: Bearer <token>` */
  token: z.string().min(1),
  /** records per page, platforms and devices alike */
  pageSize: z.coerce.number().int().min(1).max(VIDEO_PAGE_SIZE_MAX).default(500),
  /**
   * Division codes of the city; a GB/T 28181 code whose prefecture (first 4 digits) matches none of
   * them is a record problem, not a record: it is not the city's device.
   */
  cityDivisionCodes: z
    .preprocess(
      (value) =>
        typeof value === 'string'
          ? value
              .split(',')
              .map((code) => code.trim())
              .filter((code) => code.length > 0)
          : value,
      z.array(ZDivisionCode).min(1),
    )
    .default(videoDefaultCityDivisionCodes),
  ...resilienceConfigShape,
});

/** Parsed video connector config. */
export type VideoConfig = z.infer<typeof ZVideoConfig>;

/** What operators set, as `VIDEO_<KEY>`; the defaults are the sandbox's. */
export const VIDEO_SETTINGS = {
  ...RESILIENCE_SETTINGS,
  BASE_URL: z.url().default('http://127.0.0.1:4104'),
  TOKEN: z.string().min(1).default('sandbox-video-token'),
};

/** The connector's config from its settings; pages are the largest the contract allows (fewest requests). */
export function videoConfigFromSettings(
  s: ConnectorSettings<typeof VIDEO_SETTINGS>,
): z.input<typeof ZVideoConfig> {
  return {
    ...resilienceFromSettings(s),
    baseUrl: s.BASE_URL,
    token: s.TOKEN,
    pageSize: VIDEO_PAGE_SIZE_MAX,
  };
}
