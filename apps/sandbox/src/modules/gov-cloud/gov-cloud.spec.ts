import {
  GOV_CLOUD_NONCE_TTL_MS,
  GovCloudCode,
  govCloudSignature,
  type TGovCloudResource,
  type TSandboxDataset,
} from '@hub/contracts';
import { generateDemoCity } from '../../demo/demo-city.generator';
import { type RunningSandbox, startSandbox } from '../../framework/sandbox';
import { SANDBOX_SOURCE_IDS } from '../modules.registry';
import { NonceStore } from './gov-cloud.auth';
import {
  GOV_CLOUD_BAD_REQUEST,
  GOV_CLOUD_DEMO_ACCESS_KEY,
  GOV_CLOUD_DEMO_SECRET_KEY,
} from './gov-cloud.credentials';
import { govCloudModule } from './gov-cloud.module';
import { signedGet } from './testing/gov-cloud.test-client';

/** Every simulator on a free port: tests never collide with each other or a running sandbox. */
const EPHEMERAL_PORTS = Object.fromEntries(SANDBOX_SOURCE_IDS.map((source) => [source, 0]));

const NOW = '2025-06-30T09:00:00+08:00';
const { dataset } = generateDemoCity({ now: NOW, seed: 7 });
const resources = dataset.govCloud.resources as Partial<TGovCloudResource>[];
const tenants = dataset.govCloud.tenants as { tenantId: string }[];

/** Follows nextCursor from the first page to the last and returns every item in order. */
async function walk(url: string, query: string): Promise<unknown[]> {
  const items: unknown[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 1000; pages++) {
    const params = new URLSearchParams(query);
    if (cursor) params.set('cursor', cursor);
    const res = await signedGet(url, `/openapi/v1/resources?${params.toString()}`);
    expect(res.body.code).toBe(GovCloudCode.OK);
    items.push(...res.body.data.items);
    cursor = res.body.data.nextCursor;
    if (cursor === null) return items;
  }
  throw new Error('paging never ended');
}

const key = (r: unknown) => JSON.stringify(r);

