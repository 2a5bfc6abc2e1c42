import { z } from 'zod';
import {
  DATA_EXCHANGE_PAGE_MAX,
  DATA_EXCHANGE_STATS_DAYS,
  DATA_EXCHANGE_STATS_DAYS_DEFAULT,
} from '@hub/contracts';
import type { ConnectorSettings } from '../framework/connector';
import { RESILIENCE_SETTINGS, resilienceFromSettings } from '../framework/resilience-settings';
import { resilienceConfigShape } from '../framework/resilient-http';

const STATS_DAYS: readonly number[] = DATA_EXCHANGE_STATS_DAYS;

/** Config of the data-exchange connector; numbers are coerced so they can come from the environment. */
export const ZDataExchangeConfig = z.object({
  /** e.g. `http://127.0.0.1:4102`; a path prefix (behind a gateway) is kept */
  baseUrl: z.url({ protocol: /^https?$/ }),
  /** OAuth2 client_id issued by the big-data centre */
  clientId: z.string().min(1),
  /** OAuth2 client_secret; sent only to `/oauth/token`, never logged */
  clientSecret: z.string().min(1),
  /** records per page of every list endpoint */
  pageSize: z.coerce.number().int().min(1).max(DATA_EXCHANGE_PAGE_MAX).default(DATA_EXCHANGE_PAGE_MAX),
  /** statistics window in days: 7, 30 or 90 */
  statsDays: z.coerce
    .number()
    .int()
    .refine((days) => STATS_DAYS.includes(days), { message: 'must be 7, 30 or 90' })
    .default(DATA_EXCHANGE_STATS_DAYS_DEFAULT),
  /**
   * How far before the stored watermark an incremental sync asks from: the contract does not say
   * whether `modifiedAfter` is inclusive, and a change committed late can carry an earlier
   * `modifiedAt`. Records seen twice are harmless (the hub stores a record only when its hash changes).
   */
  incrementalOverlapMs: z.coerce.number().int().nonnegative().default(60_000),
  ...resilienceConfigShape,
});

/** Parsed data-exchange connector config. */
export type DataExchangeConfig = z.infer<typeof ZDataExchangeConfig>;

/** What operators set, as `DATA_EXCHANGE_<KEY>`; the defaults are the sandbox's. */
export const DATA_EXCHANGE_SETTINGS = {
  ...RESILIENCE_SETTINGS,
  BASE_URL: z.url().default('http://127.0.0.1:4102'),
  CLIENT_ID: z.string().min(1).default('sandbox-data-exchange-client'),
  CLIENT_SECRET: z.string().min(1).default('sandbox-data-exchange-secret'),
};

/** The connector's config from its settings. */
export function dataExchangeConfigFromSettings(
  s: ConnectorSettings<typeof DATA_EXCHANGE_SETTINGS>,
): z.input<typeof ZDataExchangeConfig> {
  return {
    ...resilienceFromSettings(s),
    baseUrl: s.BASE_URL,
    clientId: s.CLIENT_ID,
    clientSecret: s.CLIENT_SECRET,
  };
}
