import { createHash } from 'node:crypto';
import type { TProject } from '@hub/contracts';

/**
 * sha256 (hex) of the project as JSON with its keys sorted, so that the same project always hashes
 * the same whatever order its fields were set in. The importer compares it with the stored hash to
 * tell unchanged rows from updated ones.
 */
export function projectContentHash(project: TProject): string {
  return createHash('sha256').update(canonicalJson(project)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
