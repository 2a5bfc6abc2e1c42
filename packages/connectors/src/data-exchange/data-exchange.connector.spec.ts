import { RecordingLogger } from '../testing/recording-logger';
import { DataExchangeClient } from './data-exchange.client';
import { dataExchangeConnector } from './data-exchange.connector';
import { aCatalogEntry, anExchangeStats, anExchangeSystem } from './testing/data-exchange.factory';

describe('dataExchangeConnector', () => {
  it('declares systems as bindable and entries and statistics as children of their system', () => {
    expect(
      dataExchangeConnector.records.map(({ kind, group, key, bindable, parentKind }) => ({
        kind,
        group,
        key,
        bindable,
        parentKind,
      })),
    ).toEqual([
      { kind: 'system', group: 'dataExchange', key: 'systems', bindable: true, parentKind: undefined },
      { kind: 'catalog-entry', group: 'dataExchange', key: 'catalog', bindable: false, parentKind: 'system' },
      { kind: 'exchange-stats', group: 'dataExchange', key: 'stats', bindable: false, parentKind: 'system' },
    ]);
    expect(dataExchangeConnector).toMatchObject({
      id: 'data-exchange',
      title: { zh: '政务信息资源共享交换平台', en: 'data sharing and exchange platform' },
    });
  });

  it('maps stored payloads of each kind to their facts', () => {
    const [system, entry, stats] = dataExchangeConnector.records;
    const s = anExchangeSystem();
    const e = aCatalogEntry({ systemId: s.systemId });
    const st = anExchangeStats({ systemId: s.systemId });

    expect(system!.toFact(s)).toMatchObject({ systemId: s.systemId });
    expect(entry!.toFact(e)).toMatchObject({ resourceCode: e.resourceCode, systemId: s.systemId });
    expect(stats!.toFact(st)).toMatchObject({ systemId: s.systemId, days: 30 });
  });

  it('creates a client from config with the defaults filled in', () => {
    const config = dataExchangeConnector.configSchema.parse({
      baseUrl: 'http://127.0.0.1:4102',
      clientId: 'hub',
      clientSecret: 'secret',
    });

    const client = dataExchangeConnector.create(config, { logger: new RecordingLogger() });

    expect(config).toEqual({
      baseUrl: 'http://127.0.0.1:4102',
      clientId: 'hub',
      clientSecret: 'secret',
      pageSize: 500,
      statsDays: 30,
      incrementalOverlapMs: 60_000,
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
    expect(client).toBeInstanceOf(DataExchangeClient);
    expect(client.circuitState()).toBe('closed');
  });

  it('rejects a config with every bad key listed', () => {
    const result = dataExchangeConnector.configSchema.safeParse({
      baseUrl: 'ftp://exchange',
      clientId: '',
      pageSize: 501,
      statsDays: '14',
      incrementalOverlapMs: -1,
    });

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'baseUrl',
      'clientId',
      'clientSecret',
      'incrementalOverlapMs',
      'pageSize',
      'statsDays',
    ]);
  });

  it('reads numbers given as strings, as environment variables are', () => {
    const config = dataExchangeConnector.configSchema.parse({
      baseUrl: 'https://exchange.example.gov.cn/gw',
      clientId: 'hub',
      clientSecret: 'secret',
      pageSize: '200',
      statsDays: '90',
      timeoutMs: '5000',
    });

    expect(config).toMatchObject({ pageSize: 200, statsDays: 90, timeoutMs: 5_000 });
  });
});
