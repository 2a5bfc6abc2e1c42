import { z } from 'zod';
import { mlpsConnector } from '../mlps/mlps.connector';
import { CONNECTORS } from '../registry';
import {
  envKey,
  envShapeOf,
  secretConfigFields,
  secretEnvKeys,
  settingsFromEnv,
  syncCronKey,
} from './connector-settings';

describe('connector settings', () => {
  it.each(CONNECTORS.map((c) => [c.id, c] as const))(
    '%s declares an env prefix, a base URL and defaults that run it against the sandbox',
    (_id, connector) => {
      expect(connector.envPrefix).toMatch(/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/);
      expect(Object.keys(connector.settings)).toContain('BASE_URL');
      const defaults = z.object(connector.settings).parse({});
      expect(new URL(String(defaults['BASE_URL'])).hostname).toBe('127.0.0.1');
      // The defaults make a config its own schema accepts.
      expect(connector.configSchema.safeParse(connector.configFromSettings(defaults as never)).success).toBe(
        true,
      );
    },
  );

  it.each(CONNECTORS.map((c) => [c.id, c] as const))(
    '%s declares secrets among its settings, each reaching one config field',
    (_id, connector) => {
      expect(connector.secretKeys.length).toBeGreaterThan(0);
      for (const key of connector.secretKeys) expect(Object.keys(connector.settings)).toContain(key);
      expect(secretConfigFields(connector)).toHaveLength(connector.secretKeys.length);
    },
  );

  it('gives every connector keys of its own', () => {
    const keys = CONNECTORS.flatMap((c) => [...Object.keys(envShapeOf(c)), syncCronKey(c)]);

    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(CONNECTORS.map((c) => c.envPrefix)).size).toBe(CONNECTORS.length);
  });

  it('names the keys by prefix, as operators set them', () => {
    expect(envKey(mlpsConnector, 'API_TOKEN')).toBe('MLPS_API_TOKEN');
    expect(syncCronKey(mlpsConnector)).toBe('MLPS_SYNC_CRON');
    expect(Object.keys(envShapeOf(mlpsConnector)).sort()).toEqual([
      'MLPS_API_TOKEN',
      'MLPS_BASE_URL',
      'MLPS_PAGE_SIZE',
      'MLPS_TIMEOUT_MS',
    ]);
    expect(secretEnvKeys(mlpsConnector)).toEqual(['MLPS_API_TOKEN']);
  });

  it('finds the config field a secret is renamed to by the mapping', () => {
    expect(secretConfigFields(mlpsConnector)).toEqual(['token']);
  });

  it('reads a connector’s settings out of the parsed environment and maps them to its config', () => {
    const env = {
      MLPS_BASE_URL: 'https://mlps.example.gov.cn',
      MLPS_API_TOKEN: 't0k',
      MLPS_TIMEOUT_MS: 3000,
      MLPS_PAGE_SIZE: 40,
      VIDEO_TOKEN: 'not mine',
    };

    const settings = settingsFromEnv(mlpsConnector, env);
    expect(settings).toEqual({
      BASE_URL: 'https://mlps.example.gov.cn',
      API_TOKEN: 't0k',
      TIMEOUT_MS: 3000,
      PAGE_SIZE: 40,
    });
    expect(mlpsConnector.configSchema.parse(mlpsConnector.configFromSettings(settings))).toMatchObject({
      baseUrl: 'https://mlps.example.gov.cn',
      token: 't0k',
      timeoutMs: 3000,
      pageSize: 40,
    });
  });
});
