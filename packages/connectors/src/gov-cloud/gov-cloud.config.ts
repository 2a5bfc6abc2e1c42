import { z } from 'zod';
import { GOV_CLOUD_RESOURCE_PAGE_MAX, GOV_CLOUD_TENANT_PAGE_MAX } from '@hub/contracts';
import type { ConnectorSettings } from '../framework/connector';
import { RESILIENCE_SETTINGS, resilienceFromSettings } from '../framework/resilience-settings';
import { resilienceConfigShape } from '../framework/resilient-http';

/** Config of the gov-cloud connector; numbers are coerced so they can come from the environment. */
export const ZGovCloudConfig = z.object({
  /** e.g. `http://127.0.0.1:4101`; a path prefix (behind a gateway) is kept and signed */
  baseUrl: z.url({ protocol: /^https?$/ }),
  /** AK: sent as X-Ak */
  accessKey: z.string().min(1),
  /** SK: signs requests, never sent */
  secretKey: z.string().min(1),
  /** resources per cursor page */
  pageSize: z.coerce.number().int().min(1).max(GOV_CLOUD_RESOURCE_PAGE_MAX).default(500),
  /** tenants per page */
  tenantPageSize: z.coerce.number().int().min(1).max(GOV_CLOUD_TENANT_PAGE_MAX).default(100),
  ...resilienceConfigShape,
});

/** Parsed gov-cloud connector config. */
export type GovCloudConfig = z.infer<typeof ZGovCloudConfig>;

/** What operators set, as `GOV_CLOUD_<KEY>`; the defaults are the sandbox's. */
export const GOV_CLOUD_SETTINGS = {
  ...RESILIENCE_SETTINGS,
  BASE_URL: z.url().default('http://127.0.0.1:4101'),
  ACCESS_KEY: z.string().min(1).default('sandbox-gov-cloud-ak'),
  SECRET_KEY: z.string().min(1).default('sandbox-gov-cloud-sk'),
};

/** The connector's config from its settings; pages are the largest the contract allows (fewest requests). */
export function govCloudConfigFromSettings(
  s: ConnectorSettings<typeof GOV_CLOUD_SETTINGS>,
): z.input<typeof ZGovCloudConfig> {
  return {
    ...resilienceFromSettings(s),
    baseUrl: s.BASE_URL,
    accessKey: s.ACCESS_KEY,
    secretKey: s.SECRET_KEY,
    pageSize: GOV_CLOUD_RESOURCE_PAGE_MAX,
    tenantPageSize: GOV_CLOUD_TENANT_PAGE_MAX,
  };
}
