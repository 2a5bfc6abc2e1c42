import { VideoCode, type TVideoDevice } from '@hub/contracts';
import { type RunningSandbox, startSandbox } from '../../framework/sandbox';
import { aGbCode, aVideoDevice, aVideoPlatform, beijingInstant, videoDataset } from './testing/video.dataset';
import { bearerGet, sequence } from './testing/video.test-client';
import { VIDEO_BAD_REQUEST, VIDEO_DEMO_TOKEN } from './video.credentials';
import { VIDEO_RETRY_AFTER_SECONDS, videoModule } from './video.module';

const PLATFORMS = '/vss/api/v1/platforms';
const DEVICES = '/vss/api/v1/devices';

const cascaded = aVideoPlatform();
const otherCascaded = aVideoPlatform({ cascadeStatus: 'OFFLINE', projectCode: null });
const platforms: unknown[] = [
  cascaded,
  otherCascaded,
  aVideoPlatform({ platformId: '4306000020000001' }),
  aVideoPlatform({ platformId: aGbCode('200', '43070000') }),
  aVideoPlatform({ vendor: 'hikvision-ivms' }),
];
const directDevices = Array.from({ length: 12 }, () => aVideoDevice());
const cascadedDevices = Array.from({ length: 5 }, () => aVideoDevice({ platformId: cascaded.platformId }));
const deleted = aVideoDevice({ status: 'DELETED', platformId: otherCascaded.platformId });
const { updatedAt: _never, ...neverUpdated } = aVideoDevice({ platformId: otherCascaded.platformId });
const devices: unknown[] = [
  ...directDevices,
  ...cascadedDevices,
  deleted,
  neverUpdated,
  aVideoDevice({ deviceId: '43060000001321' }),
  aVideoDevice({ gbVersion: '2022', channels: [{ channelId: '43060000001310000001' }] }),
  'not-a-device',
];
// Listed oldest change first; the dataset order is shuffled so that the ordering is the server's.
const dataset = videoDataset({ platforms, devices: [...devices].reverse() });

/** Walks pageNo from 1 until the listing ends and returns every item in order. */
async function walk(url: string, path: string, query: string): Promise<unknown[]> {
  const items: unknown[] = [];
  for (let pageNo = 1; pageNo < 1000; pageNo++) {
    const params = new URLSearchParams(query);
    params.set('pageNo', String(pageNo));
    const res = await bearerGet(url, `${path}?${params.toString()}`);
    expect(res.body.code).toBe(VideoCode.OK);
    items.push(...res.body.data.list);
    if (res.body.data.list.length === 0 || items.length >= res.body.data.total) return items;
  }
  throw new Error('paging never ended');
}

const key = (r: unknown) => JSON.stringify(r);
const changeMs = (d: Partial<TVideoDevice>) => Date.parse(d.updatedAt ?? d.registeredAt ?? '');

