import { buildPortfolioRow } from '@hub/reports/testing';
import { parse } from 'csv-parse/sync';
import { Workbook } from 'exceljs';
import { PORTFOLIO_COLUMNS, renderPortfolioCsv, renderPortfolioXlsx } from './portfolio';

const HEADERS = PORTFOLIO_COLUMNS.map((c) => `${c.header.zh} / ${c.header.en}`);

function parseCsv(buffer: Buffer): string[][] {
  return parse(buffer, { bom: true, relax_column_count: false }) as string[][];
}

describe('renderPortfolioCsv', () => {
  it('is UTF-8 with a byte-order mark, CRLF records, and round-trips through csv-parse with Chinese intact', () => {
    const rows = [
      buildPortfolioRow(),
      buildPortfolioRow({
        code: '2025-430600-65-01-000124',
        name: '郴州市“一网通办”升级, 二期\n（含数据治理）',
        unitName: '郴州市政务服务中心 "中心"',
        packId: 'chenzhou',
        ready: null,
        checkedAt: null,
        counts: { PASS: 0, FAIL: 0, WAIVED: 0, NOT_APPLICABLE: 0, UNKNOWN: 0 },
        blockingRuleIds: [],
        reviewStatus: null,
      }),
    ];

    const csv = renderPortfolioCsv(rows);

    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toContain('\r\n');
    expect(csv.toString('utf8')).toContain('"郴州市“一网通办”升级, 二期\n（含数据治理）"');
    expect(csv.toString('utf8')).toContain('"郴州市政务服务中心 ""中心"""');

    const [header, first, second] = parseCsv(csv);
    expect(header).toEqual(HEADERS);
    expect(header).toContain('项目名称 / Project name');
    expect(first).toEqual([
      '2025-430600-65-01-000123',
      '岳阳市智慧应急指挥平台建设项目',
      '岳阳市应急管理局',
      '11430600MB1234567X',
      '430600',
      'yueyang',
      '1280.50',
      '不具备验收条件 / not ready for acceptance',
      '2026-03-02 09:35',
      '3',
      '2',
      '1',
      '1',
      '1',
      'YY-CLOUD-DEPLOY, YY-DATA-SHARE',
      'decided',
    ]);
    expect(second).toEqual([
      '2025-430600-65-01-000124',
      '郴州市“一网通办”升级, 二期\n（含数据治理）',
      '郴州市政务服务中心 "中心"',
      '11430600MB1234567X',
      '430600',
      'chenzhou',
      '1280.50',
      '未检查 / not checked',
      '',
      '0',
      '0',
      '0',
      '0',
      '0',
      '',
      '',
    ]);
  });

  it("guards against formula injection: a cell starting with = + - @ gets a leading '", () => {
    const rows = [
      buildPortfolioRow({
        name: '=HYPERLINK("http://evil.example","点击")',
        unitName: '+SUM(A1:A9)',
        region: '-2+3',
        reviewStatus: '@cmd',
        code: '＝全角',
      }),
    ];

    const [, row] = parseCsv(renderPortfolioCsv(rows));

    expect(row![0]).toBe("'＝全角");
    expect(row![1]).toBe('\'=HYPERLINK("http://evil.example","点击")');
    expect(row![2]).toBe("'+SUM(A1:A9)");
    expect(row![4]).toBe("'-2+3");
    expect(row![15]).toBe("'@cmd");
    // numbers and ordinary text are left alone
    expect(row![6]).toBe('1280.50');
    expect(row![9]).toBe('3');
  });

  it('writes the header alone for no projects', () => {
    expect(parseCsv(renderPortfolioCsv([]))).toEqual([HEADERS]);
  });
});

describe('renderPortfolioXlsx', () => {
  it('writes one sheet, the header then a row per project, counts as numbers and text as text', async () => {
    const rows = [
      buildPortfolioRow(),
      buildPortfolioRow({ code: 'X-2', name: '=1+1', ready: true, blockingRuleIds: [] }),
    ];

    const workbook = new Workbook();
    await workbook.xlsx.load((await renderPortfolioXlsx(rows)) as unknown as ArrayBuffer);

    expect(workbook.worksheets.map((s) => s.name)).toEqual(['项目检查总览']);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(3);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    const first = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(first.slice(0, 9)).toEqual([
      '2025-430600-65-01-000123',
      '岳阳市智慧应急指挥平台建设项目',
      '岳阳市应急管理局',
      '11430600MB1234567X',
      '430600',
      'yueyang',
      '1280.50',
      '不具备验收条件 / not ready for acceptance',
      '2026-03-02 09:35',
    ]);
    expect(first.slice(9, 14)).toEqual([3, 2, 1, 1, 1]);
    const second = sheet.getRow(3);
    expect(second.getCell(2).value).toBe('=1+1');
    expect(second.getCell(2).formula).toBeUndefined();
    expect(second.getCell(8).value).toBe('具备验收条件 / ready for acceptance');
  });
});
