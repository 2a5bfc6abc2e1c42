import nock from 'nock';
import type { ConnectorDefinition, SyncPage, TargetScope } from '../../framework/connector';
import { pagesOf } from '../../framework/paged-sync';
import { UpstreamError } from '../../framework/upstream-error';
import { RecordingLogger } from '../recording-logger';
import { collectingSink } from '../sink';
import { TEST_RESILIENCE } from '../test-resilience';
import { UpstreamDouble, type Served, type UpstreamRequest } from './upstream-double';

/** The records of a simulated upstream, by record kind, in the order the upstream lists them. */
export type World = Record<string, Record<string, unknown>[]>;

/** One list a full sync walks. */
export interface ListSpec {
  kind: string;
  /** paged by cursor: its length in pages is not known until its end */
  cursor?: boolean;
}

/**
 * What a connector gives the conformance suite: how to configure it, the lists it walks, records of
 * each kind, and its upstream simulated closely enough to answer its list endpoints (paging, auth,
 * filters) from a {@link World}. The suite supplies the faults.
 */
export interface ConformanceFixture {
  /** the registered connector: the suite creates clients through its own factory */
  connector: Pick<ConnectorDefinition, 'id' | 'configSchema' | 'create'>;
  /** scheme and host the tests talk to; the suite adds a gateway path prefix, which must be kept */
  origin: string;
  /** its config besides base URL and resilience: the test credentials and `pageSize` per page */
  config(pageSize: number): Record<string, unknown>;
  /** the lists a full sync walks, in order */
  lists: readonly ListSpec[];
  /** `n` valid records of each list, related as the upstream relates them */
  world(n: number): World;
  /** the id the connector reports a record of `kind` by */
  idOf(kind: string, item: Record<string, unknown>): string;
  /** a record of `kind` that fails its schema but can still be attributed to its project (or as context) */
  untrustedItem(kind: string): Record<string, unknown>;
  /** answers one request as the upstream would (its auth included), saying which list page it served */
  serve(world: World, request: UpstreamRequest): Served;
  /** a project of `world` and the records (`kind:id`) a targeted fetch for it must deliver */
  target(world: World): { scope: TargetScope; expected: string[] };
  /** a watermark an incremental sync may start from; null for a connector that always reads in full */
  incrementalCursor: string | null;
}

const PAGE_SIZE = 2;
const PER_LIST = 5;
const PREFIX = '/gateway/v2';
/** The suite's own second asks pause briefly. */
const RESILIENCE = { ...TEST_RESILIENCE, reaskDelayMs: 5 };
const HTML_ERROR_PAGE =
  '<html>\n<head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx/1.24.0</center></body>\n</html>';
const HTML = { 'content-type': 'text/html' };
/** An undocumented field on every record: the contract says unknown fields may appear. */
const EXTRA = { conformanceExtra: { kept: true } };

const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4100'), { code: 'ECONNREFUSED' });
const delivered = (pages: SyncPage[]) =>
  pages.flatMap((p) => p.records.map((r) => `${r.kind}:${r.externalId}`));

/**
 * The behaviour every connector shares, run against each one's simulated upstream: paging to the end
 * of every list, what a lost page leaves, the typed errors of HTTP faults, timeouts and refused
 * connections, the circuit breaker, rate spacing, invalid records, targeted fetches and the second
 * ask of a lost page. A connector's own specs test only what is its own (signing, tokens, envelopes).
 */
