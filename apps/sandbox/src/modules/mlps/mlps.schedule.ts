/** A daily window in Beijing hours, `fromHour` included, `toHour` excluded; it may wrap midnight. */
export interface BeijingHourWindow {
  fromHour: number;
  toHour: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Beijing is UTC+8 all year; the machine's own zone never enters. */
const BEIJING_OFFSET_MS = 8 * HOUR_MS;

/** The hour (0–23) on a Beijing clock at an epoch instant. */
export function beijingHour(epochMs: number): number {
  const msIntoDay = (((epochMs + BEIJING_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  return Math.floor(msIntoDay / HOUR_MS);
}

/**
 * True when the instant falls in the window: 2–4 covers 02:00 to 03:59, 23–2 covers 23:00 to 01:59,
 * and a window whose ends are equal is empty.
 */
export function inBeijingHourWindow(epochMs: number, window: BeijingHourWindow): boolean {
  const hour = beijingHour(epochMs);
  const { fromHour, toHour } = window;
  if (fromHour < toHour) return hour >= fromHour && hour < toHour;
  if (fromHour > toHour) return hour >= fromHour || hour < toHour;
  return false;
}
