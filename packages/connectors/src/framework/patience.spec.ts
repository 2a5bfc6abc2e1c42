import { RecordingLogger } from '../testing/recording-logger';
import { collectingSink } from '../testing/sink';
import { runPagedSync } from './paged-sync';
import { ResilientHttp, type ResilientHttpOptions } from './resilient-http';
import { UpstreamError } from './upstream-error';
import { MLPS_SOURCE } from '../mlps/mlps.source';

const outage = () =>
  new UpstreamError({
    source: MLPS_SOURCE,
    code: 'maintenance',
    retryable: true,
    detail: { zh: '维护', en: 'maintenance' },
  });

function makeHttp(overrides: Partial<ResilientHttpOptions> = {}) {
  const logger = new RecordingLogger();
  const http = new ResilientHttp({
    source: MLPS_SOURCE,
    baseUrl: 'http://upstream.test',
    logger,
    timeoutMs: 100,
    maxAttempts: 2,
    baseDelayMs: 1,
    maxDelayMs: 2,
    breakerThreshold: 50,
    breakerCooldownMs: 60,
    reaskDelayMs: 5,
    ...overrides,
  });
  return { http, logger };
}

/** A page call that fails its first `failures` attempts, then answers. */
function flaky(failures: number) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    fetch: async () => {
      calls++;
      if (calls <= failures) throw outage();
      return 'page';
    },
  };
}

const run = (sink: ReturnType<typeof collectingSink>['sink'], patient: boolean) => ({
  source: MLPS_SOURCE,
  operation: 'full sync',
  logger: new RecordingLogger(),
  startCursor: null,
  sink,
  patient,
});
const page = { records: [], problems: [] };

describe('a bulk sync asks a lost page once more', () => {
  it('asks again after the pause, and completes when the page comes the second time', async () => {
    const { http, logger } = makeHttp();
    const call = flaky(2);

    const sut = await runPagedSync(run(collectingSink().sink, true), async (emit) => {
      await http.execute('GET /page', call.fetch);
      await emit(page, { kind: 'filing', pages: 1 });
      return null;
    });

    expect(sut).toMatchObject({ complete: true, pagesFetched: 1 });
    expect(sut.paging).toEqual({
      lists: [{ kind: 'filing', pagesFetched: 1, pagesTotal: 1, complete: true }],
      pagesReasked: 1,
      pagesRecovered: 1,
    });
    expect(call.calls).toBe(3);
    expect(logger.entries.map((e) => e.msg)).toContain('page failed after its retries; asking once more');
  });

  it('gives the page up when it fails the second time too, naming how many pages the list lost', async () => {
    const { http } = makeHttp();
    const call = flaky(100);

    const sut = await runPagedSync(run(collectingSink().sink, true), async (emit) => {
      await emit(page, { kind: 'filing', pages: 14 });
      await http.execute('GET /page-2', call.fetch);
      return null;
    });

    expect(sut).toMatchObject({ complete: false, pagesFetched: 1, pagesFailed: 13 });
    expect(sut.paging).toMatchObject({ pagesReasked: 1, pagesRecovered: 0 });
    expect(call.calls).toBe(4);
  });

  it('does not wait for a targeted fetch: a check asks each page one round only', async () => {
    const { http } = makeHttp();
    const call = flaky(2);

    const sut = await runPagedSync(run(collectingSink().sink, false), async () => {
      await http.execute('GET /page', call.fetch);
      return null;
    });

    expect(sut).toMatchObject({ complete: false });
    expect(sut.paging).toBeUndefined();
    expect(call.calls).toBe(2);
  });

  it('is off when the source is configured so', async () => {
    const { http } = makeHttp({ reaskLostPages: false });
    const call = flaky(2);

    const sut = await runPagedSync(run(collectingSink().sink, true), async () => {
      await http.execute('GET /page', call.fetch);
      return null;
    });

    expect(sut.complete).toBe(false);
    expect(call.calls).toBe(2);
  });

  it('does not ask again what an upstream refused (a refusal is no outage)', async () => {
    const { http } = makeHttp();
    let calls = 0;

    const sut = await runPagedSync(run(collectingSink().sink, true), async () => {
      await http.execute('GET /page', async () => {
        calls++;
        throw new UpstreamError({
          source: MLPS_SOURCE,
          code: 'auth',
          retryable: false,
          detail: { zh: '拒绝', en: 'refused' },
        });
      });
      return null;
    });

    expect(sut.complete).toBe(false);
    expect(calls).toBe(1);
  });

  it('waits out an open circuit before asking again', async () => {
    const { http } = makeHttp({ breakerThreshold: 2, breakerCooldownMs: 150, maxAttempts: 2 });
    const call = flaky(2);
    const started = Date.now();

    const sut = await runPagedSync(run(collectingSink().sink, true), async () => {
      await http.execute('GET /page', call.fetch);
      return null;
    });

    expect(sut.complete).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('a patient run whose upstream is down', () => {
  it('asks again only once in the run, then gives later calls up at once', async () => {
    const { http } = makeHttp();
    const calls: string[] = [];
    const failing = (name: string) => async () => {
      calls.push(name);
      throw outage();
    };

    const sut = await runPagedSync(run(collectingSink().sink, true), async () => {
      for (const name of ['a', 'b', 'c']) {
        await http.execute(name, failing(name)).catch(() => undefined);
      }
      return null;
    });

    expect(sut.paging).toMatchObject({ pagesReasked: 1, pagesRecovered: 0 });
    // a: 2 attempts, asked again (2 more); b and c: their 2 attempts only
    expect(calls).toEqual(['a', 'a', 'a', 'a', 'b', 'b', 'c', 'c']);
  });
});
