import nock from 'nock';
import { UpstreamError } from '../framework/upstream-error';
import { RecordingLogger } from '../testing/recording-logger';
import { TEST_RESILIENCE } from '../testing/test-resilience';
import { collectingSink } from '../testing/sink';
import {
  aFiling,
  anMlpsUnitCode,
  filingListBody,
  htmlErrorPage,
  MLPS_TEST_BASE_URL as BASE,
  MLPS_TEST_TOKEN,
} from './testing/mlps.factory';
import { MlpsClient, type MlpsClientOptions } from './mlps.client';
import { ZMlpsConfig } from './mlps.config';

const FILINGS = '/mlps/api/filings';
const HTML = { 'content-type': 'text/html; charset=utf-8' };
const FORBIDDEN_PAGE = htmlErrorPage('403 Forbidden', '访问令牌无效 invalid X-Api-Token');
const MAINTENANCE_PAGE = htmlErrorPage('系统维护中', '等级保护备案系统夜间维护，请于 06:00 后访问');
const TOMCAT_500 =
  '<!doctype html><html lang="en"><head><title>HTTP Status 500 – Internal Server Error</title></head>' +
  '<body><h1>HTTP Status 500 &ndash; Internal Server Error</h1><hr class="line" /><p><b>Type</b> Exception Report</p></body></html>';

/**
 * Short backoff delays: tests never sleep for real seconds. The attempt timeout stays roomy so that a
 * busy test machine never turns a prompt answer into a retry (tests of timeouts set their own), and
 * there is no request-rate spacing unless a test asks for it.
 */
function makeSut(overrides: Record<string, unknown> = {}, options: MlpsClientOptions = {}) {
  const config = ZMlpsConfig.parse({
    baseUrl: BASE,
    token: MLPS_TEST_TOKEN,
    ...TEST_RESILIENCE,
    ...overrides,
  });
  const logger = new RecordingLogger();
  return { sut: new MlpsClient(config, { logger }, options), logger };
}

const full = { mode: 'full', cursor: null } as const;
const list = (query: Record<string, string> = {}) => ({ offset: '0', limit: '200', ...query });

