import { z } from 'zod';
import type { ConnectorDefinition, ConnectorSettings, ConnectorSettingsShape } from './connector';

type Configurable = Pick<ConnectorDefinition, 'envPrefix' | 'settings' | 'secretKeys' | 'configFromSettings'>;

/** A connector's environment key: `GOV_CLOUD` + `BASE_URL` → `GOV_CLOUD_BASE_URL`. */
export function envKey(connector: Pick<ConnectorDefinition, 'envPrefix'>, key: string): string {
  return `${connector.envPrefix}_${key}`;
}

/** The environment key of a connector's sync schedule (`GOV_CLOUD_SYNC_CRON`). */
export function syncCronKey(connector: Pick<ConnectorDefinition, 'envPrefix'>): string {
  return envKey(connector, 'SYNC_CRON');
}

/** A connector's settings under their environment keys: what the hub's env schema is made of. */
export function envShapeOf(connector: Configurable): Record<string, z.ZodType> {
  return Object.fromEntries(
    Object.entries(connector.settings).map(([key, schema]) => [envKey(connector, key), schema]),
  );
}

/** A connector's secret settings under their environment keys (`GOV_CLOUD_SECRET_KEY`). */
export function secretEnvKeys(connector: Configurable): string[] {
  return connector.secretKeys.map((key) => envKey(connector, key));
}

/** A connector's parsed settings out of the parsed environment (keys without the prefix). */
export function settingsFromEnv<S extends ConnectorSettingsShape>(
  connector: { envPrefix: string; settings: S },
  env: object,
): ConnectorSettings<S> {
  const values = env as Readonly<Record<string, unknown>>;
  return Object.fromEntries(
    Object.keys(connector.settings).map((key) => [key, values[envKey(connector, key)]]),
  ) as ConnectorSettings<S>;
}

/**
 * The config fields that hold a connector's secrets, found by mapping its default settings with each
 * secret replaced by a marker: a mapping that renames a secret (`MLPS_API_TOKEN` → `token`) is
 * followed, so log redaction never depends on the names matching.
 */
export function secretConfigFields(connector: Configurable): string[] {
  const defaults = z.object(connector.settings).parse({}) as Record<string, unknown>;
  const marker = (key: string) => `\u0000secret:${key}`;
  const probe = { ...defaults, ...Object.fromEntries(connector.secretKeys.map((key) => [key, marker(key)])) };
  const config = connector.configFromSettings(probe as never) as Record<string, unknown>;
  const markers = new Set(connector.secretKeys.map(marker));
  return Object.entries(config)
    .filter(([, value]) => typeof value === 'string' && markers.has(value))
    .map(([field]) => field);
}
