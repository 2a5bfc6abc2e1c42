import type { ArgumentsHost } from '@nestjs/common';
import { packFor } from '@hub/rules';
import type { Logger } from 'pino';
import { AppErrorFilter } from './app-error.filter';

/** What the filter answers for an exception thrown by a handler. */
function answer(exception: unknown) {
  const res = { status: vi.fn(), json: vi.fn() };
  res.status.mockReturnValue(res);
  const host = { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
  const logger = { error: vi.fn() } as unknown as Logger;
  new AppErrorFilter(logger).catch(exception, host);
  return { status: res.status.mock.calls[0]?.[0] as number, body: res.json.mock.calls[0]?.[0] as unknown };
}

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('nothing thrown');
};

describe(AppErrorFilter.name, () => {
  it('answers a project of a pack no longer loaded with a 409 naming the pack, Chinese first, not a 500', () => {
    const sut = answer(thrown(() => packFor('removed')));

    expect(sut.status).toBe(409);
    expect(sut.body).toEqual({
      error: {
        code: 'PACK_NOT_LOADED',
        message: {
          zh: expect.stringMatching(/^政策包 removed 未加载；已加载：yueyang、chenzhou/),
          en: expect.stringContaining('policy pack removed is not loaded'),
        },
      },
    });
  });

  it('keeps any other unexpected error a 500 without details', () => {
    expect(answer(new Error('boom')).status).toBe(500);
  });
});
