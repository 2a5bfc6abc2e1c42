import type { Text } from './text';

/** Beijing time (Asia/Shanghai, UTC+8, no daylight saving since 1991), the zone every text is in. */
export const BEIJING_TIME_ZONE = 'Asia/Shanghai';

const BEIJING = new Intl.DateTimeFormat('en-CA', {
  timeZone: BEIJING_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * The instant an ISO 8601 text with a zone names, or null. Stricter than `Date.parse`, which takes a
 * zone-less local time as the machine's and rolls 2 月 30 日 over into March: such a value is not an
 * instant, and is shown as it came.
 */
export function parseInstant(iso: string): Date | null {
  const m = ISO_INSTANT.exec(iso);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0));
  const calendar = new Date(Date.UTC(year!, month! - 1, day!));
  if (calendar.getUTCMonth() !== month! - 1 || calendar.getUTCDate() !== day!) return null;
  if (hour! > 23 || minute! > 59 || second! > 59) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `YYYY-MM-DD HH:mm:ss` in Beijing time, or null for a value that is not an instant. */
export function beijingSeconds(iso: string): string | null {
  const date = parseInstant(iso);
  if (date === null) return null;
  const parts = Object.fromEntries(BEIJING.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** `YYYY-MM-DD HH:mm` in Beijing time without the zone note (for narrow cells), or null. */
export function beijingMinutes(iso: string): string | null {
  return beijingSeconds(iso)?.slice(0, 16) ?? null;
}

/**
 * An ISO instant as `YYYY-MM-DD HH:mm (北京时间)`. A value that is not an instant is returned as it
 * is, so that a malformed timestamp is shown rather than hidden behind `Invalid Date`.
 */
export function formatBeijingTime(iso: string): string {
  const local = beijingMinutes(iso);
  return local === null ? iso : `${local} (北京时间)`;
}

/**
 * An instant as a reason says it, in both languages: `2026-10-24 03:54（北京时间）` /
 * `2026-10-24 03:54 (Beijing time)`. A calendar date stays as it is; a value that is neither is
 * shown as it came.
 */
export function instantText(value: string): Text {
  const local = beijingMinutes(value);
  if (local === null) return { zh: value, en: value };
  return { zh: `${local}（北京时间）`, en: `${local} (Beijing time)` };
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
