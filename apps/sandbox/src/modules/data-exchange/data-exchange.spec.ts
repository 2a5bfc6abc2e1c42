import {
  DATA_EXCHANGE_PATHS,
  type TDataExchangeCatalogEntry,
  type TDataExchangeStats,
  type TDataExchangeSystem,
} from '@hub/contracts';
import { type RunningSandbox, startSandbox } from '../../framework/sandbox';
import { SandboxUsageError } from '../../framework/sandbox-error';
import { DATA_EXCHANGE_DEMO_CLIENT_ID, DATA_EXCHANGE_DEMO_CLIENT_SECRET } from './data-exchange.credentials';
import { createDataExchangeModule, dataExchangeModule } from './data-exchange.module';
import { buildDataExchangeRecords, dataExchangeDataset } from './testing/data-exchange.dataset';
import { authedGet, demoToken, read, requestToken } from './testing/data-exchange.test-client';

const NOW = '2025-06-30T09:00:00+08:00';
const records = buildDataExchangeRecords(NOW);
const dataset = dataExchangeDataset(records);
const systems = records.systems as Partial<TDataExchangeSystem>[];
const catalog = records.catalog as Partial<TDataExchangeCatalogEntry>[];
const stats = records.stats as Partial<TDataExchangeStats>[];
const { systems: SYSTEMS, catalog: CATALOG, stats: STATS } = DATA_EXCHANGE_PATHS;
/** Without the 300 ms of the real slow endpoint: tests never wait for it unless they are about it. */
const quickModule = createDataExchangeModule({ systemStatsDelayMs: 0 });

const key = (r: unknown) => JSON.stringify(r);
const sortedKeys = (rs: readonly unknown[]) => rs.map(key).sort();

