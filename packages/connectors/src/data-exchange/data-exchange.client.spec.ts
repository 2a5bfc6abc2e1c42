import nock from 'nock';
import { DATA_EXCHANGE_PATHS } from '@hub/contracts';
import type { SyncPage } from '../framework/connector';
import { UpstreamError } from '../framework/upstream-error';
import { RecordingLogger } from '../testing/recording-logger';
import { TEST_RESILIENCE } from '../testing/test-resilience';
import { collectingSink } from '../testing/sink';
import { DataExchangeClient, type DataExchangeClientOptions } from './data-exchange.client';
import { ZDataExchangeConfig } from './data-exchange.config';
import {
  aCatalogEntry,
  aProjectCodeForExchange,
  aUnitCode,
  anExchangeStats,
  anExchangeSystem,
  errorBody,
  pageBody,
  resultBody,
  tokenBody,
} from './testing/data-exchange.factory';
import {
  DATA_EXCHANGE_TEST_BASE_URL as BASE,
  DATA_EXCHANGE_TEST_CREDENTIALS,
  TOKEN_FORM,
  grantsTokens,
} from './testing/data-exchange.nock';

const { token: TOKEN, systems: SYSTEMS, catalog: CATALOG, stats: STATS } = DATA_EXCHANGE_PATHS;

/**
 * Short backoff: tests never sleep for real seconds. The attempt timeout is generous so that a busy
 * machine never turns a slow answer into a retry the test did not plan for.
 */
function makeSut(overrides: Record<string, unknown> = {}, options: DataExchangeClientOptions = {}) {
  const config = ZDataExchangeConfig.parse({
    baseUrl: BASE,
    ...DATA_EXCHANGE_TEST_CREDENTIALS,
    ...TEST_RESILIENCE,
    incrementalOverlapMs: 0,
    ...overrides,
  });
  const logger = new RecordingLogger();
  return { sut: new DataExchangeClient(config, { logger }, options), logger };
}

const full = { mode: 'full', cursor: null } as const;
const bearer = (token: string) => `Bearer ${token}`;

/** Empty answers for the lists a sync reads after the one a test is about. */
function emptyAfter(scope: nock.Scope, token: string, lists: readonly string[]): nock.Scope {
  for (const path of lists)
    scope.get(path).query(true).matchHeader('authorization', bearer(token)).reply(200, pageBody([]));
  return scope;
}

const ids = (pages: SyncPage[]) => pages.flatMap((p) => p.records.map((r) => `${r.kind}:${r.externalId}`));

