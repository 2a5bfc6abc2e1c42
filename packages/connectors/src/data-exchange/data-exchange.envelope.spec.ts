import { UpstreamError } from '../framework/upstream-error';
import {
  dataExchangeError,
  dataExchangeErrorFromResponse,
  isTokenRejection,
  unwrapDataExchangeEnvelope,
} from './data-exchange.envelope';

describe(unwrapDataExchangeEnvelope.name, () => {
  it('returns result when success is true, and null when it comes without one', () => {
    expect(unwrapDataExchangeEnvelope({ success: true, result: { records: [] } }, 200)).toEqual({
      records: [],
    });
    expect(unwrapDataExchangeEnvelope({ success: true }, 200)).toBeNull();
  });

  it('throws the typed error of success false with the HTTP status it came with', () => {
    expect(() =>
      unwrapDataExchangeEnvelope({ success: false, errorCode: 'SYSTEM_ERROR', errorMsg: 'busy' }, 200),
    ).toThrow(
      expect.objectContaining({ code: 'upstream-error', upstreamCode: 'SYSTEM_ERROR', httpStatus: 200 }),
    );
  });

  it('reads a numeric error code as text', () => {
    expect(() => unwrapDataExchangeEnvelope({ success: false, errorCode: 500, errorMsg: 'x' }, 200)).toThrow(
      expect.objectContaining({ upstreamCode: '500' }),
    );
  });

  it.each([['<html>502</html>'], [{ code: 0, data: [] }], [null], [{ success: 'true', result: [] }]])(
    'throws bad-response for a body that is not the envelope: %j',
    (body) => {
      let thrown: unknown;
      try {
        unwrapDataExchangeEnvelope(body, 200);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(UpstreamError);
      expect(thrown).toMatchObject({ code: 'bad-response', retryable: true });
    },
  );
});

describe(dataExchangeError.name, () => {
  it.each([
    [401, 'TOKEN_EXPIRED', 'auth', false],
    [200, 'TOKEN_EXPIRED', 'auth', false],
    [401, 'INVALID_TOKEN', 'auth', false],
    [401, 'INVALID_CLIENT', 'auth', false],
    [403, 'ACCESS_DENIED', 'auth', false],
    [429, 'RATE_LIMITED', 'rate-limited', true],
    [200, 'RATE_LIMITED', 'rate-limited', true],
    [503, 'SERVICE_UNAVAILABLE', 'maintenance', true],
    [200, 'SERVICE_UNAVAILABLE', 'maintenance', true],
    [404, 'NOT_FOUND', 'not-found', false],
    [200, 'NOT_FOUND', 'not-found', false],
    [200, 'SYSTEM_ERROR', 'upstream-error', true],
    [500, 'SYSTEM_ERROR', 'upstream-error', true],
    [502, 'GATEWAY', 'upstream-error', true],
    [400, 'INVALID_PARAMETER', 'upstream-error', false],
    [200, 'E1002', 'upstream-error', false],
  ] as const)('maps HTTP %i with %s to %s (retryable: %s)', (httpStatus, errorCode, code, retryable) => {
    const sut = dataExchangeError({ httpStatus, errorCode, errorMsg: 'msg' });

    expect(sut).toMatchObject({
      source: 'data-exchange',
      code,
      retryable,
      httpStatus,
      upstreamCode: errorCode,
    });
    expect(sut.messageZh).toMatch(/^政务信息资源共享交换平台接口/);
  });

  it('carries the advised wait of a rate limit and names it in both languages', () => {
    const sut = dataExchangeError({
      httpStatus: 429,
      errorCode: 'RATE_LIMITED',
      errorMsg: null,
      retryAfterMs: 2_000,
    });

    expect(sut.retryAfterMs).toBe(2_000);
    expect(sut.messageZh).toContain('2 秒后重试');
    expect(sut.message).toContain('retry advised after 2 s');
  });

  it('names the HTTP status when the platform sent no error code', () => {
    const sut = dataExchangeError({ httpStatus: 500, errorCode: null, errorMsg: null });

    expect(sut.upstreamCode).toBeUndefined();
    expect(sut.message).toBe('data-exchange returned error HTTP 500');
  });
});

describe(dataExchangeErrorFromResponse.name, () => {
  it('reads the envelope of an error status, with Retry-After', () => {
    const sut = dataExchangeErrorFromResponse({
      status: 429,
      headers: { 'Retry-After': '3' },
      data: JSON.stringify({ success: false, errorCode: 'RATE_LIMITED', errorMsg: 'slow down' }),
    });

    expect(sut).toMatchObject({ code: 'rate-limited', upstreamCode: 'RATE_LIMITED', retryAfterMs: 3_000 });
  });

  it('falls back on the HTTP status for a body that is not an envelope', () => {
    const sut = dataExchangeErrorFromResponse({ status: 503, data: '<html>维护中</html>' });

    expect(sut).toMatchObject({ code: 'maintenance', httpStatus: 503, retryable: true });
    expect(sut.upstreamCode).toBeUndefined();
    expect(sut.message).toContain('<html>维护中</html>');
  });
});

describe(isTokenRejection.name, () => {
  it('is true for a refused token and false for other auth failures and other errors', () => {
    const expired = dataExchangeError({ httpStatus: 401, errorCode: 'TOKEN_EXPIRED', errorMsg: null });
    const expiredInBand = dataExchangeError({ httpStatus: 200, errorCode: 'TOKEN_EXPIRED', errorMsg: null });
    const unknown = dataExchangeError({ httpStatus: 401, errorCode: null, errorMsg: null });
    const forbidden = dataExchangeError({ httpStatus: 403, errorCode: 'ACCESS_DENIED', errorMsg: null });
    const busy = dataExchangeError({ httpStatus: 200, errorCode: 'SYSTEM_ERROR', errorMsg: null });

    expect([expired, expiredInBand, unknown, forbidden, busy, new Error('x')].map(isTokenRejection)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
