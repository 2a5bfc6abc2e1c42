import type { TDataExchangeStats, TDataExchangeSystem } from '@hub/contracts';
import { RecordingLogger, collectingSink } from '@hub/connectors/testing';
import { DataExchangeClient, type DataExchangeClientOptions } from '@hub/connectors';
import { ZDataExchangeConfig } from '@hub/connectors';
import { type RunningSandbox, type SandboxOptions, startSandbox } from '../../framework/sandbox';
import { DATA_EXCHANGE_DEMO_CLIENT_ID, DATA_EXCHANGE_DEMO_CLIENT_SECRET } from './data-exchange.credentials';
import { createDataExchangeModule } from './data-exchange.module';
import { buildDataExchangeRecords, dataExchangeDataset } from './testing/data-exchange.dataset';

/**
 * The data-exchange connector against its simulator: what one side of the contract sends, the other
 * must read, token expiry included.
 */
const NOW = '2025-06-30T09:00:00+08:00';
const records = buildDataExchangeRecords(NOW);
const dataset = dataExchangeDataset(records);
const systems = records.systems as Partial<TDataExchangeSystem>[];
const stats = records.stats as Partial<TDataExchangeStats>[];
const validSystems = systems.filter((s) => s.systemId && s.accessStatus !== ('ONLINE' as never));
const quickModule = createDataExchangeModule({ systemStatsDelayMs: 0 });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function sandbox(options: Partial<SandboxOptions> = {}): Promise<RunningSandbox> {
  return startSandbox({ dataset, ports: { 'data-exchange': 0 }, modules: [quickModule], ...options });
}

function client(
  running: RunningSandbox,
  overrides: Record<string, unknown> = {},
  options: DataExchangeClientOptions = {},
) {
  const config = ZDataExchangeConfig.parse({
    baseUrl: running.urls['data-exchange'],
    clientId: DATA_EXCHANGE_DEMO_CLIENT_ID,
    clientSecret: DATA_EXCHANGE_DEMO_CLIENT_SECRET,
    pageSize: 7,
    incrementalOverlapMs: 0,
    maxRequestsPerSecond: 0,
    baseDelayMs: 1,
    maxDelayMs: 5,
    ...overrides,
  });
  const logger = new RecordingLogger();
  return { sut: new DataExchangeClient(config, { logger }, options), logger };
}

async function tokensIssued(running: RunningSandbox): Promise<number> {
  const health = (await (await fetch(`${running.urls['data-exchange']}/__sandbox/health`)).json()) as {
    tokensIssued: number;
  };
  return health.tokensIssued;
}

