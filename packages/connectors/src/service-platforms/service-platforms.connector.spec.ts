import { RecordingLogger } from '../testing/recording-logger';
import { servicePlatformsConnector } from './service-platforms.connector';
import { aHubApplication, aMobileService, aYwtbSystem } from './testing/service-platforms.factory';

describe('servicePlatformsConnector', () => {
  it('declares one bindable record kind per registry, each going to its key of the services group', () => {
    expect(
      servicePlatformsConnector.records.map(({ kind, group, key, bindable }) => ({
        kind,
        group,
        key,
        bindable,
      })),
    ).toEqual([
      { kind: 'ywtb-system', group: 'services', key: 'ywtb', bindable: true },
      { kind: 'ybyh-service', group: 'services', key: 'ybyh', bindable: true },
      { kind: 'brain-app', group: 'services', key: 'brain', bindable: true },
    ]);
    expect(servicePlatformsConnector.id).toBe('service-platforms');
    expect(servicePlatformsConnector.title.zh).toContain('一网通办');
  });

  it('maps each kind with the mapper of its registry', () => {
    const [ywtb, ybyh, brain] = servicePlatformsConnector.records;
    const system = aYwtbSystem();
    const service = aMobileService();
    const app = aHubApplication();

    expect(ywtb?.toFact(system)).toMatchObject({ systemCode: system.systemCode });
    expect(ybyh?.toFact(service)).toMatchObject({ serviceId: service.serviceId });
    expect(brain?.toFact(app)).toMatchObject({ appId: app.appId });
  });

  it('creates a client from config validated by its schema, defaults filled in', () => {
    const config = servicePlatformsConnector.configSchema.parse({
      baseUrl: 'http://127.0.0.1:4105',
      appKey: 'key',
      appSecret: 'secret',
    });
    const client = servicePlatformsConnector.create(config, { logger: new RecordingLogger() });

    expect(config).toEqual({
      baseUrl: 'http://127.0.0.1:4105',
      appKey: 'key',
      appSecret: 'secret',
      pageSize: 200,
      timeoutMs: 10_000,
      maxAttempts: 4,
      baseDelayMs: 250,
      maxDelayMs: 10_000,
      breakerThreshold: 5,
      breakerCooldownMs: 30_000,
      maxConcurrency: 4,
      maxRequestsPerSecond: 20,
      reaskLostPages: true,
      reaskDelayMs: 2_000,
    });
    expect(client.circuitState()).toBe('closed');
  });

  it('rejects a config with every bad key listed', () => {
    const result = servicePlatformsConnector.configSchema.safeParse({
      baseUrl: 'ftp://gateway',
      appKey: '',
      pageSize: 201,
      maxAttempts: '0',
    });

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'appKey',
      'appSecret',
      'baseUrl',
      'maxAttempts',
      'pageSize',
    ]);
  });

  it('reads numbers given as strings, as environment variables are', () => {
    const config = servicePlatformsConnector.configSchema.parse({
      baseUrl: 'https://gateway.example.gov.cn/open',
      appKey: 'key',
      appSecret: 'secret',
      pageSize: '50',
      timeoutMs: '5000',
    });

    expect(config).toMatchObject({ pageSize: 50, timeoutMs: 5_000 });
  });
});