describe(videoModule.title, () => {
  let sut: RunningSandbox;
  let url: string;

  beforeAll(async () => {
    sut = await startSandbox({ dataset, ports: { video: 0 }, modules: [videoModule] });
    url = sut.urls.video!;
  });
  afterAll(() => sut.stop());

  describe('bearer token', () => {
    it('answers code 200 with data when the demo token is sent', async () => {
      const res = await bearerGet(url, PLATFORMS);

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ code: VideoCode.OK, message: 'success', data: { total: 5 } });
    });

    it.each([
      ['no Authorization header', { authorization: null }, 'missing'],
      ['a wrong token', { token: 'someone-else' }, 'invalid token'],
      ['another scheme', { authorization: `Basic ${VIDEO_DEMO_TOKEN}` }, 'Bearer'],
      ['the bare token without scheme', { authorization: VIDEO_DEMO_TOKEN }, 'Bearer'],
    ] as const)('refuses %s with HTTP 401 and a 401 envelope', async (_label, opts, why) => {
      const res = await bearerGet(url, DEVICES, opts);

      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
      expect(res.body).toEqual({ code: 401, message: expect.stringContaining(why), data: null });
    });

    it('accepts the scheme in any case, as RFC 6750 allows', async () => {
      const res = await bearerGet(url, PLATFORMS, { authorization: `bearer ${VIDEO_DEMO_TOKEN}` });

      expect(res.status).toBe(200);
    });

    it('accepts a token given to startSandbox instead of the demo one, and reports it', async () => {
      const custom = await startSandbox({
        dataset,
        ports: { video: 0 },
        modules: [videoModule],
        credentials: { video: { token: 'token-2' } },
      });
      try {
        const good = await bearerGet(custom.urls.video!, PLATFORMS, { token: 'token-2' });
        const demo = await bearerGet(custom.urls.video!, PLATFORMS);

        expect(good.status).toBe(200);
        expect(demo.status).toBe(401);
        expect(custom.credentials.video).toEqual({ token: 'token-2' });
      } finally {
        await custom.stop();
      }
    });

    it('names the demo token in the credentials it reports', () => {
      expect(sut.credentials.video).toEqual({ token: VIDEO_DEMO_TOKEN });
    });
  });

  describe(`GET ${PLATFORMS}`, () => {
    it('walks every platform exactly once by pageNo, serving them exactly as the dataset holds them', async () => {
      const items = await walk(url, PLATFORMS, 'pageSize=2');

      expect(items).toEqual(platforms);
    });

    it('answers page 1 of 200 by default with the total', async () => {
      const res = await bearerGet(url, PLATFORMS);

      expect(res.body).toEqual({ code: 200, message: 'success', data: { list: platforms, total: 5 } });
    });

    it('answers an empty list with the total past the last page', async () => {
      const res = await bearerGet(url, `${PLATFORMS}?pageNo=4&pageSize=2`);

      expect(res.body.data).toEqual({ list: [], total: 5 });
    });

    it('lists every platform even when asked for changes since a time: platforms have no such filter', async () => {
      const res = await bearerGet(url, `${PLATFORMS}?updatedSince=2099-01-01T00:00:00%2B08:00`);

      expect(res.body.data.total).toBe(5);
    });

    it.each([
      ['pageSize=1001', 'pageSize'],
      ['pageSize=0', 'pageSize'],
      ['pageNo=0', 'pageNo'],
      ['pageNo=two', 'pageNo'],
    ])('answers %s with HTTP 400 and an envelope naming the parameter', async (query, name) => {
      const res = await bearerGet(url, `${PLATFORMS}?${query}`);

      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        code: VIDEO_BAD_REQUEST,
        message: expect.stringContaining(name),
        data: null,
      });
    });
  });

  describe(`GET ${DEVICES}`, () => {
    it('walks every device exactly once, ordered by change time then deviceId', async () => {
      const items = (await walk(url, DEVICES, 'pageSize=4')) as Partial<TVideoDevice>[];

      expect(items.map(key).sort()).toEqual(devices.map(key).sort());
      const readable = items.filter((d) => !Number.isNaN(changeMs(d)));
      for (let i = 1; i < readable.length; i++) {
        const a = readable[i - 1]!;
        const b = readable[i]!;
        expect(changeMs(a) - changeMs(b) || (a.deviceId! < b.deviceId! ? -1 : 1)).toBeLessThan(0);
      }
    });

    it('accepts the largest page the contract allows', async () => {
      const res = await bearerGet(url, `${DEVICES}?pageSize=1000`);

      expect(res.body.data.list).toHaveLength(devices.length);
      expect(res.body.data.total).toBe(devices.length);
    });

    it('filters by platformId, tombstones included', async () => {
      const items = await walk(url, DEVICES, `platformId=${otherCascaded.platformId}`);

      expect(items.map(key).sort()).toEqual([deleted, neverUpdated].map(key).sort());
    });

    it('filters by platformId across pages with the filtered total', async () => {
      const res = await bearerGet(url, `${DEVICES}?platformId=${cascaded.platformId}&pageNo=2&pageSize=3`);

      expect(res.body.data.total).toBe(5);
      expect(res.body.data.list).toHaveLength(2);
      expect(await walk(url, DEVICES, `platformId=${cascaded.platformId}&pageSize=3`)).toEqual(
        expect.arrayContaining(cascadedDevices),
      );
    });

    it('returns only devices changed at or after updatedSince, the boundary included', async () => {
      const boundary = directDevices[8]!.updatedAt!;
      const expected = (devices as Partial<TVideoDevice>[]).filter(
        (d) => changeMs(d) >= Date.parse(boundary),
      );

      const items = await walk(url, DEVICES, `updatedSince=${encodeURIComponent(boundary)}&pageSize=3`);

      expect(items.map(key).sort()).toEqual(expected.map(key).sort());
      expect(items).toContainEqual(directDevices[8]);
      expect(items).not.toContainEqual(directDevices[7]);
      expect(items).toContainEqual(deleted);
    });

    it('compares updatedSince as an instant whatever its offset', async () => {
      const boundaryUtc = new Date(Date.parse(directDevices[8]!.updatedAt!)).toISOString();

      const items = await walk(url, DEVICES, `updatedSince=${encodeURIComponent(boundaryUtc)}`);

      expect(items).toContainEqual(directDevices[8]);
      expect(items).not.toContainEqual(directDevices[7]);
    });

    it('takes registeredAt as the change time of a device without updatedAt', async () => {
      const at = neverUpdated.registeredAt;

      const onTime = await walk(url, DEVICES, `updatedSince=${encodeURIComponent(at)}`);
      const after = await walk(
        url,
        DEVICES,
        `updatedSince=${encodeURIComponent(beijingInstant(Date.parse(at) + 1))}`,
      );

      expect(onTime).toContainEqual(neverUpdated);
      expect(after).not.toContainEqual(neverUpdated);
    });

    it('combines platformId and updatedSince', async () => {
      const since = cascadedDevices[3]!.updatedAt!;

      const items = await walk(
        url,
        DEVICES,
        `platformId=${cascaded.platformId}&updatedSince=${encodeURIComponent(since)}`,
      );

      expect(items).toEqual([cascadedDevices[3], cascadedDevices[4]]);
    });

    it('serves invalid records and unknown fields as they are', async () => {
      const items = (await walk(url, DEVICES, 'pageSize=1000')) as unknown[];

      expect(items).toContain('not-a-device');
      expect(items).toContainEqual(expect.objectContaining({ deviceId: '43060000001321' }));
      expect(items).toContainEqual(expect.objectContaining({ gbVersion: '2022' }));
    });

    it.each([
      ['pageSize=1001', 'pageSize'],
      ['pageSize=-1', 'pageSize'],
      ['pageNo=1.5', 'pageNo'],
      ['updatedSince=yesterday', 'updatedSince'],
      ['updatedSince=2025-06-01', 'updatedSince'],
      ['updatedSince=2025-06-01T00:00:00', 'updatedSince'],
      ['platformId=', 'platformId'],
      ['platformId=a&platformId=b', 'platformId'],
    ])('answers %s with HTTP 400 and an envelope naming the parameter', async (query, name) => {
      const res = await bearerGet(url, `${DEVICES}?${query}`);

      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        code: VIDEO_BAD_REQUEST,
        message: expect.stringContaining(name),
        data: null,
      });
    });
  });

  it('answers an unknown path with HTTP 404 and a JSON envelope', async () => {
    const res = await bearerGet(url, '/vss/api/v2/channels');

    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 404, data: null });
  });

  it('reports its record counts on the health endpoint', async () => {
    const res = await fetch(`${url}/__sandbox/health`);

    expect(await res.json()).toMatchObject({
      status: 'ok',
      source: 'video',
      platforms: platforms.length,
      devices: devices.length,
    });
  });
});

