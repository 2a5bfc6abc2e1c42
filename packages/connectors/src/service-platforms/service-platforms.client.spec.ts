import nock from 'nock';
import { SERVICE_PLATFORMS_PATHS, ServicePlatformsCode } from '@hub/contracts';
import { UpstreamError } from '../framework/upstream-error';
import { RecordingLogger } from '../testing/recording-logger';
import { TEST_RESILIENCE } from '../testing/test-resilience';
import { collectingSink } from '../testing/sink';
import { ServicePlatformsClient, type ServicePlatformsClientOptions } from './service-platforms.client';
import { ZServicePlatformsConfig } from './service-platforms.config';
import {
  aHubApplication,
  aMobileService,
  aProjectCode,
  aUnitCode,
  aYwtbSystem,
  errorBody,
  pageBody,
} from './testing/service-platforms.factory';
import {
  SERVICE_PLATFORMS_TEST_BASE_URL as BASE,
  SERVICE_PLATFORMS_TEST_CREDENTIALS,
  emptyRegistries,
  gatewayScope,
} from './testing/service-platforms.nock';

const YWTB = SERVICE_PLATFORMS_PATHS.ywtb;
const YBYH = SERVICE_PLATFORMS_PATHS.ybyh;
const BRAIN = SERVICE_PLATFORMS_PATHS.brain;

/** Short delays: tests never sleep for real seconds; the timeout is generous so a loaded machine does not trip it. */
function makeSut(overrides: Record<string, unknown> = {}, options: ServicePlatformsClientOptions = {}) {
  const config = ZServicePlatformsConfig.parse({
    baseUrl: BASE,
    ...SERVICE_PLATFORMS_TEST_CREDENTIALS,
    ...TEST_RESILIENCE,
    ...overrides,
  });
  const logger = new RecordingLogger();
  return { sut: new ServicePlatformsClient(config, { logger }, options), logger };
}

const full = { mode: 'full', cursor: null } as const;
const page = (pageNum: number, pageSize = 200) => ({ pageNum: String(pageNum), pageSize: String(pageSize) });
const ids = (pages: { records: { kind: string; externalId: string }[] }[]) =>
  pages.map((p) => p.records.map((r) => `${r.kind}:${r.externalId}`));

