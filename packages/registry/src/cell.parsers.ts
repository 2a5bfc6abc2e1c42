import {
  PROJECT_CATEGORIES,
  PROJECT_CODE_PATTERN,
  PROJECT_DOMAINS,
  ZPolicyPackId,
  PROJECT_LIMITS,
  creditCodeProblem,
  describeUnsafeText,
  printableText,
  unsafeTextProblem,
  type RegistryColumn,
  type RegistryCellType,
} from '@hub/contracts';
import type { LocalizedMessage, RegistryRowErrorCode } from './registry.types';

/**
 * A cell as the sheet readers hand it over: CSV gives strings; exceljs also gives numbers,
 * booleans and Dates (a date-formatted cell, at UTC midnight of its calendar day).
 */
export type RawCell = string | number | boolean | Date | null;

/** The parsed value of one cell; `null` stands for an empty optional cell. */
export type CellValue = string | number | boolean | string[] | null;

export type CellParseResult =
  { ok: true; value: CellValue } | { ok: false; code: RegistryRowErrorCode; detail: LocalizedMessage };

const YES = '是';
const NO = '否';

/** The most an xlsx cell holds: no cell of any column may be longer, whatever its type. */
export const MAX_CELL_LENGTH = 32_767;

/** A column's bounds, as `REGISTRY_COLUMNS` gives them. */
export type CellBounds = Pick<RegistryColumn, 'maxLength' | 'maxValue'>;

/** Values the caller knows and the workbook must name: the packs loaded, which are not a contract. */
export interface KnownValues {
  /** the policy packs a 适用办法 cell may name; without it any well-formed pack id is accepted */
  packIds?: readonly string[];
}

/**
 * Reads one cell according to its column's type; an empty required cell is an error, and so is text
 * with a NUL or an unpaired surrogate, or longer than its column allows.
 */
export function parseCell(
  type: RegistryCellType,
  required: boolean,
  raw: RawCell,
  bounds: CellBounds = {},
  known: KnownValues = {},
): CellParseResult {
  if (isEmptyCell(raw)) {
    return required
      ? fail('required', { zh: '必填，不能为空', en: 'is required and must not be empty' })
      : { ok: true, value: null };
  }
  const cell = raw as Exclude<RawCell, null>;
  const maxText = type === 'text' ? (bounds.maxLength ?? PROJECT_LIMITS.documentRefLength) : MAX_CELL_LENGTH;
  if (typeof cell === 'string') {
    const problem = unsafeTextProblem(cell);
    if (problem) return fail('invalid-characters', describeUnsafeText(problem));
    // Before any type's own reading, so that no parser works on megabytes of one cell.
    if (cell.length > MAX_CELL_LENGTH) return tooLong(maxText, cell.length);
  }
  switch (type) {
    case 'text':
      return parseText(cellText(cell), maxText);
    case 'project-code':
      return parseProjectCode(cellText(cell));
    case 'credit-code':
      return parseCreditCode(cellText(cell));
    case 'division-code':
      return /^[0-9]{6}$/.test(cellText(cell))
        ? ok(cellText(cell))
        : fail('invalid-division-code', {
            zh: '应为 6 位数字的行政区划代码，如 430600',
            en: 'must be a 6-digit division code such as 430600',
          });
    case 'policy-pack':
      return parsePolicyPack(cellText(cell), known.packIds);
    case 'decimal':
      return parseDecimal(cell);
    case 'category':
      return oneOf(cellText(cell), PROJECT_CATEGORIES, 'invalid-category');
    case 'domain':
      return oneOf(cellText(cell), PROJECT_DOMAINS, 'invalid-domain');
    case 'system-names':
      return parseSystemNames(cellText(cell));
    case 'year':
      return parseYear(cell);
    case 'yes-no':
      return parseYesNo(cell);
    case 'date':
      return parseDate(cell);
    case 'integer':
      return parseInteger(cell, bounds.maxValue ?? Number.MAX_SAFE_INTEGER);
  }
}

/** True for a missing cell or one holding only whitespace. */
export function isEmptyCell(raw: RawCell | undefined): boolean {
  return raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '');
}

/** The trimmed text a person would see in the cell. */
export function cellText(raw: Exclude<RawCell, null>): string {
  if (typeof raw === 'string') return raw.trim();
  if (typeof raw === 'number') return numberToDecimalText(raw);
  if (raw instanceof Date) return formatUtcDate(raw) ?? String(raw);
  return raw ? 'TRUE' : 'FALSE';
}

