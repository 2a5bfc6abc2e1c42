import { isMlpsLocalTime, MLPS_UTC_OFFSET, ZInstant } from '@hub/contracts';

/**
 * The registry writes Beijing wall-clock time without a zone (`2025-03-01 09:30:00`); the hub stores
 * instants. Both conversions are plain arithmetic on a fixed +08:00 offset: the machine's own time
 * zone is never consulted (a hub in UTC or in Europe converts the same), and China keeps no
 * daylight saving time.
 */

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * `2025-03-01 09:30:00` → `2025-03-01T09:30:00+08:00`. Null when the text is not a registry time
 * or names a day that does not exist (`2025-02-29 …`, `2025-04-31 …`): such a record is a problem,
 * never a guess.
 */
export function beijingTimeToInstant(local: string): string | null {
  if (!isMlpsLocalTime(local)) return null;
  return `${local.slice(0, 10)}T${local.slice(11)}${MLPS_UTC_OFFSET}`;
}

/**
 * An ISO instant with an offset or `Z` → the registry's `yyyy-MM-dd HH:mm:ss` in Beijing time,
 * `earlierByMs` before it. Fractions of a second are cut (rounding down only ever asks for a little
 * more). Null when the text is not an instant with an explicit zone: a zone-less text would be read
 * in the machine's zone, which is exactly the mistake this helper exists to prevent.
 */
export function instantToBeijingTime(instant: string, earlierByMs = 0): string | null {
  if (!ZInstant.safeParse(instant).success) return null;
  const epochMs = Date.parse(instant);
  if (Number.isNaN(epochMs)) return null;
  const shifted = new Date(epochMs - earlierByMs + BEIJING_OFFSET_MS).toISOString();
  const local = `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}`;
  // Years past 9999 are written with six digits and a sign: not a registry time.
  return isMlpsLocalTime(local) ? local : null;
}
