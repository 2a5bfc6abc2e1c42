import { z } from 'zod';
import { SERVICE_PLATFORMS_PAGE_MAX } from '@hub/contracts';
import type { ConnectorSettings } from '../framework/connector';
import { RESILIENCE_SETTINGS, resilienceFromSettings } from '../framework/resilience-settings';
import { resilienceConfigShape } from '../framework/resilient-http';

/** Config of the service-platforms connector; numbers are coerced so they can come from the environment. */
export const ZServicePlatformsConfig = z.object({
  /** the gateway, e.g. `http://127.0.0.1:4105`; a path prefix is kept */
  baseUrl: z.url({ protocol: /^https?$/ }),
  /** sent as X-App-Key */
  appKey: z.string().min(1),
  /** sent as X-App-Secret on every request (the contract has no signing) */
  appSecret: z.string().min(1),
  /** rows per page of each registry; the largest page the gateway allows, as each call may be throttled */
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(SERVICE_PLATFORMS_PAGE_MAX)
    .default(SERVICE_PLATFORMS_PAGE_MAX),
  ...resilienceConfigShape,
});

/** Parsed service-platforms connector config. */
export type ServicePlatformsConfig = z.infer<typeof ZServicePlatformsConfig>;

/** What operators set, as `SERVICE_PLATFORMS_<KEY>`; the defaults are the sandbox's. */
export const SERVICE_PLATFORMS_SETTINGS = {
  ...RESILIENCE_SETTINGS,
  BASE_URL: z.url().default('http://127.0.0.1:4105'),
  APP_KEY: z.string().min(1).default('sandbox-service-platforms-key'),
  APP_SECRET: z.string().min(1).default('sandbox-service-platforms-secret'),
};

/** The connector's config from its settings. */
export function servicePlatformsConfigFromSettings(
  s: ConnectorSettings<typeof SERVICE_PLATFORMS_SETTINGS>,
): z.input<typeof ZServicePlatformsConfig> {
  return {
    ...resilienceFromSettings(s),
    baseUrl: s.BASE_URL,
    appKey: s.APP_KEY,
    appSecret: s.APP_SECRET,
  };
}
