import type { RegistryCsvEncoding } from './registry.writer';
import type { TProject } from '@hub/contracts';

/** A message an operator reads: Chinese first, English twin. */
export interface LocalizedMessage {
  zh: string;
  en: string;
}

/**
 * Why one row was rejected. Codes:
 * - `required`: a required cell is empty
 * - `invalid-project-code`, `invalid-division-code`, `invalid-policy-pack`, `invalid-decimal`,
 *   `invalid-category`, `invalid-domain`, `invalid-system-names`, `invalid-year`, `invalid-yes-no`,
 *   `invalid-date`, `invalid-integer`: the cell does not hold a value of its column's type
 * - `credit-code-length`, `credit-code-charset`, `credit-code-check-digit`: 统一社会信用代码 problems
 * - `invalid-characters`: the cell holds a NUL (U+0000) or an unpaired surrogate
 * - `too-long`: the cell's text is longer than its column allows (see `PROJECT_LIMITS`)
 * - `duplicate-code`: the 项目编码 already appeared on an earlier row
 * - `invalid-project`: the assembled project failed the `ZProject` contract
 */
export type RegistryRowErrorCode =
  | 'required'
  | 'invalid-project-code'
  | 'credit-code-length'
  | 'credit-code-charset'
  | 'credit-code-check-digit'
  | 'invalid-division-code'
  | 'invalid-policy-pack'
  | 'invalid-decimal'
  | 'invalid-category'
  | 'invalid-domain'
  | 'invalid-system-names'
  | 'invalid-year'
  | 'invalid-yes-no'
  | 'invalid-date'
  | 'invalid-integer'
  | 'invalid-characters'
  | 'too-long'
  | 'duplicate-code'
  | 'invalid-project';

/** One problem with one row (and usually one column) of the registry. */
export interface RegistryRowError {
  /** the spreadsheet row: the header is row 1, the first data row is row 2 */
  rowNumber: number;
  /** the column's header as `REGISTRY_COLUMNS` spells it */
  column?: string;
  field?: keyof TProject;
  code: RegistryRowErrorCode;
  message: LocalizedMessage;
}

/**
 * Why a whole file was rejected. Codes:
 * - `unsupported-format`: the name does not end in .xlsx or .csv
 * - `file-too-large`, `too-many-rows`, `too-many-columns`: a {@link RegistryLimits} bound was exceeded
 * - `archive-too-large`, `archive-ratio-too-high`, `archive-size-mismatch`: the xlsx zip looks like a
 *   decompression bomb
 * - `unreadable-file`: not a readable xlsx workbook or zip, or a workbook without a worksheet
 * - `invalid-csv`: the CSV cannot be split into fields (an unclosed quote)
 * - `unsupported-encoding`: a UTF-16 text file
 * - `missing-header-row`: row 1 is empty
 * - `missing-header`: a required column is absent
 * - `duplicate-header`: a known column appears more than once
 */
export type RegistryFileErrorCode =
  | 'unsupported-format'
  | 'file-too-large'
  | 'too-many-rows'
  | 'too-many-columns'
  | 'archive-too-large'
  | 'archive-ratio-too-high'
  | 'archive-size-mismatch'
  | 'unreadable-file'
  | 'invalid-csv'
  | 'unsupported-encoding'
  | 'missing-header-row'
  | 'missing-header'
  | 'duplicate-header';

/** A problem that rejects the whole file: no row of it is imported. */
export interface RegistryFileError {
  code: RegistryFileErrorCode;
  message: LocalizedMessage;
}

/** Bounds that keep a hostile or mistaken upload from exhausting the hub. */
export interface RegistryLimits {
  /** size of the uploaded file */
  maxBytes: number;
  /** non-empty data rows (the header row not counted) */
  maxRows: number;
  /** columns up to the last non-empty cell of any row */
  maxColumns: number;
}

/** 10 MiB, 20,000 rows, 200 columns: several times the largest annual plan seen. */
export const DEFAULT_REGISTRY_LIMITS: Readonly<RegistryLimits> = Object.freeze({
  maxBytes: 10 * 1024 * 1024,
  maxRows: 20_000,
  maxColumns: 200,
});

/** What {@link parseRegistryFile} read from a registry file. */
export interface RegistryParseResult {
  /** from the file name's extension; null when it is neither .xlsx nor .csv */
  format: 'xlsx' | 'csv' | null;
  /** the detected text encoding of a CSV; null for xlsx or when the file was refused before decoding */
  encoding: RegistryCsvEncoding | null;
  /** accepted rows, in file order */
  rows: { rowNumber: number; project: TProject }[];
  /** rejected rows: every problem of every rejected row */
  errors: RegistryRowError[];
  /** when non-empty the whole file is rejected and `rows` is empty */
  fileErrors: RegistryFileError[];
  /** headers that are not registry columns, as written in the file, each once */
  unknownColumns: string[];
  /** non-empty data rows seen */
  totalRows: number;
}
