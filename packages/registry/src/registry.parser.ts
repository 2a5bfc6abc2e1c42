import { extname } from 'node:path';
import {
  REGISTRY_COLUMNS,
  ZProject,
  printableText,
  type RegistryColumn,
  type TProject,
} from '@hub/contracts';
import { cellText, isEmptyCell, parseCell, type CellValue, type KnownValues } from './cell.parsers';
import { fileError, mib, rowMessage } from './registry.messages';
import {
  DEFAULT_REGISTRY_LIMITS,
  type RegistryFileError,
  type RegistryLimits,
  type RegistryParseResult,
  type RegistryRowError,
} from './registry.types';
import { decodeCsv, readCsvRows, readXlsxRows, type SheetReadResult, type SheetRow } from './sheet.readers';
import { inspectZip, type ZipProblem } from './zip.guard';

/** Uncompressed size an xlsx may reach, as a multiple of `maxBytes`. */
const MAX_INFLATION = 20;
/** Highest compression ratio one zip entry may have. */
const MAX_ENTRY_RATIO = 100;
/** Entries this small cannot hurt whatever their ratio, and tiny XML parts compress very well. */
const RATIO_FLOOR_BYTES = 64 * 1024;

/** An unknown header longer than this is reported by its beginning. */
const MAX_HEADER_REPORT_LENGTH = 100;

/** Headers match after NFKC (full-width `（万元）` is `(万元)`) and without whitespace. */
function normaliseHeader(header: string): string {
  return header.normalize('NFKC').replace(/\s+/g, '');
}

const COLUMNS_BY_HEADER = new Map<string, RegistryColumn>(
  REGISTRY_COLUMNS.map((c) => [normaliseHeader(c.header), c]),
);

/**
 * Reads a project registry file (项目台账, see project-registry.md): `.xlsx` (its first worksheet)
 * or `.csv` (UTF-8 with or without BOM, or GB18030).
 *
 * Never throws for bad input. A problem with the whole file (wrong format, a limit exceeded, a
 * missing or repeated header) lands in `fileErrors` and no row is returned; otherwise each row is
 * accepted or rejected on its own, with every problem of a rejected row in `errors`.
 */
export async function parseRegistryFile(
  input: { data: Buffer; fileName: string } & KnownValues,
  limits: Partial<RegistryLimits> = {},
): Promise<RegistryParseResult> {
  const bounds = resolveLimits(limits);
  const extension = extname(input.fileName).toLowerCase();
  const format = extension === '.xlsx' ? 'xlsx' : extension === '.csv' ? 'csv' : null;
  const result: RegistryParseResult = {
    format,
    encoding: null,
    rows: [],
    errors: [],
    fileErrors: [],
    unknownColumns: [],
    totalRows: 0,
  };
  if (format === null) {
    const name = printableText(input.fileName);
    result.fileErrors.push(
      fileError(
        'unsupported-format',
        `只能导入 .xlsx 或 .csv 文件，「${name}」不是；.xls 文件请在 Excel 中另存为 .xlsx`,
        `only .xlsx and .csv files can be imported, "${name}" is neither; save an .xls file as .xlsx in Excel`,
      ),
    );
    return result;
  }
  if (input.data.length > bounds.maxBytes) {
    result.fileErrors.push(
      fileError(
        'file-too-large',
        `文件大小 ${mib(input.data.length)} 超过上限 ${mib(bounds.maxBytes)}，请拆分后分批导入`,
        `the file is ${mib(input.data.length)}, over the ${mib(bounds.maxBytes)} limit; split it and import the parts`,
      ),
    );
    return result;
  }

  let sheet: SheetReadResult;
  if (format === 'xlsx') {
    const zipProblem = inspectZip(input.data, {
      maxTotalBytes: MAX_INFLATION * bounds.maxBytes,
      maxRatio: MAX_ENTRY_RATIO,
      ratioFloorBytes: RATIO_FLOOR_BYTES,
    });
    if (zipProblem) {
      result.fileErrors.push(zipProblemError(zipProblem, bounds));
      return result;
    }
    sheet = await readXlsxRows(input.data);
  } else {
    const decoded = decodeCsv(input.data);
    if (!decoded.ok) {
      result.fileErrors.push(
        fileError(
          'unsupported-encoding',
          `无法识别文件编码（${decoded.detail}），请另存为 UTF-8 或 GB18030 编码的 CSV`,
          `unsupported text encoding (${decoded.detail}); save the CSV as UTF-8 or GB18030`,
        ),
      );
      return result;
    }
    result.encoding = decoded.encoding;
    sheet = readCsvRows(decoded.text);
  }
  if (!sheet.ok) {
    result.fileErrors.push(sheetProblemError(sheet));
    return result;
  }
  readRows(sheet.rows, bounds, input, result);
  return result;
}

