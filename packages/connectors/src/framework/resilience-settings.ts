import type { z } from 'zod';
import type { ConnectorSettings } from './connector';
import { resilienceConfigShape } from './resilient-http';

/** The resilience fields operators may set per source, by the key after the connector's prefix. */
const RESILIENCE_KEYS = {
  TIMEOUT_MS: 'timeoutMs',
  MAX_ATTEMPTS: 'maxAttempts',
  BASE_DELAY_MS: 'baseDelayMs',
  MAX_DELAY_MS: 'maxDelayMs',
  BREAKER_THRESHOLD: 'breakerThreshold',
  BREAKER_COOLDOWN_MS: 'breakerCooldownMs',
  REASK_LOST_PAGES: 'reaskLostPages',
  REASK_DELAY_MS: 'reaskDelayMs',
  MAX_CONCURRENCY: 'maxConcurrency',
  MAX_REQUESTS_PER_SECOND: 'maxRequestsPerSecond',
} as const satisfies Record<string, keyof typeof resilienceConfigShape>;

type ResilienceKey = keyof typeof RESILIENCE_KEYS;
type ResilienceField<K extends ResilienceKey> = (typeof resilienceConfigShape)[(typeof RESILIENCE_KEYS)[K]];

/**
 * Settings every connector spreads into its own (`MLPS_MAX_ATTEMPTS`, `VIDEO_TIMEOUT_MS`, …): the
 * same schemas as the config's resilience fields, without their defaults, so that an unset key
 * leaves the connector's own default in place.
 */
export const RESILIENCE_SETTINGS = Object.fromEntries(
  Object.entries(RESILIENCE_KEYS).map(([key, field]) => [
    key,
    resilienceConfigShape[field].unwrap().optional(),
  ]),
) as { [K in ResilienceKey]: z.ZodOptional<ReturnType<ResilienceField<K>['unwrap']>> };

/** The resilience fields of a connector's config that its settings set (unset ones are left out). */
export function resilienceFromSettings(
  settings: Partial<ConnectorSettings<typeof RESILIENCE_SETTINGS & { BASE_URL: z.ZodType<string> }>>,
): Partial<{ [K in ResilienceKey as (typeof RESILIENCE_KEYS)[K]]: z.output<ResilienceField<K>> }> {
  return Object.fromEntries(
    Object.entries(RESILIENCE_KEYS).flatMap(([key, field]) => {
      const value = settings[key as ResilienceKey];
      return value === undefined ? [] : [[field, value]];
    }),
  );
}
