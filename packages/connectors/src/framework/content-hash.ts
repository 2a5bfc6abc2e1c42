import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every depth, so that the same record hashes the same whatever
 * order the upstream sent its fields in. Array order is kept: it carries meaning.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

/** sha256 hex of {@link canonicalJson}: the `contentHash` of evidence and change detection. */
export function contentHash(payload: unknown): string {
  return createHash('sha256').update(canonicalJson(payload)).digest('hex');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  // Dates and other objects with toJSON serialise as they would in JSON.stringify.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}
