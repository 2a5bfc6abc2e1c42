import { BEIJING_TIME_ZONE, beijingMinutes, formatBeijingTime } from '@hub/vocabulary';

// The time formats are the vocabulary's, shared with reasons, screens and commands.
export {
  beijingDate,
  beijingMinutes,
  chineseDate,
  chineseNumericDate,
  formatBeijingTime,
} from '@hub/vocabulary';

/** The zone every opinion prints. */
export const OPINION_TIME_ZONE = BEIJING_TIME_ZONE;

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date (`YYYY-MM-DD`) as it is; an instant in Beijing time. */
export function formatDateOrInstant(value: string): string {
  return CALENDAR_DATE.test(value) ? value : formatBeijingTime(value);
}

/** The first 12 characters of a content hash: enough to match a record by eye. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

/** An amount in 万元 with thousands separators and two decimals; a value that is not a number as it is. */
export function formatInvestment(value: string): string {
  const amount = investmentNumber(value);
  return amount === null
    ? value
    : amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** The amount of an investment as a number, or null when the text is not a decimal. */
export function investmentNumber(value: string): number | null {
  return /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : null;
}

/**
 * An instant as a spreadsheet date-time showing Beijing wall-clock time. Spreadsheets keep no time
 * zone and exceljs writes a Date's UTC fields, so the Beijing fields are moved into UTC ones. A
 * calendar date becomes midnight of that day. Null for a value that is neither.
 */
export function spreadsheetDate(value: string): Date | null {
  if (CALENDAR_DATE.test(value)) return new Date(`${value}T00:00:00Z`);
  const local = beijingMinutes(value);
  return local === null ? null : new Date(`${local.replace(' ', 'T')}:00Z`);
}
