import { z } from 'zod';
import { MLPS_PAGE_LIMIT_MAX } from '@hub/contracts';
import type { ConnectorSettings } from '../framework/connector';
import { RESILIENCE_SETTINGS, resilienceFromSettings } from '../framework/resilience-settings';
import { resilienceConfigShape } from '../framework/resilient-http';

/** Config of the MLPS filing registry connector; numbers are coerced so they can come from the environment. */
export const ZMlpsConfig = z.object({
  /** e.g. `http://127.0.0.1:4103`; a path prefix (behind a gateway) is kept */
  baseUrl: z.url({ protocol: /^https?$/ }),
  /** static token sent as `X-Api-Token`, issued by the public security bureau */
  token: z.string().trim().min(1),
  /** filings per page; the contract allows at most 200, and on a slow service fewer calls win */
  pageSize: z.coerce.number().int().min(1).max(MLPS_PAGE_LIMIT_MAX).default(MLPS_PAGE_LIMIT_MAX),
  ...resilienceConfigShape,
  /** per attempt: the registry answers in about 300 ms but stalls for 10 s at times */
  timeoutMs: z.coerce.number().int().positive().default(15_000),
});

/** Parsed MLPS connector config. */
export type MlpsConfig = z.infer<typeof ZMlpsConfig>;

/** What operators set, as `MLPS_<KEY>`; the defaults are the sandbox's. */
export const MLPS_SETTINGS = {
  ...RESILIENCE_SETTINGS,
  BASE_URL: z.url().default('http://127.0.0.1:4103'),
  API_TOKEN: z.string().min(1).default('sandbox-mlps-token'),
  /** the registry is slow (p50 ~300 ms, stalls of 10 s): a longer timeout than the others */
  TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  /** filings per page of the listing (the registry allows up to 200) */
  PAGE_SIZE: z.coerce.number().int().min(1).max(MLPS_PAGE_LIMIT_MAX).default(MLPS_PAGE_LIMIT_MAX),
};

/** The connector's config from its settings. */
export function mlpsConfigFromSettings(
  s: ConnectorSettings<typeof MLPS_SETTINGS>,
): z.input<typeof ZMlpsConfig> {
  return {
    ...resilienceFromSettings(s),
    baseUrl: s.BASE_URL,
    token: s.API_TOKEN,
    timeoutMs: s.TIMEOUT_MS,
    pageSize: s.PAGE_SIZE,
  };
}