function resolveLimits(limits: Partial<RegistryLimits>): RegistryLimits {
  return {
    maxBytes: limits.maxBytes ?? DEFAULT_REGISTRY_LIMITS.maxBytes,
    maxRows: limits.maxRows ?? DEFAULT_REGISTRY_LIMITS.maxRows,
    maxColumns: limits.maxColumns ?? DEFAULT_REGISTRY_LIMITS.maxColumns,
  };
}

/** Maps headers, checks the bounds, then parses every data row into `result`. */
function readRows(
  rows: SheetRow[],
  bounds: RegistryLimits,
  known: KnownValues,
  result: RegistryParseResult,
): void {
  const headerRow = rows.find((r) => r.rowNumber === 1);
  const dataRows = rows.filter((r) => r.rowNumber > 1 && !r.cells.every((c) => isEmptyCell(c)));
  result.totalRows = dataRows.length;

  const width = Math.max(0, ...rows.map(lastFilledColumn));
  if (width > bounds.maxColumns) {
    result.fileErrors.push(
      fileError(
        'too-many-columns',
        `列数 ${width} 超过上限 ${bounds.maxColumns}，请删除多余的列`,
        `the sheet uses ${width} columns, over the limit of ${bounds.maxColumns}; delete the extra columns`,
      ),
    );
  }
  if (dataRows.length > bounds.maxRows) {
    result.fileErrors.push(
      fileError(
        'too-many-rows',
        `数据行数 ${dataRows.length} 超过上限 ${bounds.maxRows}，请拆分后分批导入`,
        `the file holds ${dataRows.length} data rows, over the limit of ${bounds.maxRows}; split it and import the parts`,
      ),
    );
  }
  if (result.fileErrors.length > 0) return;

  if (!headerRow || headerRow.cells.every((c) => isEmptyCell(c))) {
    result.fileErrors.push(
      fileError(
        'missing-header-row',
        '第 1 行应为表头（项目编码、项目名称……），但它是空的',
        'row 1 must hold the headers (项目编码, 项目名称, …) but it is empty',
      ),
    );
    return;
  }
  const columnIndex = mapHeaders(headerRow, result);
  if (result.fileErrors.length > 0) return;

  const firstRowOfCode = new Map<string, number>();
  for (const row of dataRows) {
    const parsed = parseRow(row, columnIndex, firstRowOfCode, known);
    if ('project' in parsed) result.rows.push({ rowNumber: row.rowNumber, project: parsed.project });
    else result.errors.push(...parsed.errors);
  }
}

function lastFilledColumn(row: SheetRow): number {
  for (let i = row.cells.length - 1; i >= 0; i--) if (!isEmptyCell(row.cells[i])) return i + 1;
  return 0;
}

/** Where each known column sits; reports unknown, repeated and missing headers into `result`. */
function mapHeaders(headerRow: SheetRow, result: RegistryParseResult): Map<RegistryColumn, number> {
  const positions = new Map<RegistryColumn, number[]>();
  const unknown = new Set<string>();
  headerRow.cells.forEach((raw, index) => {
    if (raw === null || isEmptyCell(raw)) return;
    const header = cellText(raw);
    const column = COLUMNS_BY_HEADER.get(normaliseHeader(header));
    if (column) positions.set(column, [...(positions.get(column) ?? []), index]);
    // Reported and stored as written, but never with text the database refuses or of any length.
    else unknown.add(printableText(header, MAX_HEADER_REPORT_LENGTH));
  });
  result.unknownColumns = [...unknown];

  const columnIndex = new Map<RegistryColumn, number>();
  for (const column of REGISTRY_COLUMNS) {
    const found = positions.get(column) ?? [];
    if (found.length > 1) {
      const where = found.map((i) => i + 1);
      result.fileErrors.push(
        fileError(
          'duplicate-header',
          `列「${column.header}」出现了 ${found.length} 次（第 ${where.join('、')} 列），请只保留一列`,
          `column "${column.header}" appears ${found.length} times (columns ${where.join(', ')}); keep only one`,
        ),
      );
    } else if (found[0] !== undefined) {
      columnIndex.set(column, found[0]);
    } else if (column.required) {
      result.fileErrors.push(
        fileError(
          'missing-header',
          `缺少必填列「${column.header}」，请检查第 1 行的表头`,
          `required column "${column.header}" is missing; check the headers in row 1`,
        ),
      );
    }
  }
  return columnIndex;
}

