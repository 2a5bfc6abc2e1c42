/** Beijing time (Asia/Shanghai, UTC+8, no daylight saving since 1991), the zone every opinion prints. */
export const OPINION_TIME_ZONE = 'Asia/Shanghai';

const BEIJING = new Intl.DateTimeFormat('en-CA', {
  timeZone: OPINION_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An ISO instant as `YYYY-MM-DD HH:mm (北京时间)`. A value that is not an instant is returned as it
 * is, so that a malformed timestamp is shown rather than hidden behind `Invalid Date`.
 */
export function formatBeijingTime(iso: string): string {
  const local = beijingMinutes(iso);
  return local === null ? iso : `${local} (北京时间)`;
}

/** `YYYY-MM-DD HH:mm` in Beijing time without the zone note (for narrow cells), or the value as it is. */
export function beijingMinutes(iso: string): string | null {
  if (CALENDAR_DATE.test(iso)) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const parts = Object.fromEntries(BEIJING.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** A calendar date (`YYYY-MM-DD`) as it is; an instant in Beijing time. */
export function formatDateOrInstant(value: string): string {
  return CALENDAR_DATE.test(value) ? value : formatBeijingTime(value);
}

/** The first 12 characters of a content hash: enough to match a record by eye. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

/** The calendar date (`YYYY-MM-DD`) of an instant in Beijing; a calendar date as it is; null otherwise. */
export function beijingDate(value: string): string | null {
  if (CALENDAR_DATE.test(value)) return value;
  const local = beijingMinutes(value);
  return local === null ? null : local.slice(0, 10);
}

const CHINESE_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–31 as Chinese numerals: 七, 十, 十二, 二十, 三十一. */
function chineseNumber(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const head = tens === 0 ? '' : tens === 1 ? '十' : `${CHINESE_DIGITS[tens]}十`;
  return ones === 0 && tens > 0 ? head : `${head}${CHINESE_DIGITS[ones]}`;
}

/**
 * A date the way a signed Chinese document writes it (成文日期, GB/T 9704): the year digit by digit,
 * month and day as numbers, all in Chinese numerals — 二〇二六年十二月七日. An instant is taken in
 * Beijing time; a value that is neither is returned as it is.
 */
export function chineseDate(value: string): string {
  const date = beijingDate(value);
  if (date === null) return value;
  const [year, month, day] = date.split('-');
  const digits = [...year!].map((d) => CHINESE_DIGITS[Number(d)]).join('');
  return `${digits}年${chineseNumber(Number(month))}月${chineseNumber(Number(day))}日`;
}

/** A calendar date with Arabic numerals in Chinese order, e.g. 2026年6月30日 (for deadlines in tables). */
export function chineseNumericDate(value: string): string {
  const date = beijingDate(value);
  if (date === null) return value;
  const [year, month, day] = date.split('-');
  return `${year}年${Number(month)}月${Number(day)}日`;
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
