import {
  SERVICE_PLATFORMS_PATHS,
  SERVICE_PLATFORM_REGISTRIES,
  ServicePlatformsCode,
  type ServicePlatformRegistry,
} from '@hub/contracts';
import { type RunningSandbox, startSandbox } from '../../framework/sandbox';
import {
  SERVICE_PLATFORMS_DEMO_APP_KEY,
  SERVICE_PLATFORMS_DEMO_APP_SECRET,
  ServicePlatformsSandboxCode,
} from './service-platforms.credentials';
import { servicePlatformsModule } from './service-platforms.module';
import {
  aHubApplication,
  aMobileService,
  aYwtbSystem,
  servicePlatformsDataset,
} from './testing/service-platforms.factory';
import { appGet } from './testing/service-platforms.test-client';

const offlineSystem = aYwtbSystem({ status: 'OFFLINE' });
const systemWithExtras = aYwtbSystem({ contactPhone: '0730-8888888' });
const invalidSystem = { systemName: '无编码系统', unitName: '岳阳市某局' };
const dataset = servicePlatformsDataset({
  ywtb: [...Array.from({ length: 57 }, () => aYwtbSystem()), offlineSystem, systemWithExtras, invalidSystem],
  ybyh: [aMobileService(), aMobileService({ status: 'OFFLINE' }), aMobileService({ kind: 'H5' })],
  brain: [aHubApplication(), aHubApplication({ status: 'DISCONNECTED', accessMode: 'EMBED' })],
});

/** Asks for page after page until the rows reach total, and returns every row in order. */
async function walk(url: string, registry: ServicePlatformRegistry, pageSize: number): Promise<unknown[]> {
  const rows: unknown[] = [];
  for (let pageNum = 1; pageNum < 1000; pageNum++) {
    const res = await appGet(
      url,
      `${SERVICE_PLATFORMS_PATHS[registry]}?pageNum=${pageNum}&pageSize=${pageSize}`,
    );
    expect(res.body.code).toBe(ServicePlatformsCode.OK);
    rows.push(...res.body.data.rows);
    if (res.body.data.rows.length === 0 || rows.length >= res.body.data.total) return rows;
  }
  throw new Error('paging never ended');
}

