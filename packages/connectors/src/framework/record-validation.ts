import type { z } from 'zod';
import type { RecordProblem } from './connector';

/** An item that passed its schema: the raw object (to store) and the parsed value (to index by). */
export interface ValidItem<T> {
  /** the item exactly as it arrived, unknown fields included */
  raw: Record<string, unknown>;
  /** the schema's output; unknown fields stripped */
  value: T;
}

/** Items of one page split into the valid ones and the problems. */
export interface ValidatedItems<T> {
  valid: ValidItem<T>[];
  problems: RecordProblem[];
}

/** What {@link validateItems} checks a page's items against. */
export interface ItemValidation<T> {
  /** record kind, e.g. `resource` */
  kind: string;
  schema: z.ZodType<T>;
  /** field holding the upstream id, read from invalid items too so an operator can find them */
  idField: string;
  items: readonly unknown[];
}

const ISSUES_IN_REASON = 3;

/**
 * Validates each item on its own: one bad record never costs its page's valid ones, and never
 * vanishes either: it comes back as a {@link RecordProblem} with the zod issues.
 */
export function validateItems<T>({ kind, schema, idField, items }: ItemValidation<T>): ValidatedItems<T> {
  const result: ValidatedItems<T> = { valid: [], problems: [] };
  for (const item of items) {
    if (!isPlainObject(item)) {
      const got = typeName(item);
      result.problems.push({
        kind,
        externalId: null,
        reason: {
          zh: `${kind} 记录不是 JSON 对象（收到 ${got}），未入库`,
          en: `${kind} record is not a JSON object (got ${got}) and was not stored`,
        },
        issues: [{ path: '', message: `expected an object, received ${got}` }],
        payload: item,
      });
      continue;
    }
    const parsed = schema.safeParse(item);
    if (parsed.success) {
      result.valid.push({ raw: item, value: parsed.data });
      continue;
    }
    const issues = parsed.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      message: issue.message,
    }));
    const shown = issues.slice(0, ISSUES_IN_REASON).map((i) => `${i.path || '(root)'}: ${i.message}`);
    const more = issues.length > ISSUES_IN_REASON ? ` (+${issues.length - ISSUES_IN_REASON})` : '';
    const summary = `${shown.join('; ')}${more}`;
    result.problems.push({
      kind,
      externalId: readId(item[idField]),
      reason: {
        zh: `${kind} 记录不符合接口约定，未入库：${summary}`,
        en: `${kind} record does not match the upstream contract and was not stored: ${summary}`,
      },
      issues,
      payload: item,
    });
  }
  return result;
}

/** zod issue path as `spec.vcpu` or `items[2].name`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function readId(value: unknown): string | null {
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}
