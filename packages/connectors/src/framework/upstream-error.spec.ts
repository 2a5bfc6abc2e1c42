import { inspect } from 'node:util';
import axios from 'axios';
import nock from 'nock';
import { UpstreamError, bodySnippet, parseRetryAfter, redactCredentials } from './upstream-error';
import { DATA_EXCHANGE_SOURCE } from '../data-exchange/data-exchange.source';
import { GOV_CLOUD_SOURCE } from '../gov-cloud/gov-cloud.source';
import { MLPS_SOURCE } from '../mlps/mlps.source';
import { SERVICE_PLATFORMS_SOURCE } from '../service-platforms/service-platforms.source';
import { VIDEO_SOURCE } from '../video/video.source';

const BASE = 'http://upstream.test';

/** Runs a real axios request against nock and returns what it failed with. */
async function axiosFailure(request: () => Promise<unknown>): Promise<unknown> {
  try {
    await request();
  } catch (err) {
    return err;
  }
  throw new Error('the request did not fail');
}

describe(UpstreamError.name, () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  afterEach(() => nock.cleanAll());

  describe('fromAxiosError', () => {
    it('turns an axios timeout into a retryable timeout', async () => {
      const scope = nock(BASE).get('/slow').delay(300).reply(200, {});
      const err = await axiosFailure(() => axios.get(`${BASE}/slow`, { timeout: 30 }));

      const sut = UpstreamError.fromAxiosError(MLPS_SOURCE, err);

      expect(sut).toMatchObject({ source: 'mlps', code: 'timeout', retryable: true });
      expect(sut.messageZh).toMatch(/^网络安全等级保护备案系统接口请求超时/);
      expect(scope.isDone()).toBe(true);
    });

    it('turns a refused connection into a retryable network error naming the cause', async () => {
      const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.9:443'), { code: 'ECONNREFUSED' });
      const scope = nock(BASE).get('/x').replyWithError(refused);
      const err = await axiosFailure(() => axios.get(`${BASE}/x`));

      const sut = UpstreamError.fromAxiosError(VIDEO_SOURCE, err);

      expect(sut).toMatchObject({ code: 'network', retryable: true });
      expect(sut.message).toContain('ECONNREFUSED');
      expect(sut.cause).toMatchObject({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 10.0.0.9:443' });
      expect(sut.cause).not.toHaveProperty('config');
      expect(scope.isDone()).toBe(true);
    });

    it.each([
      [500, 'http-status', true],
      [502, 'http-status', true],
      [503, 'maintenance', true],
      [400, 'http-status', false],
      [401, 'auth', false],
      [403, 'auth', false],
      [404, 'not-found', false],
      [408, 'timeout', true],
      [429, 'rate-limited', true],
    ] as const)('classifies HTTP %i as %s (retryable: %s)', async (status, code, retryable) => {
      const scope = nock(BASE).get('/x').reply(status, { message: 'nope' });
      const err = await axiosFailure(() => axios.get(`${BASE}/x`));

      const sut = UpstreamError.fromAxiosError(DATA_EXCHANGE_SOURCE, err);

      expect(sut).toMatchObject({ code, retryable, httpStatus: status });
      expect(scope.isDone()).toBe(true);
    });

    it('takes the wait of an HTTP 429 from Retry-After', async () => {
      const scope = nock(BASE).get('/x').reply(429, '', { 'Retry-After': '7' });
      const err = await axiosFailure(() => axios.get(`${BASE}/x`));

      const sut = UpstreamError.fromAxiosError(SERVICE_PLATFORMS_SOURCE, err);

      expect(sut).toMatchObject({ code: 'rate-limited', retryAfterMs: 7_000 });
      expect(sut.messageZh).toContain('7 秒后重试');
      expect(scope.isDone()).toBe(true);
    });

    it('quotes the start of an HTML 403 page, as the MLPS registry sends', async () => {
      const page = '<!DOCTYPE html><html><body><h1>403 Forbidden</h1><p>令牌无效</p></body></html>';
      const scope = nock(BASE).get('/x').reply(403, page, { 'content-type': 'text/html' });
      const err = await axiosFailure(() => axios.get(`${BASE}/x`));

      const sut = UpstreamError.fromAxiosError(MLPS_SOURCE, err);

      expect(sut).toMatchObject({ code: 'auth', retryable: false, httpStatus: 403 });
      expect(sut.messageZh).toContain('<h1>403 Forbidden</h1><p>令牌无效</p>');
      expect(scope.isDone()).toBe(true);
    });

    it('turns an HTML body where axios expected JSON into bad-response quoting its first 80 characters', async () => {
      const page = `<html><body>${'维护中 maintenance '.repeat(20)}</body></html>`;
      const scope = nock(BASE).get('/x').reply(200, page, { 'content-type': 'text/html' });
      const err = await axiosFailure(() =>
        axios.get(`${BASE}/x`, { responseType: 'json', transitional: { silentJSONParsing: false } }),
      );

      const sut = UpstreamError.fromAxiosError(VIDEO_SOURCE, err);

      expect(sut).toMatchObject({ code: 'bad-response', httpStatus: 200 });
      expect(sut.message).toContain(`"${page.slice(0, 80)}"`);
      expect(sut.message).not.toContain(page.slice(0, 81));
      expect(scope.isDone()).toBe(true);
    });

    it('keeps an error that is already typed', () => {
      const typed = new UpstreamError({
        source: GOV_CLOUD_SOURCE,
        code: 'auth',
        retryable: false,
        detail: { zh: '拒绝访问', en: 'refused access' },
      });

      expect(UpstreamError.fromAxiosError(GOV_CLOUD_SOURCE, typed)).toBe(typed);
    });

    it('classifies an HTTP 3xx as a non-retryable redirect naming only the origin it points to', async () => {
      const scope = nock(BASE)
        .get('/x')
        .reply(302, '', { Location: 'https://elsewhere.test/login?ticket=t-123' });
      const err = await axiosFailure(() => axios.get(`${BASE}/x`, { maxRedirects: 0 }));

      const sut = UpstreamError.fromAxiosError(VIDEO_SOURCE, err);

      expect(sut).toMatchObject({ code: 'redirect', retryable: false, httpStatus: 302 });
      expect(sut.messageZh).toMatch(
        /^视频共享交换平台接口返回重定向（HTTP 302，指向 https:\/\/elsewhere\.test）/,
      );
      expect(sut.message).not.toContain('t-123');
      expect(scope.isDone()).toBe(true);
    });

    it('wraps an error that is not from axios as a non-retryable network error', () => {
      const bug = new TypeError('cannot read properties of undefined');

      const sut = UpstreamError.fromAxiosError(GOV_CLOUD_SOURCE, bug);

      expect(sut).toMatchObject({ code: 'network', retryable: false, cause: bug });
    });
  });

  describe('keeps credentials out of everything it serialises', () => {
    const AUTHORIZATION = 'Bearer tok-3f9a1c-live-bearer';
    const CLIENT_SECRET = 'cs-8d2e7b-client-secret';
    const SIGNATURE = 'sig-5a6b7c-hmac-signature';
    const APP_SECRET = 'as-1e2f3a-app-secret';
    const SECRETS = [AUTHORIZATION, 'tok-3f9a1c-live-bearer', CLIENT_SECRET, SIGNATURE, APP_SECRET];

    /** A POST carrying every kind of credential the connectors send. */
    const credentialedPost = () =>
      axios.post(
        `${BASE}/oauth/token`,
        new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: 'hub',
          client_secret: CLIENT_SECRET,
        }).toString(),
        {
          headers: {
            Authorization: AUTHORIZATION,
            'Content-Type': 'application/x-www-form-urlencoded',
            'X-Signature': SIGNATURE,
            'X-App-Secret': APP_SECRET,
          },
        },
      );

    /** Every way an error reaches a log line, a stored sync run or an API answer. */
    function renderings(sut: UpstreamError): Record<string, string> {
      return {
        json: JSON.stringify(sut),
        string: String(sut),
        stack: sut.stack ?? '',
        messageZh: sut.messageZh,
        cause: JSON.stringify(sut.cause),
        causeString: String(sut.cause),
        causeStack: (sut.cause as Error | undefined)?.stack ?? '',
        inspected: inspect(sut, { depth: null, showHidden: true }),
        ownProperties: JSON.stringify(Object.fromEntries(Object.entries(sut))),
      };
    }

    it.each([
      ['an HTTP 401', () => nock(BASE).post('/oauth/token').reply(401, { error: 'invalid_client' }), 'auth'],
      [
        'a refused connection',
        () =>
          nock(BASE)
            .post('/oauth/token')
            .replyWithError(
              Object.assign(new Error('connect ECONNREFUSED 10.0.0.9:443'), { code: 'ECONNREFUSED' }),
            ),
        'network',
      ],
      ['a timeout', () => nock(BASE).post('/oauth/token').delay(300).reply(200, {}), 'timeout'],
    ] as const)(
      'built from a failed credentialed request (%s), it holds no header, form body or secret',
      async (_what, upstream, code) => {
        const scope = upstream();
        const err = await axiosFailure(() =>
          code === 'timeout'
            ? axios.post(`${BASE}/oauth/token`, `client_secret=${CLIENT_SECRET}`, {
                timeout: 30,
                headers: {
                  Authorization: AUTHORIZATION,
                  'X-Signature': SIGNATURE,
                  'X-App-Secret': APP_SECRET,
                },
              })
            : credentialedPost(),
        );
        // The raw axios error does carry them: this is what must not survive.
        expect(JSON.stringify(err)).toContain(CLIENT_SECRET);

        const sut = UpstreamError.fromAxiosError(DATA_EXCHANGE_SOURCE, err);

        expect(sut.code).toBe(code);
        for (const [how, text] of Object.entries(renderings(sut))) {
          for (const secret of SECRETS)
            expect({ how, leaked: text.includes(secret) }).toEqual({ how, leaked: false });
        }
        expect(Object.keys(sut)).not.toContain('cause');
        expect(sut.cause).not.toHaveProperty('config');
        expect(sut.cause).not.toHaveProperty('request');
        expect(sut.cause).not.toHaveProperty('response');
        expect(scope.isDone()).toBe(true);
      },
    );

    it('masks credentials an upstream echoes in a body it quotes', async () => {
      const scope = nock(BASE)
        .post('/oauth/token')
        .reply(400, `bad request: client_secret=${CLIENT_SECRET}&client_id=hub`, {
          'content-type': 'text/plain',
        });
      const err = await axiosFailure(credentialedPost);

      const sut = UpstreamError.fromAxiosError(DATA_EXCHANGE_SOURCE, err);

      expect(sut.message).toContain('client_secret=[REDACTED]');
      for (const text of Object.values(renderings(sut))) expect(text).not.toContain(CLIENT_SECRET);
      expect(scope.isDone()).toBe(true);
    });

    it('masks an issued token in a token answer it quotes as a bad response', () => {
      const sut = UpstreamError.badResponse(DATA_EXCHANGE_SOURCE, {
        access_token: 'tok-3f9a1c-live-bearer',
        expires_in: 'soon',
      });

      expect(sut.message).toContain('"access_token":"[REDACTED]"');
      expect(sut.message).not.toContain('tok-3f9a1c-live-bearer');
    });
  });

  it('puts the Chinese message first and serialises every field for logs', () => {
    const sut = new UpstreamError({
      source: GOV_CLOUD_SOURCE,
      code: 'upstream-error',
      retryable: true,
      upstreamCode: 50000,
      httpStatus: 200,
      detail: { zh: '返回错误 50000: internal error', en: 'returned error 50000: internal error' },
    });

    expect(sut.text).toEqual({
      zh: '政务云资源台账接口返回错误 50000: internal error',
      en: 'gov-cloud returned error 50000: internal error',
    });
    expect(sut).toBeInstanceOf(Error);
    expect(JSON.parse(JSON.stringify(sut))).toMatchObject({
      code: 'upstream-error',
      upstreamCode: 50000,
      retryable: true,
    });
  });

  describe('parseRetryAfter', () => {
    it('reads delay-seconds and HTTP dates, and ignores what it cannot read', () => {
      const now = Date.parse('2025-03-01T00:00:00Z');

      expect(parseRetryAfter('120', now)).toBe(120_000);
      expect(parseRetryAfter('0.25', now)).toBe(250);
      expect(parseRetryAfter('Sat, 01 Mar 2025 00:00:30 GMT', now)).toBe(30_000);
      expect(parseRetryAfter('Fri, 28 Feb 2025 00:00:00 GMT', now)).toBe(0);
      expect(parseRetryAfter('soon', now)).toBeUndefined();
      expect(parseRetryAfter(undefined, now)).toBeUndefined();
    });
  });

  describe('bodySnippet', () => {
    it('collapses whitespace and cuts at 80 characters', () => {
      expect(bodySnippet(`<html>\n  <body>${'x'.repeat(200)}`)).toBe(`<html> <body>${'x'.repeat(67)}`);
      expect(bodySnippet({ a: 1 })).toBe('{"a":1}');
      expect(bodySnippet(undefined)).toBe('');
    });

    it('masks credential values before cutting', () => {
      expect(bodySnippet({ clientSecret: 'x1', nested: { password: 'x2' }, code: 'E1' })).toBe(
        '{"clientSecret":"[REDACTED]","nested":{"password":"[REDACTED]"},"code":"E1"}',
      );
      expect(redactCredentials('Authorization: Bearer abc.def X-Api-Token: t0k access_token=a&b=1')).toBe(
        'Authorization: [REDACTED] X-Api-Token: [REDACTED] access_token=[REDACTED]&b=1',
      );
      expect(
        redactCredentials('upstream said: Bearer eyJhbGciOi.x-y_z= is unknown; basic checks failed'),
      ).toBe('upstream said: Bearer [REDACTED] is unknown; basic checks failed');
      expect(bodySnippet(`<p>invalid token</p>${'x'.repeat(5_000)}`)).toBe(
        `<p>invalid token</p>${'x'.repeat(60)}`,
      );
    });
  });
});
