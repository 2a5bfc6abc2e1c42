import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ZSourceId } from '@hub/contracts';
import { allPacks } from '@hub/rules';
import { SOURCE_IDS } from './catalogue';
import { govCloudConnector } from './gov-cloud/gov-cloud.connector';
import { RecordingLogger } from './testing/recording-logger';
import { CONNECTORS, getConnector } from './registry';

describe('CONNECTORS', () => {
  it('registers each source at most once, under a well-formed source id, with its kinds and a bilingual title', () => {
    const ids = CONNECTORS.map((c) => c.id);

    expect(new Set(ids).size).toBe(ids.length);
    for (const connector of CONNECTORS) {
      expect(ZSourceId.safeParse(connector.id).success).toBe(true);
      expect(connector.records.length).toBeGreaterThan(0);
      expect(connector.title.zh).not.toBe('');
      expect(connector.title.en).not.toBe('');
    }
  });

  it('runs every connector through the conformance suite, from a spec in its own folder', () => {
    for (const connector of CONNECTORS) {
      const spec = join(__dirname, connector.id, `${connector.id}.conformance.spec.ts`);
      expect(existsSync(spec), `${connector.id} has ${spec}`).toBe(true);
      expect(readFileSync(spec, 'utf8')).toMatch(
        /describeConnectorConformance\(\{\s*connector: \w+Connector,/,
      );
    }
  });

  it('names one of its own record kinds as what a recovery needs, when it names one', () => {
    const needing = CONNECTORS.filter((c) => c.recoveryNeeds !== undefined);

    expect(needing.length).toBeGreaterThan(0);
    for (const connector of needing) {
      expect(connector.records.map((r) => r.kind)).toContain(connector.recoveryNeeds);
    }
  });

  it('has a connector for every source a rule of any pack reads', () => {
    const read = new Set(allPacks().flatMap((pack) => pack.rules.flatMap((rule) => rule.sources)));

    expect(read.size).toBeGreaterThan(0);
    for (const source of read) expect(SOURCE_IDS).toContain(source);
  });
});

describe(getConnector.name, () => {
  it('finds each registered connector by its id, and none for an unknown one', () => {
    expect(getConnector('gov-cloud')).toBe(govCloudConnector);
    for (const id of SOURCE_IDS) expect(getConnector(id)?.id).toBe(id);
    expect(getConnector('weather')).toBeUndefined();
  });

  it('creates a client from config validated by the connector schema, defaults filled in', () => {
    const sut = getConnector('gov-cloud')!;

    const config = sut.configSchema.parse({
      baseUrl: 'http://127.0.0.1:4101',
      accessKey: 'ak',
      secretKey: 'sk',
    });
    const client = sut.create(config, { logger: new RecordingLogger() });

    expect(config).toEqual({
      baseUrl: 'http://127.0.0.1:4101',
      accessKey: 'ak',
      secretKey: 'sk',
      pageSize: 500,
      tenantPageSize: 100,
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
    expect(govCloudConnector.records.map((r) => r.kind).sort()).toEqual(['resource', 'tenant']);
  });

  it('rejects a gov-cloud config with every bad key listed', () => {
    const result = govCloudConnector.configSchema.safeParse({
      baseUrl: 'ftp://cloud',
      accessKey: '',
      secretKey: 'sk',
      pageSize: 1001,
      tenantPageSize: '0',
    });

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'accessKey',
      'baseUrl',
      'pageSize',
      'tenantPageSize',
    ]);
  });

  it('reads numbers given as strings, as environment variables are', () => {
    const config = govCloudConnector.configSchema.parse({
      baseUrl: 'https://cloud.example.gov.cn/gw',
      accessKey: 'ak',
      secretKey: 'sk',
      pageSize: '200',
      timeoutMs: '5000',
    });

    expect(config).toMatchObject({ pageSize: 200, timeoutMs: 5_000 });
  });
});