function tooLong(max: number, actual: number): CellParseResult {
  return fail('too-long', {
    zh: `最多 ${max} 个字符，实为 ${actual} 个`,
    en: `must be at most ${max} characters long, not ${actual}`,
  });
}

function parseText(text: string, maxLength: number): CellParseResult {
  return text.length > maxLength ? tooLong(maxLength, text.length) : ok(text);
}

function parseProjectCode(text: string): CellParseResult {
  return PROJECT_CODE_PATTERN.test(text)
    ? ok(text)
    : fail('invalid-project-code', {
        zh: '格式应为 2 位年份-6 位区划-4 位序号，如 23-430600-0012',
        en: 'must look like 23-430600-0012 (2-digit year, 6-digit division, 4-digit number)',
      });
}

function parseCreditCode(text: string): CellParseResult {
  switch (creditCodeProblem(text)) {
    case null:
      return ok(text);
    case 'length':
      return fail('credit-code-length', {
        zh: `应为 18 位，实为 ${[...text].length} 位`,
        en: `must be 18 characters long, not ${[...text].length}`,
      });
    case 'charset':
      return fail('credit-code-charset', {
        zh: '只能含数字和大写字母（不含 I、O、Z、S、V）',
        en: 'may hold only digits and capital letters other than I, O, Z, S, V',
      });
    case 'check-digit':
      return fail('credit-code-check-digit', { zh: '校验位错误', en: 'check digit is wrong' });
  }
}

function oneOf(text: string, allowed: readonly string[], code: RegistryRowErrorCode): CellParseResult {
  return allowed.includes(text)
    ? ok(text)
    : fail(code, {
        zh: `只能填 ${allowed.join('、')} 之一`,
        en: `must be one of ${allowed.join(', ')}`,
      });
}

function parsePolicyPack(text: string, packIds: readonly string[] | undefined): CellParseResult {
  if (packIds) return oneOf(text, packIds, 'invalid-policy-pack');
  return ZPolicyPackId.safeParse(text).success
    ? ok(text)
    : fail('invalid-policy-pack', {
        zh: '应为政策包标识，如 yueyang',
        en: 'must be a policy pack id such as yueyang',
      });
}

function parseDecimal(cell: Exclude<RawCell, null>): CellParseResult {
  const problem = fail('invalid-decimal', {
    zh: '应为不小于 0 的数字，如 350 或 1200.5',
    en: 'must be a number ≥ 0 such as 350 or 1200.5',
  });
  let text: string;
  if (typeof cell === 'number') {
    if (!(cell >= 0 && Number.isFinite(cell))) return problem;
    text = numberToDecimalText(cell);
  } else if (typeof cell === 'string' && /^[0-9]+(\.[0-9]+)?$/.test(cell.trim())) {
    text = normaliseDecimal(cell.trim());
  } else {
    return problem;
  }
  const digits = PROJECT_LIMITS.investmentIntegerDigits;
  return (text.split('.')[0] ?? '').length > digits
    ? fail('invalid-decimal', {
        zh: `整数部分最多 ${digits} 位（单位万元），请检查是否多填了数字或用错了单位`,
        en: `may have at most ${digits} digits before the decimal point (the unit is 万元); check for extra digits or a wrong unit`,
      })
    : ok(text);
}

function parseSystemNames(text: string): CellParseResult {
  const names = text
    .split(/[;；]/)
    .map((n) => n.trim())
    .filter((n) => n !== '');
  if (names.length === 0) {
    return fail('invalid-system-names', {
      zh: '至少填一个系统名称，多个用 ; 或 ； 分隔',
      en: 'needs at least one system name; separate several with ; or ；',
    });
  }
  const { systemNames: most, systemNameLength: longest } = PROJECT_LIMITS;
  if (names.length > most) {
    return fail('invalid-system-names', {
      zh: `最多填 ${most} 个系统名称，实为 ${names.length} 个`,
      en: `may list at most ${most} system names, not ${names.length}`,
    });
  }
  const long = names.find((n) => n.length > longest);
  if (long === undefined) return ok(names);
  const start = printableText(long, 20);
  return fail('too-long', {
    zh: `每个系统名称最多 ${longest} 个字符，「${start}」有 ${long.length} 个`,
    en: `each system name may be at most ${longest} characters long; "${start}" has ${long.length}`,
  });
}

