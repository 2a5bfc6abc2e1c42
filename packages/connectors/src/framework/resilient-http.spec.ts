import nock from 'nock';
import { RecordingLogger } from '../testing/recording-logger';
import { ResilientHttp, type ResilientHttpOptions } from './resilient-http';
import { UpstreamError, type UpstreamErrorCode } from './upstream-error';

const BASE = 'http://upstream.test';

function makeSut(overrides: Partial<ResilientHttpOptions> = {}) {
  const logger = new RecordingLogger();
  const sut = new ResilientHttp({
    source: 'data-exchange',
    baseUrl: BASE,
    logger,
    timeoutMs: 100,
    maxAttempts: 3,
    baseDelayMs: 1,
    maxDelayMs: 2,
    breakerThreshold: 50,
    breakerCooldownMs: 60,
    ...overrides,
  });
  return { sut, logger };
}

function failure(code: UpstreamErrorCode, retryable: boolean, extra: { retryAfterMs?: number } = {}) {
  return new UpstreamError({
    source: 'data-exchange',
    code,
    retryable,
    detail: { zh: '失败', en: 'failed' },
    ...extra,
  });
}

const retryDelays = (logger: RecordingLogger) =>
  logger.entries
    .filter((e) => e.msg === 'upstream call failed, retrying')
    .map((e) => (e.obj as { delayMs: number }).delayMs);