describe(servicePlatformsModule.title, () => {
  let sut: RunningSandbox;
  let url: string;

  beforeAll(async () => {
    sut = await startSandbox({
      dataset,
      ports: { 'service-platforms': 0 },
      modules: [servicePlatformsModule],
    });
    url = sut.urls['service-platforms']!;
  });
  afterAll(() => sut.stop());

  describe('app credentials', () => {
    it.each(SERVICE_PLATFORM_REGISTRIES)(
      'answers %s with code 00000 and data to the demo app key and secret',
      async (registry) => {
        const res = await appGet(url, SERVICE_PLATFORMS_PATHS[registry]);

        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          code: ServicePlatformsCode.OK,
          message: 'success',
          data: { total: dataset.servicePlatforms[registry].length },
        });
      },
    );

    it.each(SERVICE_PLATFORM_REGISTRIES)(
      'refuses a wrong app key on %s with HTTP 401 and A0401',
      async (registry) => {
        const res = await appGet(url, SERVICE_PLATFORMS_PATHS[registry], { appKey: 'someone-else' });

        expect(res.status).toBe(401);
        expect(res.body).toEqual({
          code: ServicePlatformsCode.UNAUTHORIZED,
          message: 'invalid app key or app secret',
        });
      },
    );

    it('refuses a wrong app secret with HTTP 401 and A0401', async () => {
      const res = await appGet(url, SERVICE_PLATFORMS_PATHS.ybyh, { appSecret: 'guessed' });

      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: ServicePlatformsCode.UNAUTHORIZED });
    });

    it('refuses a request without the headers with A0401 naming them', async () => {
      const res = await appGet(url, SERVICE_PLATFORMS_PATHS.brain, { appKey: null, appSecret: null });

      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        code: ServicePlatformsCode.UNAUTHORIZED,
        message: 'missing header(s): X-App-Key, X-App-Secret',
      });
    });

    it('accepts credentials given to startSandbox instead of the demo ones', async () => {
      const custom = await startSandbox({
        dataset,
        ports: { 'service-platforms': 0 },
        modules: [servicePlatformsModule],
        credentials: { servicePlatforms: { appKey: 'key-2', appSecret: 'secret-2' } },
      });
      try {
        const customUrl = custom.urls['service-platforms']!;
        const good = await appGet(customUrl, SERVICE_PLATFORMS_PATHS.ywtb, {
          appKey: 'key-2',
          appSecret: 'secret-2',
        });
        const demo = await appGet(customUrl, SERVICE_PLATFORMS_PATHS.ywtb);

        expect(good.body.code).toBe(ServicePlatformsCode.OK);
        expect(demo.status).toBe(401);
        expect(custom.credentials['service-platforms']).toEqual({ appKey: 'key-2', appSecret: 'secret-2' });
      } finally {
        await custom.stop();
      }
    });

    it('names the demo app key and secret in the credentials it reports', () => {
      expect(sut.credentials['service-platforms']).toEqual({
        appKey: SERVICE_PLATFORMS_DEMO_APP_KEY,
        appSecret: SERVICE_PLATFORMS_DEMO_APP_SECRET,
      });
    });
  });

  describe('listings', () => {
    it.each(SERVICE_PLATFORM_REGISTRIES)(
      'walks every %s record exactly once, in dataset order, by pageNum',
      async (registry) => {
        const rows = await walk(url, registry, 2);

        expect(rows).toEqual(dataset.servicePlatforms[registry]);
      },
    );

    it('serves page 1 of 50 rows by default', async () => {
      const res = await appGet(url, SERVICE_PLATFORMS_PATHS.ywtb);

      expect(res.body.data).toEqual({ total: 60, rows: dataset.servicePlatforms.ywtb.slice(0, 50) });
    });

    it('serves up to 200 rows a page', async () => {
      const res = await appGet(url, `${SERVICE_PLATFORMS_PATHS.ywtb}?pageSize=200`);

      expect(res.body.data.rows).toHaveLength(60);
    });

    it('answers a page past the end with no rows and the total', async () => {
      const res = await appGet(url, `${SERVICE_PLATFORMS_PATHS.ywtb}?pageNum=4&pageSize=20`);

      expect(res.body).toEqual({ code: '00000', message: 'success', data: { total: 60, rows: [] } });
    });

    it('ignores parameters the contract does not have: there are no filters and no "updated since"', async () => {
      const res = await appGet(
        url,
        `${SERVICE_PLATFORMS_PATHS.ybyh}?projectCode=25-430600-0001&updatedSince=2025-06-01T00:00:00Z`,
      );

      expect(res.body.data).toEqual({ total: 3, rows: dataset.servicePlatforms.ybyh });
    });

    it('serves OFFLINE records with their status, invalid records and unknown fields as they are', async () => {
      const rows = await walk(url, 'ywtb', 200);

      expect(rows).toContainEqual(offlineSystem);
      expect(rows).toContainEqual(invalidSystem);
      expect(rows).toContainEqual(expect.objectContaining({ contactPhone: '0730-8888888' }));
    });

    it.each([
      ['pageSize=201', 'pageSize: must be at most 200'],
      ['pageSize=0', 'pageSize: must be at least 1'],
      ['pageNum=0', 'pageNum: must be at least 1'],
      ['pageNum=two', 'pageNum: must be a whole number'],
      ['pageNum=1&pageNum=2', 'pageNum: must be given once'],
    ])('answers %s with HTTP 400, A0400 and the reason', async (query, reason) => {
      const res = await appGet(url, `${SERVICE_PLATFORMS_PATHS.brain}?${query}`);

      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        code: ServicePlatformsSandboxCode.BAD_REQUEST,
        message: expect.stringContaining(reason),
      });
    });
  });

  it('answers an unknown path with HTTP 404 and the error envelope', async () => {
    const res = await appGet(url, '/ywtb/openapi/matters');

    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      code: ServicePlatformsSandboxCode.NOT_FOUND,
      message: 'no such path: GET /ywtb/openapi/matters',
    });
  });

  it('reports the record count of each registry on the health endpoint', async () => {
    const res = await fetch(`${url}/__sandbox/health`);

    expect(await res.json()).toMatchObject({
      status: 'ok',
      source: 'service-platforms',
      ywtb: 60,
      ybyh: 3,
      brain: 2,
    });
  });
});

