import { z } from 'zod';
import type { Text } from '@hub/rules';
import type { RecordIndex, RecordProblem } from './connector';

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
  /** how operators call the kind, e.g. 政务云资源; the kind's id when absent */
  title?: Text;
  /**
   * Reads an invalid item's index fields leniently (see {@link readLeniently}). When it names a project
   * (a project code, or a unit and a system name) and an id, the item is kept as an untrusted record of
   * that project instead of being dropped.
   */
  attribute?: (raw: Record<string, unknown>) => RecordIndex | null;
  /** says in words what one issue means, quoting the value (zod's message when it returns null) */
  describe?: (issue: z.core.$ZodIssue, raw: Record<string, unknown>) => Text | null;
}

const ISSUES_IN_REASON = 3;
const zhCN = z.locales.zhCN();

/**
 * Validates each item on its own: one bad record never costs its page's valid ones, and never
 * vanishes either: it comes back as a {@link RecordProblem} with the zod issues, and, when it can be
 * attributed to a project, with the record as far as it can be read, to keep as untrusted evidence.
 */
export function validateItems<T>(validation: ItemValidation<T>): ValidatedItems<T> {
  const { kind, schema, idField, items } = validation;
  const title = validation.title ?? { zh: `${kind} `, en: kind };
  const result: ValidatedItems<T> = { valid: [], problems: [] };
  for (const item of items) {
    if (!isPlainObject(item)) {
      const got = typeName(item);
      result.problems.push({
        kind,
        externalId: null,
        reason: {
          zh: `${title.zh}记录不是 JSON 对象（收到 ${got}），未入库`,
          en: `${title.en} record is not a JSON object (got ${got}) and was not stored`,
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
    const zh = schema.safeParse(item, { error: zhCN.localeError });
    const zhIssues = zh.success ? [] : zh.error.issues;
    const issues = parsed.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      message: issue.message,
    }));
    const described = parsed.error.issues.map(
      (issue, i) =>
        validation.describe?.(issue, item) ??
        describeIssue(issues[i]!.path, zhIssues[i]?.message ?? issue.message, issue.message, issue, item),
    );
    const shown = described.slice(0, ISSUES_IN_REASON);
    const more = described.length > ISSUES_IN_REASON ? ` (+${described.length - ISSUES_IN_REASON})` : '';
    const summary = {
      zh: `${shown.map((d) => d.zh).join('；')}${more}`,
      en: `${shown.map((d) => d.en).join('; ')}${more}`,
    };
    const externalId = readId(item[idField]);
    const index = externalId === null ? null : (validation.attribute?.(item) ?? null);
    const attributable = index !== null;
    result.problems.push({
      kind,
      externalId,
      reason: attributable
        ? {
            zh: `${title.zh}记录不符合接口约定，作为不可采信的记录保留：${summary.zh}`,
            en: `${title.en} record does not match the upstream contract and is kept as an untrusted record: ${summary.en}`,
          }
        : {
            zh: `${title.zh}记录不符合接口约定，未入库：${summary.zh}`,
            en: `${title.en} record does not match the upstream contract and was not stored: ${summary.en}`,
          },
      issues,
      payload: item,
      ...(attributable
        ? {
            record: {
              ...index,
              kind,
              externalId: index.externalId || externalId!,
              payload: item,
              invalid: {
                reason: {
                  zh: `${title.zh.trim()} ${externalId} 的记录不符合接口约定：${described.map((d) => d.zh).join('；')}`,
                  en: `${title.en} ${externalId} does not match the upstream contract: ${described.map((d) => d.en).join('; ')}`,
                },
                issues,
              },
            },
          }
        : {}),
    });
  }
  return result;
}

/**
 * `networkZone 为 "egov_extranet"：无效选项…` — one issue with the value that broke it. Values are
 * quoted as JSON, cut to a readable length.
 */
function describeIssue(
  path: string,
  zh: string,
  en: string,
  issue: z.core.$ZodIssue,
  item: Record<string, unknown>,
): Text {
  const field = path || '(root)';
  const value = valueAt(item, issue.path);
  if (value === undefined) {
    return issue.code === 'invalid_type'
      ? { zh: `缺少字段 ${field}（${zh}）`, en: `${field} is missing (${en})` }
      : { zh: `${field}：${zh}`, en: `${field}: ${en}` };
  }
  const shown = quote(value);
  return { zh: `${field} 为 ${shown}：${zh}`, en: `${field} is ${shown}: ${en}` };
}

const QUOTE_MAX = 60;

function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX)}…` : text;
}

/** The value at a zod issue's path in the raw item (undefined when absent). */
export function valueAt(payload: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = payload;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/** Where a raw item keeps its index fields, by name. */
export interface LenientIndexFields {
  id: string;
  projectCode?: string;
  systemName?: string;
  unitCode?: string;
  parent?: string;
  updatedAt?: string;
}

/**
 * Reads an invalid item's index fields for what they are worth: a field that is not readable text
 * (or an id number) is absent; a change time that is not an instant is absent. An untrusted record is
 * never a tombstone: what it says about itself cannot be believed. Null when nothing ties it to a
 * project — no project code, no unit with a system name, no parent record — unless it is `context`
 * (a tenant, which projects reach through their resources).
 */
export function readLeniently(
  raw: Record<string, unknown>,
  fields: LenientIndexFields,
  overrides: Partial<RecordIndex> & { context?: boolean } = {},
): RecordIndex | null {
  const { context, ...given } = overrides;
  const text = (field: string | undefined) => (field ? readText(raw[field]) : null);
  const updated = text(fields.updatedAt);
  const index: RecordIndex = {
    externalId: readId(raw[fields.id]) ?? '',
    projectCode: text(fields.projectCode),
    systemName: text(fields.systemName),
    unitCode: text(fields.unitCode),
    parentExternalId: text(fields.parent),
    updatedAt: updated && z.iso.datetime({ offset: true }).safeParse(updated).success ? updated : null,
    tombstone: false,
    ...given,
  };
  const tied = index.projectCode || (index.unitCode && index.systemName) || index.parentExternalId;
  return tied || context ? index : null;
}

function readText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
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
