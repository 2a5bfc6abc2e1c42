import { UpstreamError } from '../framework/upstream-error';
import {
  servicePlatformsEnvelopeError,
  servicePlatformsHttpError,
  unwrapServicePlatformsEnvelope,
} from './service-platforms.envelope';

describe(unwrapServicePlatformsEnvelope.name, () => {
  it('returns data for code "00000", and null when it comes without data', () => {
    expect(
      unwrapServicePlatformsEnvelope(
        { code: '00000', message: 'success', data: { rows: [], total: 0 } },
        200,
      ),
    ).toEqual({ rows: [], total: 0 });
    expect(unwrapServicePlatformsEnvelope({ code: '00000', message: 'success' }, 200)).toBeNull();
  });

  it('throws the typed error of any other code with the HTTP status it came with', () => {
    expect(() => unwrapServicePlatformsEnvelope({ code: 'B0100', message: 'boom' }, 200)).toThrow(
      expect.objectContaining({ code: 'upstream-error', upstreamCode: 'B0100', httpStatus: 200 }),
    );
  });

  it('reads an error envelope that comes without a message', () => {
    expect(() => unwrapServicePlatformsEnvelope({ code: 'B0001' }, 200)).toThrow(
      expect.objectContaining({ code: 'rate-limited', message: expect.stringContaining('(error B0001)') }),
    );
  });

  it('takes the advised wait of a B0001 from a Retry-After header', () => {
    let thrown: unknown;
    try {
      unwrapServicePlatformsEnvelope({ code: 'B0001', message: 'busy' }, 200, { 'retry-after': '2' });
    } catch (err) {
      thrown = err;
    }

    expect(thrown).toMatchObject({ code: 'rate-limited', retryAfterMs: 2_000 });
  });

  it.each([['<html>502</html>'], [{ status: 'error' }], [null], [{ code: 0, message: 'ok' }]])(
    'throws a retryable bad-response for a body that is not the envelope: %j',
    (body) => {
      let thrown: unknown;
      try {
        unwrapServicePlatformsEnvelope(body, 200);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(UpstreamError);
      expect(thrown).toMatchObject({ code: 'bad-response', retryable: true });
    },
  );
});

describe(servicePlatformsEnvelopeError.name, () => {
  it.each([
    ['A0401', 200, 'auth', false],
    ['A0401', 401, 'auth', false],
    ['A0301', 403, 'auth', false],
    ['B0001', 200, 'rate-limited', true],
    ['B0100', 200, 'upstream-error', true],
    ['B0100', 500, 'upstream-error', true],
    ['C0001', 200, 'upstream-error', true],
    ['A0400', 400, 'upstream-error', false],
    ['99999', 200, 'upstream-error', false],
  ] as const)('maps %s with HTTP %i to %s (retryable: %s)', (code, httpStatus, expected, retryable) => {
    const sut = servicePlatformsEnvelopeError(code, 'msg', { httpStatus });

    expect(sut).toMatchObject({
      source: 'service-platforms',
      code: expected,
      retryable,
      upstreamCode: code,
      httpStatus,
    });
    expect(sut.messageZh).toMatch(/^政务服务平台（一网通办\/岳办岳好\/城市大脑）接口/);
  });
});

describe(servicePlatformsHttpError.name, () => {
  it('reads the envelope of an error status as a raw JSON string, as the client receives it', () => {
    const sut = servicePlatformsHttpError({
      status: 401,
      data: JSON.stringify({ code: 'A0401', message: 'bad secret' }),
    });

    expect(sut).toMatchObject({ code: 'auth', upstreamCode: 'A0401', httpStatus: 401 });
    expect(sut.message).toContain('A0401: bad secret');
  });

  it.each([
    [503, { code: 'B0001', message: 'busy' }, 'maintenance'],
    [429, { code: 'B0001', message: 'busy' }, 'rate-limited'],
    [404, { code: 'A0404', message: 'no such path' }, 'not-found'],
    [500, 'Internal Server Error', 'http-status'],
    [500, { code: '00000', message: 'success' }, 'http-status'],
  ] as const)('classifies HTTP %i with body %j by its status as %s', (status, body, expected) => {
    const sut = servicePlatformsHttpError({
      status,
      data: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'retry-after': '3' },
    });

    expect(sut).toMatchObject({ code: expected, httpStatus: status });
  });

  it('keeps the Retry-After of an error status that carries B0001', () => {
    const sut = servicePlatformsHttpError({
      status: 500,
      data: JSON.stringify({ code: 'B0001', message: 'busy' }),
      headers: { 'Retry-After': '1.5' },
    });

    expect(sut).toMatchObject({ code: 'rate-limited', retryAfterMs: 1_500, httpStatus: 500 });
  });
});
