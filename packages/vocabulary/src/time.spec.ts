import { chineseDate, chineseNumericDate, formatBeijingTime, instantText, parseInstant } from './time';

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

describe('chineseDate', () => {
  it.each([
    ['2026-12-07', '二〇二六年十二月七日'],
    ['2026-03-10', '二〇二六年三月十日'],
    ['2030-11-20', '二〇三〇年十一月二十日'],
    ['2026-01-31', '二〇二六年一月三十一日'],
    ['2026-10-01', '二〇二六年十月一日'],
  ])('writes %s as %s', (date, written) => {
    expect(chineseDate(date)).toBe(written);
  });

  it('takes an instant on its Beijing calendar day', () => {
    expect(chineseDate('2026-12-06T16:30:00Z')).toBe('二〇二六年十二月七日');
  });

  it('shows a value that is not a date as it is', () => {
    expect(chineseDate('someday')).toBe('someday');
  });
});

describe('chineseNumericDate', () => {
  it('writes a deadline with Arabic numerals in Chinese order', () => {
    expect(chineseNumericDate('2026-06-30')).toBe('2026年6月30日');
  });
});

describe('instantText', () => {
  it('says an instant in Beijing time in both languages', () => {
    expect(instantText('2026-10-23T19:54:34Z')).toEqual({
      zh: '2026-10-24 03:54（北京时间）',
      en: '2026-10-24 03:54 (Beijing time)',
    });
  });

  it('keeps a calendar date and a malformed value as they are', () => {
    expect(instantText('2026-10-23')).toEqual({ zh: '2026-10-23', en: '2026-10-23' });
    expect(instantText('2025-02-30 10:00:00')).toEqual({
      zh: '2025-02-30 10:00:00',
      en: '2025-02-30 10:00:00',
    });
  });
});

describe('parseInstant', () => {
  it.each([
    '2026-10-23T19:54:34Z',
    '2026-10-24T03:54:34+08:00',
    '2026-10-24T03:54+0800',
    '2026-10-23T19:54:34.120Z',
  ])('reads %s', (iso) => {
    expect(parseInstant(iso)?.toISOString().slice(0, 16)).toBe('2026-10-23T19:54');
  });

  it.each([
    '2025-02-30T10:00:00Z',
    '2025-02-30 10:00:00',
    '2026-10-24 03:54:34',
    '2026-10-24',
    '2026-10-24T24:00:00Z',
    '',
  ])('refuses %j, which is not an instant', (text) => {
    expect(parseInstant(text)).toBeNull();
  });
});
