import { MLPS_LOCAL_TIME_PATTERN, ZMlpsFiling, type TMlpsFiling } from '@hub/contracts';
import type { z } from 'zod';
import type { RecordProblem, SyncPage } from '../framework/connector';
import { formatPath, validateItems, type ValidItem } from '../framework/record-validation';
import { filingRecord, MLPS_KINDS } from './mlps.mapper';

/** A page of filings split into records to store and problems to report. */
export interface FilingPage {
  page: SyncPage;
  valid: ValidItem<TMlpsFiling>[];
}

const ISSUES_IN_REASON = 3;

/** Operator names of the fields whose problems are common enough to explain in words. */
const FIELD_NAMES: Readonly<Record<string, { zh: string; en: string }>> = {
  filingNo: { zh: '备案证明编号', en: 'filing number' },
  level: { zh: '安全保护等级', en: 'protection level' },
  updatedAt: { zh: '更新时间', en: 'update time' },
  gradedAt: { zh: '定级时间', en: 'grading time' },
  filedAt: { zh: '备案时间', en: 'filing time' },
  evaluatedAt: { zh: '测评时间', en: 'evaluation time' },
  assessedAt: { zh: '密评时间', en: 'assessment time' },
};
const TIME_FIELDS = new Set(['updatedAt', 'gradedAt', 'filedAt', 'evaluatedAt', 'assessedAt']);

/**
 * Validates a page's filings one by one (see `validateItems`) and maps the valid ones to records.
 * A problem's reason says in words what is wrong with the fields operators meet most (a malformed
 * filing number, a time that is not `yyyy-MM-dd HH:mm:ss` or names a day that does not exist, a
 * level outside 1–5), quoting the value, so the registry's operators can find and fix the record.
 */
export function filingPage(items: readonly unknown[]): FilingPage {
  const { valid, problems } = validateItems({
    kind: MLPS_KINDS.filing,
    schema: ZMlpsFiling,
    idField: 'filingNo',
    items,
  });
  return {
    page: {
      records: valid.map(({ raw, value }) => filingRecord(raw, value)),
      problems: problems.map(explain),
    },
    valid,
  };
}

function explain(problem: RecordProblem): RecordProblem {
  // Non-objects keep the framework's reason; objects are parsed again for the issues' raw paths.
  const parsed = isObject(problem.payload) ? ZMlpsFiling.safeParse(problem.payload) : undefined;
  if (!parsed || parsed.success) return problem;
  const described = parsed.error.issues.map((issue) => describeIssue(issue, problem.payload));
  const shown = described.slice(0, ISSUES_IN_REASON);
  const more = described.length > ISSUES_IN_REASON ? ` (+${described.length - ISSUES_IN_REASON})` : '';
  return {
    ...problem,
    reason: {
      zh: `等保备案记录不符合接口约定，未入库：${shown.map((d) => d.zh).join('；')}${more}`,
      en: `MLPS filing record does not match the upstream contract and was not stored: ${shown
        .map((d) => d.en)
        .join('; ')}${more}`,
    },
  };
}

function describeIssue(issue: z.core.$ZodIssue, payload: unknown): { zh: string; en: string } {
  const path = formatPath(issue.path);
  const field = issue.path.at(-1);
  const name = typeof field === 'string' ? FIELD_NAMES[field] : undefined;
  const value = valueAt(payload, issue.path);
  const generic = {
    zh: `${path || '(root)'}: ${issue.message}`,
    en: `${path || '(root)'}: ${issue.message}`,
  };
  if (!name || typeof field !== 'string') return generic;
  const zhName = `${name.zh}（${path}）`;
  const enName = `${name.en} (${path})`;
  if (value === undefined || value === null) {
    return issue.code === 'invalid_type' ? { zh: `缺少${zhName}`, en: `${enName} is missing` } : generic;
  }
  const shown = JSON.stringify(value);
  if (field === 'filingNo' && typeof value === 'string') {
    return {
      zh: `${zhName} ${shown} 格式不正确，应为 11 位数字、短横线、5 位数字，如 43060043001-24017`,
      en: `${enName} ${shown} is malformed: it must be 11 digits, a dash and 5 digits, e.g. 43060043001-24017`,
    };
  }
  if (TIME_FIELDS.has(field) && typeof value === 'string') {
    return MLPS_LOCAL_TIME_PATTERN.test(value)
      ? {
          zh: `${zhName} ${shown} 不是实际存在的日期`,
          en: `${enName} ${shown} is not a date that exists`,
        }
      : {
          zh: `${zhName} ${shown} 不是 yyyy-MM-dd HH:mm:ss 格式的北京时间`,
          en: `${enName} ${shown} is not a Beijing time written yyyy-MM-dd HH:mm:ss`,
        };
  }
  if (field === 'level') {
    return {
      zh: `${zhName}应为 1 到 5 的整数，收到 ${shown}`,
      en: `${enName} must be a whole number from 1 to 5, got ${shown}`,
    };
  }
  return generic;
}

function valueAt(payload: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = payload;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
