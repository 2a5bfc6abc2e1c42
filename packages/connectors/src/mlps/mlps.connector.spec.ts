import { RecordingLogger } from '../testing/recording-logger';
import { aFiling } from './testing/mlps.factory';
import { MlpsClient } from './mlps.client';
import { ZMlpsConfig } from './mlps.config';
import { mlpsConnector } from './mlps.connector';

describe('mlpsConnector', () => {
  it('declares filings as bindable facts of the mlps group under filings', () => {
    expect(mlpsConnector).toMatchObject({ id: 'mlps', title: { zh: '网络安全等级保护备案系统' } });
    expect(mlpsConnector.records).toEqual([
      expect.objectContaining({ kind: 'filing', group: 'mlps', key: 'filings', bindable: true }),
    ]);
    expect(mlpsConnector.records[0]?.parentKind).toBeUndefined();
  });

  it('maps a stored filing payload to its fact through the record spec', () => {
    const payload = aFiling({ filingNo: '43060043001-24017', updatedAt: '2025-03-01 09:00:00' });

    const sut = mlpsConnector.records[0]!.toFact(payload);

    expect(sut).toMatchObject({
      filingNo: '43060043001-24017',
      acceptingDivision: '430600',
      updatedAt: '2025-03-01T09:00:00+08:00',
    });
  });

  it('creates a client with a closed circuit from config validated by its schema', () => {
    const config = mlpsConnector.configSchema.parse({ baseUrl: 'http://127.0.0.1:4103', token: 't' });

    const sut = mlpsConnector.create(config, { logger: new RecordingLogger() });

    expect(sut).toBeInstanceOf(MlpsClient);
    expect(sut.circuitState()).toBe('closed');
  });
});

describe('ZMlpsConfig', () => {
  it('fills in defaults, with a generous 15 s timeout and the largest page the registry allows', () => {
    const sut = ZMlpsConfig.parse({ baseUrl: 'http://127.0.0.1:4103', token: 'sandbox-mlps-token' });

    // The other resilience defaults are the framework's, shared by every source.
    expect(sut).toMatchObject({
      baseUrl: 'http://127.0.0.1:4103',
      token: 'sandbox-mlps-token',
      pageSize: 200,
      timeoutMs: 15_000,
      maxAttempts: 4,
      breakerThreshold: 5,
    });
  });

  it('reads numbers given as strings, as environment variables are', () => {
    const sut = ZMlpsConfig.parse({
      baseUrl: 'https://mlps.example.gov.cn/gw',
      token: 'tok',
      pageSize: '50',
      timeoutMs: '30000',
    });

    expect(sut).toMatchObject({ pageSize: 50, timeoutMs: 30_000 });
  });

  it('rejects a config with every bad key listed', () => {
    const result = ZMlpsConfig.safeParse({ baseUrl: 'ftp://mlps', token: '  ', pageSize: 201, timeoutMs: 0 });

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'baseUrl',
      'pageSize',
      'timeoutMs',
      'token',
    ]);
  });
});