describe('data-exchange connector against the simulator', () => {
  let running: RunningSandbox | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it('syncs every system, catalogue entry and 30-day statistic, reporting the invalid ones as problems', async () => {
    running = await sandbox();
    const { sut } = client(running);
    const { pages, sink } = collectingSink();

    const outcome = await sut.sync({ mode: 'full', cursor: null }, sink);

    const stats30 = stats.filter((s) => s.days === 30);
    expect(outcome).toMatchObject({
      complete: true,
      error: null,
      recordsSeen: systems.length + records.catalog.length + stats30.length,
      recordsInvalid: 4,
    });
    const kept = pages.flatMap((p) => p.records);
    expect(kept.filter((r) => r.kind === 'system')).toHaveLength(validSystems.length);
    expect(kept.filter((r) => r.kind === 'exchange-stats')).toHaveLength(stats30.length - 1);
    expect(kept.filter((r) => r.tombstone).length).toBeGreaterThan(0);
    expect(pages.flatMap((p) => p.problems).map((p) => p.kind)).toEqual([
      'system',
      'system',
      'catalog-entry',
      'exchange-stats',
    ]);
    expect(JSON.parse(outcome.cursor!)).toEqual({
      systems: expect.any(String),
      catalog: expect.any(String),
    });
  });

  it('continues incrementally from a full sync, reading no system or entry again when nothing changed', async () => {
    running = await sandbox();
    const { sut } = client(running);
    const first = await sut.sync({ mode: 'full', cursor: null }, collectingSink().sink);
    const { pages, sink } = collectingSink();

    const second = await sut.sync({ mode: 'incremental', cursor: first.cursor }, sink);

    expect(second).toMatchObject({ complete: true, cursor: first.cursor });
    expect(new Set(pages.flatMap((p) => p.records.map((r) => r.kind)))).toEqual(new Set(['exchange-stats']));
  });

  it('renews a 1-second token that the platform expires mid-sync, once per refused call, and completes', async () => {
    running = await sandbox({
      credentials: {
        dataExchange: {
          clientId: DATA_EXCHANGE_DEMO_CLIENT_ID,
          clientSecret: DATA_EXCHANGE_DEMO_CLIENT_SECRET,
          tokenTtlSeconds: 1,
        },
      },
    });
    // The hub's clock stands still, so only the platform can say the token has expired.
    const frozen = Date.now();
    const { sut, logger } = client(running, {}, { now: () => frozen });
    let waited = false;

    const outcome = await sut.sync({ mode: 'full', cursor: null }, async () => {
      if (!waited) await sleep(1_100);
      waited = true;
    });

    expect(outcome).toMatchObject({ complete: true, error: null });
    // Once after the pause; again only if the rest of the sync outlasted the new token on a busy machine.
    const refusals = logger.entries.filter((e) => e.msg?.startsWith('access token refused'));
    expect(refusals.length).toBeGreaterThanOrEqual(1);
    for (const refusal of refusals) {
      expect(refusal.obj).toMatchObject({ upstreamCode: 'TOKEN_EXPIRED', httpStatus: 401 });
    }
    expect(await tokensIssued(running)).toBe(refusals.length + 1);
  });

  it('renews a 1-second token shortly before it runs out when the sync outlasts it, without a 401', async () => {
    running = await sandbox({
      credentials: {
        dataExchange: {
          clientId: DATA_EXCHANGE_DEMO_CLIENT_ID,
          clientSecret: DATA_EXCHANGE_DEMO_CLIENT_SECRET,
          tokenTtlSeconds: 1,
        },
      },
    });
    const { sut, logger } = client(running);
    let waited = false;

    const outcome = await sut.sync({ mode: 'full', cursor: null }, async () => {
      if (!waited) await sleep(1_000);
      waited = true;
    });

    expect(outcome.complete).toBe(true);
    expect(logger.entries.some((e) => e.msg?.startsWith('access token refused'))).toBe(false);
    expect(await tokensIssued(running)).toBe(2);
  });

  it("fetches one project's systems by project code and by unit, with their catalogue and per-system statistics", async () => {
    running = await sandbox();
    const tagged = validSystems.find((s) => s.projectCode)!;
    const ofUnit = validSystems.find((s) => !s.projectCode && s.unitCode !== tagged.unitCode)!;
    const expected = validSystems.filter(
      (s) => s.projectCode === tagged.projectCode || s.unitCode === ofUnit.unitCode,
    );
    const { sut } = client(running);
    const { pages, sink } = collectingSink();

    const outcome = await sut.fetchForProject(
      { projectCode: tagged.projectCode!, unitCode: ofUnit.unitCode! },
      sink,
    );

    expect(outcome).toMatchObject({ complete: true, error: null });
    const kept = pages.flatMap((p) => p.records);
    const systemIds = expected.map((s) => s.systemId!);
    expect(kept.filter((r) => r.kind === 'system').map((r) => r.externalId)).toEqual(systemIds);
    expect(new Set(kept.filter((r) => r.kind === 'catalog-entry').map((r) => r.parentExternalId))).toEqual(
      new Set(systemIds),
    );
    expect(kept.filter((r) => r.kind === 'exchange-stats').map((r) => r.externalId)).toEqual(
      systemIds.filter((id) => stats.some((s) => s.systemId === id && s.days === 30)).map((id) => `${id}:30`),
    );
  });

  it('reports refused client credentials as a typed auth error', async () => {
    running = await sandbox();
    const { sut } = client(running, { clientSecret: 'not-the-secret' });

    const outcome = await sut.sync({ mode: 'full', cursor: null }, collectingSink().sink);

    expect(outcome).toMatchObject({ complete: false, pagesFetched: 0 });
    expect(outcome.error).toMatchObject({ code: 'auth', httpStatus: 401, upstreamCode: 'INVALID_CLIENT' });
  });

  it('reports maintenance as a maintenance error once its retries are spent', async () => {
    running = await sandbox();
    running.faults.update('data-exchange', { maintenance: true });
    const { sut } = client(running, { maxAttempts: 2 });

    const outcome = await sut.sync({ mode: 'full', cursor: null }, collectingSink().sink);

    expect(outcome.error).toMatchObject({
      code: 'maintenance',
      httpStatus: 503,
      upstreamCode: 'SERVICE_UNAVAILABLE',
    });
  });

  it('waits out a rate limit (HTTP 429, Retry-After 1 s) and an in-band SYSTEM_ERROR, and completes', async () => {
    // Per request the platform draws for a rate limit, then for an error, then for the error's shape:
    // the token request is throttled once, the first systems page fails in-band, the rest pass.
    const draws = [0.1, 0.9, 0.9, 0.9, 0.1, 0.8];
    running = await sandbox({ random: () => draws.shift() ?? 0.9 });
    running.faults.update('data-exchange', { rateLimitRate: 0.5, errorRate: 0.5 });
    const { sut, logger } = client(running);
    const started = performance.now();

    const outcome = await sut.sync({ mode: 'full', cursor: null }, collectingSink().sink);

    expect(outcome).toMatchObject({ complete: true, error: null });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(
      logger.entries.filter((e) => e.msg === 'upstream call failed, retrying').map((e) => e.obj),
    ).toEqual([
      expect.objectContaining({ code: 'rate-limited', delayMs: 1_000 }),
      expect.objectContaining({ code: 'upstream-error', upstreamCode: 'SYSTEM_ERROR' }),
    ]);
  });
});
