import {
  chineseDate,
  chineseNumericDate,
  formatBeijingTime,
  formatDateOrInstant,
  formatInvestment,
  shortHash,
  spreadsheetDate,
} from './format';

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

describe('formatInvestment', () => {
  it('groups thousands and keeps two decimals; text that is not a number stays as it is', () => {
    expect(formatInvestment('1280.5')).toBe('1,280.50');
    expect(formatInvestment('12000')).toBe('12,000.00');
    expect(formatInvestment('约一千万')).toBe('约一千万');
  });
});

describe('spreadsheetDate', () => {
  it('shows Beijing wall-clock time in the UTC fields a spreadsheet reads', () => {
    expect(spreadsheetDate('2026-03-02T01:35:00.000Z')?.toISOString()).toBe('2026-03-02T09:35:00.000Z');
    expect(spreadsheetDate('2026-06-30')?.toISOString()).toBe('2026-06-30T00:00:00.000Z');
    expect(spreadsheetDate('n/a')).toBeNull();
  });
});