describe(DataExchangeClient.name, () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  afterEach(() => nock.cleanAll());

  describe('access token', () => {
    it('posts the client credentials as a form once and sends the token as a Bearer header on every call', async () => {
      const systems = [anExchangeSystem(), anExchangeSystem(), anExchangeSystem()];
      const scope = grantsTokens(nock(BASE), ['tok-1'])
        .get(SYSTEMS)
        .query({ page: '1', size: '2' })
        .matchHeader('authorization', bearer('tok-1'))
        .reply(200, pageBody(systems.slice(0, 2), { total: 3, size: 2 }))
        .get(SYSTEMS)
        .query({ page: '2', size: '2' })
        .matchHeader('authorization', bearer('tok-1'))
        .reply(200, pageBody(systems.slice(2), { total: 3, page: 2, size: 2 }));
      emptyAfter(scope, 'tok-1', [CATALOG, STATS]);
      const { sut } = makeSut({ pageSize: 2 });

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome).toMatchObject({ complete: true, error: null, recordsSeen: 3 });
      expect(scope.isDone()).toBe(true);
    });

    it('reuses the cached token in the next sync while it is far from expiry', async () => {
      const scope = grantsTokens(nock(BASE), ['tok-1']);
      emptyAfter(scope, 'tok-1', [SYSTEMS, CATALOG, STATS, SYSTEMS, CATALOG, STATS]);
      const { sut } = makeSut();

      const first = await sut.sync(full, collectingSink().sink);
      const second = await sut.sync(full, collectingSink().sink);

      expect([first.complete, second.complete]).toEqual([true, true]);
      expect(scope.isDone()).toBe(true);
    });

    it('fetches a new token shortly before expires_in runs out, without waiting for a 401', async () => {
      let now = Date.parse('2025-04-01T09:00:00+08:00');
      const systems = [anExchangeSystem(), anExchangeSystem()];
      const scope = grantsTokens(nock(BASE), ['tok-1'], 120)
        .get(SYSTEMS)
        .query({ page: '1', size: '1' })
        .matchHeader('authorization', bearer('tok-1'))
        .reply(200, pageBody([systems[0]], { total: 2, size: 1 }));
      grantsTokens(scope, ['tok-2'], 120)
        .get(SYSTEMS)
        .query({ page: '2', size: '1' })
        .matchHeader('authorization', bearer('tok-2'))
        .reply(200, pageBody([systems[1]], { total: 2, page: 2, size: 1 }));
      emptyAfter(scope, 'tok-2', [CATALOG, STATS]);
      const { sut, logger } = makeSut({ pageSize: 1 }, { now: () => now });

      // 110 s into a 120 s token: inside the 12 s head start, so it is renewed before the next call.
      let advanced = false;
      const outcome = await sut.sync(full, async () => {
        if (!advanced) now += 110_000;
        advanced = true;
      });

      expect(outcome.complete).toBe(true);
      expect(logger.entries.some((e) => e.msg?.includes('token refused'))).toBe(false);
      expect(scope.isDone()).toBe(true);
    });

    it('fetches a new token and repeats the call once when the platform answers 401 TOKEN_EXPIRED mid-sync', async () => {
      const systems = [anExchangeSystem(), anExchangeSystem()];
      const scope = grantsTokens(nock(BASE), ['tok-1'])
        .get(SYSTEMS)
        .query({ page: '1', size: '1' })
        .matchHeader('authorization', bearer('tok-1'))
        .reply(200, pageBody([systems[0]], { total: 2, size: 1 }))
        .get(SYSTEMS)
        .query({ page: '2', size: '1' })
        .matchHeader('authorization', bearer('tok-1'))
        .reply(401, errorBody('TOKEN_EXPIRED', 'access token expired'));
      grantsTokens(scope, ['tok-2'])
        .get(SYSTEMS)
        .query({ page: '2', size: '1' })
        .matchHeader('authorization', bearer('tok-2'))
        .reply(200, pageBody([systems[1]], { total: 2, page: 2, size: 1 }));
      emptyAfter(scope, 'tok-2', [CATALOG, STATS]);
      const { sut, logger } = makeSut({ pageSize: 1 });
      const { pages, sink } = collectingSink();

      const outcome = await sut.sync(full, sink);

      expect(outcome).toMatchObject({ complete: true, error: null, pagesFetched: 4, recordsSeen: 2 });
      expect(ids(pages)).toEqual(systems.map((s) => `system:${s.systemId}`));
      expect(logger.entries.find((e) => e.msg?.startsWith('access token refused'))?.obj).toMatchObject({
        upstreamCode: 'TOKEN_EXPIRED',
        httpStatus: 401,
      });
      expect(scope.isDone()).toBe(true);
    });

    it('gives a typed auth error, keeping earlier pages, when even a fresh token is refused as expired', async () => {
      const first = anExchangeSystem();
      const scope = grantsTokens(nock(BASE), ['tok-1'])
        .get(SYSTEMS)
        .query({ page: '1', size: '1' })
        .reply(200, pageBody([first], { total: 2, size: 1 }))
        .get(SYSTEMS)
        .query({ page: '2', size: '1' })
        .matchHeader('authorization', bearer('tok-1'))
        .reply(401, errorBody('TOKEN_EXPIRED', 'access token expired'));
      grantsTokens(scope, ['tok-2'])
        .get(SYSTEMS)
        .query({ page: '2', size: '1' })
        .matchHeader('authorization', bearer('tok-2'))
        .reply(401, errorBody('TOKEN_EXPIRED', 'access token expired'));
      const { sut } = makeSut({ pageSize: 1 });
      const { pages, sink } = collectingSink();

      const outcome = await sut.sync({ mode: 'incremental', cursor: null }, sink);

      expect(outcome).toMatchObject({ complete: false, pagesFetched: 1, pagesFailed: 1, cursor: null });
      expect(outcome.error).toBeInstanceOf(UpstreamError);
      expect(outcome.error).toMatchObject({
        code: 'auth',
        retryable: false,
        httpStatus: 401,
        upstreamCode: 'TOKEN_EXPIRED',
      });
      expect(outcome.error?.messageZh).toContain('时钟');
      expect(outcome.error?.message).toContain('clocks');
      expect(ids(pages)).toEqual([`system:${first.systemId}`]);
      expect(scope.isDone()).toBe(true);
    });

    it('also renews a token the platform no longer knows (401 INVALID_TOKEN, e.g. after a restart)', async () => {
      const scope = grantsTokens(nock(BASE), ['tok-1'])
        .get(SYSTEMS)
        .query(true)
        .matchHeader('authorization', bearer('tok-1'))
        .reply(401, errorBody('INVALID_TOKEN', 'unknown token'));
      grantsTokens(scope, ['tok-2']);
      emptyAfter(scope, 'tok-2', [SYSTEMS, CATALOG, STATS]);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.complete).toBe(true);
      expect(scope.isDone()).toBe(true);
    });

    it('reports a 403 as an auth error without renewing the token', async () => {
      const scope = grantsTokens(nock(BASE), ['tok-1'])
        .get(SYSTEMS)
        .query(true)
        .reply(403, errorBody('ACCESS_DENIED', 'client may not read systems'));
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'auth', httpStatus: 403, upstreamCode: 'ACCESS_DENIED' });
      expect(scope.isDone()).toBe(true);
    });

    it('reports refused client credentials as a non-retryable auth error naming clientId and clientSecret', async () => {
      const scope = nock(BASE)
        .post(TOKEN, TOKEN_FORM)
        .reply(401, errorBody('INVALID_CLIENT', 'client authentication failed'));
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome).toMatchObject({ complete: false, pagesFetched: 0, pagesFailed: 1 });
      expect(outcome.error).toMatchObject({
        code: 'auth',
        retryable: false,
        httpStatus: 401,
        upstreamCode: 'INVALID_CLIENT',
      });
      expect(outcome.error?.messageZh).toMatch(/^政务信息资源共享交换平台接口拒绝了中枢的客户端凭据/);
      expect(outcome.error?.messageZh).toContain('clientSecret');
      expect(outcome.error?.message).not.toContain(DATA_EXCHANGE_TEST_CREDENTIALS.clientSecret);
      expect(scope.isDone()).toBe(true);
    });

    it('reports a bare 401 of the token endpoint as the same client-credentials error', async () => {
      const scope = nock(BASE).post(TOKEN).reply(401, 'Unauthorized', { 'content-type': 'text/plain' });
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'auth', httpStatus: 401, retryable: false });
      expect(outcome.error?.message).toContain('clientId');
      expect(scope.isDone()).toBe(true);
    });

    it('reports an in-band INVALID_CLIENT sent with HTTP 200 as the client-credentials error', async () => {
      const scope = nock(BASE).post(TOKEN).reply(200, errorBody('INVALID_CLIENT', 'bad secret'));
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'auth', httpStatus: 200, upstreamCode: 'INVALID_CLIENT' });
      expect(outcome.error?.message).toContain('clientSecret');
      expect(scope.isDone()).toBe(true);
    });

    it('reports a token answer without access_token as a non-retryable bad-response', async () => {
      const scope = nock(BASE).post(TOKEN).reply(200, { token_type: 'Bearer', expires_in: 7200 });
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'bad-response', retryable: false });
      expect(outcome.error?.message).toContain('access_token');
      expect(scope.isDone()).toBe(true);
    });

    it('does not follow a redirect of the token endpoint, so the client secret is posted nowhere else', async () => {
      const scope = nock(BASE)
        .post(TOKEN, TOKEN_FORM)
        .reply(307, '', { Location: 'https://sso.evil.test/oauth/token' });
      const elsewhere = nock('https://sso.evil.test').post(/.*/).reply(200, tokenBody('stolen'));
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'redirect', httpStatus: 307, retryable: false });
      expect(outcome.error?.messageZh).toContain('指向 https://sso.evil.test');
      expect(JSON.stringify(outcome.error)).not.toContain(DATA_EXCHANGE_TEST_CREDENTIALS.clientSecret);
      expect(scope.isDone()).toBe(true);
      expect(elsewhere.isDone()).toBe(false);
    });

    it('keeps an issued token out of the bad-response error of a token answer it cannot read', async () => {
      const scope = nock(BASE)
        .post(TOKEN)
        .reply(200, { access_token: 'tok-issued-9f8e', expires_in: 'soon' });
      const { sut, logger } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'bad-response', retryable: false });
      expect(outcome.error?.message).toContain('"access_token":"[REDACTED]"');
      expect(JSON.stringify(outcome.error)).not.toContain('tok-issued-9f8e');
      expect(JSON.stringify(logger.entries)).not.toContain('tok-issued-9f8e');
      expect(scope.isDone()).toBe(true);
    });

    it('retries the token request when the token endpoint is briefly unavailable', async () => {
      const scope = nock(BASE).post(TOKEN).reply(503, errorBody('SERVICE_UNAVAILABLE', 'maintenance'));
      grantsTokens(scope, ['tok-1']);
      emptyAfter(scope, 'tok-1', [SYSTEMS, CATALOG, STATS]);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.complete).toBe(true);
      expect(scope.isDone()).toBe(true);
    });

    it('asks for one token when a sync and a targeted fetch start at the same time', async () => {
      const scope = nock(BASE).post(TOKEN, TOKEN_FORM).delay(20).reply(200, tokenBody('tok-shared'));
      emptyAfter(scope, 'tok-shared', [SYSTEMS, CATALOG, STATS, SYSTEMS]);
      const { sut } = makeSut();

      const [synced, fetched] = await Promise.all([
        sut.sync(full, collectingSink().sink),
        sut.fetchForProject(
          { projectCode: aProjectCodeForExchange(), unitCode: aUnitCode() },
          collectingSink().sink,
        ),
      ]);

      expect([synced.complete, fetched.complete]).toEqual([true, true]);
      expect(scope.isDone()).toBe(true);
    });
  });

  describe('sync', () => {
    it('maps systems with their binding keys, and entries and statistics with their system as parent', async () => {
      const system = anExchangeSystem();
      const untagged = anExchangeSystem({ projectCode: null });
      const entry = aCatalogEntry({ systemId: system.systemId });
      const stats = anExchangeStats({ systemId: system.systemId, days: 90 });
      const scope = grantsTokens(nock(BASE), ['tok-1'])
        .get(SYSTEMS)
        .query(true)
        .reply(200, pageBody([system, untagged]))
        .get(CATALOG)
        .query(true)
        .reply(200, pageBody([entry]))
        .get(STATS)
        .query({ page: '1', size: '500', days: '90' })
        .reply(200, pageBody([stats]));
      const { sut } = makeSut({ statsDays: '90' });
      const { pages, sink } = collectingSink();

      await sut.sync(full, sink);

      expect(pages.flatMap((p) => p.records)).toEqual([
        {
          kind: 'system',
          externalId: system.systemId,
          payload: system,
          projectCode: system.projectCode,
          systemName: system.systemName,
          unitCode: system.unitCode,
          updatedAt: system.modifiedAt,
          tombstone: false,
        },
        {
          kind: 'system',
          externalId: untagged.systemId,
          payload: untagged,
          projectCode: null,
          systemName: untagged.systemName,
          unitCode: untagged.unitCode,
          updatedAt: untagged.modifiedAt,
          tombstone: false,
        },
        {
          kind: 'catalog-entry',
          externalId: entry.resourceCode,
          payload: entry,
          projectCode: null,
          systemName: null,
          unitCode: null,
          updatedAt: entry.modifiedAt,
          tombstone: false,
          parentExternalId: system.systemId,
        },
        {
          kind: 'exchange-stats',
          externalId: `${system.systemId}:90`,
          payload: stats,
          projectCode: null,
          systemName: null,
          unitCode: null,
          updatedAt: null,
          tombstone: false,
          parentExternalId: system.systemId,
        },
      ]);
      expect(scope.isDone()).toBe(true);
    });

    it('stops at an empty page even when total promised more records', async () => {
      const scope = grantsTokens(nock(BASE), ['tok-1'])
        .get(SYSTEMS)
        .query({ page: '1', size: '1' })
        .reply(200, pageBody([anExchangeSystem()], { total: 3, size: 1 }))
        .get(SYSTEMS)
        .query({ page: '2', size: '1' })
        .reply(200, pageBody([], { total: 3, page: 2, size: 1 }));
      emptyAfter(scope, 'tok-1', [CATALOG, STATS]);
      const { sut } = makeSut({ pageSize: 1 });

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome).toMatchObject({ complete: true, recordsSeen: 1 });
      expect(scope.isDone()).toBe(true);
    });

    it('follows a platform that serves smaller pages than asked at its own size, skipping nothing', async () => {
      const systems = [1, 2, 3, 4, 5].map(() => anExchangeSystem());
      const scope = grantsTokens(nock(BASE), ['tok-1'])
        .get(SYSTEMS)
        .query({ page: '1', size: '500' })
        .reply(200, pageBody(systems.slice(0, 2), { total: 5, size: 2 }))
        .get(SYSTEMS)
        .query({ page: '2', size: '2' })
        .reply(200, pageBody(systems.slice(2, 4), { total: 5, page: 2, size: 2 }))
        .get(SYSTEMS)
        .query({ page: '3', size: '2' })
        .reply(200, pageBody(systems.slice(4), { total: 5, page: 3, size: 2 }));
      emptyAfter(scope, 'tok-1', [CATALOG, STATS]);
      const { sut } = makeSut();
      const { pages, sink } = collectingSink();

      const outcome = await sut.sync(full, sink);

      expect(outcome.complete).toBe(true);
      expect(ids(pages)).toEqual(systems.map((s) => `system:${s.systemId}`));
      expect(scope.isDone()).toBe(true);
    });

    it("asks systems and the catalogue for changes since each one's watermark, and returns the latest modifiedAt of each", async () => {
      const cursor = JSON.stringify({
        systems: '2025-03-02T08:00:00+08:00',
        catalog: '2025-03-05T08:00:00+08:00',
      });
      const laterSystem = anExchangeSystem({ modifiedAt: '2025-03-02T09:30:00+08:00' });
      // The same day zone-shifted is earlier: compared as instants, not as strings.
      const earlierButLargerString = anExchangeSystem({ modifiedAt: '2025-03-02T01:10:00Z' });
      const entry = aCatalogEntry({ modifiedAt: '2025-03-05T10:00:00+08:00' });
      const scope = grantsTokens(nock(BASE), ['tok-1'])
        .get(SYSTEMS)
        .query({ page: '1', size: '500', modifiedAfter: '2025-03-02T08:00:00+08:00' })
        .reply(200, pageBody([laterSystem, earlierButLargerString]))
        .get(CATALOG)
        .query({ page: '1', size: '500', modifiedAfter: '2025-03-05T08:00:00+08:00' })
        .reply(200, pageBody([entry]))
        // Statistics have no change time: read whole.
        .get(STATS)
        .query({ page: '1', size: '500', days: '30' })
        .reply(200, pageBody([]));
      const { sut } = makeSut();

      const outcome = await sut.sync({ mode: 'incremental', cursor }, collectingSink().sink);

      expect(outcome.complete).toBe(true);
      expect(JSON.parse(outcome.cursor!)).toEqual({
        systems: '2025-03-02T09:30:00+08:00',
        catalog: '2025-03-05T10:00:00+08:00',
      });
      expect(scope.isDone()).toBe(true);
    });

    it('asks from the watermark less the configured overlap', async () => {
      const scope = grantsTokens(nock(BASE), ['tok-1'])
        .get(SYSTEMS)
        .query({ page: '1', size: '500', modifiedAfter: '2025-03-02T00:59:00.000Z' })
        .reply(200, pageBody([]))
        .get(CATALOG)
        .query({ page: '1', size: '500', modifiedAfter: '2025-03-02T00:59:00.000Z' })
        .reply(200, pageBody([]));
      emptyAfter(scope, 'tok-1', [STATS]);
      const { sut } = makeSut({ incrementalOverlapMs: '60000' });

      const outcome = await sut.sync(
        { mode: 'incremental', cursor: '2025-03-02T09:00:00+08:00' },
        collectingSink().sink,
      );

      expect(outcome.complete).toBe(true);
      expect(scope.isDone()).toBe(true);
    });

    it("keeps a list's watermark when nothing newer comes, also when the overlap brings older records again", async () => {
      const since = '2025-03-02T08:00:00+08:00';
      const seenBefore = anExchangeSystem({ modifiedAt: '2025-03-02T07:59:30+08:00' });
      const newEntry = aCatalogEntry({ modifiedAt: '2025-03-03T08:00:00+08:00' });
      const scope = grantsTokens(nock(BASE), ['tok-1'])
        .get(SYSTEMS)
        .query(true)
        .reply(200, pageBody([seenBefore]))
        .get(CATALOG)
        .query(true)
        .reply(200, pageBody([newEntry]));
      emptyAfter(scope, 'tok-1', [STATS]);
      const { sut } = makeSut({ incrementalOverlapMs: 60_000 });

      const outcome = await sut.sync({ mode: 'incremental', cursor: since }, collectingSink().sink);

      expect(JSON.parse(outcome.cursor!)).toEqual({ systems: since, catalog: newEntry.modifiedAt });
      expect(scope.isDone()).toBe(true);
    });

    it('reads everything and says so when the stored cursor is unreadable', async () => {
      const scope = grantsTokens(nock(BASE), ['tok-1'])
        .get(SYSTEMS)
        .query({ page: '1', size: '500' })
        .reply(200, pageBody([]))
        .get(CATALOG)
        .query({ page: '1', size: '500' })
        .reply(200, pageBody([]));
      emptyAfter(scope, 'tok-1', [STATS]);
      const { sut, logger } = makeSut();

      const outcome = await sut.sync({ mode: 'incremental', cursor: 'page-7' }, collectingSink().sink);

      expect(outcome).toMatchObject({ complete: true, cursor: null });
      expect(logger.entries.some((e) => e.level === 'warn' && e.msg?.includes('cursor is unreadable'))).toBe(
        true,
      );
      expect(scope.isDone()).toBe(true);
    });

    it('ignores the cursor in full mode', async () => {
      const system = anExchangeSystem();
      const scope = grantsTokens(nock(BASE), ['tok-1'])
        .get(SYSTEMS)
        .query({ page: '1', size: '500' })
        .reply(200, pageBody([system]))
        .get(CATALOG)
        .query({ page: '1', size: '500' })
        .reply(200, pageBody([]));
      emptyAfter(scope, 'tok-1', [STATS]);
      const { sut } = makeSut();

      const outcome = await sut.sync({ mode: 'full', cursor: '2099-01-01T00:00:00Z' }, collectingSink().sink);

      expect(JSON.parse(outcome.cursor!)).toEqual({ systems: system.modifiedAt, catalog: null });
      expect(scope.isDone()).toBe(true);
    });

    it('marks disconnected systems and offline catalogue entries as tombstones', async () => {
      const disconnected = anExchangeSystem({ accessStatus: 'DISCONNECTED' });
      const applying = anExchangeSystem({ accessStatus: 'APPLYING' });
      const offline = aCatalogEntry({ status: 'OFFLINE' });
      const draft = aCatalogEntry({ status: 'DRAFT' });
      const scope = grantsTokens(nock(BASE), ['tok-1'])
        .get(SYSTEMS)
        .query(true)
        .reply(200, pageBody([disconnected, applying]))
        .get(CATALOG)
        .query(true)
        .reply(200, pageBody([offline, draft]));
      emptyAfter(scope, 'tok-1', [STATS]);
      const { sut } = makeSut();
      const { pages, sink } = collectingSink();

      await sut.sync({ mode: 'incremental', cursor: '2025-01-01T00:00:00+08:00' }, sink);

      expect(pages.flatMap((p) => p.records).map((r) => [r.externalId, r.tombstone])).toEqual([
        [disconnected.systemId, true],
        [applying.systemId, false],
        [offline.resourceCode, true],
        [draft.resourceCode, false],
      ]);
      expect(scope.isDone()).toBe(true);
    });
  });

  describe('when the platform fails', () => {
    type Answer = { status?: number; body: unknown; headers?: Record<string, string>; delayMs?: number };

    /** A token, then the systems endpoint answering in order; `thenLists` adds empty catalogue and stats pages. */
    function systemsAnswering(answers: Answer[], thenLists = false): nock.Scope {
      const scope = grantsTokens(nock(BASE), ['tok-1']);
      for (const { status = 200, body, headers, delayMs } of answers) {
        const interceptor = scope.get(SYSTEMS).query(true);
        (delayMs ? interceptor.delay(delayMs) : interceptor).reply(
          status,
          body as Record<string, unknown>,
          headers,
        );
      }
      if (thenLists) {
        scope.get(SYSTEMS).query(true).reply(200, pageBody([]));
        emptyAfter(scope, 'tok-1', [CATALOG, STATS]);
      }
      return scope;
    }
    const times = (n: number, answer: Answer): Answer[] => Array.from({ length: n }, () => answer);

    it('retries an in-band SYSTEM_ERROR sent with HTTP 200 and reports it in Chinese first when it persists', async () => {
      const scope = systemsAnswering(times(3, { body: errorBody('SYSTEM_ERROR', '系统繁忙') }));
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({
        code: 'upstream-error',
        upstreamCode: 'SYSTEM_ERROR',
        httpStatus: 200,
        retryable: true,
      });
      expect(outcome.error?.messageZh).toBe('政务信息资源共享交换平台接口返回错误 SYSTEM_ERROR: 系统繁忙');
      expect(outcome.error?.text.en).toBe('data-exchange returned error SYSTEM_ERROR: 系统繁忙');
      expect(scope.isDone()).toBe(true);
    });

    it('recovers when a SYSTEM_ERROR is followed by success', async () => {
      const scope = systemsAnswering([{ body: errorBody('SYSTEM_ERROR', 'busy') }], true);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome).toMatchObject({ complete: true, error: null });
      expect(scope.isDone()).toBe(true);
    });

    it('reports INVALID_PARAMETER with HTTP 400 as a non-retryable upstream-error', async () => {
      const scope = systemsAnswering([
        { status: 400, body: errorBody('INVALID_PARAMETER', 'size: must be at most 500') },
      ]);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({
        code: 'upstream-error',
        upstreamCode: 'INVALID_PARAMETER',
        httpStatus: 400,
        retryable: false,
      });
      expect(outcome.error?.message).toContain('size: must be at most 500');
      expect(scope.isDone()).toBe(true);
    });

    it('reports an undocumented error code with HTTP 200 as a non-retryable upstream-error', async () => {
      const scope = systemsAnswering([{ body: errorBody('E1002', 'catalogue locked') }]);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({
        code: 'upstream-error',
        upstreamCode: 'E1002',
        retryable: false,
      });
      expect(scope.isDone()).toBe(true);
    });

    it('waits the Retry-After of an HTTP 429 before retrying, then succeeds', async () => {
      const scope = systemsAnswering(
        [
          {
            status: 429,
            body: errorBody('RATE_LIMITED', 'too many requests'),
            headers: { 'Retry-After': '0.08' },
          },
        ],
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
        upstreamCode: 'RATE_LIMITED',
      });
      expect(scope.isDone()).toBe(true);
    });

    it.each([
      ['a JSON envelope', errorBody('SERVICE_UNAVAILABLE', '平台维护中'), 'SERVICE_UNAVAILABLE'],
      ['an HTML page', '<html><body><h1>系统维护中</h1></body></html>', undefined],
    ])(
      'retries HTTP 503 with %s and reports maintenance when it persists',
      async (_shape, body, upstreamCode) => {
        const scope = systemsAnswering(times(3, { status: 503, body }));
        const { sut } = makeSut();

        const outcome = await sut.sync(full, collectingSink().sink);

        expect(outcome.error).toMatchObject({ code: 'maintenance', httpStatus: 503, retryable: true });
        expect(outcome.error?.upstreamCode).toBe(upstreamCode);
        expect(outcome.error?.messageZh).toContain('维护');
        expect(scope.isDone()).toBe(true);
      },
    );

    it.each([[500, errorBody('SYSTEM_ERROR', 'database unavailable'), 'upstream-error']] as const)(
      'retries HTTP %i carrying an error envelope and reports %s when it persists',
      async (status, body, code) => {
        const scope = systemsAnswering(times(3, { status, body }));
        const { sut } = makeSut();

        const outcome = await sut.sync(full, collectingSink().sink);

        expect(outcome.error).toMatchObject({ code, httpStatus: status, retryable: true });
        expect(scope.isDone()).toBe(true);
      },
    );

    it('reports JSON that is not the envelope as bad-response', async () => {
      const scope = systemsAnswering([{ body: { code: 0, data: [] } }]);
      const { sut } = makeSut({ maxAttempts: 1 });

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'bad-response' });
      expect(outcome.error?.message).toContain('{success,result}');
      expect(scope.isDone()).toBe(true);
    });

    it('reports an envelope whose result is not a page as a non-retryable bad-response', async () => {
      const scope = systemsAnswering([{ body: resultBody({ list: [], count: 0 }) }]);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'bad-response', retryable: false });
      expect(scope.isDone()).toBe(true);
    });

    it('gives up at once with a non-retryable timeout when the caller aborts while a token is on its way', async () => {
      const scope = nock(BASE).post(TOKEN).delay(300).reply(200, tokenBody('tok-late'));
      const { sut } = makeSut();
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 20);
      const started = performance.now();

      const outcome = await sut.sync({ ...full, signal: controller.signal }, collectingSink().sink);

      expect(outcome).toMatchObject({ complete: false, pagesFetched: 0 });
      expect(outcome.error).toMatchObject({ code: 'timeout', retryable: false });
      expect(performance.now() - started).toBeLessThan(250);
      expect(scope.isDone()).toBe(true);
    });

    it('does not count refused credentials against the circuit', async () => {
      const scope = nock(BASE).post(TOKEN).times(3).reply(401, errorBody('INVALID_CLIENT', 'bad secret'));
      const { sut } = makeSut({ maxAttempts: 1, breakerThreshold: 2 });

      for (let i = 0; i < 3; i++) await sut.sync(full, collectingSink().sink);

      expect(sut.circuitState()).toBe('closed');
      expect(scope.isDone()).toBe(true);
    });
  });

  describe('fetchForProject', () => {
    it("given the project's system names, skips the unit's systems that could not match them", async () => {
      const projectCode = aProjectCodeForExchange();
      const unitCode = aUnitCode();
      const matching = anExchangeSystem({
        projectCode: null,
        unitCode,
        systemName: '医保智能监管（二期）系统',
      });
      const unrelated = anExchangeSystem({ projectCode: null, unitCode, systemName: '门户网站' });
      const scope = grantsTokens(nock(BASE), ['tok-1'])
        .get(SYSTEMS)
        .query({ page: '1', size: '2' })
        .reply(200, pageBody([matching, unrelated], { total: 2, size: 2 }))
        .get(CATALOG)
        .query({ page: '1', size: '2', systemId: matching.systemId })
        .reply(200, pageBody([], { total: 0, size: 2 }))
        .get(DATA_EXCHANGE_PATHS.systemStats(matching.systemId))
        .query({ days: '30' })
        .reply(200, resultBody(anExchangeStats({ systemId: matching.systemId })));
      const { sut } = makeSut({ pageSize: 2 });
      const { pages, sink } = collectingSink();

      const outcome = await sut.fetchForProject(
        { projectCode, unitCode, systemNames: ['医保智能监管(二期)系统'] },
        sink,
      );

      expect(outcome).toMatchObject({ complete: true, error: null });
      expect(ids(pages)).toEqual([`system:${matching.systemId}`, `exchange-stats:${matching.systemId}:30`]);
      expect(scope.isDone()).toBe(true);
    });

    it("lists every system, keeps the project's and the unit's, and reads their catalogue and per-system statistics", async () => {
      const projectCode = aProjectCodeForExchange();
      const unitCode = aUnitCode();
      const tagged = anExchangeSystem({ projectCode });
      // Older systems carry no project code; the unit code may come in another case or padded.
      const ofUnit = anExchangeSystem({ projectCode: null, unitCode: ` ${unitCode.toLowerCase()}` });
      const other = anExchangeSystem();
      const taggedEntries = [
        aCatalogEntry({ systemId: tagged.systemId }),
        aCatalogEntry({ systemId: tagged.systemId }),
      ];
      const unitEntry = aCatalogEntry({ systemId: ofUnit.systemId });
      const taggedStats = anExchangeStats({ systemId: tagged.systemId });
      const unitStats = anExchangeStats({ systemId: ofUnit.systemId });
      const scope = grantsTokens(nock(BASE), ['tok-1'])
        .get(SYSTEMS)
        .query({ page: '1', size: '2' })
        .reply(200, pageBody([other, tagged], { total: 3, size: 2 }))
        .get(SYSTEMS)
        .query({ page: '2', size: '2' })
        .reply(200, pageBody([ofUnit], { total: 3, page: 2, size: 2 }))
        .get(CATALOG)
        .query({ page: '1', size: '2', systemId: tagged.systemId })
        .reply(200, pageBody(taggedEntries, { total: 2, size: 2 }))
        .get(DATA_EXCHANGE_PATHS.systemStats(tagged.systemId))
        .query({ days: '30' })
        .reply(200, resultBody(taggedStats))
        .get(CATALOG)
        .query({ page: '1', size: '2', systemId: ofUnit.systemId })
        .reply(200, pageBody([unitEntry], { total: 1, size: 2 }))
        .get(DATA_EXCHANGE_PATHS.systemStats(ofUnit.systemId))
        .query({ days: '30' })
        .reply(200, resultBody(unitStats));
      const { sut } = makeSut({ pageSize: 2 });
      const { pages, sink } = collectingSink();

      const outcome = await sut.fetchForProject({ projectCode, unitCode }, sink);

      expect(outcome).toMatchObject({ complete: true, pagesFetched: 6, cursor: null, error: null });
      expect(ids(pages)).toEqual([
        `system:${tagged.systemId}`,
        `system:${ofUnit.systemId}`,
        ...taggedEntries.map((e) => `catalog-entry:${e.resourceCode}`),
        `exchange-stats:${tagged.systemId}:30`,
        `catalog-entry:${unitEntry.resourceCode}`,
        `exchange-stats:${ofUnit.systemId}:30`,
      ]);
      expect(pages.flatMap((p) => p.records).find((r) => r.kind === 'exchange-stats')?.parentExternalId).toBe(
        tagged.systemId,
      );
      expect(scope.isDone()).toBe(true);
    });

    it("reports invalid systems that look like the project's and leaves out everyone else's", async () => {
      const projectCode = aProjectCodeForExchange();
      const unitCode = aUnitCode();
      const oursButBroken = anExchangeSystem({ projectCode, accessStatus: 'UNKNOWN' as never });
      const theirsAndBroken = anExchangeSystem({ accessStatus: 'UNKNOWN' as never });
      const scope = grantsTokens(nock(BASE), ['tok-1'])
        .get(SYSTEMS)
        .query(true)
        .reply(200, pageBody([oursButBroken, theirsAndBroken, 42]));
      const { sut } = makeSut();
      const { pages, sink } = collectingSink();

      const outcome = await sut.fetchForProject({ projectCode, unitCode }, sink);

      expect(outcome).toMatchObject({ complete: true, recordsSeen: 1, recordsInvalid: 1 });
      expect(pages.flatMap((p) => p.problems).map((p) => p.payload)).toEqual([oursButBroken]);
      expect(scope.isDone()).toBe(true);
    });

    it('treats a system without statistics for the window (NOT_FOUND) as having none', async () => {
      const projectCode = aProjectCodeForExchange();
      const system = anExchangeSystem({ projectCode });
      const scope = grantsTokens(nock(BASE), ['tok-1'])
        .get(SYSTEMS)
        .query(true)
        .reply(200, pageBody([system]))
        .get(CATALOG)
        .query(true)
        .reply(200, pageBody([]))
        .get(DATA_EXCHANGE_PATHS.systemStats(system.systemId))
        .query({ days: '7' })
        .reply(404, errorBody('NOT_FOUND', 'no statistics over 7 days'));
      const { sut } = makeSut({ statsDays: 7 });
      const { pages, sink } = collectingSink();

      const outcome = await sut.fetchForProject({ projectCode, unitCode: aUnitCode() }, sink);

      expect(outcome).toMatchObject({ complete: true, error: null });
      expect(ids(pages)).toEqual([`system:${system.systemId}`]);
      expect(scope.isDone()).toBe(true);
    });

    it('reports invalid per-system statistics as a problem', async () => {
      const projectCode = aProjectCodeForExchange();
      const system = anExchangeSystem({ projectCode });
      const broken = anExchangeStats({ systemId: system.systemId, providedCalls: 'many' as never });
      const scope = grantsTokens(nock(BASE), ['tok-1'])
        .get(SYSTEMS)
        .query(true)
        .reply(200, pageBody([system]))
        .get(CATALOG)
        .query(true)
        .reply(200, pageBody([]))
        .get(DATA_EXCHANGE_PATHS.systemStats(system.systemId))
        .query(true)
        .reply(200, resultBody(broken));
      const { sut } = makeSut();
      const { pages, sink } = collectingSink();

      const outcome = await sut.fetchForProject({ projectCode, unitCode: aUnitCode() }, sink);

      expect(outcome).toMatchObject({ complete: true, recordsInvalid: 1 });
      expect(pages.flatMap((p) => p.problems)).toEqual([
        expect.objectContaining({ kind: 'exchange-stats', externalId: system.systemId, payload: broken }),
      ]);
      expect(scope.isDone()).toBe(true);
    });
  });

  describe('recover', () => {
    it("re-asks each stored system's catalogue and statistics once, covering the projects whose systems all came", async () => {
      const [s1, s2] = [anExchangeSystem(), anExchangeSystem()];
      const entry = aCatalogEntry({ systemId: s1.systemId });
      const scope = grantsTokens(nock(BASE), ['tok-1'])
        .get(CATALOG)
        .query({ page: '1', size: '2', systemId: s1.systemId })
        .reply(200, pageBody([entry], { total: 1, size: 2 }))
        .get(DATA_EXCHANGE_PATHS.systemStats(s1.systemId))
        .query({ days: '30' })
        .reply(200, resultBody(anExchangeStats({ systemId: s1.systemId })))
        .get(CATALOG)
        .query({ page: '1', size: '2', systemId: s2.systemId })
        .reply(503, errorBody('SERVICE_UNAVAILABLE', 'maintenance'));
      const { sut } = makeSut({ pageSize: 2, maxAttempts: 1 });
      const { pages, sink } = collectingSink();

      const outcome = await sut.recover(
        [
          { projectCode: 'P1', unitCode: aUnitCode(), known: { system: [s1.systemId] } },
          { projectCode: 'P2', unitCode: aUnitCode(), known: { system: [s1.systemId] } },
          { projectCode: 'P3', unitCode: aUnitCode(), known: { system: [s1.systemId, s2.systemId] } },
        ],
        ['catalog-entry', 'exchange-stats'],
        sink,
      );

      expect(outcome).toMatchObject({ complete: false, pagesFailed: 1 });
      expect(outcome.error).toMatchObject({ code: 'maintenance' });
      expect([...outcome.covered.keys()]).toEqual(['P1', 'P2']);
      expect(ids(pages)).toEqual([`catalog-entry:${entry.resourceCode}`, `exchange-stats:${s1.systemId}:30`]);
      expect(scope.isDone()).toBe(true);
    });

    it('covers nothing when the systems list itself was lost, since it has no filter', async () => {
      const { sut } = makeSut();

      const outcome = await sut.recover(
        [{ projectCode: 'P1', unitCode: aUnitCode(), known: {} }],
        ['system', 'catalog-entry'],
        collectingSink().sink,
      );

      expect(outcome).toMatchObject({ requests: 0 });
      expect(outcome.covered.size).toBe(0);
    });
  });
});
