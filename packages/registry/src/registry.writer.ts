import { REGISTRY_COLUMNS, projectToRegistryCells, type TProject } from '@hub/contracts';
import { Workbook } from 'exceljs';
import * as iconv from 'iconv-lite';

/** The sheet name the approval bureau's workbooks use; the parser reads the first sheet whatever its name. */
export const REGISTRY_SHEET_NAME = '项目台账';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Text encodings a registry CSV may be written in or detected as. */
export type RegistryCsvEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

/** Options of {@link toRegistryCsv}. */
export interface RegistryCsvOptions {
  /** Defaults to `utf-8-bom`, which Excel on Windows opens without garbling the Chinese headers. */
  encoding?: RegistryCsvEncoding;
}

/**
 * Writes projects as a registry workbook (项目台账): one sheet named `项目台账`, the headers of
 * `REGISTRY_COLUMNS` in order, then one row per project.
 *
 * Every cell is written as text (dates as `yyyy-MM-dd`, amounts as the exact decimal string), so
 * that Excel neither shifts dates by a timezone nor rounds amounts.
 */
export async function writeRegistryWorkbook(projects: TProject[]): Promise<Buffer> {
  const workbook = new Workbook();
  // The frozen header row keeps the column names in view across a plan of hundreds of projects.
  const sheet = workbook.addWorksheet(REGISTRY_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(REGISTRY_COLUMNS.map((c) => c.header));
  for (const project of projects) {
    const cells = projectToRegistryCells(project);
    sheet.addRow(REGISTRY_COLUMNS.map((c) => cells[c.header] ?? ''));
  }
  // Text format keeps Excel from re-reading typed-in codes like 0012 or dates as numbers on edit.
  sheet.columns.forEach((column) => {
    column.numFmt = '@';
  });
  const written = await workbook.xlsx.writeBuffer();
  return Buffer.from(written as ArrayBuffer);
}

/**
 * Writes projects as a registry CSV: RFC 4180 quoting, CRLF line ends, headers of
 * `REGISTRY_COLUMNS` in order.
 */
export function toRegistryCsv(projects: TProject[], opts: RegistryCsvOptions = {}): Buffer {
  const lines = [REGISTRY_COLUMNS.map((c) => csvField(c.header)).join(',')];
  for (const project of projects) {
    const cells = projectToRegistryCells(project);
    lines.push(REGISTRY_COLUMNS.map((c) => csvField(cells[c.header] ?? '')).join(','));
  }
  const text = lines.join('\r\n') + '\r\n';
  const encoding = opts.encoding ?? 'utf-8-bom';
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([UTF8_BOM, Buffer.from(text, 'utf8')]);
    case 'gb18030':
      return iconv.encode(text, 'gb18030');
  }
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
