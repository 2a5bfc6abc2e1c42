/**
 * Time as the rules see it: every fact carries an ISO instant, the hub's clock is an instant, and the
 * registry's calendar dates (`yyyy-MM-dd`) are Beijing dates. Ages are measured from the hub's clock.
 */
export const DAY_MS = 86_400_000;

/** Milliseconds of an ISO instant, or null when it is missing or unreadable. */
export function instantMs(iso: string | null | undefined): number | null {
  if (iso == null) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** Start of a registry calendar date in Beijing (UTC+8, no daylight saving), in milliseconds. */
export function beijingDateMs(date: string): number {
  return Date.parse(`${date}T00:00:00+08:00`);
}

/** True when the instant lies no more than `days` days before `now` (exactly `days` days counts). */
export function withinDays(atMs: number, now: string, days: number): boolean {
  return Date.parse(now) - atMs <= days * DAY_MS;
}

/** Whole days elapsed from an instant to `now` (rounded down), for reasons. */
export function wholeDaysSince(atMs: number, now: string): number {
  return Math.floor((Date.parse(now) - atMs) / DAY_MS);
}

/** The Beijing calendar date (`yyyy-MM-dd`) of an instant, for deadlines in reasons. */
export function beijingDateOf(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}
