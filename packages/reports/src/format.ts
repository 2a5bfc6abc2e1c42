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