describe(ServicePlatformsClient.name, () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  afterEach(() => nock.cleanAll());

  describe('sync', () => {
    it('keeps asking for the next page when the gateway serves fewer rows than the page size asked for', async () => {
      const systems = [aYwtbSystem(), aYwtbSystem(), aYwtbSystem()];
      const scope = gatewayScope()
        .get(YWTB)
        .query(page(1))
        .reply(200, pageBody(systems.slice(0, 2), 3))
        .get(YWTB)
        .query(page(2))
        .reply(200, pageBody(systems.slice(2), 3));
      emptyRegistries(scope, ['ybyh', 'brain']);
      const { sut } = makeSut();
      const { pages, sink } = collectingSink();

      const outcome = await sut.sync(full, sink);

      expect(outcome).toMatchObject({ complete: true, pagesFetched: 4, recordsSeen: 3 });
      expect(pages.flatMap((p) => p.records.map((r) => r.externalId))).toEqual(
        systems.map((s) => s.systemCode),
      );
      expect(scope.isDone()).toBe(true);
    });

    it('ends a registry at an empty page even when its total promised more, and says so in the log', async () => {
      const system = aYwtbSystem();
      const scope = gatewayScope()
        .get(YWTB)
        .query(page(1, 1))
        .reply(200, pageBody([system], 3))
        .get(YWTB)
        .query(page(2, 1))
        .reply(200, pageBody([], 3));
      emptyRegistries(scope, ['ybyh', 'brain'], 1);
      const { sut, logger } = makeSut({ pageSize: 1 });

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome).toMatchObject({ complete: true, recordsSeen: 1 });
      expect(logger.entries.find((e) => e.level === 'warn')?.obj).toMatchObject({
        registry: 'ywtb',
        received: 1,
        total: 3,
      });
      expect(scope.isDone()).toBe(true);
    });

    it('maps rows to records with project code, unit code and the system, service or app name, and no change time', async () => {
      const system = aYwtbSystem();
      const service = aMobileService({ projectCode: null });
      const { projectCode: _absent, ...app } = aHubApplication();
      const scope = gatewayScope()
        .get(YWTB)
        .query(page(1))
        .reply(200, pageBody([system]))
        .get(YBYH)
        .query(page(1))
        .reply(200, pageBody([service]))
        .get(BRAIN)
        .query(page(1))
        .reply(200, pageBody([app]));
      const { sut } = makeSut();
      const { pages, sink } = collectingSink();

      await sut.sync(full, sink);

      expect(pages.flatMap((p) => p.records)).toEqual([
        {
          kind: 'ywtb-system',
          externalId: system.systemCode,
          payload: system,
          projectCode: system.projectCode,
          systemName: system.systemName,
          unitCode: system.unitCode,
          updatedAt: null,
          tombstone: false,
        },
        {
          kind: 'ybyh-service',
          externalId: service.serviceId,
          payload: service,
          projectCode: null,
          systemName: service.serviceName,
          unitCode: service.unitCode,
          updatedAt: null,
          tombstone: false,
        },
        {
          kind: 'brain-app',
          externalId: app.appId,
          payload: app,
          projectCode: null,
          systemName: app.appName,
          unitCode: app.unitCode,
          updatedAt: null,
          tombstone: false,
        },
      ]);
      expect(scope.isDone()).toBe(true);
    });

    it('indexes a blank project code as absent', async () => {
      const system = aYwtbSystem({ projectCode: '  ' });
      const scope = gatewayScope()
        .get(YWTB)
        .query(page(1))
        .reply(200, pageBody([system]));
      emptyRegistries(scope, ['ybyh', 'brain']);
      const { sut } = makeSut();
      const { pages, sink } = collectingSink();

      await sut.sync(full, sink);

      expect(pages[0]?.records[0]?.projectCode).toBeNull();
      expect(scope.isDone()).toBe(true);
    });

    it('lists every registry in full in incremental mode too, keeping the watermark null', async () => {
      const system = aYwtbSystem();
      const scope = gatewayScope()
        .get(YWTB)
        .query(page(1))
        .reply(200, pageBody([system]));
      emptyRegistries(scope, ['ybyh', 'brain']);
      const { sut } = makeSut();
      const { pages, sink } = collectingSink();

      const outcome = await sut.sync({ mode: 'incremental', cursor: '2025-05-01T00:00:00+08:00' }, sink);

      expect(outcome).toMatchObject({ complete: true, cursor: null, recordsSeen: 1 });
      expect(pages[0]?.records[0]?.externalId).toBe(system.systemCode);
      expect(scope.isDone()).toBe(true);
    });

    it('marks OFFLINE systems and services as tombstones, but never a disconnected application', async () => {
      const offlineSystem = aYwtbSystem({ status: 'OFFLINE' });
      const testingSystem = aYwtbSystem({ status: 'TESTING' });
      const offlineService = aMobileService({ status: 'OFFLINE' });
      const reviewingService = aMobileService({ status: 'REVIEWING' });
      const disconnected = aHubApplication({ status: 'DISCONNECTED' });
      const scope = gatewayScope()
        .get(YWTB)
        .query(page(1))
        .reply(200, pageBody([offlineSystem, testingSystem]))
        .get(YBYH)
        .query(page(1))
        .reply(200, pageBody([offlineService, reviewingService]))
        .get(BRAIN)
        .query(page(1))
        .reply(200, pageBody([disconnected]));
      const { sut } = makeSut();
      const { pages, sink } = collectingSink();

      await sut.sync({ mode: 'incremental', cursor: null }, sink);

      expect(pages.flatMap((p) => p.records.map((r) => [r.externalId, r.tombstone]))).toEqual([
        [offlineSystem.systemCode, true],
        [testingSystem.systemCode, false],
        [offlineService.serviceId, true],
        [reviewingService.serviceId, false],
        [disconnected.appId, false],
      ]);
      expect(scope.isDone()).toBe(true);
    });
  });

  describe('when the gateway fails', () => {
    type Answer =
      | { body: unknown; status?: number; headers?: Record<string, string>; delayMs?: number }
      | { error: Error };

    /** The 一网通办 listing answers in order; `thenRest` adds empty listings of all registries after them. */
    function ywtbAnswering(answers: Answer[], thenRest = false): nock.Scope {
      const scope = gatewayScope();
      for (const answer of answers) {
        const interceptor = scope.get(YWTB).query(page(1));
        if ('error' in answer) interceptor.replyWithError(answer.error);
        else
          (answer.delayMs ? interceptor.delay(answer.delayMs) : interceptor).reply(
            answer.status ?? 200,
            answer.body as nock.Body,
            answer.headers,
          );
      }
      if (thenRest) {
        scope.get(YWTB).query(page(1)).reply(200, pageBody([]));
        emptyRegistries(scope, ['ybyh', 'brain']);
      }
      return scope;
    }
    const times = (n: number, answer: Answer): Answer[] => Array.from({ length: n }, () => answer);
    const unauthorized = errorBody(ServicePlatformsCode.UNAUTHORIZED, 'invalid app key or secret');
    const busy = errorBody(ServicePlatformsCode.SYSTEM_BUSY, 'system busy, please retry later');

    it('reports A0401 with HTTP 401 as a non-retryable auth error naming the app credentials', async () => {
      const scope = ywtbAnswering([{ status: 401, body: unauthorized }]);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome).toMatchObject({ complete: false, pagesFetched: 0, pagesFailed: 1, cursor: null });
      expect(outcome.error).toBeInstanceOf(UpstreamError);
      expect(outcome.error).toMatchObject({
        source: 'service-platforms',
        code: 'auth',
        upstreamCode: 'A0401',
        httpStatus: 401,
        retryable: false,
      });
      expect(outcome.error?.messageZh).toBe(
        '政务服务平台（一网通办/岳办岳好/城市大脑）接口拒绝了中枢的应用凭据（错误 A0401: invalid app key or secret），请核对中枢配置的 appKey 与 appSecret（X-App-Key / X-App-Secret）',
      );
      expect(scope.isDone()).toBe(true);
    });

    it('reports a 401 without an envelope as an auth error too', async () => {
      const scope = ywtbAnswering([{ status: 401, body: 'Unauthorized' }]);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'auth', httpStatus: 401, retryable: false });
      expect(scope.isDone()).toBe(true);
    });

    it('reports A0401 sent with HTTP 200 as an auth error', async () => {
      const scope = ywtbAnswering([{ body: unauthorized }]);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'auth', upstreamCode: 'A0401', httpStatus: 200 });
      expect(scope.isDone()).toBe(true);
    });

    it('retries B0001 system busy with exponential backoff and succeeds', async () => {
      const scope = ywtbAnswering([{ body: busy }, { body: busy }], true);
      const { sut, logger } = makeSut({ baseDelayMs: 40, maxDelayMs: 1_000 }, { random: () => 0.5 });

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome).toMatchObject({ complete: true, error: null });
      const retries = logger.entries.filter((e) => e.msg === 'upstream call failed, retrying');
      expect(retries.map((e) => e.obj)).toEqual([
        expect.objectContaining({ delayMs: 20, code: 'rate-limited', upstreamCode: 'B0001' }),
        expect.objectContaining({ delayMs: 40, code: 'rate-limited', upstreamCode: 'B0001' }),
      ]);
      expect(scope.isDone()).toBe(true);
    });

    it('waits the Retry-After a B0001 comes with before retrying', async () => {
      const scope = ywtbAnswering([{ body: busy, headers: { 'Retry-After': '0.08' } }], true);
      const { sut, logger } = makeSut();
      const started = performance.now();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.complete).toBe(true);
      expect(performance.now() - started).toBeGreaterThanOrEqual(75);
      expect(logger.entries.find((e) => e.msg === 'upstream call failed, retrying')?.obj).toMatchObject({
        delayMs: 80,
      });
      expect(scope.isDone()).toBe(true);
    });

    it('gives a retryable rate-limited error when B0001 persists through every attempt', async () => {
      const scope = ywtbAnswering(times(3, { body: busy }));
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({
        code: 'rate-limited',
        upstreamCode: 'B0001',
        httpStatus: 200,
        retryable: true,
      });
      expect(outcome.error?.messageZh).toContain('系统繁忙');
      expect(scope.isDone()).toBe(true);
    });

    it('does not count B0001 or auth failures against the circuit', async () => {
      const scope = ywtbAnswering([
        ...times(3, { body: busy }),
        ...times(3, { status: 401, body: unauthorized }),
      ]);
      const { sut } = makeSut({ maxAttempts: 1, breakerThreshold: 2 });

      for (let i = 0; i < 6; i++) await sut.sync(full, collectingSink().sink);

      expect(sut.circuitState()).toBe('closed');
      expect(scope.isDone()).toBe(true);
    });

    it('retries an internal error code sent with HTTP 200 and reports it in Chinese first when it persists', async () => {
      const scope = ywtbAnswering(times(3, { body: errorBody('B0100', 'system execution error') }));
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({
        code: 'upstream-error',
        upstreamCode: 'B0100',
        httpStatus: 200,
        retryable: true,
      });
      expect(outcome.error?.messageZh).toBe(
        '政务服务平台（一网通办/岳办岳好/城市大脑）接口返回错误 B0100: system execution error',
      );
      expect(outcome.error?.message).toBe('service-platforms returned error B0100: system execution error');
      expect(scope.isDone()).toBe(true);
    });

    it('recovers when an internal error with HTTP 500 is followed by success', async () => {
      const scope = ywtbAnswering(
        [{ status: 500, body: errorBody('B0100', 'system execution error') }],
        true,
      );
      const { sut, logger } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome).toMatchObject({ complete: true, pagesFetched: 3 });
      expect(logger.entries.find((e) => e.msg === 'upstream call failed, retrying')?.obj).toMatchObject({
        code: 'upstream-error',
        upstreamCode: 'B0100',
      });
      expect(scope.isDone()).toBe(true);
    });

    it('reports an A-code refusal other than A0401 without retrying: the same request gets the same answer', async () => {
      const scope = ywtbAnswering([
        { status: 400, body: errorBody('A0400', 'pageSize must be at most 200') },
      ]);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({
        code: 'upstream-error',
        upstreamCode: 'A0400',
        httpStatus: 400,
        retryable: false,
      });
      expect(outcome.error?.message).toContain('pageSize must be at most 200');
      expect(scope.isDone()).toBe(true);
    });

    it('reports maintenance for a 503 even when it carries an envelope', async () => {
      const scope = ywtbAnswering(times(3, { status: 503, body: errorBody('C0001', 'under maintenance') }));
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'maintenance', httpStatus: 503 });
      expect(outcome.error?.messageZh).toContain('维护');
      expect(scope.isDone()).toBe(true);
    });

    it('honours Retry-After on an HTTP 429', async () => {
      const scope = ywtbAnswering([{ status: 429, body: busy, headers: { 'Retry-After': '0.05' } }], true);
      const { sut, logger } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.complete).toBe(true);
      expect(logger.entries.find((e) => e.msg === 'upstream call failed, retrying')?.obj).toMatchObject({
        delayMs: 50,
        code: 'rate-limited',
      });
      expect(scope.isDone()).toBe(true);
    });

    it('reports HTTP 404 as not-found without retrying (a wrong base URL)', async () => {
      const scope = ywtbAnswering([{ status: 404, body: '<html>404 Not Found</html>' }]);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'not-found', httpStatus: 404, retryable: false });
      expect(scope.isDone()).toBe(true);
    });

    it('reports JSON that is not the envelope as bad-response', async () => {
      const scope = ywtbAnswering([{ body: { rows: [], total: 0 } }]);
      const { sut } = makeSut({ maxAttempts: 1 });

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'bad-response' });
      expect(outcome.error?.message).toContain('{"rows":[],"total":0}');
      expect(scope.isDone()).toBe(true);
    });

    it.each([
      ['data that is not a page', { list: [] }],
      ['no data at all', undefined],
      ['a negative total', { rows: [], total: -1 }],
    ])('reports a 00000 envelope with %s as a non-retryable bad-response', async (_label, data) => {
      const scope = ywtbAnswering([{ body: { code: '00000', message: 'success', data } }]);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'bad-response', retryable: false });
      expect(scope.isDone()).toBe(true);
    });

    it('reports a numeric code as bad-response: the contract sends codes as strings', async () => {
      const scope = ywtbAnswering([{ body: { code: 0, message: 'success', data: { rows: [], total: 0 } } }]);
      const { sut } = makeSut({ maxAttempts: 1 });

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'bad-response' });
      expect(scope.isDone()).toBe(true);
    });
  });

  describe('fetchForProject', () => {
    it('lists all three registries in full, having no filters, and delivers every record', async () => {
      const projectCode = aProjectCode();
      const unitCode = aUnitCode();
      const byCode = aYwtbSystem({ projectCode });
      const byUnit = aMobileService({ projectCode: null, unitCode });
      const someoneElses = aMobileService();
      const app = aHubApplication();
      const scope = gatewayScope()
        .get(YWTB)
        .query(page(1))
        .reply(200, pageBody([byCode]))
        .get(YBYH)
        .query(page(1))
        .reply(200, pageBody([byUnit, someoneElses]))
        .get(BRAIN)
        .query(page(1))
        .reply(200, pageBody([app]));
      const { sut } = makeSut();
      const { pages, sink } = collectingSink();

      const outcome = await sut.fetchForProject({ projectCode, unitCode }, sink);

      expect(outcome).toMatchObject({ complete: true, pagesFetched: 3, recordsSeen: 4, cursor: null });
      expect(ids(pages)).toEqual([
        [`ywtb-system:${byCode.systemCode}`],
        [`ybyh-service:${byUnit.serviceId}`, `ybyh-service:${someoneElses.serviceId}`],
        [`brain-app:${app.appId}`],
      ]);
      expect(scope.isDone()).toBe(true);
    });

    it('ends incomplete with the error when a registry fails, keeping what was fetched', async () => {
      const system = aYwtbSystem();
      const scope = gatewayScope()
        .get(YWTB)
        .query(page(1))
        .reply(200, pageBody([system]))
        .get(YBYH)
        .query(page(1))
        .reply(401, errorBody('A0401', 'app secret expired'));
      const { sut } = makeSut();
      const { pages, sink } = collectingSink();

      const outcome = await sut.fetchForProject({ projectCode: aProjectCode(), unitCode: aUnitCode() }, sink);

      expect(outcome).toMatchObject({ complete: false, pagesFetched: 1, pagesFailed: 1, cursor: null });
      expect(outcome.error).toMatchObject({ code: 'auth', upstreamCode: 'A0401' });
      expect(pages.flatMap((p) => p.records.map((r) => r.externalId))).toEqual([system.systemCode]);
      expect(scope.isDone()).toBe(true);
    });
  });
});
