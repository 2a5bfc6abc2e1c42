import { UpstreamError } from '../framework/upstream-error';
import { unwrapVideoEnvelope, videoEnvelopeError } from './video.envelope';

describe(unwrapVideoEnvelope.name, () => {
  it('returns data for code 200, and null when code 200 comes without data', () => {
    expect(unwrapVideoEnvelope({ code: 200, message: 'success', data: { list: [], total: 0 } }, 200)).toEqual(
      {
        list: [],
        total: 0,
      },
    );
    expect(unwrapVideoEnvelope({ code: 200 }, 200)).toBeNull();
  });

  it('throws the typed error of a non-200 code even over HTTP 200', () => {
    expect(() => unwrapVideoEnvelope({ code: 500, message: '数据库繁忙', data: null }, 200)).toThrow(
      expect.objectContaining({
        code: 'upstream-error',
        upstreamCode: 500,
        httpStatus: 200,
        retryable: true,
      }),
    );
  });

  it.each([['<html>502</html>'], [{ success: true }], [null], [{ code: '200', message: 'ok' }]])(
    'throws bad-response for a body that is not the envelope: %j',
    (body) => {
      let thrown: unknown;
      try {
        unwrapVideoEnvelope(body, 200);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(UpstreamError);
      expect(thrown).toMatchObject({ code: 'bad-response', retryable: true });
    },
  );
});

describe(videoEnvelopeError.name, () => {
  it.each([
    [401, 'auth', false],
    [403, 'auth', false],
    [404, 'not-found', false],
    [429, 'rate-limited', true],
    [503, 'maintenance', true],
    [500, 'upstream-error', true],
    [502, 'upstream-error', true],
    [400, 'upstream-error', false],
    [412, 'upstream-error', false],
    [1001, 'upstream-error', false],
  ] as const)('maps code %i to %s (retryable: %s)', (code, expected, retryable) => {
    const sut = videoEnvelopeError(code, 'msg');

    expect(sut).toMatchObject({ source: 'video', code: expected, retryable, upstreamCode: code });
    expect(sut.messageZh).toMatch(/^视频共享交换平台接口/);
  });

  it('quotes the code and message in both languages', () => {
    const sut = videoEnvelopeError(500, '数据库繁忙', 200);

    expect(sut.text).toEqual({
      zh: '视频共享交换平台接口返回错误 500: 数据库繁忙',
      en: 'video returned error 500: 数据库繁忙',
    });
  });
});
