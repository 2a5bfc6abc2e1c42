import type { OpinionDocument } from './opinion.types';

/** A copy of a JSON value with every object's keys in code-point order, arrays left in their order. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(source)
        .sort()
        .map((key) => [key, sortKeys(source[key])]),
    );
  }
  return value;
}

/**
 * The review opinion as JSON: the document itself, keys sorted at every level and indented by two
 * spaces, ending with a newline, so that the same opinion always yields the same bytes (diffable,
 * hashable) whatever order its fields were assembled in.
 */
export function renderOpinionJson(doc: OpinionDocument): string {
  return `${JSON.stringify(sortKeys(doc), null, 2)}\n`;
}
