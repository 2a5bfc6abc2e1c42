import type { Text } from '@hub/rules';
import { stringify } from 'csv-stringify/sync';
import { Workbook } from 'exceljs';
import { beijingMinutes } from './format';
import { LABELS, READINESS_LABELS, VERDICT_LABELS, VERDICT_ORDER, bilingual } from './labels';
import type { PortfolioRow } from './opinion.types';

/** The portfolio workbook's sheet name. */
export const PORTFOLIO_SHEET = '项目检查总览';

const NOT_CHECKED: Text = { zh: '未检查', en: 'not checked' };

interface PortfolioColumn {
  header: Text;
  width: number;
  value: (row: PortfolioRow) => string | number;
}

/** The portfolio's columns, the same in the workbook and the CSV. */
export const PORTFOLIO_COLUMNS: readonly PortfolioColumn[] = [
  { header: LABELS.projectCode, width: 22, value: (r) => r.code },
  { header: LABELS.projectName, width: 36, value: (r) => r.name },
  { header: LABELS.unitName, width: 30, value: (r) => r.unitName },
  { header: LABELS.unitCode, width: 24, value: (r) => r.unitCode },
  { header: LABELS.region, width: 14, value: (r) => r.region },
  { header: { zh: '规则包', en: 'Policy pack' }, width: 12, value: (r) => r.packId },
  { header: LABELS.investment, width: 16, value: (r) => r.investment },
  {
    header: LABELS.readiness,
    width: 28,
    value: (r) =>
      bilingual(
        r.ready === null ? NOT_CHECKED : r.ready ? READINESS_LABELS.ready : READINESS_LABELS.notReady,
      ),
  },
  {
    header: { zh: '检查时间（北京时间）', en: 'Checked at (Beijing time)' },
    width: 20,
    value: (r) => (r.checkedAt === null ? '' : (beijingMinutes(r.checkedAt) ?? r.checkedAt)),
  },
  ...VERDICT_ORDER.map((verdict): PortfolioColumn => ({
    header: VERDICT_LABELS[verdict],
    width: 12,
    value: (r) => r.counts[verdict] ?? 0,
  })),
  { header: LABELS.blockingRules, width: 36, value: (r) => r.blockingRuleIds.join(', ') },
  { header: { zh: '审查状态', en: 'Review status' }, width: 16, value: (r) => r.reviewStatus ?? '' },
];

function headers(): string[] {
  return PORTFOLIO_COLUMNS.map((c) => bilingual(c.header));
}

/**
 * The portfolio as a workbook: one sheet, a frozen header row with a filter, a row per project.
 * Text stays text (codes, investments as written) and nothing is written as a formula.
 */
export async function renderPortfolioXlsx(rows: PortfolioRow[]): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = '@hub/reports';
  const sheet = workbook.addWorksheet(PORTFOLIO_SHEET, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }],
  });
  sheet.columns = PORTFOLIO_COLUMNS.map((c) => ({ width: c.width }));
  const header = sheet.addRow(headers());
  header.font = { bold: true };
  header.alignment = { vertical: 'top', wrapText: true };
  for (const row of rows) sheet.addRow(PORTFOLIO_COLUMNS.map((c) => c.value(row)));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: PORTFOLIO_COLUMNS.length } };
  const written = await workbook.xlsx.writeBuffer();
  return Buffer.from(written as ArrayBuffer);
}

/**
 * The portfolio as CSV for Excel: UTF-8 with a byte-order mark (so Excel on Windows reads the Chinese
 * right), RFC 4180 (CRLF between records; a field with a comma, quote, CR or LF quoted, quotes
 * doubled), and a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return (or their
 * full-width forms) prefixed with `'` so that a spreadsheet does not run it as a formula.
 */
export function renderPortfolioCsv(rows: PortfolioRow[]): Buffer {
  const text = stringify([headers(), ...rows.map((row) => PORTFOLIO_COLUMNS.map((c) => c.value(row)))], {
    bom: true,
    record_delimiter: 'windows',
    escape_formulas: true,
    // csv-stringify quotes a field holding the whole record delimiter (CRLF) but not a lone CR or LF.
    quoted_match: /[\r\n]/,
  });
  return Buffer.from(text, 'utf8');
}
