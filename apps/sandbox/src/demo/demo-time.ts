/** One day in milliseconds. */
export const DAY_MS = 86_400_000;

/** Beijing time (UTC+8, no daylight saving), the offset every gov-cloud time in the demo carries. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** An instant as `yyyy-MM-ddTHH:mm:ss+08:00`. */
export function beijingIso(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000 + BEIJING_OFFSET_MS);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`
  );
}

/** The Beijing calendar date of an instant, `yyyy-MM-dd`. */
export function beijingDate(ms: number): string {
  return beijingIso(ms).slice(0, 10);
}

/** The Beijing calendar year of an instant. */
export function beijingYear(ms: number): number {
  return Number(beijingIso(ms).slice(0, 4));
}

/**
 * An instant as the MLPS registry writes it: `yyyy-MM-dd HH:mm:ss`, Beijing wall-clock time without a
 * zone (the contract's one exception to ISO-8601 with offset).
 */
export function beijingLocal(ms: number): string {
  return beijingIso(ms).slice(0, 19).replace('T', ' ');
}