describe(MlpsClient.name, () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  afterEach(() => nock.cleanAll());

  describe('sync', () => {
    it('maps filings to records indexed by unit, system name, project code and update instant', async () => {
      const tagged = aFiling({ updatedAt: '2025-03-05 00:10:00' });
      const untagged = aFiling({ projectCode: null });
      const scope = nock(BASE)
        .get(FILINGS)
        .query(list())
        .reply(200, filingListBody([tagged, untagged]));
      const { sut } = makeSut();
      const { pages, sink } = collectingSink();

      await sut.sync(full, sink);

      expect(pages[0]?.records).toEqual([
        {
          kind: 'filing',
          externalId: tagged.filingNo,
          payload: tagged,
          projectCode: tagged.projectCode,
          systemName: tagged.systemName,
          unitCode: tagged.unitCode,
          updatedAt: '2025-03-05T00:10:00+08:00',
          tombstone: false,
        },
        expect.objectContaining({
          externalId: untagged.filingNo,
          projectCode: null,
          systemName: untagged.systemName,
          unitCode: untagged.unitCode,
        }),
      ]);
      expect(scope.isDone()).toBe(true);
    });

    it('continues from the number of items served when the registry serves fewer than the limit', async () => {
      const filings = [aFiling(), aFiling(), aFiling(), aFiling()];
      const scope = nock(BASE)
        .get(FILINGS)
        .query({ offset: '0', limit: '3' })
        .reply(200, filingListBody(filings.slice(0, 2), 4))
        .get(FILINGS)
        .query({ offset: '2', limit: '3' })
        .reply(200, filingListBody(filings.slice(2), 4));
      const { sut } = makeSut({ pageSize: 3 });

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome).toMatchObject({ complete: true, pagesFetched: 2, recordsSeen: 4 });
      expect(scope.isDone()).toBe(true);
    });

    it('stops at an empty page even when total promised more', async () => {
      const scope = nock(BASE)
        .get(FILINGS)
        .query({ offset: '0', limit: '2' })
        .reply(200, filingListBody([aFiling(), aFiling()], 9))
        .get(FILINGS)
        .query({ offset: '2', limit: '2' })
        .reply(200, filingListBody([], 9));
      const { sut } = makeSut({ pageSize: 2 });

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome).toMatchObject({ complete: true, pagesFetched: 2, recordsSeen: 2 });
      expect(scope.isDone()).toBe(true);
    });

    it('asks for changes after the watermark in Beijing time, a second early and %20-encoded, and returns the latest update as an instant', async () => {
      const since = '2025-03-02T08:00:00+08:00';
      const later = aFiling({ updatedAt: '2025-03-02 09:30:00' });
      const earlier = aFiling({ updatedAt: '2025-03-02 08:10:00' });
      const uris: string[] = [];
      const scope = nock(BASE)
        .get(FILINGS)
        .query(list({ updatedAfter: '2025-03-02 07:59:59' }))
        .reply(function (uri) {
          uris.push(uri);
          return [200, filingListBody([later, earlier])];
        });
      const { sut } = makeSut();

      const outcome = await sut.sync({ mode: 'incremental', cursor: since }, collectingSink().sink);

      expect(outcome).toMatchObject({ complete: true, cursor: '2025-03-02T09:30:00+08:00' });
      expect(uris).toEqual([`${FILINGS}?updatedAfter=2025-03-02%2007%3A59%3A59&offset=0&limit=200`]);
      expect(scope.isDone()).toBe(true);
    });

    it('converts a watermark the hub kept in UTC to the Beijing date and time it names', async () => {
      const scope = nock(BASE)
        .get(FILINGS)
        .query(list({ updatedAfter: '2025-03-02 00:29:59' }))
        .reply(200, filingListBody([]));
      const { sut } = makeSut();

      const outcome = await sut.sync(
        { mode: 'incremental', cursor: '2025-03-01T16:30:00Z' },
        collectingSink().sink,
      );

      expect(outcome.complete).toBe(true);
      expect(scope.isDone()).toBe(true);
    });

    it('keeps the watermark when nothing changed since', async () => {
      const since = '2025-03-02T08:00:00+08:00';
      const scope = nock(BASE)
        .get(FILINGS)
        .query(list({ updatedAfter: '2025-03-02 07:59:59' }))
        .reply(200, filingListBody([]));
      const { sut } = makeSut();

      const outcome = await sut.sync({ mode: 'incremental', cursor: since }, collectingSink().sink);

      expect(outcome).toMatchObject({ complete: true, cursor: since, recordsSeen: 0, pagesFetched: 1 });
      expect(scope.isDone()).toBe(true);
    });

    it('reads every filing in full mode whatever the watermark', async () => {
      const filing = aFiling({ updatedAt: '2024-01-01 00:00:00' });
      const scope = nock(BASE)
        .get(FILINGS)
        .query(list())
        .reply(200, filingListBody([filing]));
      const { sut } = makeSut();

      const outcome = await sut.sync({ mode: 'full', cursor: '2099-01-01T00:00:00Z' }, collectingSink().sink);

      expect(outcome.cursor).toBe('2024-01-01T00:00:00+08:00');
      expect(scope.isDone()).toBe(true);
    });

    it('reads every filing, with a warning, when the stored watermark is not an instant with a zone', async () => {
      const filing = aFiling({ updatedAt: '2025-03-03 10:00:00' });
      const scope = nock(BASE)
        .get(FILINGS)
        .query(list())
        .reply(200, filingListBody([filing]));
      const { sut, logger } = makeSut();

      const outcome = await sut.sync(
        { mode: 'incremental', cursor: '2025-03-02 08:00:00' },
        collectingSink().sink,
      );

      expect(outcome).toMatchObject({ complete: true, cursor: '2025-03-03T10:00:00+08:00' });
      expect(logger.entries).toContainEqual(
        expect.objectContaining({
          level: 'warn',
          msg: expect.stringContaining('watermark is not an ISO instant'),
        }),
      );
      expect(scope.isDone()).toBe(true);
    });

    it('keeps the old watermark when the filing count changes during the walk, since offsets may have skipped one', async () => {
      const since = '2025-03-01T00:00:00+08:00';
      const scope = nock(BASE)
        .get(FILINGS)
        .query({ offset: '0', limit: '2', updatedAfter: '2025-02-28 23:59:59' })
        .reply(200, filingListBody([aFiling(), aFiling()], 3))
        .get(FILINGS)
        .query({ offset: '2', limit: '2', updatedAfter: '2025-02-28 23:59:59' })
        .reply(200, filingListBody([aFiling(), aFiling()], 4));
      const { sut, logger } = makeSut({ pageSize: 2 });

      const outcome = await sut.sync({ mode: 'incremental', cursor: since }, collectingSink().sink);

      expect(outcome).toMatchObject({ complete: true, recordsSeen: 4, cursor: since });
      expect(logger.entries).toContainEqual(
        expect.objectContaining({ level: 'warn', msg: expect.stringContaining('filing count changed') }),
      );
      expect(scope.isDone()).toBe(true);
    });

    it('serves REVOKED and CANCELLED filings as tombstones', async () => {
      const revoked = aFiling({ status: 'REVOKED' });
      const cancelled = aFiling({ status: 'CANCELLED' });
      const pending = aFiling({ status: 'PENDING', filedAt: null });
      const scope = nock(BASE)
        .get(FILINGS)
        .query(true)
        .reply(200, filingListBody([revoked, cancelled, pending]));
      const { sut } = makeSut();
      const { pages, sink } = collectingSink();

      await sut.sync({ mode: 'incremental', cursor: '2025-01-01T00:00:00+08:00' }, sink);

      expect(pages[0]?.records.map((r) => [r.externalId, r.tombstone])).toEqual([
        [revoked.filingNo, true],
        [cancelled.filingNo, true],
        [pending.filingNo, false],
      ]);
      expect(scope.isDone()).toBe(true);
    });

    it('reports invalid filings as problems, keeps the valid ones of the page, and never lets a bad one move the watermark', async () => {
      const valid1 = aFiling({ updatedAt: '2025-03-01 10:00:00' });
      const badNumber = aFiling({ filingNo: '430600-24017', updatedAt: '2025-12-31 23:00:00' });
      const impossibleDate = aFiling({ updatedAt: '2025-02-29 12:00:00' });
      const levelSix = aFiling({ level: 6 as never });
      const valid2 = aFiling({ updatedAt: '2025-03-01 11:00:00' });
      const scope = nock(BASE)
        .get(FILINGS)
        .query(list())
        .reply(200, filingListBody([valid1, badNumber, impossibleDate, 'garbage', levelSix, valid2]));
      const { sut, logger } = makeSut();
      const { pages, sink } = collectingSink();

      const outcome = await sut.sync(full, sink);

      expect(outcome).toMatchObject({
        complete: true,
        recordsSeen: 6,
        recordsInvalid: 4,
        cursor: '2025-03-01T11:00:00+08:00',
        error: null,
      });
      expect(pages[0]?.records.map((r) => r.externalId)).toEqual([valid1.filingNo, valid2.filingNo]);
      expect(pages[0]?.problems).toEqual([
        expect.objectContaining({ kind: 'filing', externalId: '430600-24017', payload: badNumber }),
        expect.objectContaining({ externalId: impossibleDate.filingNo, payload: impossibleDate }),
        expect.objectContaining({ externalId: null, payload: 'garbage' }),
        expect.objectContaining({ externalId: levelSix.filingNo, payload: levelSix }),
      ]);
      expect(pages[0]?.problems[0]?.reason.zh).toContain(
        '备案证明编号（filingNo） "430600-24017" 格式不正确',
      );
      expect(pages[0]?.problems[1]?.reason.en).toContain('"2025-02-29 12:00:00" is not a date that exists');
      expect(logger.entries).toContainEqual(
        expect.objectContaining({ level: 'warn', msg: 'upstream records failed validation' }),
      );
      expect(scope.isDone()).toBe(true);
    });
  });

  describe('when the registry fails', () => {
    type Answer =
      | { status: number; body: unknown; headers?: Record<string, string>; delayMs?: number }
      | { error: Error };

    /** The first list page answers in order, then (when asked) an empty list ends the sync. */
    function listAnswering(answers: Answer[], thenEmpty = false): nock.Scope {
      const scope = nock(BASE);
      for (const answer of answers) {
        const interceptor = scope.get(FILINGS).query(true);
        if ('error' in answer) interceptor.replyWithError(answer.error);
        else
          (answer.delayMs ? interceptor.delay(answer.delayMs) : interceptor).reply(
            answer.status,
            answer.body as string,
            answer.headers,
          );
      }
      if (thenEmpty) scope.get(FILINGS).query(true).reply(200, filingListBody([]));
      return scope;
    }
    const times = (n: number, answer: Answer): Answer[] => Array.from({ length: n }, () => answer);

    it('reports a wrong token (HTTP 403 with an HTML page) as a non-retryable auth error quoting the page', async () => {
      const scope = listAnswering([{ status: 403, body: FORBIDDEN_PAGE, headers: HTML }]);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome).toMatchObject({ complete: false, pagesFetched: 0, pagesFailed: 1, cursor: null });
      expect(outcome.error).toBeInstanceOf(UpstreamError);
      expect(outcome.error).toMatchObject({ code: 'auth', httpStatus: 403, retryable: false });
      expect(outcome.error?.messageZh).toBe(
        '网络安全等级保护备案系统接口拒绝了中枢的访问令牌（HTTP 403），请核对为等保备案系统配置的 X-Api-Token 是否为公安机关分配的有效令牌：「403 Forbidden 访问令牌无效 invalid X-Api-Token」',
      );
      expect(outcome.error?.message).toContain('check that the X-Api-Token configured for the MLPS registry');
      expect(scope.isDone()).toBe(true);
    });

    it('retries the nightly maintenance 503 and reports maintenance, quoting the page, when it persists', async () => {
      const scope = listAnswering(times(3, { status: 503, body: MAINTENANCE_PAGE, headers: HTML }));
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'maintenance', httpStatus: 503, retryable: true });
      expect(outcome.error?.messageZh).toContain('夜间例行维护');
      expect(outcome.error?.messageZh).toContain(
        '「系统维护中 等级保护备案系统夜间维护，请于 06:00 后访问」',
      );
      expect(scope.isDone()).toBe(true);
    });

    it('gives up at once on a maintenance 503 that asks for a wait longer than a call sits out', async () => {
      const scope = listAnswering([
        { status: 503, body: MAINTENANCE_PAGE, headers: { ...HTML, 'Retry-After': '3600' } },
      ]);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'maintenance', retryAfterMs: 3_600_000 });
      expect(scope.isDone()).toBe(true);
    });

    it('retries an HTML 500 and reports http-status quoting the text of the page', async () => {
      const scope = listAnswering(times(3, { status: 500, body: TOMCAT_500, headers: HTML }));
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'http-status', httpStatus: 500, retryable: true });
      expect(outcome.error?.message).toContain(
        'answered HTTP 500: HTTP Status 500 – Internal Server Error Type Exception Report',
      );
      expect(scope.isDone()).toBe(true);
    });

    it('does not retry a 400 and quotes the parameter the registry names', async () => {
      const scope = listAnswering([
        { status: 400, body: htmlErrorPage('400 Bad Request', 'limit must be at most 200'), headers: HTML },
      ]);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'http-status', httpStatus: 400, retryable: false });
      expect(outcome.error?.message).toContain('limit must be at most 200');
      expect(scope.isDone()).toBe(true);
    });

    it('reports JSON that is not a bare { total, items } list as a non-retryable bad-response', async () => {
      const enveloped = { code: 0, msg: 'ok', data: filingListBody([aFiling()]) };
      const scope = listAnswering([{ status: 200, body: enveloped as never }]);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome.error).toMatchObject({ code: 'bad-response', retryable: false });
      expect(outcome.error?.messageZh).toContain('不是 {total, items} 列表');
      expect(scope.isDone()).toBe(true);
    });

    it('waits for a slow answer that comes within the timeout', async () => {
      const scope = listAnswering([
        { status: 200, body: filingListBody([aFiling()]) as never, delayMs: 150 },
      ]);
      const { sut } = makeSut();

      const outcome = await sut.sync(full, collectingSink().sink);

      expect(outcome).toMatchObject({ complete: true, recordsSeen: 1 });
      expect(scope.isDone()).toBe(true);
    });

    it('does not count a wrong token against the circuit', async () => {
      const scope = listAnswering(times(3, { status: 403, body: FORBIDDEN_PAGE, headers: HTML }));
      const { sut } = makeSut({ maxAttempts: 1, breakerThreshold: 2 });

      for (let i = 0; i < 3; i++) await sut.sync(full, collectingSink().sink);

      expect(sut.circuitState()).toBe('closed');
      expect(scope.isDone()).toBe(true);
    });
  });

  describe('fetchForProject', () => {
    it("pages through every filing of the project's unit by unitCode, whatever project they name", async () => {
      const unitCode = anMlpsUnitCode();
      const ofProject = aFiling({ unitCode, projectCode: '25-430600-0101' });
      const ofOtherProject = aFiling({ unitCode, projectCode: '24-430600-0077' });
      const untagged = aFiling({ unitCode, projectCode: null });
      const cancelled = aFiling({ unitCode, projectCode: null, status: 'CANCELLED' });
      const scope = nock(BASE)
        .get(FILINGS)
        .query({ unitCode, offset: '0', limit: '2' })
        .reply(200, filingListBody([ofProject, ofOtherProject], 4))
        .get(FILINGS)
        .query({ unitCode, offset: '2', limit: '2' })
        .reply(200, filingListBody([untagged, cancelled], 4));
      const { sut } = makeSut({ pageSize: 2 });
      const { pages, sink } = collectingSink();

      const outcome = await sut.fetchForProject(
        { projectCode: '25-430600-0101', unitCode: ` ${unitCode.toLowerCase()} ` },
        sink,
      );

      expect(outcome).toMatchObject({ complete: true, pagesFetched: 2, recordsSeen: 4, cursor: null });
      expect(pages.flatMap((p) => p.records.map((r) => [r.externalId, r.tombstone]))).toEqual([
        [ofProject.filingNo, false],
        [ofOtherProject.filingNo, false],
        [untagged.filingNo, false],
        [cancelled.filingNo, true],
      ]);
      expect(scope.isDone()).toBe(true);
    });
  });

  describe('recover', () => {
    const target = (projectCode: string, unitCode: string) => ({ projectCode, unitCode, known: {} });

    it('asks each unit of the targets once by unitCode and covers the projects whose unit came back', async () => {
      const [u1, u2] = [anMlpsUnitCode(), anMlpsUnitCode()];
      const filing = aFiling({ unitCode: u1 });
      const scope = nock(BASE)
        .get(FILINGS)
        .query(list({ unitCode: u1 }))
        .reply(200, filingListBody([filing]))
        .get(FILINGS)
        .query(list({ unitCode: u2 }))
        .reply(503, MAINTENANCE_PAGE, HTML);
      const { sut } = makeSut({ maxAttempts: 1 });
      const { pages, sink } = collectingSink();

      const outcome = await sut.recover(
        [target('P1', u1), target('P2', ` ${u1.toLowerCase()} `), target('P3', u2)],
        ['filing'],
        sink,
      );

      expect(outcome).toMatchObject({ complete: false, pagesFailed: 1, requests: 2 });
      expect(outcome.error).toMatchObject({ code: 'maintenance' });
      expect([...outcome.covered.keys()]).toEqual(['P1', 'P2']);
      expect(pages.flatMap((p) => p.records.map((r) => r.externalId))).toEqual([filing.filingNo]);
      expect(scope.isDone()).toBe(true);
    });

    it('asks nothing and covers nothing for a record kind it has no filter for', async () => {
      const { sut } = makeSut();

      const outcome = await sut.recover(
        [target('P1', anMlpsUnitCode())],
        ['evaluation'],
        collectingSink().sink,
      );

      expect(outcome).toMatchObject({ complete: true, requests: 0 });
      expect(outcome.covered.size).toBe(0);
    });
  });

  describe('fetchFiling', () => {
    it('reads one filing from the bare object the registry answers', async () => {
      const filing = aFiling({ status: 'REVOKED' });
      const scope = nock(BASE, { reqheaders: { 'x-api-token': MLPS_TEST_TOKEN } })
        .get(`${FILINGS}/${filing.filingNo}`)
        .reply(200, filing);
      const { sut } = makeSut();

      const page = await sut.fetchFiling(filing.filingNo);

      expect(page).toEqual({
        records: [expect.objectContaining({ externalId: filing.filingNo, payload: filing, tombstone: true })],
        problems: [],
      });
      expect(scope.isDone()).toBe(true);
    });

    it('throws not-found naming the number for an unknown filing, without retrying', async () => {
      const scope = nock(BASE)
        .get(`${FILINGS}/43060043001-99999`)
        .reply(404, htmlErrorPage('404 Not Found', '备案不存在'), HTML);
      const { sut } = makeSut();

      const error = await sut.fetchFiling('43060043001-99999').catch((err: unknown) => err);

      expect(error).toBeInstanceOf(UpstreamError);
      expect(error).toMatchObject({ code: 'not-found', httpStatus: 404, retryable: false });
      expect((error as UpstreamError).messageZh).toContain('没有备案证明编号为 43060043001-99999 的备案');
      expect(scope.isDone()).toBe(true);
    });

    it('encodes the number in the path and reports an invalid answer as a problem', async () => {
      const bad = { ...aFiling(), filingNo: '4306/0043001' };
      const scope = nock(BASE).get(`${FILINGS}/4306%2F0043001`).reply(200, bad);
      const { sut } = makeSut();

      const page = await sut.fetchFiling('4306/0043001');

      expect(page.records).toEqual([]);
      expect(page.problems).toEqual([expect.objectContaining({ externalId: '4306/0043001', payload: bad })]);
      expect(scope.isDone()).toBe(true);
    });
  });
});
