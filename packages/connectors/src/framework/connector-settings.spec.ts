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
      'MLPS_BASE_DELAY_MS',
      'MLPS_BASE_URL',
      'MLPS_BREAKER_COOLDOWN_MS',
      'MLPS_BREAKER_THRESHOLD',
      'MLPS_MAX_ATTEMPTS',
      'MLPS_MAX_CONCURRENCY',
      'MLPS_MAX_DELAY_MS',
      'MLPS_MAX_REQUESTS_PER_SECOND',
      'MLPS_PAGE_SIZE',
      'MLPS_REASK_DELAY_MS',
      'MLPS_REASK_LOST_PAGES',
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

  it.each(CONNECTORS.map((c) => [c.id, c] as const))(
    '%s takes its timeout, retries, breaker and re-asking from its keys, and keeps its defaults without them',
    (_id, connector) => {
      const parse = (env: Record<string, string>) => {
        const settings = z.object(envShapeOf(connector)).parse(env);
        return connector.configSchema.parse(
          connector.configFromSettings(settingsFromEnv(connector, settings) as never),
        ) as Record<string, unknown>;
      };
      const defaults = parse({});
      const tuned = parse({
        [envKey(connector, 'TIMEOUT_MS')]: '300',
        [envKey(connector, 'MAX_ATTEMPTS')]: '1',
        [envKey(connector, 'BASE_DELAY_MS')]: '5',
        [envKey(connector, 'MAX_DELAY_MS')]: '50',
        [envKey(connector, 'BREAKER_THRESHOLD')]: '9',
        [envKey(connector, 'BREAKER_COOLDOWN_MS')]: '100',
        [envKey(connector, 'REASK_LOST_PAGES')]: 'false',
        [envKey(connector, 'REASK_DELAY_MS')]: '10',
        [envKey(connector, 'MAX_CONCURRENCY')]: '16',
        [envKey(connector, 'MAX_REQUESTS_PER_SECOND')]: '0',
      });
      expect(tuned).toMatchObject({
        timeoutMs: 300,
        maxAttempts: 1,
        baseDelayMs: 5,
        maxDelayMs: 50,
        breakerThreshold: 9,
        breakerCooldownMs: 100,
        reaskLostPages: false,
        reaskDelayMs: 10,
        maxConcurrency: 16,
        maxRequestsPerSecond: 0,
      });
      expect(defaults).toMatchObject({ maxAttempts: 4, breakerCooldownMs: 30_000, reaskLostPages: true });
      expect(defaults['timeoutMs']).toBeGreaterThanOrEqual(10_000);
    },
  );
});
