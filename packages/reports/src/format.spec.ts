import { formatBeijingTime, formatDateOrInstant, shortHash } from './format';

describe('formatBeijingTime', () => {
  it('prints an instant in Beijing time, crossing the date line at 16:00 UTC', () => {
    expect(formatBeijingTime('2026-06-30T16:05:00Z')).toBe('2026-07-01 00:05 (北京时间)');
    expect(formatBeijingTime('2026-03-02T01:35:00.000Z')).toBe('2026-03-02 09:35 (北京时间)');
  });

  it('honours the offset an instant is written with', () => {
    expect(formatBeijingTime('2026-03-02T09:35:00+08:00')).toBe('2026-03-02 09:35 (北京时间)');
    expect(formatBeijingTime('2026-03-01T20:35:00-05:00')).toBe('2026-03-02 09:35 (北京时间)');
  });

  it('shows a value that is not an instant as it is', () => {
    expect(formatBeijingTime('not a time')).toBe('not a time');
  });
});

describe('formatDateOrInstant', () => {
  it('keeps a calendar date as written and converts an instant', () => {
    expect(formatDateOrInstant('2026-12-31')).toBe('2026-12-31');
    expect(formatDateOrInstant('2026-12-31T16:00:00Z')).toBe('2027-01-01 00:00 (北京时间)');
  });
});

describe('shortHash', () => {
  it('keeps the first 12 characters', () => {
    expect(shortHash('0123456789abcdef')).toBe('0123456789ab');
  });
});