describe(dataExchangeModule.title, () => {
  let sut: RunningSandbox;
  let url: string;
  let token: string;
  /** the platform's clock; tests move it to expire tokens without waiting */
  let clockMs: number;
  /** random numbers the next requests will draw, in order */
  let draws: number[];

  /** GETs every page of a list at `size` and returns the records in order. */
  async function walk(path: string, query: string, size: number): Promise<unknown[]> {
    const items: unknown[] = [];
    for (let page = 1; page < 1000; page++) {
      const res = await authedGet(url, `${path}?${query}&page=${page}&size=${size}`, token);
      expect(res.body).toMatchObject({ success: true, result: { page, size } });
      const { total, records: pageRecords } = res.body.result;
      items.push(...pageRecords);
      if (pageRecords.length === 0 || items.length >= total) return items;
    }
    throw new Error('paging never ended');
  }

  beforeAll(async () => {
    clockMs = Date.parse(NOW);
    sut = await startSandbox({
      dataset,
      ports: { 'data-exchange': 0 },
      modules: [quickModule],
      clock: () => clockMs,
      random: () => {
        const next = draws.shift();
        if (next === undefined) throw new Error('a fault drew a random number the test did not plan');
        return next;
      },
    });
    url = sut.urls['data-exchange']!;
    token = await demoToken(url);
  });
  beforeEach(() => {
    draws = [];
    sut.faults.reset();
  });
  afterAll(() => sut.stop());

  describe('POST /oauth/token', () => {
    it('issues a Bearer token for the demo client credentials posted as a form', async () => {
      const res = await requestToken(url);

      expect(res.status).toBe(200);
      expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 7200 });
      expect(res.body.access_token).not.toBe(token);
      expect(res.headers.get('cache-control')).toBe('no-store');
    });

    it.each([
      ['a wrong client_secret', { client_secret: 'guessed' }],
      ['an unknown client_id', { client_id: 'someone-else' }],
    ])('refuses %s with HTTP 401 INVALID_CLIENT', async (_label, form) => {
      const res = await requestToken(url, form);

      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        success: false,
        errorCode: 'INVALID_CLIENT',
        errorMsg: 'client authentication failed',
      });
    });

    it('refuses a grant type other than client_credentials with HTTP 400 UNSUPPORTED_GRANT_TYPE', async () => {
      const res = await requestToken(url, { grant_type: 'password' });

      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ success: false, errorCode: 'UNSUPPORTED_GRANT_TYPE' });
    });

    it('refuses a form without client_secret with HTTP 400 INVALID_REQUEST naming the field', async () => {
      const body = new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: DATA_EXCHANGE_DEMO_CLIENT_ID,
      });

      const res = await read(await fetch(`${url}${DATA_EXCHANGE_PATHS.token}`, { method: 'POST', body }));

      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        success: false,
        errorCode: 'INVALID_REQUEST',
        errorMsg: expect.stringContaining('client_secret'),
      });
    });

    it('refuses credentials sent as JSON instead of a form with HTTP 400 INVALID_REQUEST', async () => {
      const res = await read(
        await fetch(`${url}${DATA_EXCHANGE_PATHS.token}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            grant_type: 'client_credentials',
            client_id: DATA_EXCHANGE_DEMO_CLIENT_ID,
            client_secret: DATA_EXCHANGE_DEMO_CLIENT_SECRET,
          }),
        }),
      );

      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        errorCode: 'INVALID_REQUEST',
        errorMsg: expect.stringContaining('x-www-form-urlencoded'),
      });
    });

    it('accepts credentials and a token lifetime given to startSandbox instead of the demo ones', async () => {
      const custom = await startSandbox({
        dataset,
        ports: { 'data-exchange': 0 },
        modules: [quickModule],
        credentials: { dataExchange: { clientId: 'hub-2', clientSecret: 'secret-2', tokenTtlSeconds: 2 } },
      });
      try {
        const customUrl = custom.urls['data-exchange']!;
        const good = await requestToken(customUrl, { client_id: 'hub-2', client_secret: 'secret-2' });
        const demo = await requestToken(customUrl);

        expect(good.body).toMatchObject({ token_type: 'Bearer', expires_in: 2 });
        expect(demo.status).toBe(401);
        expect(custom.credentials['data-exchange']).toEqual({ clientId: 'hub-2', clientSecret: 'secret-2' });
      } finally {
        await custom.stop();
      }
    });

    it('refuses to start with a token lifetime that is not a whole number of seconds', async () => {
      await expect(
        startSandbox({
          dataset,
          ports: { 'data-exchange': 0 },
          modules: [quickModule],
          credentials: { dataExchange: { clientId: 'a', clientSecret: 'b', tokenTtlSeconds: 0.5 } },
        }),
      ).rejects.toThrow(SandboxUsageError);
    });
  });

  describe('bearer token', () => {
    it('refuses a request without a token with HTTP 401 INVALID_TOKEN', async () => {
      const res = await read(await fetch(`${url}${SYSTEMS}`));

      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ success: false, errorCode: 'INVALID_TOKEN' });
    });

    it('refuses a token it never issued with HTTP 401 INVALID_TOKEN', async () => {
      const res = await authedGet(url, SYSTEMS, 'forged-token');

      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ errorCode: 'INVALID_TOKEN' });
    });

    it('answers TOKEN_EXPIRED with HTTP 401 once the lifetime has passed on the platform clock', async () => {
      const issuedAt = clockMs;
      const fresh = await demoToken(url);
      try {
        clockMs = issuedAt + 7_199_999;
        const lastMoment = await authedGet(url, SYSTEMS, fresh);
        clockMs = issuedAt + 7_200_000;
        const expired = await authedGet(url, SYSTEMS, fresh);

        expect(lastMoment.body.success).toBe(true);
        expect(expired.status).toBe(401);
        expect(expired.body).toEqual({
          success: false,
          errorCode: 'TOKEN_EXPIRED',
          errorMsg: 'access token expired, request a new one',
        });
      } finally {
        clockMs = issuedAt;
      }
    });
  });

  describe(`GET ${SYSTEMS}`, () => {
    it('walks every system exactly once page by page, in modifiedAt order', async () => {
      const items = (await walk(SYSTEMS, 'x=1', 7)) as Partial<TDataExchangeSystem>[];

      expect(sortedKeys(items)).toEqual(sortedKeys(systems));
      const times = items.map((s) => Date.parse(s.modifiedAt!));
      expect(times).toEqual([...times].sort((a, b) => a - b));
    });

    it('answers page 1 of up to 100 systems by default, with the total', async () => {
      const res = await authedGet(url, SYSTEMS, token);

      expect(res.body.result).toMatchObject({ total: systems.length, page: 1, size: 100 });
      expect(res.body.result.records).toHaveLength(Math.min(100, systems.length));
    });

    it('answers a page past the end with no records and the total', async () => {
      const res = await authedGet(url, `${SYSTEMS}?page=9&size=500`, token);

      expect(res.body).toEqual({
        success: true,
        result: { total: systems.length, page: 9, size: 500, records: [] },
      });
    });

    it('returns only systems modified after modifiedAfter, tombstones included', async () => {
      const ordered = systems.map((s) => s.modifiedAt!).sort((a, b) => Date.parse(a) - Date.parse(b));
      const boundary = ordered[Math.floor(ordered.length / 2)]!;

      const items = (await walk(
        SYSTEMS,
        `modifiedAfter=${encodeURIComponent(boundary)}`,
        5,
      )) as Partial<TDataExchangeSystem>[];

      expect(sortedKeys(items)).toEqual(
        sortedKeys(systems.filter((s) => Date.parse(s.modifiedAt!) > Date.parse(boundary))),
      );
      expect(items.some((s) => s.modifiedAt === boundary)).toBe(false);
      expect(items.some((s) => s.accessStatus === 'DISCONNECTED')).toBe(true);
    });

    it('serves invalid records and unknown fields as they are', async () => {
      const items = (await walk(SYSTEMS, 'x=1', 500)) as Record<string, unknown>[];

      expect(items.some((s) => !('systemId' in s))).toBe(true);
      expect(items.some((s) => s['accessStatus'] === 'ONLINE')).toBe(true);
      expect(items.some((s) => 'vendorContact' in s)).toBe(true);
    });
  });

  describe(`GET ${CATALOG}`, () => {
    it('walks every catalogue entry exactly once page by page', async () => {
      const items = await walk(CATALOG, 'x=1', 4);

      expect(sortedKeys(items)).toEqual(sortedKeys(catalog));
    });

    it("filters by systemId, returning the system's entries whatever their status", async () => {
      const systemId = systems.find((s) => s.accessStatus === 'DISCONNECTED')!.systemId!;

      const items = (await walk(CATALOG, `systemId=${systemId}`, 1)) as Partial<TDataExchangeCatalogEntry>[];

      expect(items.length).toBeGreaterThan(0);
      expect(sortedKeys(items)).toEqual(sortedKeys(catalog.filter((c) => c.systemId === systemId)));
      expect(items.every((c) => c.status === 'OFFLINE')).toBe(true);
    });

    it('combines modifiedAfter and systemId', async () => {
      const systemId = systems[4]!.systemId!;
      const own = catalog.filter((c) => c.systemId === systemId);
      const since = own[0]!.modifiedAt!;

      const items = await walk(
        CATALOG,
        `systemId=${systemId}&modifiedAfter=${encodeURIComponent(since)}`,
        10,
      );

      expect(sortedKeys(items)).toEqual(sortedKeys(own.slice(1)));
    });
  });

  describe(`GET ${STATS}`, () => {
    it('pages the 30-day statistics of every system by default, invalid ones included', async () => {
      const items = await walk(STATS, 'x=1', 6);

      expect(sortedKeys(items)).toEqual(sortedKeys(stats.filter((s) => s.days === 30)));
      expect(items).toContainEqual(expect.objectContaining({ providedCalls: -5 }));
    });

    it('answers the window asked for', async () => {
      const items = (await walk(STATS, 'days=7', 100)) as Partial<TDataExchangeStats>[];

      expect(items.length).toBeGreaterThan(0);
      expect(items.every((s) => s.days === 7)).toBe(true);
      expect(sortedKeys(items)).toEqual(sortedKeys(stats.filter((s) => s.days === 7)));
    });
  });

  describe('GET /api/open/v2/systems/{systemId}/exchange-stats', () => {
    it("answers one system's statistics of the window asked for", async () => {
      const record = stats.find((s) => s.days === 90 && s.systemId === systems[0]!.systemId)!;

      const res = await authedGet(url, `${DATA_EXCHANGE_PATHS.systemStats(record.systemId!)}?days=90`, token);

      expect(res.body).toEqual({ success: true, result: record });
    });

    it('answers HTTP 404 NOT_FOUND for a system without statistics and for an unknown system', async () => {
      const applying = systems.find((s) => s.accessStatus === 'APPLYING')!.systemId!;

      const none = await authedGet(url, DATA_EXCHANGE_PATHS.systemStats(applying), token);
      const unknown = await authedGet(url, DATA_EXCHANGE_PATHS.systemStats('SYS-NOPE'), token);

      expect(none.status).toBe(404);
      expect(none.body).toMatchObject({
        errorCode: 'NOT_FOUND',
        errorMsg: expect.stringContaining('30 days'),
      });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({
        errorCode: 'NOT_FOUND',
        errorMsg: expect.stringContaining('not registered'),
      });
    });

    it('is slow: it answers after the configured delay', async () => {
      const slow = await startSandbox({
        dataset,
        ports: { 'data-exchange': 0 },
        modules: [createDataExchangeModule({ systemStatsDelayMs: 150 })],
      });
      try {
        const slowUrl = slow.urls['data-exchange']!;
        const slowToken = await demoToken(slowUrl);
        const started = performance.now();

        const res = await authedGet(
          slowUrl,
          DATA_EXCHANGE_PATHS.systemStats(systems[0]!.systemId!),
          slowToken,
        );

        expect(res.body.success).toBe(true);
        expect(performance.now() - started).toBeGreaterThanOrEqual(145);
      } finally {
        await slow.stop();
      }
    });
  });

  it.each([
    [SYSTEMS, 'size=501', 'size'],
    [SYSTEMS, 'size=0', 'size'],
    [SYSTEMS, 'page=0', 'page'],
    [SYSTEMS, 'page=two', 'page'],
    [SYSTEMS, 'modifiedAfter=yesterday', 'modifiedAfter'],
    [SYSTEMS, 'modifiedAfter=2025-06-01', 'modifiedAfter'],
    [CATALOG, 'systemId=a&systemId=b', 'systemId'],
    [CATALOG, 'size=1.5', 'size'],
    [STATS, 'days=14', 'days'],
    [DATA_EXCHANGE_PATHS.systemStats('SYS-430600-0001'), 'days=1', 'days'],
  ])('answers %s?%s with HTTP 400 INVALID_PARAMETER naming the parameter', async (path, query, name) => {
    const res = await authedGet(url, `${path}?${query}`, token);

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      success: false,
      errorCode: 'INVALID_PARAMETER',
      errorMsg: expect.stringContaining(name),
    });
  });

  describe('faults', () => {
    it('answers a drawn rate limit with HTTP 429, Retry-After and RATE_LIMITED', async () => {
      sut.faults.update('data-exchange', { rateLimitRate: 0.3 });
      draws = [0.29];

      const res = await authedGet(url, SYSTEMS, token);

      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(res.body).toMatchObject({ success: false, errorCode: 'RATE_LIMITED' });
    });

    it('answers a drawn internal error as a bare HTTP 500 when the second draw is low', async () => {
      sut.faults.update('data-exchange', { errorRate: 0.5 });
      draws = [0.49, 0.2];

      const res = await authedGet(url, SYSTEMS, token);

      expect(res.status).toBe(500);
      expect(res.contentType).toContain('text/plain');
      expect(draws).toEqual([]);
    });

    it('answers a drawn internal error as HTTP 200 with SYSTEM_ERROR when the second draw is high', async () => {
      sut.faults.update('data-exchange', { errorRate: 0.5 });
      draws = [0.1, 0.8];

      const res = await authedGet(url, SYSTEMS, token);

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ success: false, errorCode: 'SYSTEM_ERROR' });
    });

    it('answers every request, the token request too, with a JSON HTTP 503 during maintenance, drawing nothing', async () => {
      sut.faults.update('data-exchange', { maintenance: true, errorRate: 1 });

      const api = await authedGet(url, SYSTEMS, token);
      const tokenRes = await requestToken(url);

      for (const res of [api, tokenRes]) {
        expect(res.status).toBe(503);
        expect(res.body).toMatchObject({ success: false, errorCode: 'SERVICE_UNAVAILABLE' });
      }
    });
  });

  it('answers an unknown path with HTTP 404 and the error envelope', async () => {
    const res = await read(await fetch(`${url}/api/open/v3/whatever`));

    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ success: false, errorCode: 'NOT_FOUND' });
  });

  it('reports its record counts and tokens on the health endpoint', async () => {
    const res = await read(await fetch(`${url}/__sandbox/health`));

    expect(res.body).toMatchObject({
      status: 'ok',
      source: 'data-exchange',
      systems: systems.length,
      catalog: catalog.length,
      stats: stats.length,
      tokenTtlSeconds: 7200,
      tokensIssued: expect.any(Number),
    });
  });

  it('names the demo client in the credentials it reports', () => {
    expect(sut.credentials['data-exchange']).toEqual({
      clientId: DATA_EXCHANGE_DEMO_CLIENT_ID,
      clientSecret: DATA_EXCHANGE_DEMO_CLIENT_SECRET,
    });
  });
});
