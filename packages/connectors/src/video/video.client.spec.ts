import nock from 'nock';
import { UpstreamError } from '../framework/upstream-error';
import { RecordingLogger } from '../testing/recording-logger';
import { TEST_RESILIENCE } from '../testing/test-resilience';
import { collectingSink } from '../testing/sink';
import {
  aCreditCode,
  aGbCode,
  aProjectCode,
  aVideoDevice,
  aVideoPlatform,
  VIDEO_TEST_BASE_URL as BASE,
  VIDEO_TEST_TOKEN,
  videoErrorBody,
  videoPageBody,
} from './testing/video.factory';
import { VideoClient } from './video.client';
import { ZVideoConfig } from './video.config';
import { OUTSIDE_CITY_REASON } from './video.records';

const PLATFORMS = '/vss/api/v1/platforms';
const DEVICES = '/vss/api/v1/devices';

/**
 * Short backoff: tests never sleep for real seconds. The timeout is generous so that a busy machine
 * never turns a slow first request into a retry; the timeout tests set their own.
 */
function makeSut(overrides: Record<string, unknown> = {}) {
  const config = ZVideoConfig.parse({
    baseUrl: BASE,
    token: VIDEO_TEST_TOKEN,
    ...TEST_RESILIENCE,
    ...overrides,
  });
  const logger = new RecordingLogger();
  return { sut: new VideoClient(config, { logger }), logger };
}

/** A scope that only answers requests carrying the configured bearer token. */
function platform(basePath = '') {
  return nock(`${BASE}${basePath}`, { reqheaders: { authorization: `Bearer ${VIDEO_TEST_TOKEN}` } });
}

const full = { mode: 'full', cursor: null } as const;
const page1 = { pageNo: '1', pageSize: '500' };