describe(govCloudModule.title, () => {
  let sut: RunningSandbox;
  let url: string;

  beforeAll(async () => {
    sut = await startSandbox({ dataset, ports: EPHEMERAL_PORTS });
    url = sut.urls['gov-cloud']!;
  });
  afterAll(() => sut.stop());

  describe('signature', () => {
    it('answers code 0 with data when the request is signed with the demo credentials', async () => {
      const res = await signedGet(url, '/openapi/v1/tenants');

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ code: GovCloudCode.OK, data: { total: tenants.length } });
    });

    it('refuses an unknown access key with 40001 over HTTP 200', async () => {
      const res = await signedGet(url, '/openapi/v1/tenants', { accessKey: 'someone-else' });

      expect(res.status).toBe(200);
      expect(res.body).toEqual({ code: GovCloudCode.BAD_SIGNATURE, msg: 'unknown access key', data: null });
    });

    it('refuses a signature made with another secret key with 40001', async () => {
      const res = await signedGet(url, '/openapi/v1/tenants', { secretKey: 'wrong-secret' });

      expect(res.body).toMatchObject({ code: GovCloudCode.BAD_SIGNATURE, msg: 'signature mismatch' });
    });

    it('refuses a request without signature headers with 40001', async () => {
      const res = await fetch(`${url}/openapi/v1/resources`);

      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        code: GovCloudCode.BAD_SIGNATURE,
        msg: expect.stringContaining('X-Ak'),
      });
    });

    it('refuses a signature over another query than the one sent with 40001', async () => {
      const timestamp = String(Date.now());
      const nonce = 'n-query-mismatch';
      const signature = govCloudSignature({
        method: 'GET',
        pathWithQuery: '/openapi/v1/tenants?pageNo=1',
        timestamp,
        nonce,
        secretKey: GOV_CLOUD_DEMO_SECRET_KEY,
      });

      const res = await signedGet(url, '/openapi/v1/tenants?pageNo=2', { timestamp, nonce, signature });

      expect(res.body.code).toBe(GovCloudCode.BAD_SIGNATURE);
    });

    it('verifies the query as received, whatever order the parameters were sent in', async () => {
      const res = await signedGet(url, '/openapi/v1/tenants?pageSize=5&pageNo=2');

      expect(res.body).toMatchObject({ code: GovCloudCode.OK, data: { pageNo: 2, pageSize: 5 } });
    });

    it.each([
      ['301 s in the past', -301_000],
      ['301 s in the future', 301_000],
    ])('refuses a timestamp %s with 40002', async (_label, skewMs) => {
      const res = await signedGet(url, '/openapi/v1/tenants', { timestamp: String(Date.now() + skewMs) });

      expect(res.body).toMatchObject({ code: GovCloudCode.TIMESTAMP_SKEW, data: null });
    });

    it('accepts a timestamp 290 s old', async () => {
      const res = await signedGet(url, '/openapi/v1/tenants', { timestamp: String(Date.now() - 290_000) });

      expect(res.body.code).toBe(GovCloudCode.OK);
    });

    it('refuses a timestamp that is not epoch milliseconds with 40002', async () => {
      const res = await signedGet(url, '/openapi/v1/tenants', { timestamp: '2025-06-30T09:00:00Z' });

      expect(res.body.code).toBe(GovCloudCode.TIMESTAMP_SKEW);
    });

    it('refuses a reused nonce with 40003', async () => {
      const first = await signedGet(url, '/openapi/v1/tenants', { nonce: 'nonce-used-twice' });
      const second = await signedGet(url, '/openapi/v1/tenants', { nonce: 'nonce-used-twice' });

      expect(first.body.code).toBe(GovCloudCode.OK);
      expect(second.body).toMatchObject({ code: GovCloudCode.NONCE_REUSED, data: null });
    });

    it('does not spend the nonce of a request refused for its signature', async () => {
      const refused = await signedGet(url, '/openapi/v1/tenants', {
        nonce: 'nonce-after-bad-sig',
        secretKey: 'x',
      });
      const retried = await signedGet(url, '/openapi/v1/tenants', { nonce: 'nonce-after-bad-sig' });

      expect(refused.body.code).toBe(GovCloudCode.BAD_SIGNATURE);
      expect(retried.body.code).toBe(GovCloudCode.OK);
    });

    it('accepts credentials given to startSandbox instead of the demo ones', async () => {
      const custom = await startSandbox({
        dataset,
        ports: EPHEMERAL_PORTS,
        credentials: { govCloud: { accessKey: 'ak-2', secretKey: 'sk-2' } },
      });
      try {
        const customUrl = custom.urls['gov-cloud']!;
        const good = await signedGet(customUrl, '/openapi/v1/tenants', {
          accessKey: 'ak-2',
          secretKey: 'sk-2',
        });
        const demo = await signedGet(customUrl, '/openapi/v1/tenants');

        expect(good.body.code).toBe(GovCloudCode.OK);
        expect(demo.body.code).toBe(GovCloudCode.BAD_SIGNATURE);
        expect(custom.credentials['gov-cloud']).toMatchObject({ accessKey: 'ak-2' });
      } finally {
        await custom.stop();
      }
    });
  });

  describe('GET /openapi/v1/tenants', () => {
    it('pages tenants with total, serving them exactly as the dataset holds them', async () => {
      const res = await signedGet(url, '/openapi/v1/tenants?pageNo=2&pageSize=20');

      expect(res.body.data).toEqual({
        total: tenants.length,
        pageNo: 2,
        pageSize: 20,
        items: dataset.govCloud.tenants.slice(20, 40),
      });
    });

    it('uses page 1 of 100 tenants by default', async () => {
      const res = await signedGet(url, '/openapi/v1/tenants');

      expect(res.body.data).toMatchObject({ pageNo: 1, pageSize: 100 });
      expect(res.body.data.items).toEqual(dataset.govCloud.tenants.slice(0, 100));
    });

    it.each([
      ['pageSize=201', 'pageSize'],
      ['pageSize=0', 'pageSize'],
      ['pageNo=0', 'pageNo'],
      ['pageNo=two', 'pageNo'],
    ])('answers %s with an envelope error naming the parameter', async (query, name) => {
      const res = await signedGet(url, `/openapi/v1/tenants?${query}`);

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        code: GOV_CLOUD_BAD_REQUEST,
        data: null,
        msg: expect.stringContaining(name),
      });
    });
  });

  describe('GET /openapi/v1/resources', () => {
    it('walks every resource exactly once by cursor, ordered by updatedAt then resourceId', async () => {
      const items = (await walk(url, 'limit=7')) as Partial<TGovCloudResource>[];

      expect(items.map(key).sort()).toEqual(resources.map(key).sort());
      const valid = items.filter((r) => !Number.isNaN(Date.parse(r.updatedAt ?? '')));
      for (let i = 1; i < valid.length; i++) {
        const a = valid[i - 1]!;
        const b = valid[i]!;
        const order =
          Date.parse(a.updatedAt!) - Date.parse(b.updatedAt!) || (a.resourceId! < b.resourceId! ? -1 : 1);
        expect(order).toBeLessThan(0);
      }
    });

    it('answers up to 500 resources by default and null nextCursor on the last page', async () => {
      const res = await signedGet(url, '/openapi/v1/resources');

      expect(res.body.data.items).toHaveLength(Math.min(500, resources.length));
      expect(res.body.data.nextCursor).toBeNull();
    });

    it('keeps the same cursor chain whatever the page size changes to mid-walk', async () => {
      const first = await signedGet(url, '/openapi/v1/resources?limit=10');
      const rest = await signedGet(
        url,
        `/openapi/v1/resources?cursor=${encodeURIComponent(first.body.data.nextCursor)}&limit=1000`,
      );

      expect([...first.body.data.items, ...rest.body.data.items]).toHaveLength(resources.length);
      expect(rest.body.data.nextCursor).toBeNull();
    });

    it('returns only resources changed at or after updatedSince, tombstones included', async () => {
      const since = Date.parse(NOW) - 10 * 86_400_000;
      const boundary = resources
        .map((r) => r.updatedAt)
        .filter((t): t is string => typeof t === 'string' && Date.parse(t) >= since)
        .sort((a, b) => Date.parse(a) - Date.parse(b))[0]!;
      const expected = resources.filter((r) => Date.parse(r.updatedAt ?? '') >= Date.parse(boundary));

      const items = (await walk(
        url,
        `limit=5&updatedSince=${encodeURIComponent(boundary)}`,
      )) as TGovCloudResource[];

      expect(items.map(key).sort()).toEqual(expected.map(key).sort());
      expect(items.some((r) => r.updatedAt === boundary)).toBe(true);
      expect(items.some((r) => r.status === 'released')).toBe(true);
      expect(items.length).toBeLessThan(resources.length);
    });

    it('filters by tenantId', async () => {
      const tenantId = tenants.find(
        (t) => resources.filter((r) => r.tenantId === t.tenantId).length >= 3,
      )!.tenantId;

      const items = await walk(url, `tenantId=${tenantId}`);

      expect(items.map(key).sort()).toEqual(
        resources
          .filter((r) => r.tenantId === tenantId)
          .map(key)
          .sort(),
      );
    });

    it('filters by projectCode', async () => {
      const projectCode = resources.find((r) => r.projectCode)!.projectCode!;

      const items = await walk(url, `projectCode=${projectCode}&limit=2`);

      expect(items.length).toBeGreaterThan(0);
      expect(items.map(key).sort()).toEqual(
        resources
          .filter((r) => r.projectCode === projectCode)
          .map(key)
          .sort(),
      );
    });

    it('refuses a cursor reused with other filters', async () => {
      const first = await signedGet(url, '/openapi/v1/resources?limit=3');
      const cursor = encodeURIComponent(first.body.data.nextCursor);

      const res = await signedGet(
        url,
        `/openapi/v1/resources?cursor=${cursor}&limit=3&tenantId=${tenants[0]!.tenantId}`,
      );

      expect(res.body).toMatchObject({
        code: GOV_CLOUD_BAD_REQUEST,
        data: null,
        msg: expect.stringContaining('filters'),
      });
    });

    it('refuses a cursor it did not issue', async () => {
      const res = await signedGet(url, '/openapi/v1/resources?cursor=not-a-cursor');

      expect(res.body).toMatchObject({ code: GOV_CLOUD_BAD_REQUEST, data: null });
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=many', 'limit'],
      ['updatedSince=yesterday', 'updatedSince'],
      ['updatedSince=2025-06-01', 'updatedSince'],
      ['tenantId=a&tenantId=b', 'tenantId'],
    ])('answers %s with an envelope error naming the parameter', async (query, name) => {
      const res = await signedGet(url, `/openapi/v1/resources?${query}`);

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        code: GOV_CLOUD_BAD_REQUEST,
        data: null,
        msg: expect.stringContaining(name),
      });
    });

    it('serves invalid records and unknown fields as they are', async () => {
      const items = (await walk(url, 'limit=1000')) as Record<string, unknown>[];

      expect(items.some((r) => !('resourceId' in r))).toBe(true);
      expect(items.some((r) => 'chargeType' in r)).toBe(true);
    });
  });

  describe('GET /openapi/v1/resources/{resourceId}', () => {
    it('answers one resource', async () => {
      const record = resources.find((r) => r.status === 'released')!;

      const res = await signedGet(url, `/openapi/v1/resources/${record.resourceId}`);

      expect(res.body).toEqual({ code: GovCloudCode.OK, msg: 'ok', data: record });
    });

    it('answers 40400 over HTTP 200 for an unknown id', async () => {
      const res = await signedGet(url, '/openapi/v1/resources/ecs-nosuchthing');

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ code: GovCloudCode.NOT_FOUND, data: null });
    });
  });

  it('answers an unknown path with HTTP 404 and a JSON envelope', async () => {
    const res = await fetch(`${url}/api/v2/whatever`);

    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: GovCloudCode.NOT_FOUND, data: null });
  });

  it('reports its record counts on the health endpoint', async () => {
    const res = await fetch(`${url}/__sandbox/health`);

    expect(await res.json()).toMatchObject({
      status: 'ok',
      source: 'gov-cloud',
      tenants: tenants.length,
      resources: resources.length,
    });
  });
});

