import { UpstreamError } from '../framework/upstream-error';
import { govCloudEnvelopeError, unwrapGovCloudEnvelope } from './gov-cloud.envelope';

describe(unwrapGovCloudEnvelope.name, () => {
  it('returns data for code 0, and null when code 0 comes without data', () => {
    expect(unwrapGovCloudEnvelope({ code: 0, msg: 'success', data: { items: [] } }, 200)).toEqual({
      items: [],
    });
    expect(unwrapGovCloudEnvelope({ code: 0, msg: 'success' }, 200)).toBeNull();
  });

  it('throws the typed error of a non-zero code with the HTTP status it came with', () => {
    expect(() => unwrapGovCloudEnvelope({ code: 50000, msg: 'internal error', data: null }, 200)).toThrow(
      expect.objectContaining({ code: 'upstream-error', upstreamCode: 50000, httpStatus: 200 }),
    );
  });

  it.each([['<html>502</html>'], [{ status: 'error' }], [null], [{ code: '0', msg: 'ok' }]])(
    'throws bad-response for a body that is not the envelope: %j',
    (body) => {
      let thrown: unknown;
      try {
        unwrapGovCloudEnvelope(body, 200);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(UpstreamError);
      expect(thrown).toMatchObject({ code: 'bad-response', retryable: true });
    },
  );
});

describe(govCloudEnvelopeError.name, () => {
  it.each([
    [40001, 'auth', false],
    [40002, 'auth', false],
    [40003, 'auth', true],
    [40300, 'auth', false],
    [40400, 'not-found', false],
    [42900, 'rate-limited', true],
    [50000, 'upstream-error', true],
    [40099, 'upstream-error', false],
    [50301, 'upstream-error', true],
  ] as const)('maps code %i to %s (retryable: %s)', (code, expected, retryable) => {
    const sut = govCloudEnvelopeError(code, 'msg', null);

    expect(sut).toMatchObject({ source: 'gov-cloud', code: expected, retryable, upstreamCode: code });
    expect(sut.messageZh).toMatch(/^政务云资源台账接口/);
  });

  it('takes the advised wait of a 42900 from data.retryAfterSeconds', () => {
    expect(govCloudEnvelopeError(42900, 'rate limited', { retryAfterSeconds: 3 }).retryAfterMs).toBe(3_000);
    expect(govCloudEnvelopeError(42900, 'rate limited', null).retryAfterMs).toBeUndefined();
  });
});