export function describeConnectorConformance(fixture: ConformanceFixture): void {
  const { connector, lists } = fixture;
  const baseUrl = `${fixture.origin}${PREFIX}`;
  const first = lists[0]!;
  const last = lists.at(-1)!;
  const pagesPerList = pagesOf(PER_LIST, PAGE_SIZE);
  const full = { mode: 'full', cursor: null } as const;

  function makeSut(overrides: Record<string, unknown> = {}) {
    const config = connector.configSchema.parse({
      ...fixture.config(PAGE_SIZE),
      baseUrl,
      ...RESILIENCE,
      ...overrides,
    });
    const logger = new RecordingLogger();
    return { sut: connector.create(config, { logger }), logger };
  }

  /** A world of {@link PER_LIST} records per list, each with a field the contract does not know. */
  function aWorld(n = PER_LIST): World {
    return Object.fromEntries(
      Object.entries(fixture.world(n)).map(([kind, items]) => [kind, items.map((i) => ({ ...i, ...EXTRA }))]),
    );
  }
  const idsOf = (world: World) =>
    lists.flatMap(({ kind }) => (world[kind] ?? []).map((item) => `${kind}:${fixture.idOf(kind, item)}`));
  const upstream = (world: World) => new UpstreamDouble(baseUrl, (req) => fixture.serve(world, req));

  describe(`${connector.id} connector conformance`, () => {
    beforeAll(() => nock.disableNetConnect());
    afterAll(() => nock.enableNetConnect());
    afterEach(() => nock.cleanAll());

    describe('a full sync', () => {
      it("walks every list to its end through a gateway's path prefix, delivering each record once and reporting each list's pages", async () => {
        const world = aWorld();
        const double = upstream(world);
        const { sut } = makeSut();
        const { pages, sink } = collectingSink();
        const asksAtSink: number[] = [];

        const outcome = await sut.sync(full, async (page) => {
          asksAtSink.push(double.asksOf().length);
          await sink(page);
        });

        expect(outcome).toMatchObject({
          complete: true,
          pagesFetched: lists.length * pagesPerList,
          pagesFailed: 0,
          recordsSeen: lists.length * PER_LIST,
          recordsInvalid: 0,
          error: null,
        });
        expect(outcome.paging).toEqual({
          lists: lists.map(({ kind, cursor }) => ({
            kind,
            pagesFetched: pagesPerList,
            pagesTotal: cursor ? null : pagesPerList,
            complete: true,
          })),
          pagesReasked: 0,
          pagesRecovered: 0,
        });
        expect(delivered(pages).sort()).toEqual(idsOf(world).sort());
        // Each page reaches the sink before the next one is asked for, so a later failure keeps it.
        expect(asksAtSink).toEqual(pages.map((_, i) => i + 1));
      });

      it('keeps fields the contract does not know in the payload', async () => {
        upstream(aWorld());
        const { sut } = makeSut();
        const { pages, sink } = collectingSink();

        await sut.sync(full, sink);

        const records = pages.flatMap((p) => p.records);
        expect(records).toHaveLength(lists.length * PER_LIST);
        for (const record of records) expect(record.payload).toMatchObject(EXTRA);
      });

      it('ends incomplete when a page fails after every retry, keeping the pages before it and the old watermark', async () => {
        const world = aWorld();
        const double = upstream(world).fail({
          kind: last.kind,
          page: 2,
          times: 3,
          fault: { status: 500, body: 'Internal Server Error' },
        });
        const { sut, logger } = makeSut();
        const { pages, sink } = collectingSink();
        const cursor = fixture.incrementalCursor;

        const outcome = await sut.sync(cursor === null ? full : { mode: 'incremental', cursor }, sink);

        expect(outcome).toMatchObject({
          complete: false,
          pagesFetched: (lists.length - 1) * pagesPerList + 1,
          pagesFailed: last.cursor ? 1 : pagesPerList - 1,
          cursor,
        });
        expect(outcome.error).toBeInstanceOf(UpstreamError);
        expect(outcome.error).toMatchObject({ code: 'http-status', httpStatus: 500, retryable: true });
        const lastIds = (world[last.kind] ?? [])
          .slice(0, PAGE_SIZE)
          .map((item) => `${last.kind}:${fixture.idOf(last.kind, item)}`);
        const before = idsOf(world).filter((id) => !id.startsWith(`${last.kind}:`));
        expect(delivered(pages).sort()).toEqual([...before, ...lastIds].sort());
        expect(outcome.paging?.lists.at(-1)).toEqual({
          kind: last.kind,
          pagesFetched: 1,
          pagesTotal: last.cursor ? null : pagesPerList,
          complete: false,
        });
        expect(double.asksOf(last.kind, 2)).toHaveLength(3);
        expect(logger.entries.filter((e) => e.msg === 'upstream call failed, retrying')).toHaveLength(2);
      });

      it('lets an error of the sink propagate instead of reporting it as an upstream failure', async () => {
        upstream(aWorld());
        const { sut } = makeSut();

        await expect(
          sut.sync(full, async () => {
            throw new Error('database is down');
          }),
        ).rejects.toThrow('database is down');
      });

      it('ends incomplete with a non-retryable timeout when the caller aborts the run', async () => {
        upstream(aWorld());
        const { sut } = makeSut();
        const controller = new AbortController();

        const outcome = await sut.sync({ ...full, signal: controller.signal }, async () =>
          controller.abort(),
        );

        expect(outcome).toMatchObject({ complete: false, pagesFetched: 1 });
        expect(outcome.error).toMatchObject({ code: 'timeout', retryable: false });
      });

      it('spaces its requests to the configured request rate', async () => {
        const double = upstream(aWorld());
        const { sut } = makeSut({ maxRequestsPerSecond: 10 });
        const started = performance.now();

        const outcome = await sut.sync(full, collectingSink().sink);

        expect(outcome.complete).toBe(true);
        const asks = double.asksOf().length;
        expect(asks).toBeGreaterThanOrEqual(3);
        // 10 per second: a request starts every 100 ms at most (less a little for timer granularity).
        expect(performance.now() - started).toBeGreaterThanOrEqual((asks - 1) * 100 - 10);
      });
    });

    describe('when the upstream fails', () => {
      const firstPage = { kind: first.kind, page: 1 };

      it.each([
        [500, 'http-status', 'Internal Server Error'],
        [502, 'http-status', HTML_ERROR_PAGE],
        [503, 'maintenance', 'Service Unavailable'],
      ] as const)('retries HTTP %i and reports %s when it persists', async (status, code, body) => {
        const double = upstream(aWorld()).fail({
          ...firstPage,
          times: 3,
          fault: { status, body, headers: HTML },
        });
        const { sut } = makeSut();

        const outcome = await sut.sync(full, collectingSink().sink);

        expect(outcome).toMatchObject({ complete: false, pagesFetched: 0, cursor: null });
        expect(outcome.error).toMatchObject({ code, httpStatus: status, retryable: true });
        expect(double.asksOf(first.kind, 1)).toHaveLength(3);
      });

      it('quotes the start of an HTML error page', async () => {
        upstream(aWorld()).fail({
          ...firstPage,
          times: 3,
          fault: { status: 502, body: HTML_ERROR_PAGE, headers: HTML },
        });
        const { sut } = makeSut();

        const outcome = await sut.sync(full, collectingSink().sink);

        expect(outcome.error?.message).toContain('502 Bad Gateway');
      });

      it.each([500, 502, 503])('recovers when an HTTP %i is followed by success', async (status) => {
        upstream(aWorld()).fail({ ...firstPage, times: 1, fault: { status, body: 'busy' } });
        const { sut } = makeSut();

        const outcome = await sut.sync(full, collectingSink().sink);

        expect(outcome).toMatchObject({ complete: true, error: null, recordsSeen: lists.length * PER_LIST });
      });

      it('waits the Retry-After of an HTTP 429 before retrying, then succeeds', async () => {
        upstream(aWorld()).fail({
          ...firstPage,
          times: 1,
          fault: { status: 429, body: 'Too Many Requests', headers: { 'Retry-After': '0.08' } },
        });
        const { sut, logger } = makeSut();
        const started = performance.now();

        const outcome = await sut.sync(full, collectingSink().sink);

        expect(outcome.complete).toBe(true);
        expect(performance.now() - started).toBeGreaterThanOrEqual(75);
        expect(logger.entries.find((e) => e.msg === 'upstream call failed, retrying')?.obj).toMatchObject({
          delayMs: 80,
          code: 'rate-limited',
        });
      });

      it('gives a retryable rate-limited error with the advised wait when HTTP 429 persists', async () => {
        upstream(aWorld()).fail({
          ...firstPage,
          times: 3,
          fault: { status: 429, body: 'Too Many Requests', headers: { 'Retry-After': '0.01' } },
        });
        const { sut } = makeSut();

        const outcome = await sut.sync(full, collectingSink().sink);

        expect(outcome.error).toMatchObject({
          code: 'rate-limited',
          httpStatus: 429,
          retryAfterMs: 10,
          retryable: true,
        });
      });

      it('reports an HTML page served with HTTP 200 as bad-response quoting its start', async () => {
        upstream(aWorld()).fail({
          ...firstPage,
          times: 3,
          fault: { status: 200, body: HTML_ERROR_PAGE, headers: HTML },
        });
        const { sut } = makeSut();

        const outcome = await sut.sync(full, collectingSink().sink);

        expect(outcome.error).toMatchObject({ code: 'bad-response', httpStatus: 200 });
        expect(outcome.error?.message).toContain('<html> <head><title>502 Bad Gateway</title></head>');
      });

      it('times out an attempt that does not answer in time and reports timeout when every attempt does', async () => {
        upstream(aWorld()).fail({ ...firstPage, times: 2, fault: { delayMs: 400 } });
        const { sut } = makeSut({ maxAttempts: 2, timeoutMs: 60 });
        const started = performance.now();

        const outcome = await sut.sync(full, collectingSink().sink);

        expect(outcome.error).toMatchObject({ code: 'timeout', retryable: true });
        expect(outcome.error?.message).toContain('60 ms');
        expect(performance.now() - started).toBeLessThan(400);
      });

      it('retries after a timed-out attempt and succeeds', async () => {
        upstream(aWorld()).fail({ ...firstPage, times: 1, fault: { delayMs: 400 } });
        const { sut } = makeSut({ timeoutMs: 60 });

        const outcome = await sut.sync(full, collectingSink().sink);

        expect(outcome.complete).toBe(true);
      });

      it('reports a refused connection as a retryable network error', async () => {
        const double = upstream(aWorld());
        for (let i = 0; i < 3; i++) double.fail({ ...firstPage, times: 1, fault: { error: refused() } });
        const { sut } = makeSut();

        const outcome = await sut.sync(full, collectingSink().sink);

        expect(outcome.error).toMatchObject({ code: 'network', retryable: true });
        expect(outcome.error?.message).toContain('ECONNREFUSED');
      });

      it('opens the circuit after consecutive failures, fails fast while open, and closes after a good trial call', async () => {
        const double = upstream(aWorld()).fail({
          ...firstPage,
          times: 2,
          fault: { status: 500, body: 'down' },
        });
        const { sut, logger } = makeSut({ maxAttempts: 1, breakerThreshold: 2, breakerCooldownMs: 60 });

        await sut.sync(full, collectingSink().sink);
        expect(sut.circuitState()).toBe('closed');
        await sut.sync(full, collectingSink().sink);
        expect(sut.circuitState()).toBe('open');

        const asked = double.asksOf().length;
        const whileOpen = await sut.sync(full, collectingSink().sink);
        expect(whileOpen.error).toMatchObject({ code: 'circuit-open', retryable: false });
        expect(whileOpen.error?.messageZh).toContain('熔断');
        expect(double.asksOf()).toHaveLength(asked);
        expect(logger.entries.some((e) => e.level === 'error' && e.msg?.startsWith('circuit opened'))).toBe(
          true,
        );

        await new Promise((resolve) => setTimeout(resolve, 80));
        const afterCoolDown = await sut.sync(full, collectingSink().sink);
        expect(afterCoolDown.complete).toBe(true);
        expect(sut.circuitState()).toBe('closed');
      });
    });

    describe('records', () => {
      it('reports records failing their schema as problems, keeps the valid ones of their page, and keeps an attributable one as untrusted', async () => {
        const world = aWorld(3);
        const untrusted = lists.map(({ kind }) => ({ kind, item: fixture.untrustedItem(kind) }));
        for (const { kind, item } of untrusted) world[kind]!.splice(1, 0, item, 'not a record' as never);
        upstream(world);
        const { sut, logger } = makeSut();
        const { pages, sink } = collectingSink();

        const outcome = await sut.sync(full, sink);

        expect(outcome).toMatchObject({
          complete: true,
          recordsSeen: lists.length * 5,
          recordsInvalid: lists.length * 2,
        });
        const valid = lists.flatMap(({ kind }) =>
          world[kind]!.filter((item) => item !== untrusted.find((u) => u.kind === kind)?.item)
            .filter((item) => typeof item === 'object')
            .map((item) => `${kind}:${fixture.idOf(kind, item)}`),
        );
        expect(delivered(pages).sort()).toEqual(valid.sort());
        const problems = pages.flatMap((p) => p.problems).filter((p) => !p.warning);
        expect(problems).toHaveLength(lists.length * 2);
        for (const { kind, item } of untrusted) {
          const [kept, dropped] = [
            problems.find((p) => p.kind === kind && p.externalId !== null),
            problems.find((p) => p.kind === kind && p.externalId === null),
          ];
          expect(kept).toMatchObject({ kind, payload: item });
          expect(kept?.issues.length).toBeGreaterThan(0);
          expect(kept?.reason.zh).toContain('不符合接口约定');
          expect(kept?.record).toMatchObject({
            kind,
            externalId: fixture.idOf(kind, item),
            payload: item,
            invalid: expect.objectContaining({ issues: expect.any(Array) }),
          });
          expect(dropped).toMatchObject({ kind, payload: 'not a record' });
          expect(dropped?.reason.en).toContain('not a JSON object');
          expect(dropped?.record).toBeUndefined();
        }
        expect(
          logger.entries.some((e) => e.level === 'warn' && e.msg === 'upstream records failed validation'),
        ).toBe(true);
      });
    });

    describe('a targeted fetch', () => {
      it("delivers the project's records by the contract's queries, complete and without a watermark", async () => {
        const world = aWorld();
        const { scope, expected } = fixture.target(world);
        upstream(world);
        const { sut } = makeSut();
        const { pages, sink } = collectingSink();

        const outcome = await sut.fetchForProject(scope, sink);

        expect(outcome).toMatchObject({ complete: true, pagesFailed: 0, cursor: null, error: null });
        expect(expected.length).toBeGreaterThan(0);
        expect(delivered(pages)).toEqual(expect.arrayContaining(expected));
        expect(new Set(delivered(pages)).size).toBe(delivered(pages).length);
      });

      it('ends incomplete with the error when a query fails, and never asks a lost page again', async () => {
        const world = aWorld();
        const double = upstream(world).fail({ page: 1, times: 100, fault: { status: 500, body: 'down' } });
        const { sut } = makeSut({ reaskLostPages: true });

        const outcome = await sut.fetchForProject(fixture.target(world).scope, collectingSink().sink);

        expect(outcome).toMatchObject({ complete: false, cursor: null });
        expect(outcome.pagesFailed).toBeGreaterThan(0);
        expect(outcome.error).toMatchObject({ code: 'http-status', httpStatus: 500 });
        expect(double.asksOf()).toHaveLength(3);
        expect(outcome.paging?.pagesReasked ?? 0).toBe(0);
      });
    });

    describe('patience', () => {
      it('asks a page lost after its retries once more in a bulk sync, and completes when it comes', async () => {
        const double = upstream(aWorld()).fail({
          kind: last.kind,
          page: 2,
          times: 3,
          fault: { status: 503, body: 'Service Unavailable' },
        });
        const { sut, logger } = makeSut({ reaskLostPages: true });

        const outcome = await sut.sync(full, collectingSink().sink);

        expect(outcome).toMatchObject({ complete: true, error: null, recordsSeen: lists.length * PER_LIST });
        expect(outcome.paging).toMatchObject({ pagesReasked: 1, pagesRecovered: 1 });
        expect(double.asksOf(last.kind, 2)).toHaveLength(4);
        expect(logger.entries.some((e) => e.msg === 'page failed after its retries; asking once more')).toBe(
          true,
        );
      });

      it('gives the page up when its second ask fails too', async () => {
        const double = upstream(aWorld()).fail({
          kind: last.kind,
          page: 2,
          times: 6,
          fault: { status: 503, body: 'Service Unavailable' },
        });
        const { sut } = makeSut({ reaskLostPages: true });

        const outcome = await sut.sync(full, collectingSink().sink);

        expect(outcome).toMatchObject({ complete: false });
        expect(outcome.error).toMatchObject({ code: 'maintenance' });
        expect(outcome.paging).toMatchObject({ pagesReasked: 1, pagesRecovered: 0 });
        expect(double.asksOf(last.kind, 2)).toHaveLength(6);
      });
    });
  });
}
