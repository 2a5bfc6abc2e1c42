import { formatDateOrInstant, formatInvestment, shortHash, spreadsheetDate } from './format';

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
