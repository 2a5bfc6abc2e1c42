import { REGISTRY_COLUMNS, projectToRegistryCells, type TProject } from '@hub/contracts';
import { Workbook } from 'exceljs';
import * as iconv from 'iconv-lite';

/** A sheet as rows of cells, header row first: lets a test break exactly one cell. */
export type Table = (string | number | boolean | Date | null)[][];

export const HEADERS = REGISTRY_COLUMNS.map((c) => c.header);

/** The registry headers and one row per project, in `REGISTRY_COLUMNS` order. */
export function registryTable(projects: TProject[]): string[][] {
  return [
    HEADERS,
    ...projects.map((p) => {
      const cells = projectToRegistryCells(p);
      return HEADERS.map((h) => cells[h] ?? '');
    }),
  ];
}

/** Position of a header in {@link registryTable}'s rows. */
export function col(header: string): number {
  const index = HEADERS.indexOf(header);
  if (index < 0) throw new Error(`no registry column ${header}`);
  return index;
}

export function csvBuffer(table: Table, encoding: 'utf-8' | 'utf-8-bom' | 'gb18030' = 'utf-8'): Buffer {
  const text = table
    .map((row) =>
      row
        .map((cell) => {
          const value = cell === null ? '' : String(cell);
          return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
        })
        .join(','),
    )
    .join('\r\n');
  if (encoding === 'gb18030') return iconv.encode(text, 'gb18030');
  const body = Buffer.from(text, 'utf8');
  return encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/** An xlsx holding the table as typed cells; `style` may give a cell a number format, as Excel would. */
export async function xlsxBuffer(
  table: Table,
  style?: (rowNumber: number, columnIndex: number) => string | undefined,
): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('项目台账');
  table.forEach((row, r) => {
    row.forEach((value, c) => {
      const cell = sheet.getCell(r + 1, c + 1);
      cell.value = value;
      const numFmt = style?.(r + 1, c);
      if (numFmt) cell.numFmt = numFmt;
    });
  });
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
