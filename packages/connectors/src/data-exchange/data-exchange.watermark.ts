import { ZInstant } from '@hub/contracts';
import { z } from 'zod';

/**
 * Where an incremental sync resumes, per list that supports `modifiedAfter`: the latest `modifiedAt`
 * seen among valid records of each. Kept apart because the two lists are read one after the other:
 * one shared instant could pass over a system changed while the catalogue was being read.
 */
export interface DataExchangeWatermark {
  systems: string | null;
  catalog: string | null;
}

/** No watermark: read everything. */
export const NO_WATERMARK: Readonly<DataExchangeWatermark> = Object.freeze({ systems: null, catalog: null });

const ZStoredWatermark = z.object({ systems: ZInstant.nullable(), catalog: ZInstant.nullable() });

/** The watermark as the hub stores it (an opaque cursor string), or null when there is none yet. */
export function encodeWatermark(watermark: DataExchangeWatermark): string | null {
  if (watermark.systems === null && watermark.catalog === null) return null;
  return JSON.stringify({ systems: watermark.systems, catalog: watermark.catalog });
}

/**
 * Reads a stored cursor. A bare ISO instant (typed in by an operator) applies to both lists. Returns
 * null for a cursor that is neither, so the caller can say so and read everything.
 */
export function decodeWatermark(cursor: string | null): DataExchangeWatermark | null {
  if (cursor === null) return { ...NO_WATERMARK };
  if (ZInstant.safeParse(cursor).success) return { systems: cursor, catalog: cursor };
  let json: unknown;
  try {
    json = JSON.parse(cursor);
  } catch {
    return null;
  }
  const parsed = ZStoredWatermark.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** Keeps the latest of the instants offered, compared as instants (offsets differ), as sent. */
export class LatestInstant {
  private at = Number.NEGATIVE_INFINITY;
  value: string | null = null;

  constructor(start: string | null = null) {
    if (start !== null) this.offer(start);
  }

  offer(instant: string): void {
    const at = Date.parse(instant);
    if (at > this.at) {
      this.at = at;
      this.value = instant;
    }
  }
}