describe(ResilientHttp.name, () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  afterEach(() => nock.cleanAll());

  it('calls the attempt function afresh for every attempt until one succeeds', async () => {
    const { sut } = makeSut();
    const attempts: number[] = [];

    const result = await sut.execute('op', async ({ attempt }) => {
      attempts.push(attempt);
      if (attempt < 3) throw failure('upstream-error', true);
      return 'done';
    });

    expect(result).toBe('done');
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('stops after maxAttempts and throws the last error', async () => {
    const { sut } = makeSut({ maxAttempts: 2 });
    let calls = 0;

    await expect(
      sut.execute('op', async () => {
        calls++;
        throw failure('network', true);
      }),
    ).rejects.toMatchObject({ code: 'network' });
    expect(calls).toBe(2);
  });

  it('does not retry an error that is not retryable', async () => {
    const { sut } = makeSut();
    let calls = 0;

    await expect(
      sut.execute('op', async () => {
        calls++;
        throw failure('auth', false);
      }),
    ).rejects.toMatchObject({ code: 'auth' });
    expect(calls).toBe(1);
  });

  it('lets a programming error through unchanged and unretried', async () => {
    const { sut } = makeSut();
    let calls = 0;
    const bug = new TypeError('x is not a function');

    await expect(
      sut.execute('op', async () => {
        calls++;
        throw bug;
      }),
    ).rejects.toBe(bug);
    expect(calls).toBe(1);
  });

  it('backs off exponentially with full jitter below the ceiling', async () => {
    const { sut, logger } = makeSut({ maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 30, random: () => 0.5 });

    await expect(
      sut.execute('op', async () => {
        throw failure('timeout', true);
      }),
    ).rejects.toBeInstanceOf(UpstreamError);

    // ceilings 10, 20, min(30, 40): half of each
    expect(retryDelays(logger)).toEqual([5, 10, 15]);
  });

  it('waits what the upstream advised instead of the computed delay', async () => {
    const { sut, logger } = makeSut({ baseDelayMs: 5_000, maxDelayMs: 5_000 });
    const started = performance.now();

    const result = await sut.execute('op', async ({ attempt }) => {
      if (attempt === 1) throw failure('rate-limited', true, { retryAfterMs: 40 });
      return attempt;
    });

    expect(result).toBe(2);
    expect(retryDelays(logger)).toEqual([40]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
  });

  it('gives up at once when the advised wait is longer than it will sit out', async () => {
    const { sut } = makeSut({ maxRetryAfterMs: 1_000 });
    let calls = 0;

    await expect(
      sut.execute('op', async () => {
        calls++;
        throw failure('rate-limited', true, { retryAfterMs: 120_000 });
      }),
    ).rejects.toMatchObject({ code: 'rate-limited', retryAfterMs: 120_000 });
    expect(calls).toBe(1);
  });

  it('honours Retry-After of an HTTP 429 and then returns the parsed JSON', async () => {
    const scope = nock(BASE)
      .get('/items')
      .reply(429, 'slow down', { 'Retry-After': '0.05' })
      .get('/items')
      .reply(200, { items: [1, 2] });
    const { sut, logger } = makeSut();

    const response = await sut.execute('list', ({ requestJson }) => requestJson({ url: '/items' }));

    expect(response).toMatchObject({ status: 200, body: { items: [1, 2] } });
    expect(retryDelays(logger)).toEqual([50]);
    expect(scope.isDone()).toBe(true);
  });

  it('fails a 2xx whose body is not JSON with bad-response', async () => {
    const scope = nock(BASE)
      .get('/items')
      .reply(200, '<html>portal login</html>', { 'content-type': 'text/html' });
    const { sut } = makeSut({ maxAttempts: 1 });

    await expect(
      sut.execute('list', ({ requestJson }) => requestJson({ url: '/items' })),
    ).rejects.toMatchObject({
      code: 'bad-response',
      httpStatus: 200,
      message: expect.stringContaining('<html>portal login</html>'),
    });
    expect(scope.isDone()).toBe(true);
  });

  it('reports an abort by the caller as a non-retryable timeout without further attempts', async () => {
    const scope = nock(BASE).get('/items').delay(500).reply(200, {});
    const { sut } = makeSut({ timeoutMs: 1_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);

    await expect(
      sut.execute('list', ({ requestJson }) => requestJson({ url: '/items' }), controller.signal),
    ).rejects.toMatchObject({
      code: 'timeout',
      retryable: false,
      message: expect.stringContaining('aborted'),
    });
    expect(scope.isDone()).toBe(true);
  });

  describe('circuit breaker', () => {
    it('opens after the threshold of consecutive failed attempts and then fails fast without calling', async () => {
      const { sut } = makeSut({ maxAttempts: 1, breakerThreshold: 3, breakerCooldownMs: 10_000 });
      let calls = 0;
      const failing = async () => {
        calls++;
        throw failure('http-status', true);
      };

      for (let i = 0; i < 3; i++)
        await expect(sut.execute('op', failing)).rejects.toMatchObject({ code: 'http-status' });
      expect(sut.circuitState()).toBe('open');

      await expect(sut.execute('op', failing)).rejects.toMatchObject({
        code: 'circuit-open',
        retryable: false,
      });
      expect(calls).toBe(3);
    });

    it('stops retrying a call as soon as the circuit opens under it', async () => {
      const { sut } = makeSut({ maxAttempts: 5, breakerThreshold: 2, breakerCooldownMs: 10_000 });
      let calls = 0;

      await expect(
        sut.execute('op', async () => {
          calls++;
          throw failure('network', true);
        }),
      ).rejects.toMatchObject({ code: 'circuit-open' });
      expect(calls).toBe(2);
    });

    it('lets one trial call through after the cool-down and closes on its success', async () => {
      const { sut } = makeSut({ maxAttempts: 1, breakerThreshold: 1, breakerCooldownMs: 30 });
      await expect(
        sut.execute('op', async () => {
          throw failure('maintenance', true);
        }),
      ).rejects.toMatchObject({ code: 'maintenance' });
      expect(sut.circuitState()).toBe('open');
      await new Promise((resolve) => setTimeout(resolve, 45));
      expect(sut.circuitState()).toBe('half-open');

      const result = await sut.execute('op', async () => 'answered');

      expect(result).toBe('answered');
      expect(sut.circuitState()).toBe('closed');
    });

    it('opens again when the trial call fails', async () => {
      const { sut } = makeSut({ maxAttempts: 1, breakerThreshold: 1, breakerCooldownMs: 30 });
      const failing = async () => Promise.reject(failure('network', true));
      await expect(sut.execute('op', failing)).rejects.toMatchObject({ code: 'network' });
      await new Promise((resolve) => setTimeout(resolve, 45));

      await expect(sut.execute('op', failing)).rejects.toMatchObject({ code: 'network' });

      expect(sut.circuitState()).toBe('open');
      await expect(sut.execute('op', failing)).rejects.toMatchObject({ code: 'circuit-open' });
    });

    it('does not count rate limits or auth failures as faults of the upstream', async () => {
      const { sut } = makeSut({ maxAttempts: 1, breakerThreshold: 1 });

      await expect(
        sut.execute('op', async () => Promise.reject(failure('auth', false))),
      ).rejects.toBeDefined();
      await expect(
        sut.execute('op', async () => Promise.reject(failure('rate-limited', true, { retryAfterMs: 1 }))),
      ).rejects.toBeDefined();

      expect(sut.circuitState()).toBe('closed');
    });
  });
});
