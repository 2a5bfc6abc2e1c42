import type { TMlpsFiling, TSandboxDataset } from '@hub/contracts';
import { type RunningSandbox, startSandbox } from '../../framework/sandbox';
import { SandboxUsageError } from '../../framework/sandbox-error';
import type { SandboxCredentials } from '../../framework/sandbox-module';
import { MLPS_DEMO_TOKEN } from './mlps.credentials';
import { mlpsModule } from './mlps.module';
import { aSandboxFiling, aUnitCode, registryTimeAt } from './testing/mlps.dataset';
import { draws, mlpsGet } from './testing/mlps.test-client';

const FILINGS = '/mlps/api/filings';

const unitCode = aUnitCode();
const ofUnit = [
  aSandboxFiling({ unitCode }),
  aSandboxFiling({ unitCode, projectCode: null }),
  // Retired last: an incremental listing must bring tombstones.
  aSandboxFiling({ unitCode, status: 'REVOKED', updatedAt: registryTimeAt(50_000) }),
  aSandboxFiling({ unitCode, status: 'CANCELLED', updatedAt: registryTimeAt(50_001) }),
];
const others = Array.from({ length: 20 }, () => aSandboxFiling());
const withUnknownField = aSandboxFiling({ policeStation: '岳阳楼分局' });
const badNumber = { ...aSandboxFiling(), filingNo: '4306-BAD' };
const unreadableTime = { ...aSandboxFiling(), updatedAt: '2025-02-30 08:00:00' };
const filings: unknown[] = [
  ...others.slice(0, 10),
  ...ofUnit,
  withUnknownField,
  badNumber,
  unreadableTime,
  'junk',
  ...others.slice(10),
];

function datasetOf(records: unknown[]): TSandboxDataset {
  return {
    govCloud: { tenants: [], resources: [] },
    dataExchange: { systems: [], catalog: [], stats: [] },
    mlps: { filings: records },
    video: { platforms: [], devices: [] },
    servicePlatforms: { ywtb: [], ybyh: [], brain: [] },
  };
}
const dataset = datasetOf(filings);

/** Every item of a listing, page by page, and the number of pages it took. */
async function walk(url: string, query: string, limit: number): Promise<{ items: unknown[]; pages: number }> {
  const items: unknown[] = [];
  for (let offset = 0, pages = 1; pages < 1000; pages++) {
    const res = await mlpsGet(url, `${FILINGS}?${query}&offset=${offset}&limit=${limit}`);
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    offset += res.body.items.length;
    if (res.body.items.length === 0 || offset >= res.body.total) return { items, pages };
  }
  throw new Error('paging never ended');
}

const key = (r: unknown) => JSON.stringify(r);
const sorted = (records: unknown[]) => records.map(key).sort();

