import { parse as parseCsv } from 'csv-parse/sync';
import { Workbook, type CellValue as ExcelCellValue } from 'exceljs';
import * as iconv from 'iconv-lite';
import type { RawCell } from './cell.parsers';
import type { RegistryCsvEncoding } from './registry.writer';

/** One spreadsheet row; `cells[0]` is column A. */
export interface SheetRow {
  rowNumber: number;
  cells: RawCell[];
}

export type SheetReadResult =
  | { ok: true; rows: SheetRow[] }
  | { ok: false; problem: 'unreadable' | 'no-worksheet' | 'invalid-csv'; detail: string; line?: number };

/** Reads the first worksheet of an xlsx that has already passed the zip guard. */
export async function readXlsxRows(data: Buffer): Promise<SheetReadResult> {
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(data as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    return {
      ok: false,
      problem: 'unreadable',
      detail: error instanceof Error ? error.message : String(error),
    };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, problem: 'no-worksheet', detail: 'the workbook has no worksheet' };
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: RawCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      cells[colNumber - 1] = excelCellToRaw(cell.value);
    });
    rows.push({ rowNumber, cells: Array.from(cells, (c) => c ?? null) });
  });
  return { ok: true, rows };
}

/** Flattens exceljs's cell shapes (rich text, formulas, hyperlinks, errors) to what the cell shows. */
function excelCellToRaw(value: ExcelCellValue | undefined): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return excelCellToRaw(value.result as ExcelCellValue);
  if ('hyperlink' in value) return excelCellToRaw(value.text as ExcelCellValue);
  if ('error' in value) return String(value.error);
  return String(value);
}

/** Decodes a CSV: a UTF-8 BOM wins, then strict UTF-8, then GB18030 (what Excel on Chinese Windows saves). */
export function decodeCsv(
  data: Buffer,
): { ok: true; text: string; encoding: RegistryCsvEncoding } | { ok: false; detail: string } {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
    return { ok: true, text: data.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  }
  if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) {
    return { ok: false, detail: 'UTF-16' };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(data), encoding: 'utf-8' };
  } catch {
    return { ok: true, text: iconv.decode(data, 'gb18030'), encoding: 'gb18030' };
  }
}

/** Splits CSV text into rows numbered as a spreadsheet would show them (one record, one row). */
export function readCsvRows(text: string): SheetReadResult {
  let records: string[][];
  try {
    records = parseCsv(text, {
      bom: false,
      // Hand-edited files carry stray quotes inside fields; Excel reads those literally, so do we.
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: unknown }).lines;
    return {
      ok: false,
      problem: 'invalid-csv',
      detail: error instanceof Error ? error.message : String(error),
      ...(typeof line === 'number' ? { line } : {}),
    };
  }
  return { ok: true, rows: records.map((cells, index) => ({ rowNumber: index + 1, cells })) };
}