describe(`${servicePlatformsModule.title} faults`, () => {
  let sut: RunningSandbox;
  let url: string;
  /** random numbers the next requests will draw, in order */
  let draws: number[];

  beforeAll(async () => {
    sut = await startSandbox({
      dataset,
      ports: { 'service-platforms': 0 },
      modules: [servicePlatformsModule],
      random: () => {
        const next = draws.shift();
        if (next === undefined) throw new Error('a fault drew a random number the test did not plan');
        return next;
      },
    });
    url = sut.urls['service-platforms']!;
  });
  beforeEach(() => {
    draws = [];
    sut.faults.reset();
  });
  afterAll(() => sut.stop());

  it('answers a drawn rate limit with HTTP 200 and B0001 system busy', async () => {
    sut.faults.update('service-platforms', { rateLimitRate: 0.3 });
    draws = [0.29];

    const res = await appGet(url, SERVICE_PLATFORMS_PATHS.ywtb);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      code: ServicePlatformsCode.SYSTEM_BUSY,
      message: 'system busy, please retry later',
    });
    expect(draws).toEqual([]);
  });

  it('lets a request through when the draw is above the rate limit', async () => {
    sut.faults.update('service-platforms', { rateLimitRate: 0.3 });
    draws = [0.3];

    const res = await appGet(url, SERVICE_PLATFORMS_PATHS.ywtb);

    expect(res.body.code).toBe(ServicePlatformsCode.OK);
  });

  it('answers a drawn internal error with HTTP 500 and B0100 when the second draw is low', async () => {
    sut.faults.update('service-platforms', { errorRate: 0.5 });
    draws = [0.49, 0.2];

    const res = await appGet(url, SERVICE_PLATFORMS_PATHS.ybyh);

    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      code: ServicePlatformsSandboxCode.INTERNAL_ERROR,
      message: 'system execution error',
    });
    expect(draws).toEqual([]);
  });

  it('answers a drawn internal error with HTTP 200 and B0100 when the second draw is high', async () => {
    sut.faults.update('service-platforms', { errorRate: 0.5 });
    draws = [0.1, 0.8];

    const res = await appGet(url, SERVICE_PLATFORMS_PATHS.brain);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      code: ServicePlatformsSandboxCode.INTERNAL_ERROR,
      message: 'system execution error',
    });
  });

  it('answers every request with an HTML 503 during maintenance, drawing nothing', async () => {
    sut.faults.update('service-platforms', { maintenance: true, errorRate: 1, rateLimitRate: 1 });

    const res = await appGet(url, SERVICE_PLATFORMS_PATHS.ywtb);

    expect(res.status).toBe(503);
    expect(res.contentType).toContain('text/html');
    expect(res.text).toContain('系统维护中');
  });

  it('applies faults before checking the app credentials, as a gateway would', async () => {
    sut.faults.update('service-platforms', { maintenance: true });

    const res = await appGet(url, SERVICE_PLATFORMS_PATHS.ywtb, { appKey: null, appSecret: null });

    expect(res.status).toBe(503);
  });
});