function parseYear(cell: Exclude<RawCell, null>): CellParseResult {
  const text = typeof cell === 'string' || typeof cell === 'number' ? cellText(cell) : '';
  return /^[1-9][0-9]{3}$/.test(text)
    ? ok(Number(text))
    : fail('invalid-year', { zh: '应为 4 位年份，如 2025', en: 'must be a 4-digit year such as 2025' });
}

function parseYesNo(cell: Exclude<RawCell, null>): CellParseResult {
  const text = typeof cell === 'string' ? cell.trim() : '';
  if (text === YES) return ok(true);
  if (text === NO) return ok(false);
  return fail('invalid-yes-no', { zh: `只能填「${YES}」或「${NO}」`, en: `must be "${YES}" or "${NO}"` });
}

function parseInteger(cell: Exclude<RawCell, null>, max: number): CellParseResult {
  const problem = fail('invalid-integer', {
    zh: `应为 0 到 ${max} 之间的整数`,
    en: `must be a whole number from 0 to ${max}`,
  });
  if (typeof cell === 'number')
    return Number.isSafeInteger(cell) && cell >= 0 && cell <= max ? ok(cell) : problem;
  if (typeof cell !== 'string' || !/^[0-9]+$/.test(cell.trim())) return problem;
  const value = Number(cell.trim());
  return Number.isSafeInteger(value) && value <= max ? ok(value) : problem;
}

function parseDate(cell: Exclude<RawCell, null>): CellParseResult {
  const problem = fail('invalid-date', {
    zh: '应为真实日期，写作 yyyy-MM-dd 或 yyyy/M/d，或用 Excel 日期单元格',
    en: 'must be a real date written yyyy-MM-dd or yyyy/M/d, or an Excel date cell',
  });
  if (cell instanceof Date) {
    const date = formatUtcDate(cell);
    return date === null ? problem : ok(date);
  }
  // A bare number is refused rather than read as an Excel serial: it is as likely a typo (20250307).
  if (typeof cell !== 'string') return problem;
  const text = cell.trim();
  const match =
    /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text) ?? /^([0-9]{4})\/([0-9]{1,2})\/([0-9]{1,2})$/.exec(text);
  if (!match) return problem;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isCalendarDate(year, month, day) ? ok(formatYmd(year, month, day)) : problem;
}

/**
 * exceljs turns a date cell's serial into a Date at UTC midnight of that day (plus the time of
 * day, if any), so the UTC fields are the calendar date whatever the server's timezone.
 */
function formatUtcDate(date: Date): string | null {
  if (Number.isNaN(date.getTime())) return null;
  const year = date.getUTCFullYear();
  if (year < 1000 || year > 9999) return null;
  return formatYmd(year, date.getUTCMonth() + 1, date.getUTCDate());
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function formatYmd(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "0350.50" → "350.5", "12.000" → "12": one spelling per amount, so re-imports compare equal. */
export function normaliseDecimal(text: string): string {
  const [intPart = '0', fracPart = ''] = text.split('.');
  const int = intPart.replace(/^0+(?=[0-9])/, '');
  const frac = fracPart.replace(/0+$/, '');
  return frac === '' ? int : `${int}.${frac}`;
}

/**
 * Excel holds amounts as binary doubles and shows 15 significant digits; rounding to those keeps
 * 0.1 + 0.2 typed into a cell from importing as 0.30000000000000004.
 */
export function numberToDecimalText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const sign = value < 0 ? '-' : '';
  const text = Math.abs(Number(value.toPrecision(15))).toString();
  const exp = /^([0-9]+)(?:\.([0-9]+))?e([+-][0-9]+)$/.exec(text);
  if (!exp) return sign + normaliseDecimal(text);
  const digits = (exp[1] ?? '') + (exp[2] ?? '');
  const point = (exp[1] ?? '').length + Number(exp[3]);
  const plain =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return sign + normaliseDecimal(plain);
}

function ok(value: CellValue): CellParseResult {
  return { ok: true, value };
}

function fail(code: RegistryRowErrorCode, detail: LocalizedMessage): CellParseResult {
  return { ok: false, code, detail };
}