describe(NonceStore.name, () => {
  it('accepts a nonce once within ten minutes and again after they pass', () => {
    const sut = new NonceStore();
    const t0 = 1_750_000_000_000;

    expect(sut.claim('a', t0)).toBe(true);
    expect(sut.claim('a', t0 + GOV_CLOUD_NONCE_TTL_MS - 1)).toBe(false);
    expect(sut.claim('a', t0 + GOV_CLOUD_NONCE_TTL_MS)).toBe(true);
  });

  it('forgets expired nonces so that memory stays bounded', () => {
    const sut = new NonceStore();
    const t0 = 1_750_000_000_000;
    for (let i = 0; i < 100; i++) sut.claim(`n${i}`, t0 + i);

    sut.claim('late', t0 + GOV_CLOUD_NONCE_TTL_MS + 50);

    expect(sut.size).toBe(50);
  });
});

describe('gov-cloud signature clock', () => {
  it('checks timestamps against the injected clock', async () => {
    const clock = Date.parse('2030-01-01T00:00:00Z');
    const sut = await startSandbox({
      dataset: { govCloud: { tenants: [], resources: [] } } as unknown as TSandboxDataset,
      ports: EPHEMERAL_PORTS,
      clock: () => clock,
    });
    try {
      const url = sut.urls['gov-cloud']!;
      const onClock = await signedGet(url, '/openapi/v1/tenants', { timestamp: String(clock) });
      const onWallClock = await signedGet(url, '/openapi/v1/tenants');

      expect(onClock.body.code).toBe(GovCloudCode.OK);
      expect(onWallClock.body.code).toBe(GovCloudCode.TIMESTAMP_SKEW);
    } finally {
      await sut.stop();
    }
  });

  it('names the demo access key in the credentials it reports', async () => {
    const sut = await startSandbox({ dataset, ports: EPHEMERAL_PORTS });
    await sut.stop();

    expect(sut.credentials['gov-cloud']).toEqual({
      accessKey: GOV_CLOUD_DEMO_ACCESS_KEY,
      secretKey: GOV_CLOUD_DEMO_SECRET_KEY,
    });
  });
});