describe(`${videoModule.title} faults`, () => {
  const small = videoDataset({ platforms: [aVideoPlatform()], devices: [aVideoDevice()] });

  async function withSandbox(
    options: { random: () => number },
    test: (sut: RunningSandbox, url: string) => Promise<void>,
  ): Promise<void> {
    const sut = await startSandbox({
      dataset: small,
      ports: { video: 0 },
      modules: [videoModule],
      random: options.random,
    });
    try {
      await test(sut, sut.urls.video!);
    } finally {
      await sut.stop();
    }
  }

  it('throttles with HTTP 429, Retry-After and a 429 envelope when the draw falls under the rate', async () => {
    await withSandbox({ random: sequence(0.2, 0.7) }, async (sut, url) => {
      sut.faults.update('video', { rateLimitRate: 0.5 });

      const throttled = await bearerGet(url, DEVICES);
      const passed = await bearerGet(url, DEVICES);

      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toBe(String(VIDEO_RETRY_AFTER_SECONDS));
      expect(throttled.body).toMatchObject({ code: 429, data: null });
      expect(passed.body.code).toBe(VideoCode.OK);
    });
  });

  it('fails inside the service with code 500 "数据库繁忙" over HTTP 200', async () => {
    await withSandbox({ random: sequence(0.1, 0.9) }, async (sut, url) => {
      sut.faults.update('video', { errorRate: 0.3 });

      const failed = await bearerGet(url, PLATFORMS);
      const passed = await bearerGet(url, PLATFORMS);

      expect(failed.status).toBe(200);
      expect(failed.body).toEqual({ code: VideoCode.INTERNAL, message: '数据库繁忙', data: null });
      expect(passed.body.code).toBe(VideoCode.OK);
    });
  });

  it('answers HTTP 503 to every request while in maintenance, drawing no random number', async () => {
    await withSandbox({ random: sequence() }, async (sut, url) => {
      sut.faults.update('video', { maintenance: true });

      const platformsRes = await bearerGet(url, PLATFORMS);
      const devicesRes = await bearerGet(url, DEVICES, { token: 'wrong' });

      expect(platformsRes.status).toBe(503);
      expect(platformsRes.body).toMatchObject({ code: 503, data: null });
      expect(devicesRes.status).toBe(503);
    });
  });

  it('keeps the control endpoint out of the faults', async () => {
    await withSandbox({ random: sequence() }, async (sut, url) => {
      sut.faults.update('video', { maintenance: true });

      const res = await fetch(`${url}/__sandbox/health`);

      expect(res.status).toBe(200);
    });
  });
});