describe(VideoClient.name, () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  afterEach(() => nock.cleanAll());

  describe('sync', () => {
    it('stops paging at an empty page even when total promises more', async () => {
      const devices = [aVideoDevice()];
      const scope = platform()
        .get(PLATFORMS)
        .query(page1)
        .reply(200, videoPageBody([]))
        .get(DEVICES)
        .query(page1)
        .reply(200, videoPageBody(devices, 900))
        .get(DEVICES)
        .query({ pageNo: '2', pageSize: '500' })
        .reply(200, videoPageBody([], 900));
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome).toMatchObject({ complete: true, pagesFetched: 3, recordsSeen: 1 });
      expect(scope.isDone()).toBe(true);
    });

    it('maps a platform with its name as system name and a device with its platform as parent', async () => {
      const cascade = aVideoPlatform();
      const device = aVideoDevice({ platformId: cascade.platformId, projectCode: aProjectCode() });
      const scope = platform()
        .get(PLATFORMS)
        .query(page1)
        .reply(200, videoPageBody([cascade]))
        .get(DEVICES)
        .query(page1)
        .reply(200, videoPageBody([device]));
      const { sut } = makeSut();
      const { pages, sink } = collectingSink();

      await sut.sync(full, sink);

      expect(pages[0]?.records).toEqual([
        {
          kind: 'platform',
          externalId: cascade.platformId,
          payload: cascade,
          projectCode: cascade.projectCode,
          systemName: cascade.name,
          unitCode: cascade.ownerUnitCode,
          updatedAt: null,
          tombstone: false,
        },
      ]);
      expect(pages[1]?.records).toEqual([
        {
          kind: 'device',
          externalId: device.deviceId,
          payload: device,
          projectCode: device.projectCode,
          systemName: null,
          unitCode: device.ownerUnitCode,
          updatedAt: device.updatedAt,
          tombstone: false,
          parentExternalId: cascade.platformId,
        },
      ]);
      expect(scope.isDone()).toBe(true);
    });

    it('asks for devices changed since the cursor, lists platforms in full, and returns the latest change as the new cursor', async () => {
      const since = '2025-05-02T08:00:00+08:00';
      const later = aVideoDevice({ updatedAt: '2025-05-02T09:30:00+08:00' });
      // Same day, larger as a string, earlier as an instant: compared as instants.
      const earlierButLargerString = aVideoDevice({ updatedAt: '2025-05-02T01:10:00Z' });
      const scope = platform()
        .get(PLATFORMS)
        .query(page1)
        .reply(200, videoPageBody([aVideoPlatform()]))
        .get(DEVICES)
        .query({ ...page1, updatedSince: since })
        .reply(200, videoPageBody([later, earlierButLargerString]));
      const { sut } = makeSut();

      const outcome = await sut.sync({ mode: 'incremental', cursor: since }, collectingSink().sink);

      expect(outcome).toMatchObject({ complete: true, cursor: '2025-05-02T09:30:00+08:00' });
      expect(scope.isDone()).toBe(true);
    });

    it('takes registeredAt as the change time of a device without updatedAt when advancing the cursor', async () => {
      const since = '2025-05-02T08:00:00+08:00';
      const { updatedAt: _none, ...registeredOnly } = aVideoDevice({
        registeredAt: '2025-05-03T10:00:00+08:00',
      });
      const older = aVideoDevice({ updatedAt: '2025-05-03T09:00:00+08:00' });
      const scope = platform()
        .get(PLATFORMS)
        .query(page1)
        .reply(200, videoPageBody([]))
        .get(DEVICES)
        .query({ ...page1, updatedSince: since })
        .reply(200, videoPageBody([older, registeredOnly]));
      const { sut } = makeSut();
      const { pages, sink } = collectingSink();

      const outcome = await sut.sync({ mode: 'incremental', cursor: since }, sink);

      expect(outcome).toMatchObject({ complete: true, cursor: '2025-05-03T10:00:00+08:00' });
      expect(pages[0]?.records.find((r) => r.externalId === registeredOnly.deviceId)?.updatedAt).toBeNull();
      expect(scope.isDone()).toBe(true);
    });

    it('keeps the old cursor when an incremental sync brings no devices', async () => {
      const since = '2025-05-02T08:00:00+08:00';
      const scope = platform()
        .get(PLATFORMS)
        .query(page1)
        .reply(200, videoPageBody([aVideoPlatform()]))
        .get(DEVICES)
        .query({ ...page1, updatedSince: since })
        .reply(200, videoPageBody([]));
      const { sut } = makeSut();

      const outcome = await sut.sync({ mode: 'incremental', cursor: since }, collectingSink().sink);

      expect(outcome).toMatchObject({ complete: true, cursor: since, recordsSeen: 1 });
      expect(scope.isDone()).toBe(true);
    });

    it('lists every device in full mode whatever the cursor', async () => {
      const device = aVideoDevice();
      const scope = platform()
        .get(PLATFORMS)
        .query(page1)
        .reply(200, videoPageBody([]))
        .get(DEVICES)
        .query(page1)
        .reply(200, videoPageBody([device]));
      const { sut } = makeSut();

      const outcome = await sut.sync({ mode: 'full', cursor: '2099-01-01T00:00:00Z' }, collectingSink().sink);

      expect(outcome.cursor).toBe(device.updatedAt);
      expect(scope.isDone()).toBe(true);
    });

    it('lists every device on a first incremental sync, which has no cursor yet', async () => {
      const scope = platform()
        .get(PLATFORMS)
        .query(page1)
        .reply(200, videoPageBody([]))
        .get(DEVICES)
        .query(page1)
        .reply(200, videoPageBody([]));
      const { sut } = makeSut();

      const outcome = await sut.sync({ mode: 'incremental', cursor: null }, collectingSink().sink);

      expect(outcome).toMatchObject({ complete: true, cursor: null });
      expect(scope.isDone()).toBe(true);
    });

    it('marks DELETED devices as tombstones and never an OFFLINE platform', async () => {
      const offline = aVideoPlatform({ cascadeStatus: 'OFFLINE' });
      const deleted = aVideoDevice({ status: 'DELETED' });
      const off = aVideoDevice({ status: 'OFF' });
      const scope = platform()
        .get(PLATFORMS)
        .query(page1)
        .reply(200, videoPageBody([offline]))
        .get(DEVICES)
        .query(true)
        .reply(200, videoPageBody([deleted, off]));
      const { sut } = makeSut();
      const { pages, sink } = collectingSink();

      await sut.sync({ mode: 'incremental', cursor: '2025-01-01T00:00:00+08:00' }, sink);

      expect(pages[0]?.records[0]?.tombstone).toBe(false);
      expect(pages[1]?.records.map((r) => [r.externalId, r.tombstone])).toEqual([
        [deleted.deviceId, true],
        [off.deviceId, false],
      ]);
      expect(scope.isDone()).toBe(true);
    });

    it('reports a platform or device coded in another prefecture as a problem and still stores it', async () => {
      const foreignPlatform = aVideoPlatform({
        platformId: aGbCode({ centreCode: '43070000', typeCode: '200' }),
      });
      const foreignDevice = aVideoDevice({ deviceId: aGbCode({ centreCode: '11010500' }) });
      const county = aVideoDevice({ deviceId: aGbCode({ centreCode: '43060200' }) });
      const chenzhou = aVideoDevice({ deviceId: aGbCode({ centreCode: '43102100' }) });
      const scope = platform()
        .get(PLATFORMS)
        .query(page1)
        .reply(200, videoPageBody([foreignPlatform]))
        .get(DEVICES)
        .query(page1)
        .reply(200, videoPageBody([county, foreignDevice, chenzhou]));
      const { sut } = makeSut();
      const { pages, sink } = collectingSink();

      const outcome = await sut.sync(full, sink);

      // Kept and counted as valid once: the project's video rule decides they do not count.
      expect(outcome).toMatchObject({ complete: true, recordsSeen: 4, recordsInvalid: 0 });
      expect(pages[0]?.records.map((r) => r.externalId)).toEqual([foreignPlatform.platformId]);
      expect(pages[0]?.problems).toEqual([
        {
          kind: 'platform',
          externalId: foreignPlatform.platformId,
          reason: OUTSIDE_CITY_REASON,
          issues: [{ path: 'platformId', message: expect.stringContaining('prefecture 4307') }],
          payload: foreignPlatform,
          warning: true,
        },
      ]);
      expect(pages[1]?.records.map((r) => r.externalId)).toEqual([
        county.deviceId,
        foreignDevice.deviceId,
        chenzhou.deviceId,
      ]);
      expect(pages[1]?.problems.map((p) => [p.externalId, p.reason.zh])).toEqual([
        [foreignDevice.deviceId, OUTSIDE_CITY_REASON.zh],
      ]);
      expect(scope.isDone()).toBe(true);
    });

    it('judges the city by the configured division codes', async () => {
      const chenzhou = aVideoDevice({ deviceId: aGbCode({ centreCode: '43100000' }) });
      const scope = platform()
        .get(PLATFORMS)
        .query(page1)
        .reply(200, videoPageBody([]))
        .get(DEVICES)
        .query(page1)
        .reply(200, videoPageBody([chenzhou]));
      const { sut } = makeSut({ cityDivisionCodes: '430600' });
      const { pages, sink } = collectingSink();

      const outcome = await sut.sync(full, sink);

      expect(outcome).toMatchObject({ complete: true, recordsInvalid: 0 });
      expect(pages[0]?.records.map((r) => r.externalId)).toEqual([chenzhou.deviceId]);
      expect(pages[0]?.problems[0]).toMatchObject({ externalId: chenzhou.deviceId, warning: true });
      expect(scope.isDone()).toBe(true);
    });

    it('does not let an invalid record move the cursor', async () => {
      const since = '2025-05-02T08:00:00+08:00';
      const valid = aVideoDevice({ updatedAt: '2025-05-02T09:00:00+08:00' });
      const foreign = aVideoDevice({
        deviceId: '4306000000132600000X',
        updatedAt: '2025-05-02T23:00:00+08:00',
      });
      const scope = platform()
        .get(PLATFORMS)
        .query(page1)
        .reply(200, videoPageBody([]))
        .get(DEVICES)
        .query({ ...page1, updatedSince: since })
        .reply(200, videoPageBody([valid, foreign]));
      const { sut } = makeSut();

      const outcome = await sut.sync({ mode: 'incremental', cursor: since }, collectingSink().sink);

      expect(outcome.cursor).toBe(valid.updatedAt);
      expect(scope.isDone()).toBe(true);
    });
  });

  describe('when the platform fails', () => {
    type Answer =
      | { body: unknown; status?: number; headers?: Record<string, string>; delayMs?: number }
      | { error: Error };

    /** The platform listing answers in order; `thenDevices` adds an empty device page after them. */
    function platformsAnswering(answers: Answer[], thenDevices = false): nock.Scope {
      const scope = platform();
      for (const answer of answers) {
        const interceptor = scope.get(PLATFORMS).query(page1);
        if ('error' in answer) interceptor.replyWithError(answer.error);
        else
          (answer.delayMs ? interceptor.delay(answer.delayMs) : interceptor).reply(
            answer.status ?? 200,
            answer.body as nock.Body,
            answer.headers,
          );
      }
      if (thenDevices) scope.get(DEVICES).query(page1).reply(200, videoPageBody([]));
      return scope;
    }
    const times = (n: number, answer: Answer): Answer[] => Array.from({ length: n }, () => answer);

    it('reports HTTP 401 as a non-retryable auth error that names the token', async () => {
      const scope = platformsAnswering([
        { status: 401, body: videoErrorBody(401, 'unauthorized: invalid token') },
      ]);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome).toMatchObject({ complete: false, pagesFetched: 0, pagesFailed: 1, cursor: null });
      expect(outcome.error).toBeInstanceOf(UpstreamError);
      expect(outcome.error).toMatchObject({
        code: 'auth',
        httpStatus: 401,
        upstreamCode: 401,
        retryable: false,
      });
      expect(outcome.error?.messageZh).toMatch(/^视频共享交换平台接口拒绝了访问令牌/);
      expect(outcome.error?.messageZh).toContain('token');
      expect(outcome.error?.message).toContain('unauthorized: invalid token');
      expect(scope.isDone()).toBe(true);
    });

    it('reports HTTP 401 with a body that is not JSON as an auth error too', async () => {
      const scope = platformsAnswering([{ status: 401, body: 'Unauthorized' }]);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'auth', httpStatus: 401, retryable: false });
      expect(outcome.error?.upstreamCode).toBeUndefined();
      expect(scope.isDone()).toBe(true);
    });

    it('reports a 401 code in the body over HTTP 200 as an auth error', async () => {
      const scope = platformsAnswering([{ body: videoErrorBody(401, 'token expired') }]);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({
        code: 'auth',
        httpStatus: 200,
        upstreamCode: 401,
        retryable: false,
      });
      expect(scope.isDone()).toBe(true);
    });

    it('retries code 500 "数据库繁忙" sent with HTTP 200 and reports it in Chinese first when it persists', async () => {
      const scope = platformsAnswering(times(3, { body: videoErrorBody(500, '数据库繁忙') }));
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({
        code: 'upstream-error',
        upstreamCode: 500,
        httpStatus: 200,
        retryable: true,
      });
      expect(outcome.error?.messageZh).toBe('视频共享交换平台接口返回错误 500: 数据库繁忙');
      expect(outcome.error?.message).toBe('video returned error 500: 数据库繁忙');
      expect(scope.isDone()).toBe(true);
    });

    it('recovers when a code 500 is followed by success', async () => {
      const scope = platformsAnswering(
        [{ body: videoErrorBody(500, '数据库繁忙') }, { body: videoPageBody([aVideoPlatform()]) }],
        true,
      );
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome).toMatchObject({ complete: true, pagesFetched: 2, recordsSeen: 1 });
      expect(scope.isDone()).toBe(true);
    });

    it('reports another non-200 code as a non-retryable upstream error', async () => {
      const scope = platformsAnswering([{ body: videoErrorBody(412, '参数校验失败') }]);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'upstream-error', upstreamCode: 412, retryable: false });
      expect(scope.isDone()).toBe(true);
    });

    it('gives up at once when Retry-After asks for longer than the hub waits inside one call', async () => {
      const scope = platformsAnswering([
        { status: 429, body: videoErrorBody(429, '请求过于频繁'), headers: { 'Retry-After': '120' } },
      ]);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'rate-limited', retryAfterMs: 120_000 });
      expect(scope.isDone()).toBe(true);
    });

    it('retries HTTP 503 and reports maintenance when it persists', async () => {
      const scope = platformsAnswering(
        times(3, { status: 503, body: videoErrorBody(503, '系统维护中，请稍后再试') }),
      );
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'maintenance', httpStatus: 503, retryable: true });
      expect(outcome.error?.messageZh).toContain('维护');
      expect(scope.isDone()).toBe(true);
    });

    it('does not retry HTTP 400, quoting the message of its envelope', async () => {
      const scope = platformsAnswering([
        { status: 400, body: videoErrorBody(400, 'invalid query: pageSize: must be at most 1000') },
      ]);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'http-status', httpStatus: 400, retryable: false });
      expect(outcome.error?.message).toContain('pageSize: must be at most 1000');
      expect(scope.isDone()).toBe(true);
    });

    it('reports JSON that is not the envelope as bad-response', async () => {
      const scope = platformsAnswering([{ body: { success: true, result: [] } }]);
      const { sut } = makeSut({ maxAttempts: 1 });

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'bad-response' });
      expect(outcome.error?.message).toContain('{"success":true,"result":[]}');
      expect(scope.isDone()).toBe(true);
    });

    it('reports an envelope whose data is not a page as a non-retryable bad-response', async () => {
      const scope = platformsAnswering([{ body: { code: 200, message: 'success', data: { rows: [] } } }]);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'bad-response', retryable: false });
      expect(scope.isDone()).toBe(true);
    });

    it('does not count refused tokens or rate limits against the circuit', async () => {
      const scope = platformsAnswering([
        { status: 401, body: videoErrorBody(401, 'invalid token') },
        { status: 429, body: videoErrorBody(429, '请求过于频繁') },
        { status: 401, body: videoErrorBody(401, 'invalid token') },
      ]);
      const { sut } = makeSut({ maxAttempts: 1, breakerThreshold: 2 });

      for (let i = 0; i < 3; i++) await sut.sync(full, collectingSink().sink);

      expect(sut.circuitState()).toBe('closed');
      expect(scope.isDone()).toBe(true);
    });
  });

  describe('fetchForProject', () => {
    it("lists every platform, the devices of the project's platforms, then every device, delivering each device once", async () => {
      const unitCode = aCreditCode();
      const projectCode = aProjectCode();
      const byCode = aVideoPlatform({ projectCode, ownerUnitCode: aCreditCode() });
      const byUnit = aVideoPlatform({ projectCode: null, ownerUnitCode: unitCode.toLowerCase() });
      const unrelated = aVideoPlatform();
      const underByCode = [
        aVideoDevice({ platformId: byCode.platformId }),
        aVideoDevice({ platformId: byCode.platformId }),
      ];
      const underByUnit = aVideoDevice({ platformId: byUnit.platformId });
      const direct = aVideoDevice({ projectCode, ownerUnitCode: unitCode });
      const underUnrelated = aVideoDevice({ platformId: unrelated.platformId });
      const scope = platform()
        .get(PLATFORMS)
        .query(page1)
        .reply(200, videoPageBody([byCode, unrelated, byUnit]))
        .get(DEVICES)
        .query({ ...page1, platformId: byCode.platformId })
        .reply(200, videoPageBody(underByCode))
        .get(DEVICES)
        .query({ ...page1, platformId: byUnit.platformId })
        .reply(200, videoPageBody([underByUnit]))
        .get(DEVICES)
        .query(page1)
        .reply(200, videoPageBody([...underByCode, underByUnit, direct, underUnrelated]));
      const { sut } = makeSut();
      const { pages, sink } = collectingSink();

      const outcome = await sut.fetchForProject({ projectCode, unitCode }, sink);

      expect(outcome).toMatchObject({ complete: true, pagesFetched: 4, cursor: null, error: null });
      expect(pages[0]?.records.map((r) => r.externalId)).toEqual([
        byCode.platformId,
        unrelated.platformId,
        byUnit.platformId,
      ]);
      const devices = pages.flatMap((p) => p.records).filter((r) => r.kind === 'device');
      expect(devices.map((r) => r.externalId)).toEqual([
        underByCode[0]!.deviceId,
        underByCode[1]!.deviceId,
        underByUnit.deviceId,
        direct.deviceId,
        underUnrelated.deviceId,
      ]);
      expect(devices[0]?.parentExternalId).toBe(byCode.platformId);
      expect(scope.isDone()).toBe(true);
    });

    it('lists every device when none of the platforms is the project’s', async () => {
      const direct = aVideoDevice();
      const scope = platform()
        .get(PLATFORMS)
        .query(page1)
        .reply(200, videoPageBody([aVideoPlatform()]))
        .get(DEVICES)
        .query(page1)
        .reply(200, videoPageBody([direct]));
      const { sut } = makeSut();
      const { pages, sink } = collectingSink();

      const outcome = await sut.fetchForProject(
        { projectCode: aProjectCode(), unitCode: aCreditCode() },
        sink,
      );

      expect(outcome.complete).toBe(true);
      expect(pages[1]?.records.map((r) => r.externalId)).toEqual([direct.deviceId]);
      expect(scope.isDone()).toBe(true);
    });

    it('reports an invalid device found by two queries once', async () => {
      const projectCode = aProjectCode();
      const cascade = aVideoPlatform({ projectCode });
      const badWithId = aVideoDevice({ platformId: cascade.platformId, channelCount: -1 });
      const { deviceId: _none, ...badWithoutId } = aVideoDevice({ platformId: cascade.platformId });
      const scope = platform()
        .get(PLATFORMS)
        .query(page1)
        .reply(200, videoPageBody([cascade]))
        .get(DEVICES)
        .query({ ...page1, platformId: cascade.platformId })
        .reply(200, videoPageBody([badWithId, badWithoutId]))
        .get(DEVICES)
        .query(page1)
        .reply(200, videoPageBody([badWithId, badWithoutId]));
      const { sut } = makeSut();
      const { pages, sink } = collectingSink();

      await sut.fetchForProject({ projectCode, unitCode: aCreditCode() }, sink);

      const problems = pages.flatMap((p) => p.problems);
      expect(problems.map((p) => p.payload)).toEqual([badWithId, badWithoutId]);
      expect(scope.isDone()).toBe(true);
    });

    it('ends incomplete with the error when the full device listing fails, the platform devices kept', async () => {
      const projectCode = aProjectCode();
      const cascade = aVideoPlatform({ projectCode });
      const underCascade = aVideoDevice({ platformId: cascade.platformId });
      const scope = platform()
        .get(PLATFORMS)
        .query(page1)
        .reply(200, videoPageBody([cascade]))
        .get(DEVICES)
        .query({ ...page1, platformId: cascade.platformId })
        .reply(200, videoPageBody([underCascade]))
        .get(DEVICES)
        .query(page1)
        .reply(401, videoErrorBody(401, 'token revoked'));
      const { sut } = makeSut();
      const { pages, sink } = collectingSink();

      const outcome = await sut.fetchForProject({ projectCode, unitCode: aCreditCode() }, sink);

      expect(outcome).toMatchObject({ complete: false, pagesFetched: 2, pagesFailed: 1, cursor: null });
      expect(outcome.error?.code).toBe('auth');
      expect(pages.flatMap((p) => p.records.map((r) => r.externalId))).toEqual([
        cascade.platformId,
        underCascade.deviceId,
      ]);
      expect(scope.isDone()).toBe(true);
    });
  });
});