function parseRow(
  row: SheetRow,
  columnIndex: Map<RegistryColumn, number>,
  firstRowOfCode: Map<string, number>,
  known: KnownValues,
): { project: TProject } | { errors: RegistryRowError[] } {
  const errors: RegistryRowError[] = [];
  const values: Partial<Record<keyof TProject, CellValue>> = {};
  for (const column of REGISTRY_COLUMNS) {
    const index = columnIndex.get(column);
    // An absent optional column reads as empty cells.
    const raw = index === undefined ? null : (row.cells[index] ?? null);
    const parsed = parseCell(column.type, column.required, raw, column, known);
    if (parsed.ok) {
      values[column.field] = parsed.value;
    } else {
      errors.push(cellError(row.rowNumber, column, parsed.code, parsed.detail));
    }
  }

  const code = values.code;
  if (typeof code === 'string') {
    const firstRow = firstRowOfCode.get(code);
    if (firstRow === undefined) {
      firstRowOfCode.set(code, row.rowNumber);
    } else {
      errors.push(
        cellError(row.rowNumber, codeColumn(), 'duplicate-code', {
          zh: `与第 ${firstRow} 行的项目编码重复`,
          en: `repeats the project code of row ${firstRow}`,
        }),
      );
    }
  }
  if (errors.length > 0) return { errors };

  const checked = ZProject.safeParse(values);
  if (checked.success) return { project: checked.data };
  return {
    errors: checked.error.issues.map((issue) => {
      const column = REGISTRY_COLUMNS.find((c) => c.field === issue.path[0]);
      const detail = {
        zh: `不符合项目数据约定（${issue.message}）`,
        en: `does not meet the project contract (${issue.message})`,
      };
      return column
        ? cellError(row.rowNumber, column, 'invalid-project', detail)
        : {
            rowNumber: row.rowNumber,
            code: 'invalid-project',
            message: rowMessage(row.rowNumber, undefined, detail),
          };
    }),
  };
}

function codeColumn(): RegistryColumn {
  const column = REGISTRY_COLUMNS.find((c) => c.field === 'code');
  if (!column) throw new Error('REGISTRY_COLUMNS has no project code column');
  return column;
}

function cellError(
  rowNumber: number,
  column: RegistryColumn,
  code: RegistryRowError['code'],
  detail: { zh: string; en: string },
): RegistryRowError {
  return {
    rowNumber,
    column: column.header,
    field: column.field,
    code,
    message: rowMessage(rowNumber, column.header, detail),
  };
}

function zipProblemError(problem: ZipProblem, bounds: RegistryLimits): RegistryFileError {
  switch (problem.kind) {
    case 'unreadable':
      return unreadableXlsx(problem.reason);
    case 'total-too-large':
      return fileError(
        'archive-too-large',
        `xlsx 解压后超过 ${mib(MAX_INFLATION * bounds.maxBytes)}，文件可能被恶意构造，已拒绝`,
        `the xlsx would inflate to more than ${mib(MAX_INFLATION * bounds.maxBytes)}; refused as a possible zip bomb`,
      );
    case 'ratio-too-high':
      return fileError(
        'archive-ratio-too-high',
        `xlsx 中的「${problem.entryName}」压缩比超过 ${MAX_ENTRY_RATIO} 倍，文件可能被恶意构造，已拒绝`,
        `"${problem.entryName}" in the xlsx is compressed more than ${MAX_ENTRY_RATIO} times; refused as a possible zip bomb`,
      );
    case 'size-mismatch':
      return fileError(
        'archive-size-mismatch',
        `xlsx 中的「${problem.entryName}」实际大小与声明不符，文件可能被篡改，已拒绝`,
        `"${problem.entryName}" in the xlsx does not have its declared size; refused as tampered`,
      );
  }
}

function unreadableXlsx(reason: string): RegistryFileError {
  return fileError(
    'unreadable-file',
    `无法读取 xlsx 文件，它不是有效的 Excel 工作簿（${reason}）；请用 Excel 重新保存后再导入`,
    `cannot read the xlsx, it is not a valid Excel workbook (${reason}); save it again in Excel and retry`,
  );
}

function sheetProblemError(sheet: Extract<SheetReadResult, { ok: false }>): RegistryFileError {
  switch (sheet.problem) {
    case 'unreadable':
      return unreadableXlsx(sheet.detail);
    case 'no-worksheet':
      return fileError('unreadable-file', 'xlsx 工作簿里没有工作表', 'the xlsx workbook has no worksheet');
    case 'invalid-csv':
      return fileError(
        'invalid-csv',
        `CSV 无法拆分成字段${sheet.line === undefined ? '' : `（第 ${sheet.line} 行附近）`}，常见原因是引号未闭合：${sheet.detail}`,
        `the CSV cannot be split into fields${sheet.line === undefined ? '' : ` (near line ${sheet.line})`}, usually an unclosed quote: ${sheet.detail}`,
      );
  }
}
