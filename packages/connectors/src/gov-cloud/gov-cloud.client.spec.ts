import nock from 'nock';
import { govCloudSignature } from '@hub/contracts';
import { UpstreamError } from '../framework/upstream-error';
import {
  aCreditCode,
  aGovCloudResource,
  aGovCloudTenant,
  errorBody,
  resourcePageBody,
  tenantPageBody,
} from '../testing/gov-cloud.factory';
import {
  GOV_CLOUD_TEST_BASE_URL as BASE,
  GOV_CLOUD_TEST_CREDENTIALS,
  GovCloudSignatureCheck,
} from '../testing/gov-cloud.nock';
import { RecordingLogger } from '../testing/recording-logger';
import { TEST_RESILIENCE } from '../testing/test-resilience';
import { collectingSink } from '../testing/sink';
import { GovCloudClient, type GovCloudClientOptions } from './gov-cloud.client';
import { ZGovCloudConfig } from './gov-cloud.config';

const TENANTS = '/openapi/v1/tenants';
const RESOURCES = '/openapi/v1/resources';

/**
 * Short delays: tests never sleep for real seconds. The attempt timeout stays generous (tests of
 * timeouts set their own) so that a loaded CI machine does not turn a slow answer into a retry.
 */
function makeSut(overrides: Record<string, unknown> = {}, options: GovCloudClientOptions = {}) {
  const config = ZGovCloudConfig.parse({
    baseUrl: BASE,
    ...GOV_CLOUD_TEST_CREDENTIALS,
    ...TEST_RESILIENCE,
    ...overrides,
  });
  const logger = new RecordingLogger();
  return { sut: new GovCloudClient(config, { logger }, options), logger };
}

const full = { mode: 'full', cursor: null } as const;
const noTenants = tenantPageBody([], { total: 0, pageNo: 1, pageSize: 100 });

