import { isDatabaseUnavailable } from './database-unavailable';

describe(isDatabaseUnavailable.name, () => {
  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    ['Prisma unable to reach the server', Object.assign(new Error('Can’t reach'), { code: 'P1001' })],
    [
      'a lost connection inside a driver adapter error',
      new Error('query failed', { cause: { kind: 'ConnectionClosed' } }),
    ],
    ['PostgreSQL shutting down', Object.assign(new Error('terminating connection'), { code: '57P01' })],
    [
      'a terminated connection, deep in the cause chain',
      new Error('a', { cause: new Error('Connection terminated unexpectedly') }),
    ],
  ])('says yes for %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', Object.assign(new Error('duplicate key'), { code: 'P2002' })],
    ['a syntax error', Object.assign(new Error('syntax error at or near'), { code: '42601' })],
    ['a plain bug', new TypeError('x is undefined')],
    ['nothing', undefined],
  ])('says no for %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
