import { MLPS_LOCAL_TIME_PATTERN, ZMlpsFiling, type TMlpsFiling } from '@hub/contracts';
import type { z } from 'zod';
import type { SyncPage } from '../framework/connector';
import {
  formatPath,
  readLeniently,
  validateItems,
  valueAt,
  type ValidItem,
} from '../framework/record-validation';
import { filingRecord, MLPS_KIND_TITLES, MLPS_KINDS } from './mlps.mapper';

/** A page of filings split into records to store and problems to report. */
export interface FilingPage {
  page: SyncPage;
  valid: ValidItem<TMlpsFiling>[];
}

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
    title: MLPS_KIND_TITLES.filing,
    schema: ZMlpsFiling,
    idField: 'filingNo',
    items,
    describe: describeIssue,
    attribute: (raw) => readLeniently(raw, FILING_INDEX),
  });
  return {
    page: {
      records: valid.map(({ raw, value }) => filingRecord(raw, value)),
      problems,
    },
    valid,
  };
}

/** Where a filing keeps the fields it is matched to a project by. */
const FILING_INDEX = {
  id: 'filingNo',
  projectCode: 'projectCode',
  systemName: 'systemName',
  unitCode: 'unitCode',
} as const;

function describeIssue(issue: z.core.$ZodIssue, payload: unknown): { zh: string; en: string } | null {
  const path = formatPath(issue.path);
  const field = issue.path.at(-1);
  const name = typeof field === 'string' ? FIELD_NAMES[field] : undefined;
  const value = valueAt(payload, issue.path);
  if (!name || typeof field !== 'string') return null;
  const zhName = `${name.zh}（${path}）`;
  const enName = `${name.en} (${path})`;
  if (value === undefined || value === null) {
    return issue.code === 'invalid_type' ? { zh: `缺少${zhName}`, en: `${enName} is missing` } : null;
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
  return null;
}
