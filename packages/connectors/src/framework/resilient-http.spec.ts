import nock from 'nock';
import { RecordingLogger } from '../testing/recording-logger';
import { ResilientHttp, type ResilientHttpOptions } from './resilient-http';
import { UpstreamError, type UpstreamErrorCode } from './upstream-error';
import { DATA_EXCHANGE_SOURCE } from '../data-exchange/data-exchange.source';

const BASE = 'http://upstream.test';

function makeSut(overrides: Partial<ResilientHttpOptions> = {}) {
  const logger = new RecordingLogger();
  const sut = new ResilientHttp({
    source: DATA_EXCHANGE_SOURCE,
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
    source: DATA_EXCHANGE_SOURCE,
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

  describe('reaches only its base URL', () => {
    const GATEWAY = `${BASE}/gw/api`;
    const EVIL = 'http://evil.test';
    /** Requests that reached nock without an interceptor: with net connect disabled, nothing else can. */
    let unmatched: string[];
    const onNoMatch = (req: { method?: string; path?: string; href?: string }) =>
      unmatched.push(`${req.method ?? ''} ${req.href ?? req.path ?? ''}`);

    beforeEach(() => {
      unmatched = [];
      nock.emitter.on('no match', onNoMatch);
    });
    afterEach(() => {
      nock.emitter.removeListener('no match', onNoMatch);
    });

    /** Interceptors for every place a refused request could go: none of them may be hit. */
    function trapsEverywhere() {
      return [
        nock(EVIL).get(/.*/).query(true).reply(200, { stolen: true }),
        nock(BASE).get(/.*/).query(true).reply(200, { outside: true }),
        nock('https://upstream.test').get(/.*/).query(true).reply(200, { otherPort: true }),
      ];
    }

    async function refusal(url: string, params?: Record<string, string>) {
      const traps = trapsEverywhere();
      const { sut } = makeSut({ baseUrl: GATEWAY });
      let attempts = 0;

      const err = await sut
        .execute('op', ({ requestJson }) => {
          attempts++;
          return requestJson({ url, ...(params ? { params } : {}) });
        })
        .then(
          () => null,
          (e: unknown) => e,
        );

      expect(attempts).toBe(1);
      expect(traps.map((t) => t.isDone())).toEqual([false, false, false]);
      expect(traps.flatMap((t) => t.pendingMocks())).toHaveLength(3);
      expect(unmatched).toEqual([]);
      expect(err).toBeInstanceOf(UpstreamError);
      return err as UpstreamError;
    }

    it('refuses an absolute URL to another origin, e.g. a next link, without sending anything', async () => {
      const sut = await refusal(`${EVIL}/steal?access_token=leak-me`);

      expect(sut).toMatchObject({ code: 'url-refused', retryable: false, source: 'data-exchange' });
      expect(sut.messageZh).toMatch(
        /^政务信息资源共享交换平台接口的请求地址 http:\/\/evil\.test 不在配置的接口地址 http:\/\/upstream\.test\/gw\/api 之下/,
      );
      expect(sut.message).toContain('request to http://evil.test was refused');
      expect(JSON.stringify(sut)).not.toContain('leak-me');
      expect(JSON.stringify(sut)).not.toContain('/steal');
    });

    it.each([
      ['another port', 'http://upstream.test:8080/gw/api/x', 'http://upstream.test:8080'],
      ['another protocol', 'https://upstream.test/gw/api/x', 'https://upstream.test'],
      ['user info', 'http://hub:pw-secret@upstream.test/gw/api/x', 'http://upstream.test/gw/api/x'],
      ['a file URL', 'file:///etc/passwd', 'file:'],
    ])('refuses an absolute URL with %s', async (_what, url, named) => {
      const sut = await refusal(url);

      expect(sut).toMatchObject({ code: 'url-refused', retryable: false });
      expect(sut.message).toContain(`request to ${named} was refused`);
      expect(sut.message).not.toContain('pw-secret');
    });

    it('refuses a protocol-relative path', async () => {
      const sut = await refusal('//evil.test/steal');

      expect(sut).toMatchObject({ code: 'url-refused', retryable: false });
      expect(sut.message).toContain('request to http://evil.test was refused');
    });

    it.each([
      ['../admin', 'http://upstream.test/gw/admin'],
      ['/../../internal/metrics', 'http://upstream.test/internal/metrics'],
      ['items/../../secrets', 'http://upstream.test/gw/secrets'],
      ['%2e%2e/%2E%2E/etc', 'http://upstream.test/etc'],
      ['..\\..\\etc', 'http://upstream.test/etc'],
    ])('refuses %s climbing above the base path', async (url, named) => {
      const sut = await refusal(url, { token: 'query-secret' });

      expect(sut).toMatchObject({ code: 'url-refused', retryable: false });
      expect(sut.message).toContain(`request to ${named} was refused`);
      expect(sut.message).not.toContain('query-secret');
    });

    it('refuses a path that only shares the base path as a prefix', async () => {
      const sut = await refusal('http://upstream.test/gw/apix/items');

      expect(sut.message).toContain('request to http://upstream.test/gw/apix/items was refused');
    });

    it('allows paths under the base path, an absolute URL under it, and .. that stays inside', async () => {
      const scope = nock(BASE)
        .get('/gw/api/items')
        .query({ page: '2' })
        .reply(200, { page: 2 })
        .get('/gw/api/next')
        .reply(200, { next: true })
        .get('/gw/api/other')
        .reply(200, { other: true });
      const { sut } = makeSut({ baseUrl: `${GATEWAY}/` });

      const bodies = await sut.execute('op', async ({ requestJson }) => [
        (await requestJson({ url: '/items', params: { page: '2' } })).body,
        (await requestJson({ url: `${GATEWAY}/next` })).body,
        (await requestJson({ url: 'items/../other' })).body,
      ]);

      expect(bodies).toEqual([{ page: 2 }, { next: true }, { other: true }]);
      expect(scope.isDone()).toBe(true);
      expect(unmatched).toEqual([]);
    });

    it.each([301, 302, 303, 307, 308])(
      'does not follow an HTTP %i and fails with a non-retryable redirect error',
      async (status) => {
        const upstream = nock(BASE)
          .get('/gw/api/items')
          .reply(status, '', { Location: `${EVIL}/collect?token=from-location` });
        const [evil] = [nock(EVIL).get(/.*/).query(true).reply(200, { stolen: true })];
        const { sut } = makeSut({ baseUrl: GATEWAY, maxAttempts: 3 });
        let attempts = 0;

        const err = await sut
          .execute('op', ({ requestJson }) => {
            attempts++;
            return requestJson({ url: '/items' });
          })
          .catch((e: unknown) => e);

        expect(err).toBeInstanceOf(UpstreamError);
        expect(err).toMatchObject({ code: 'redirect', retryable: false, httpStatus: status });
        const sutError = err as UpstreamError;
        expect(sutError.messageZh).toContain(`返回重定向（HTTP ${status}，指向 http://evil.test）`);
        expect(sutError.message).not.toContain('from-location');
        expect(attempts).toBe(1);
        expect(upstream.isDone()).toBe(true);
        expect(evil.isDone()).toBe(false);
        expect(unmatched).toEqual([]);
      },
    );

    it('does not follow a same-origin redirect either, nor one a caller lets through validateStatus', async () => {
      const scope = nock(BASE)
        .get('/gw/api/items')
        .reply(302, '', { Location: '/gw/api/login' })
        .get('/gw/api/items')
        .reply(301, '', { Location: '/gw/api/moved' });
      const trap = nock(BASE)
        .get(/\/gw\/api\/(login|moved)/)
        .reply(200, {});
      const { sut } = makeSut({ baseUrl: GATEWAY, maxAttempts: 1 });

      await expect(
        sut.execute('op', ({ requestJson }) => requestJson({ url: '/items' })),
      ).rejects.toMatchObject({
        code: 'redirect',
        httpStatus: 302,
        message: expect.stringContaining('http://upstream.test'),
      });
      await expect(
        sut.execute('op', ({ requestJson }) => requestJson({ url: '/items', validateStatus: () => true })),
      ).rejects.toMatchObject({ code: 'redirect', httpStatus: 301 });

      expect(scope.isDone()).toBe(true);
      expect(trap.isDone()).toBe(false);
    });
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

    it('makes calls beside the trial wait for its answer instead of failing them', async () => {
      const { sut } = makeSut({ maxAttempts: 1, breakerThreshold: 1, breakerCooldownMs: 30 });
      await expect(
        sut.execute('op', async () => Promise.reject(failure('network', true))),
      ).rejects.toMatchObject({
        code: 'network',
      });
      await new Promise((resolve) => setTimeout(resolve, 45));
      const slowAnswer = (value: string) => async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return value;
      };

      const answers = await Promise.all(['a', 'b', 'c'].map((v) => sut.execute('op', slowAnswer(v))));

      expect(answers).toEqual(['a', 'b', 'c']);
      expect(sut.circuitState()).toBe('closed');
    });

    it('fails the calls beside a trial fast when the trial fails', async () => {
      const { sut } = makeSut({ maxAttempts: 1, breakerThreshold: 1, breakerCooldownMs: 30 });
      let calls = 0;
      const failing = async () => {
        calls++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw failure('network', true);
      };
      await expect(sut.execute('op', failing)).rejects.toMatchObject({ code: 'network' });
      await new Promise((resolve) => setTimeout(resolve, 45));
      calls = 0;

      const results = await Promise.allSettled([1, 2, 3].map(() => sut.execute('op', failing)));

      expect(calls).toBe(1);
      expect(
        results.map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : 'ok')),
      ).toEqual(['network', 'circuit-open', 'circuit-open']);
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