describe(GovCloudClient.name, () => {
  let check: GovCloudSignatureCheck;

  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  beforeEach(() => {
    check = new GovCloudSignatureCheck();
  });
  afterEach(() => nock.cleanAll());

  describe('signing', () => {
    it('sends X-Ak, the epoch-ms X-Timestamp, X-Nonce and the HMAC of method, sorted path and query, timestamp and nonce', async () => {
      const now = 1_760_000_000_123;
      const signatureOf = (pathWithQuery: string) =>
        govCloudSignature({
          method: 'GET',
          pathWithQuery,
          timestamp: String(now),
          nonce: 'nonce-pinned',
          secretKey: GOV_CLOUD_TEST_CREDENTIALS.secretKey,
        });
      const scope = nock(BASE)
        .get(TENANTS)
        .query({ pageNo: '1', pageSize: '100' })
        .matchHeader('x-ak', GOV_CLOUD_TEST_CREDENTIALS.accessKey)
        .matchHeader('x-timestamp', String(now))
        .matchHeader('x-nonce', 'nonce-pinned')
        .matchHeader('x-signature', signatureOf(`${TENANTS}?pageNo=1&pageSize=100`))
        .reply(200, noTenants)
        .get(RESOURCES)
        .query({ limit: '500', cursor: 'c/1+2' })
        .matchHeader('x-signature', signatureOf(`${RESOURCES}?cursor=c%2F1%2B2&limit=500`))
        .reply(200, resourcePageBody([]))
        .get(RESOURCES)
        .query({ limit: '500' })
        .matchHeader('x-signature', signatureOf(`${RESOURCES}?limit=500`))
        .reply(200, resourcePageBody([], 'c/1+2'));
      const { sut } = makeSut({}, { now: () => now, nonce: () => 'nonce-pinned' });

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toBeNull();
      expect(outcome.complete).toBe(true);
      expect(scope.isDone()).toBe(true);
    });

    it('signs each request with the current time and a nonce never used before', async () => {
      const scope = nock(BASE)
        .get(TENANTS)
        .query(true)
        .reply(check.reply(noTenants))
        .get(RESOURCES)
        .query(true)
        .reply(check.reply(resourcePageBody([], 'next')))
        .get(RESOURCES)
        .query(true)
        .reply(check.reply(resourcePageBody([])));
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.complete).toBe(true);
      expect(check.requests.map((r) => check.problemWith('GET', r))).toEqual([null, null, null]);
      expect(new Set(check.nonces).size).toBe(3);
      for (const { headers } of check.requests) {
        expect(Math.abs(Number(headers['x-timestamp']) - Date.now())).toBeLessThan(5_000);
      }
      expect(scope.isDone()).toBe(true);
    });

    it('signs the path prefix of a base URL behind a gateway', async () => {
      const scope = nock(BASE)
        .get(`/gw/gov-cloud${TENANTS}`)
        .query(true)
        .reply(check.reply(noTenants))
        .get(`/gw/gov-cloud${RESOURCES}`)
        .query(true)
        .reply(check.reply(resourcePageBody([])));
      const { sut } = makeSut({ baseUrl: `${BASE}/gw/gov-cloud/` });

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.complete).toBe(true);
      expect(check.requests[0]?.uri).toBe(`/gw/gov-cloud${TENANTS}?pageNo=1&pageSize=100`);
      expect(scope.isDone()).toBe(true);
    });
  });

  describe('sync', () => {
    it('maps resources to records with the unit code of their tenant, and tenants with their own', async () => {
      const tenant = aGovCloudTenant();
      const tagged = aGovCloudResource({ tenantId: tenant.tenantId });
      const orphan = aGovCloudResource({ projectCode: null, systemName: null });
      const scope = nock(BASE)
        .get(TENANTS)
        .query(true)
        .reply(check.reply(tenantPageBody([tenant], { total: 1, pageNo: 1, pageSize: 100 })))
        .get(RESOURCES)
        .query(true)
        .reply(check.reply(resourcePageBody([tagged, orphan])));
      const { sut } = makeSut();
      const { pages, sink } = collectingSink();

      await sut.sync(full, sink);

      expect(pages[0]?.records).toEqual([
        {
          kind: 'tenant',
          externalId: tenant.tenantId,
          payload: tenant,
          projectCode: null,
          systemName: null,
          unitCode: tenant.unitCode,
          updatedAt: null,
          tombstone: false,
        },
      ]);
      expect(pages[1]?.records).toEqual([
        {
          kind: 'resource',
          externalId: tagged.resourceId,
          payload: tagged,
          projectCode: tagged.projectCode,
          systemName: tagged.systemName,
          unitCode: tenant.unitCode,
          updatedAt: tagged.updatedAt,
          tombstone: false,
        },
        {
          kind: 'resource',
          externalId: orphan.resourceId,
          payload: orphan,
          projectCode: null,
          systemName: null,
          unitCode: null,
          updatedAt: orphan.updatedAt,
          tombstone: false,
        },
      ]);
      expect(scope.isDone()).toBe(true);
    });

    it('asks only for changes since the cursor in incremental mode and returns the latest updatedAt as the new cursor', async () => {
      const since = '2025-03-02T08:00:00+08:00';
      const later = aGovCloudResource({ updatedAt: '2025-03-02T09:30:00+08:00' });
      // Same instant zone-shifted is earlier: compared as instants, not as strings.
      const earlierButLargerString = aGovCloudResource({ updatedAt: '2025-03-02T01:10:00Z' });
      const scope = nock(BASE)
        .get(TENANTS)
        .query(true)
        .reply(check.reply(noTenants))
        .get(RESOURCES)
        .query({ limit: '500', updatedSince: since })
        .reply(check.reply(resourcePageBody([later, earlierButLargerString])));
      const { sut } = makeSut();

      const outcome = await sut.sync({ mode: 'incremental', cursor: since }, collectingSink().sink);

      expect(outcome.complete).toBe(true);
      expect(outcome.cursor).toBe('2025-03-02T09:30:00+08:00');
      expect(check.requests[1]?.uri).toBe(
        `${RESOURCES}?limit=500&updatedSince=2025-03-02T08%3A00%3A00%2B08%3A00`,
      );
      expect(scope.isDone()).toBe(true);
    });

    it('keeps the old cursor when an incremental sync brings no resources', async () => {
      const since = '2025-03-02T08:00:00+08:00';
      const scope = nock(BASE)
        .get(TENANTS)
        .query(true)
        .reply(check.reply(noTenants))
        .get(RESOURCES)
        .query({ limit: '500', updatedSince: since })
        .reply(check.reply(resourcePageBody([])));
      const { sut } = makeSut();

      const outcome = await sut.sync({ mode: 'incremental', cursor: since }, collectingSink().sink);

      expect(outcome).toMatchObject({ complete: true, cursor: since, recordsSeen: 0 });
      expect(scope.isDone()).toBe(true);
    });

    it('ignores the cursor in full mode', async () => {
      const resource = aGovCloudResource();
      const scope = nock(BASE)
        .get(TENANTS)
        .query(true)
        .reply(check.reply(noTenants))
        .get(RESOURCES)
        .query({ limit: '500' })
        .reply(check.reply(resourcePageBody([resource])));
      const { sut } = makeSut();

      const outcome = await sut.sync({ mode: 'full', cursor: '2099-01-01T00:00:00Z' }, collectingSink().sink);

      expect(outcome.cursor).toBe(resource.updatedAt);
      expect(scope.isDone()).toBe(true);
    });

    it('marks released resources as tombstones', async () => {
      const released = aGovCloudResource({ status: 'released' });
      const stopped = aGovCloudResource({ status: 'stopped' });
      const scope = nock(BASE)
        .get(TENANTS)
        .query(true)
        .reply(check.reply(noTenants))
        .get(RESOURCES)
        .query(true)
        .reply(check.reply(resourcePageBody([released, stopped])));
      const { sut } = makeSut();
      const { pages, sink } = collectingSink();

      await sut.sync({ mode: 'incremental', cursor: '2025-01-01T00:00:00+08:00' }, sink);

      expect(pages[0]?.records.map((r) => [r.externalId, r.tombstone])).toEqual([
        [released.resourceId, true],
        [stopped.resourceId, false],
      ]);
      expect(scope.isDone()).toBe(true);
    });

    it('stops with bad-response when the cloud repeats a cursor instead of looping forever', async () => {
      const scope = nock(BASE)
        .get(TENANTS)
        .query(true)
        .reply(check.reply(noTenants))
        .get(RESOURCES)
        .query({ limit: '500' })
        .reply(check.reply(resourcePageBody([], 'same')))
        .get(RESOURCES)
        .query({ limit: '500', cursor: 'same' })
        .reply(check.reply(resourcePageBody([], 'same')));
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.complete).toBe(false);
      expect(outcome.error?.code).toBe('bad-response');
      expect(scope.isDone()).toBe(true);
    });
  });

  describe('when the cloud fails', () => {
    type Answer =
      | { body: unknown; status?: number; headers?: Record<string, string>; delayMs?: number }
      | { error: Error };

    /** The tenant endpoint answers in order; `thenResources` adds an empty resource page after them. */
    function tenantsAnswering(answers: Answer[], thenResources = false): nock.Scope {
      const scope = nock(BASE);
      for (const answer of answers) {
        const interceptor = scope.get(TENANTS).query(true);
        if ('error' in answer) interceptor.replyWithError(answer.error);
        else
          (answer.delayMs ? interceptor.delay(answer.delayMs) : interceptor).reply(
            check.reply(answer.body, answer.status, answer.headers),
          );
      }
      if (thenResources)
        scope
          .get(RESOURCES)
          .query(true)
          .reply(check.reply(resourcePageBody([])));
      return scope;
    }
    const times = (n: number, answer: Answer): Answer[] => Array.from({ length: n }, () => answer);

    it('reports 40001 bad signature as a non-retryable auth error', async () => {
      const scope = tenantsAnswering([{ body: errorBody(40001, 'invalid signature') }]);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome).toMatchObject({ complete: false, pagesFetched: 0, pagesFailed: 1, cursor: null });
      expect(outcome.error).toMatchObject({
        code: 'auth',
        upstreamCode: 40001,
        retryable: false,
        httpStatus: 200,
      });
      expect(outcome.error?.messageZh).toContain('accessKey');
      expect(check.requests).toHaveLength(1);
      expect(scope.isDone()).toBe(true);
    });

    it('reports 40002 timestamp skew as an auth error saying the clocks differ', async () => {
      const scope = tenantsAnswering([{ body: errorBody(40002, 'timestamp expired') }]);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'auth', upstreamCode: 40002, retryable: false });
      expect(outcome.error?.message).toContain('clock');
      expect(outcome.error?.messageZh).toContain('时钟');
      expect(check.requests).toHaveLength(1);
      expect(scope.isDone()).toBe(true);
    });

    it('retries 40003 nonce reused with a new nonce and timestamp, and succeeds', async () => {
      const scope = tenantsAnswering([{ body: errorBody(40003, 'nonce reused') }, { body: noTenants }], true);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome).toMatchObject({ complete: true, error: null });
      expect(check.nonces[1]).not.toBe(check.nonces[0]);
      expect(scope.isDone()).toBe(true);
    });

    it('reports 40300 tenant not visible as a non-retryable auth error', async () => {
      const scope = tenantsAnswering([{ body: errorBody(40300, 'tenant not visible') }]);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'auth', upstreamCode: 40300, retryable: false });
      expect(outcome.error?.messageZh).toContain('市大数据中心');
      expect(check.requests).toHaveLength(1);
      expect(scope.isDone()).toBe(true);
    });

    it('reports 40400 as not-found without retrying', async () => {
      const scope = tenantsAnswering([{ body: errorBody(40400, 'not found') }]);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'not-found', upstreamCode: 40400, retryable: false });
      expect(scope.isDone()).toBe(true);
    });

    it('waits the advised retryAfterSeconds of a 42900 before retrying, then succeeds', async () => {
      const scope = tenantsAnswering(
        [{ body: errorBody(42900, 'rate limited', { retryAfterSeconds: 0.08 }) }, { body: noTenants }],
        true,
      );
      const { sut, logger } = makeSut();
      const started = performance.now();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.complete).toBe(true);
      expect(performance.now() - started).toBeGreaterThanOrEqual(75);
      expect(logger.entries.find((e) => e.msg === 'upstream call failed, retrying')?.obj).toMatchObject({
        delayMs: 80,
        code: 'rate-limited',
        upstreamCode: 42900,
      });
      expect(scope.isDone()).toBe(true);
    });

    it('gives a rate-limited error when 42900 persists through every attempt', async () => {
      const scope = tenantsAnswering(
        times(3, { body: errorBody(42900, 'rate limited', { retryAfterSeconds: 0.01 }) }),
      );
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({
        code: 'rate-limited',
        upstreamCode: 42900,
        retryAfterMs: 10,
        retryable: true,
      });
      expect(check.requests).toHaveLength(3);
      expect(scope.isDone()).toBe(true);
    });

    it('retries 50000 and reports it in Chinese first when it persists', async () => {
      const scope = tenantsAnswering(times(3, { body: errorBody(50000, 'internal error') }));
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toBeInstanceOf(UpstreamError);
      expect(outcome.error).toMatchObject({ code: 'upstream-error', upstreamCode: 50000, retryable: true });
      expect(outcome.error?.messageZh).toBe('政务云资源台账接口返回错误 50000: internal error');
      expect(outcome.error?.text.en).toBe('gov-cloud returned error 50000: internal error');
      expect(check.requests).toHaveLength(3);
      expect(scope.isDone()).toBe(true);
    });

    it('recovers when a 50000 is followed by success', async () => {
      const scope = tenantsAnswering(
        [{ body: errorBody(50000, 'internal error') }, { body: noTenants }],
        true,
      );
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome).toMatchObject({ complete: true, pagesFetched: 2 });
      expect(scope.isDone()).toBe(true);
    });

    it('reports JSON that is not the envelope as bad-response', async () => {
      const scope = tenantsAnswering([{ body: { error: 'gateway' } }], false);
      const { sut } = makeSut({ maxAttempts: 1 });

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'bad-response' });
      expect(outcome.error?.message).toContain('{"error":"gateway"}');
      expect(scope.isDone()).toBe(true);
    });

    it('reports an envelope whose data is not a page as a non-retryable bad-response', async () => {
      const scope = tenantsAnswering([{ body: { code: 0, msg: 'ok', data: { rows: [] } } }]);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'bad-response', retryable: false });
      expect(check.requests).toHaveLength(1);
      expect(scope.isDone()).toBe(true);
    });

    it('does not count auth failures against the circuit', async () => {
      const scope = tenantsAnswering(times(3, { body: errorBody(40001, 'invalid signature') }));
      const { sut } = makeSut({ maxAttempts: 1, breakerThreshold: 2 });

      for (let i = 0; i < 3; i++) await sut.sync(full, collectingSink().sink);

      expect(sut.circuitState()).toBe('closed');
      expect(scope.isDone()).toBe(true);
    });
  });

  describe('fetchForProject', () => {
    it("queries resources by project code and by each of the unit's tenants, delivering each resource once", async () => {
      const unitCode = aCreditCode();
      const unitTenantA = aGovCloudTenant({ unitCode });
      const unitTenantB = aGovCloudTenant({ unitCode });
      const otherTenant = aGovCloudTenant();
      const projectCode = '25-430600-9001';
      const taggedElsewhere = aGovCloudResource({ tenantId: otherTenant.tenantId, projectCode });
      const taggedInUnit = aGovCloudResource({ tenantId: unitTenantA.tenantId, projectCode });
      const untagged = aGovCloudResource({ tenantId: unitTenantA.tenantId, projectCode: null });
      const inSecondTenant = aGovCloudResource({ tenantId: unitTenantB.tenantId, projectCode: null });
      const scope = nock(BASE)
        .get(TENANTS)
        .query(true)
        .reply(
          check.reply(
            tenantPageBody([unitTenantA, otherTenant, unitTenantB], { total: 3, pageNo: 1, pageSize: 100 }),
          ),
        )
        .get(RESOURCES)
        .query({ limit: '500', projectCode })
        .reply(check.reply(resourcePageBody([taggedElsewhere, taggedInUnit])))
        .get(RESOURCES)
        .query({ limit: '500', tenantId: unitTenantA.tenantId })
        .reply(check.reply(resourcePageBody([taggedInUnit], 'a-2')))
        .get(RESOURCES)
        .query({ limit: '500', tenantId: unitTenantA.tenantId, cursor: 'a-2' })
        .reply(check.reply(resourcePageBody([untagged])))
        .get(RESOURCES)
        .query({ limit: '500', tenantId: unitTenantB.tenantId })
        .reply(check.reply(resourcePageBody([inSecondTenant])));
      const { sut } = makeSut();
      const { pages, sink } = collectingSink();

      const outcome = await sut.fetchForProject({ projectCode, unitCode }, sink);

      expect(outcome).toMatchObject({ complete: true, pagesFetched: 5, cursor: null, error: null });
      const resources = pages.flatMap((p) => p.records).filter((r) => r.kind === 'resource');
      // The queries run side by side, so the pages arrive in any order; each resource comes once.
      expect(resources.map((r) => r.externalId).sort()).toEqual(
        [
          taggedElsewhere.resourceId,
          taggedInUnit.resourceId,
          untagged.resourceId,
          inSecondTenant.resourceId,
        ].sort(),
      );
      expect(resources.find((r) => r.externalId === untagged.resourceId)?.unitCode).toBe(unitCode);
      expect(scope.isDone()).toBe(true);
    });
  });

  describe('fetchForProject with the tenants the hub has stored', () => {
    it('lists no tenant and asks each stored tenant of the unit side by side', async () => {
      const unitCode = aCreditCode();
      const [tenantA, tenantB] = [aGovCloudTenant({ unitCode }), aGovCloudTenant({ unitCode })];
      const projectCode = '25-430600-9003';
      const inA = aGovCloudResource({ tenantId: tenantA.tenantId, projectCode: null });
      const inB = aGovCloudResource({ tenantId: tenantB.tenantId, projectCode: null });
      // Every answer waits 100 ms: one after the other they would take 300 ms.
      const scope = nock(BASE)
        .get(RESOURCES)
        .query({ limit: '500', projectCode })
        .delay(100)
        .reply(check.reply(resourcePageBody([])))
        .get(RESOURCES)
        .query({ limit: '500', tenantId: tenantA.tenantId })
        .delay(100)
        .reply(check.reply(resourcePageBody([inA])))
        .get(RESOURCES)
        .query({ limit: '500', tenantId: tenantB.tenantId })
        .delay(100)
        .reply(check.reply(resourcePageBody([inB])));
      const { sut } = makeSut();
      const { pages, sink } = collectingSink();
      const inFlight: number[] = [];
      let now = 0;
      scope.on('request', () => inFlight.push(++now));
      scope.on('replied', () => now--);

      const outcome = await sut.fetchForProject(
        { projectCode, unitCode, known: { tenant: [tenantA.tenantId, tenantB.tenantId] } },
        sink,
      );

      expect(outcome).toMatchObject({ complete: true, pagesFetched: 3, error: null });
      expect(Math.max(...inFlight)).toBe(3);
      const resources = pages.flatMap((p) => p.records);
      expect(resources.map((r) => r.externalId).sort()).toEqual([inA.resourceId, inB.resourceId].sort());
      expect(resources.every((r) => r.unitCode === unitCode)).toBe(true);
      expect(scope.isDone()).toBe(true);
    });
  });

  describe('recover', () => {
    it("re-asks a project's resources by project code and by each stored tenant of its unit, and covers it when all came", async () => {
      const unitCode = aCreditCode();
      const [tenantA, tenantB] = [aGovCloudTenant({ unitCode }), aGovCloudTenant({ unitCode })];
      const tagged = aGovCloudResource({ tenantId: tenantA.tenantId, projectCode: '25-430600-9001' });
      const untagged = aGovCloudResource({ tenantId: tenantA.tenantId, projectCode: null });
      const scope = nock(BASE)
        .get(RESOURCES)
        .query({ limit: '500', projectCode: '25-430600-9001' })
        .reply(check.reply(resourcePageBody([tagged])))
        .get(RESOURCES)
        .query({ limit: '500', tenantId: tenantA.tenantId })
        .reply(check.reply(resourcePageBody([tagged, untagged])))
        .get(RESOURCES)
        .query({ limit: '500', projectCode: '25-430600-9002' })
        .reply(check.reply(resourcePageBody([])))
        .get(RESOURCES)
        .query({ limit: '500', tenantId: tenantB.tenantId })
        .reply(check.reply(errorBody(50000, 'internal error')));
      const { sut } = makeSut({ maxAttempts: 1 });
      const { pages, sink } = collectingSink();

      const outcome = await sut.recover(
        [
          { projectCode: '25-430600-9001', unitCode, known: { tenant: [tenantA.tenantId] } },
          { projectCode: '25-430600-9002', unitCode, known: { tenant: [tenantB.tenantId] } },
        ],
        ['resource'],
        sink,
      );

      expect(outcome).toMatchObject({ complete: false, pagesFailed: 1, requests: 4 });
      expect([...outcome.covered.keys()]).toEqual(['25-430600-9001']);
      const resources = pages.flatMap((p) => p.records);
      expect(resources.map((r) => r.externalId)).toEqual([tagged.resourceId, untagged.resourceId]);
      expect(resources.find((r) => r.externalId === untagged.resourceId)?.unitCode).toBe(unitCode);
      expect(scope.isDone()).toBe(true);
    });

    it('covers nothing when the tenant list itself was lost, since it has no filter', async () => {
      const { sut } = makeSut();

      const outcome = await sut.recover(
        [{ projectCode: '25-430600-9001', unitCode: aCreditCode(), known: {} }],
        ['tenant', 'resource'],
        collectingSink().sink,
      );

      expect(outcome).toMatchObject({ requests: 0 });
      expect(outcome.covered.size).toBe(0);
    });
  });
});