async function withSandbox(
  options: { credentials?: SandboxCredentials; clock?: () => number; records?: unknown[] },
  test: (url: string, sandbox: RunningSandbox) => Promise<void>,
): Promise<void> {
  const sandbox = await startSandbox({
    dataset: datasetOf(options.records ?? [aSandboxFiling()]),
    ports: { mlps: 0 },
    modules: [mlpsModule],
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  try {
    await test(sandbox.urls.mlps!, sandbox);
  } finally {
    await sandbox.stop();
  }
}

describe(mlpsModule.title, () => {
  let sut: RunningSandbox;
  let url: string;

  beforeAll(async () => {
    sut = await startSandbox({ dataset, ports: { mlps: 0 }, modules: [mlpsModule] });
    url = sut.urls.mlps!;
  });
  afterAll(() => sut.stop());

  describe('X-Api-Token', () => {
    it('answers a bare { total, items } list to the demo token', async () => {
      const res = await mlpsGet(url, FILINGS);

      expect(res.status).toBe(200);
      expect(res.contentType).toContain('application/json');
      expect(Object.keys(res.body).sort()).toEqual(['items', 'total']);
      expect(res.body.total).toBe(filings.length);
    });

    it.each([
      ['a wrong token', 'not-the-token'],
      ['no token', null],
    ])('refuses %s with HTTP 403 and an HTML page, not JSON', async (_label, token) => {
      const res = await mlpsGet(url, FILINGS, { token });

      expect(res.status).toBe(403);
      expect(res.contentType).toContain('text/html');
      expect(res.text).toContain('<h1>403 Forbidden</h1>');
      expect(res.text).toContain('X-Api-Token');
    });

    it('guards the single-filing endpoint too', async () => {
      const res = await mlpsGet(url, `${FILINGS}/${others[0]!.filingNo}`, { token: 'nope' });

      expect(res.status).toBe(403);
    });

    it('accepts the token given to startSandbox instead of the demo one, and reports it', async () => {
      await withSandbox({ credentials: { mlps: { token: 'token-2' } } }, async (customUrl, sandbox) => {
        const good = await mlpsGet(customUrl, FILINGS, { token: 'token-2' });
        const demo = await mlpsGet(customUrl, FILINGS);

        expect(good.status).toBe(200);
        expect(demo.status).toBe(403);
        expect(sandbox.credentials.mlps).toEqual({ token: 'token-2' });
      });
    });

    it('reports the demo token when given none', () => {
      expect(sut.credentials.mlps).toEqual({ token: MLPS_DEMO_TOKEN });
    });
  });

  describe(`GET ${FILINGS}`, () => {
    it('answers the first 50 filings by default, ordered by filing number, as the dataset holds them', async () => {
      const res = await mlpsGet(url, FILINGS);

      const byNumber = [...filings].sort((a, b) => {
        const na = (a as { filingNo?: string }).filingNo ?? '';
        const nb = (b as { filingNo?: string }).filingNo ?? '';
        return na < nb ? -1 : na > nb ? 1 : 0;
      });
      expect(res.body.items).toEqual(byNumber.slice(0, 50));
    });

    it('walks every filing exactly once by offset and limit', async () => {
      const { items, pages } = await walk(url, '', 7);

      expect(items).toHaveLength(filings.length);
      expect(sorted(items)).toEqual(sorted(filings));
      expect(pages).toBe(Math.ceil(filings.length / 7));
    });

    it('answers an offset past the end with no items and the total', async () => {
      const res = await mlpsGet(url, `${FILINGS}?offset=1000&limit=10`);

      expect(res.body).toEqual({ total: filings.length, items: [] });
    });

    it('serves 200 filings at most per page', async () => {
      const many = Array.from({ length: 230 }, () => aSandboxFiling());
      await withSandbox({ records: many }, async (bigUrl) => {
        const res = await mlpsGet(bigUrl, `${FILINGS}?limit=200`);

        expect(res.body.items).toHaveLength(200);
        expect(res.body.total).toBe(230);
      });
    });

    it('returns only filings updated strictly after updatedAfter, tombstones included', async () => {
      const boundary = others[5]!.updatedAt;
      const expected = filings.filter(
        (f) => f !== unreadableTime && typeof f === 'object' && (f as TMlpsFiling).updatedAt > boundary,
      );

      const { items } = await walk(url, `updatedAfter=${encodeURIComponent(boundary)}`, 5);

      expect(sorted(items)).toEqual(sorted(expected));
      expect(items).not.toContainEqual(others[5]);
      expect(items).not.toContainEqual(others[4]);
      expect(items).toContainEqual(others[6]);
      expect(items).toContainEqual(ofUnit[2]);
      expect(items).toContainEqual(ofUnit[3]);
    });

    it('reads a + in updatedAfter as the space it encodes, as a form-encoded query has it', async () => {
      const boundary = ofUnit[1]!.updatedAt;

      const plus = await mlpsGet(url, `${FILINGS}?updatedAfter=${boundary.replace(' ', '+')}`);
      const percent = await mlpsGet(url, `${FILINGS}?updatedAfter=${encodeURIComponent(boundary)}`);

      expect(plus.body).toEqual(percent.body);
    });

    it('leaves a filing whose updatedAt is unreadable out of every updatedAfter listing, but serves it in full', async () => {
      const since = await walk(url, `updatedAfter=${encodeURIComponent(registryTimeAt(-100_000))}`, 50);
      const all = await walk(url, '', 50);

      expect(since.items).not.toContainEqual(unreadableTime);
      expect(all.items).toContainEqual(unreadableTime);
    });

    it('filters by unitCode, with total counting the matches', async () => {
      const res = await mlpsGet(url, `${FILINGS}?unitCode=${unitCode}&limit=3`);
      const rest = await mlpsGet(url, `${FILINGS}?unitCode=${unitCode}&limit=3&offset=3`);

      expect(res.body.total).toBe(4);
      expect(sorted([...res.body.items, ...rest.body.items])).toEqual(sorted(ofUnit));
    });

    it('combines unitCode and updatedAfter', async () => {
      const boundary = ofUnit[1]!.updatedAt;

      const res = await mlpsGet(
        url,
        `${FILINGS}?unitCode=${unitCode}&updatedAfter=${encodeURIComponent(boundary)}`,
      );

      expect(sorted(res.body.items)).toEqual(sorted(ofUnit.slice(2)));
    });

    it('serves invalid records and unknown fields as they are', async () => {
      const { items } = await walk(url, '', 200);

      expect(items).toContainEqual(badNumber);
      expect(items).toContainEqual('junk');
      expect(items).toContainEqual(withUnknownField);
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=many', 'limit'],
      ['offset=-1', 'offset'],
      ['updatedAfter=2025-03-01T09%3A00%3A00%2B08%3A00', 'updatedAfter'],
      ['updatedAfter=2025-03-01', 'updatedAfter'],
      ['updatedAfter=2025-02-30%2009%3A00%3A00', 'updatedAfter'],
      ['unitCode=', 'unitCode'],
      ['unitCode=a&unitCode=b', 'unitCode'],
    ])('answers %s with HTTP 400 and an HTML page naming the parameter', async (query, name) => {
      const res = await mlpsGet(url, `${FILINGS}?${query}`);

      expect(res.status).toBe(400);
      expect(res.contentType).toContain('text/html');
      expect(res.text).toContain('请求参数无效');
      expect(res.text).toContain(`invalid query: ${name}`);
    });
  });

  describe(`GET ${FILINGS}/{filingNo}`, () => {
    it('answers the bare filing, a tombstone with its status', async () => {
      const res = await mlpsGet(url, `${FILINGS}/${ofUnit[2]!.filingNo}`);

      expect(res.status).toBe(200);
      expect(res.body).toEqual(ofUnit[2]);
      expect(res.body.status).toBe('REVOKED');
    });

    it('answers an invalid record by its number as it is', async () => {
      const res = await mlpsGet(url, `${FILINGS}/${encodeURIComponent(badNumber.filingNo)}`);

      expect(res.body).toEqual(badNumber);
    });

    it('answers HTTP 404 with an HTML page for an unknown number', async () => {
      const res = await mlpsGet(url, `${FILINGS}/43060099999-99999`);

      expect(res.status).toBe(404);
      expect(res.contentType).toContain('text/html');
      expect(res.text).toContain('43060099999-99999');
    });
  });

  it('answers an unknown path with an HTML 404', async () => {
    const res = await mlpsGet(url, '/mlps/api/v2/filings');

    expect(res.status).toBe(404);
    expect(res.contentType).toContain('text/html');
  });

  it('reports its record count on the health endpoint', async () => {
    const res = await fetch(`${url}/__sandbox/health`);

    expect(await res.json()).toMatchObject({ status: 'ok', source: 'mlps', filings: filings.length });
  });
});

describe(`${mlpsModule.title} faults`, () => {
  let sut: RunningSandbox;
  let url: string;
  let random: () => number;

  beforeAll(async () => {
    sut = await startSandbox({
      dataset: datasetOf([aSandboxFiling()]),
      ports: { mlps: 0 },
      modules: [mlpsModule],
      random: () => random(),
    });
    url = sut.urls.mlps!;
  });
  beforeEach(() => {
    random = draws();
    sut.faults.reset();
  });
  afterAll(() => sut.stop());

  it('answers a drawn rate limit with HTTP 429, Retry-After in seconds and an HTML page', async () => {
    sut.faults.update('mlps', { rateLimitRate: 0.3 });
    random = draws(0.29);

    const res = await mlpsGet(url, FILINGS);

    expect(res.status).toBe(429);
    expect(res.retryAfter).toBe('1');
    expect(res.contentType).toContain('text/html');
  });

  it("answers a drawn internal error with Tomcat's HTML 500 when the second draw is low", async () => {
    sut.faults.update('mlps', { errorRate: 0.5 });
    random = draws(0.1, 0.2);

    const res = await mlpsGet(url, FILINGS);

    expect(res.status).toBe(500);
    expect(res.text).toContain('HTTP Status 500 – Internal Server Error');
  });

  it("answers a drawn internal error with nginx's HTML 502 when the second draw is high", async () => {
    sut.faults.update('mlps', { errorRate: 0.5 });
    random = draws(0.1, 0.7);

    const res = await mlpsGet(url, FILINGS);

    expect(res.status).toBe(502);
    expect(res.text).toContain('502 Bad Gateway');
  });

  it('lets a request through when the draw is above the error rate', async () => {
    sut.faults.update('mlps', { errorRate: 0.5 });
    random = draws(0.5);

    const res = await mlpsGet(url, FILINGS);

    expect(res.status).toBe(200);
  });

  it('answers every request with an HTML 503 during maintenance, whatever the token, drawing nothing', async () => {
    sut.faults.update('mlps', { maintenance: true, errorRate: 1 });

    const res = await mlpsGet(url, FILINGS, { token: null });

    expect(res.status).toBe(503);
    expect(res.contentType).toContain('text/html');
    expect(res.text).toContain('系统维护中');
  });
});

describe(`${mlpsModule.title} slowness and nightly maintenance`, () => {
  it('holds every answer back by the base latency', async () => {
    await withSandbox(
      { credentials: { mlps: { token: MLPS_DEMO_TOKEN, baseLatencyMs: 120 } } },
      async (url) => {
        const started = performance.now();

        const res = await mlpsGet(url, FILINGS);

        expect(res.status).toBe(200);
        expect(performance.now() - started).toBeGreaterThanOrEqual(115);
      },
    );
  });

  it('answers 503 inside the nightly window in Beijing hours, on the injected clock, and serves outside it', async () => {
    let now = Date.parse('2025-03-01T02:30:00+08:00');
    const credentials = { mlps: { token: MLPS_DEMO_TOKEN, nightlyMaintenance: { fromHour: 2, toHour: 4 } } };
    await withSandbox({ credentials, clock: () => now }, async (url) => {
      const inside = await mlpsGet(url, FILINGS);
      now = Date.parse('2025-03-01T04:00:00+08:00');
      const atEnd = await mlpsGet(url, FILINGS);
      // 02:30 UTC is 10:30 in Beijing: a window read in UTC would be wrong here.
      now = Date.parse('2025-03-01T02:30:00Z');
      const utcTwoThirty = await mlpsGet(url, FILINGS);
      now = Date.parse('2025-03-01T18:30:00Z');
      const beijingTwoThirty = await mlpsGet(url, FILINGS);

      expect(inside.status).toBe(503);
      expect(inside.contentType).toContain('text/html');
      expect(inside.text).toContain('系统维护中');
      expect(atEnd.status).toBe(200);
      expect(utcTwoThirty.status).toBe(200);
      expect(beijingTwoThirty.status).toBe(503);
    });
  });

  it('handles a window that wraps past midnight', async () => {
    let now = Date.parse('2025-03-01T23:15:00+08:00');
    const credentials = { mlps: { token: MLPS_DEMO_TOKEN, nightlyMaintenance: { fromHour: 23, toHour: 1 } } };
    await withSandbox({ credentials, clock: () => now }, async (url) => {
      const beforeMidnight = await mlpsGet(url, FILINGS);
      now = Date.parse('2025-03-02T00:59:59+08:00');
      const afterMidnight = await mlpsGet(url, FILINGS);
      now = Date.parse('2025-03-02T01:00:00+08:00');
      const after = await mlpsGet(url, FILINGS);
      now = Date.parse('2025-03-01T22:59:59+08:00');
      const before = await mlpsGet(url, FILINGS);

      expect([beforeMidnight.status, afterMidnight.status, after.status, before.status]).toEqual([
        503, 503, 200, 200,
      ]);
    });
  });

  it('refuses settings out of range when it starts, naming them', async () => {
    const start = () =>
      startSandbox({
        dataset: datasetOf([]),
        ports: { mlps: 0 },
        modules: [mlpsModule],
        credentials: { mlps: { token: '', nightlyMaintenance: { fromHour: 25, toHour: 2 } } },
      });

    await expect(start()).rejects.toBeInstanceOf(SandboxUsageError);
    await expect(start()).rejects.toThrow(/token.*nightlyMaintenance\.fromHour/s);
  });
});
