import { REGISTRY_COLUMNS } from '@hub/contracts';
import { parseRegistryFile } from './registry.parser';
import { toRegistryCsv, writeRegistryWorkbook } from './registry.writer';
import { buildProject } from '@hub/contracts/testing';
import { HEADERS, col, csvBuffer, registryTable, xlsxBuffer, type Table } from './testing/registry-table';
import { buildZip } from './testing/zip.builder';

const sut = parseRegistryFile;

/** The packs the hub would have loaded: the workbook must name one of them. */
const PACK_IDS = ['yueyang', 'chenzhou'];
const csv = (table: Table, encoding?: 'utf-8' | 'utf-8-bom' | 'gb18030') =>
  sut({ data: csvBuffer(table, encoding), fileName: 'projects.csv', packIds: PACK_IDS });

/** A table of `count` valid projects with one cell of spreadsheet row `rowNumber` replaced. */
function tableWithCell(count: number, rowNumber: number, header: string, value: string): Table {
  const table: Table = registryTable(Array.from({ length: count }, () => buildProject()));
  table[rowNumber - 1]![col(header)] = value;
  return table;
}

describe(parseRegistryFile.name, () => {
  describe('round trips', () => {
    it('reads back exactly the projects writeRegistryWorkbook wrote', async () => {
      const projects = [
        buildProject(),
        buildProject({ investment: '1200.5', systemNames: ['一网通办'] }),
        buildProject(),
      ];

      const result = await sut({ data: await writeRegistryWorkbook(projects), fileName: '台账.xlsx' });

      expect(result).toMatchObject({
        format: 'xlsx',
        encoding: null,
        errors: [],
        fileErrors: [],
        totalRows: 3,
      });
      expect(result.rows).toEqual(projects.map((project, i) => ({ rowNumber: i + 2, project })));
    });

    it.each(['utf-8', 'utf-8-bom', 'gb18030'] as const)(
      'reads back the projects of a %s CSV and reports that encoding',
      async (encoding) => {
        const projects = [
          buildProject(),
          buildProject({ name: '郴州市“智慧应急”平台,二期', domain: '智慧应急' }),
        ];

        const result = await sut({ data: toRegistryCsv(projects, { encoding }), fileName: 'projects.CSV' });

        expect(result).toMatchObject({ format: 'csv', encoding, errors: [], fileErrors: [] });
        expect(result.rows.map((r) => r.project)).toEqual(projects);
      },
    );
  });

  describe('headers', () => {
    it('accepts headers in any order, full-width parentheses and padding, and reports unknown columns once', async () => {
      const project = buildProject();
      const [header, row] = registryTable([project]) as [string[], string[]];
      const order = header.map((_, i) => i).reverse();
      const table: Table = [
        [
          ...order.map((i) => header[i]!.replace('(万元)', '（万元）').replace('项目名称', ' 项目名称 ')),
          '备注',
          '备注',
        ],
        [...order.map((i) => row[i]!), '第一条备注', '第二条备注'],
      ];

      const result = await csv(table);

      expect(result.fileErrors).toEqual([]);
      expect(result.unknownColumns).toEqual(['备注']);
      expect(result.rows.map((r) => r.project)).toEqual([project]);
    });

    it('reports an unknown header holding a NUL or of any length in a form that can be stored', async () => {
      const project = buildProject();
      const [header, row] = registryTable([project]) as [string[], string[]];
      const table: Table = [
        [...header, '备\u0000注', '长'.repeat(5_000)],
        [...row, 'x', 'y'],
      ];

      const result = await csv(table);

      expect(result.rows.map((r) => r.project)).toEqual([project]);
      expect(result.unknownColumns).toEqual(['备\\u0000注', `${'长'.repeat(99)}…`]);
    });

    it('rejects the whole file when a required header is missing, naming it', async () => {
      const table = registryTable([buildProject()]).map((row) =>
        row.filter((_, i) => i !== col('统一社会信用代码')),
      );

      const result = await csv(table);

      expect(result.rows).toEqual([]);
      expect(result.fileErrors).toEqual([
        expect.objectContaining({
          code: 'missing-header',
          message: expect.objectContaining({ zh: expect.stringContaining('「统一社会信用代码」') }),
        }),
      ]);
    });

    it('reads an absent optional column as empty cells', async () => {
      const project = buildProject({ cryptoPrereviewRef: null, omPeriodMonths: null });
      const drop = [col('密码应用方案'), col('运维期(月)')];
      const table = registryTable([project]).map((row) => row.filter((_, i) => !drop.includes(i)));

      const result = await csv(table);

      expect(result.rows.map((r) => r.project)).toEqual([project]);
    });

    it('rejects the whole file when a known header appears twice', async () => {
      const table = registryTable([buildProject()]).map((row) => [...row, row[col('项目名称')]!]);

      const result = await csv(table);

      expect(result.rows).toEqual([]);
      expect(result.fileErrors).toEqual([expect.objectContaining({ code: 'duplicate-header' })]);
      expect(result.fileErrors[0]!.message.zh).toContain(`第 2、${HEADERS.length + 1} 列`);
    });

    it('rejects a file whose first row is empty', async () => {
      const result = await csv([[], ...registryTable([buildProject()])]);

      expect(result.fileErrors).toEqual([expect.objectContaining({ code: 'missing-header-row' })]);
    });
  });

  describe('cell errors', () => {
    it('reports a wrong check digit exactly as 第 12 行 「统一社会信用代码」: 校验位错误', async () => {
      const table = tableWithCell(11, 12, '统一社会信用代码', '91430600MA00000019');

      const result = await csv(table);

      expect(result.errors).toEqual([
        {
          rowNumber: 12,
          column: '统一社会信用代码',
          field: 'unitCode',
          code: 'credit-code-check-digit',
          message: {
            zh: '第 12 行 「统一社会信用代码」: 校验位错误',
            en: 'row 12 "统一社会信用代码": check digit is wrong',
          },
        },
      ]);
      expect(result.rows).toHaveLength(10);
    });

    it.each([
      ['项目编码', '2025-430600-1', 'invalid-project-code'],
      ['项目名称', '   ', 'required'],
      ['统一社会信用代码', '91430600MA0000001', 'credit-code-length'],
      ['统一社会信用代码', '91430600MA0000001I', 'credit-code-charset'],
      ['所属区划', '43060', 'invalid-division-code'],
      ['适用办法', 'changsha', 'invalid-policy-pack'],
      ['总投资(万元)', '-5', 'invalid-decimal'],
      ['总投资(万元)', '1,200', 'invalid-decimal'],
      ['项目类型', '硬件', 'invalid-category'],
      ['业务领域', '智慧交通', 'invalid-domain'],
      ['信息系统名称', ' ; ；', 'invalid-system-names'],
      ['计划年度', '25', 'invalid-year'],
      ['是否涉密', '不是', 'invalid-yes-no'],
      ['是否独立移动应用', 'Y', 'invalid-yes-no'],
      ['立项日期', '2025-02-30', 'invalid-date'],
      ['立项日期', '2025.3.7', 'invalid-date'],
      ['运维期(月)', '3.5', 'invalid-integer'],
      ['运维期(月)', '-1', 'invalid-integer'],
    ])('rejects %s = %j with %s, naming row and column', async (header, value, code) => {
      const result = await csv(tableWithCell(4, 3, header, value));

      expect(result.errors).toEqual([
        expect.objectContaining({ rowNumber: 3, column: header, code, message: expect.anything() }),
      ]);
      expect(result.errors[0]!.message.zh).toMatch(new RegExp(`^第 3 行 「${escape(header)}」: \\S`));
      expect(result.errors[0]!.message.en).toMatch(new RegExp(`^row 3 "${escape(header)}": \\S`));
      expect(result.rows.map((r) => r.rowNumber)).toEqual([2, 4, 5]);
    });

    it('names the loaded packs when 适用办法 names another, and checks only the form without a list', async () => {
      const table = tableWithCell(2, 2, '适用办法', 'changsha');

      expect((await csv(table)).errors[0]!.message.zh).toBe(
        '第 2 行 「适用办法」: 只能填 yueyang、chenzhou 之一',
      );
      expect((await sut({ data: csvBuffer(table), fileName: 'p.csv' })).errors).toEqual([]);
      const malformed = await sut({
        data: csvBuffer(tableWithCell(2, 2, '适用办法', 'Chang Sha')),
        fileName: 'p.csv',
      });
      expect(malformed.errors.map((e) => e.code)).toEqual(['invalid-policy-pack']);
    });

    it('names the accepted values when a 是/否 cell holds anything else', async () => {
      const result = await csv(tableWithCell(1, 2, '是否涉密', 'TRUE'));

      expect(result.errors[0]!.message).toEqual({
        zh: '第 2 行 「是否涉密」: 只能填「是」或「否」',
        en: 'row 2 "是否涉密": must be "是" or "否"',
      });
    });

    it('collects every error of a row, not only the first', async () => {
      const table = tableWithCell(2, 2, '所属区划', 'x');
      table[1]![col('是否涉密')] = '';
      table[1]![col('立项日期')] = '2025-13-01';

      const result = await csv(table);

      expect(result.errors.map((e) => [e.rowNumber, e.column, e.code])).toEqual([
        [2, '所属区划', 'invalid-division-code'],
        [2, '是否涉密', 'required'],
        [2, '立项日期', 'invalid-date'],
      ]);
      expect(result.rows.map((r) => r.rowNumber)).toEqual([3]);
    });

    it('keeps every valid row of a mixed file and rejects only the invalid ones', async () => {
      const projects = Array.from({ length: 8 }, () => buildProject());
      const table: Table = registryTable(projects);
      table[2]![col('项目类型')] = '其他';
      table[5]![col('统一社会信用代码')] = 'abc';
      table[8]![col('总投资(万元)')] = '三百万';

      const result = await csv(table);

      expect(result.totalRows).toBe(8);
      expect(result.errors.map((e) => e.rowNumber)).toEqual([3, 6, 9]);
      expect(result.rows.map((r) => r.project)).toEqual(projects.filter((_, i) => ![1, 4, 7].includes(i)));
    });

    it('rejects a row whose last cell holds a NUL byte, naming row and column, and keeps the rows before it', async () => {
      const projects = [buildProject(), buildProject(), buildProject()];
      const text = csvBuffer(registryTable(projects)).toString('utf8');
      // the NUL byte as a hand-edited or truncated file carries it: raw, at the very end
      const data = Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from([0x00])]);

      const result = await sut({ data, fileName: 'projects.csv' });

      expect(result.fileErrors).toEqual([]);
      expect(result.rows.map((r) => r.project)).toEqual(projects.slice(0, 2));
      const last = REGISTRY_COLUMNS[REGISTRY_COLUMNS.length - 1]!.header;
      expect(result.errors).toEqual([
        {
          rowNumber: 4,
          column: last,
          field: REGISTRY_COLUMNS[REGISTRY_COLUMNS.length - 1]!.field,
          code: 'invalid-characters',
          message: {
            zh: `第 4 行 「${last}」: 含空字符 (U+0000)，请删除后重试`,
            en: `row 4 "${last}": contains a NUL character (U+0000); remove it and retry`,
          },
        },
      ]);
    });

    it('rejects NUL and unpaired surrogates in the cells of an xlsx as row errors', async () => {
      const projects = [buildProject(), buildProject(), buildProject()];
      const table: Table = registryTable(projects);
      // how a workbook carries characters XML cannot: Excel's _xHHHH_ escapes, which exceljs decodes
      table[1]![col('项目名称')] = '岳阳_x0000_平台';
      table[2]![col('建设单位')] = '岳阳市_xD83D_数据局';

      const result = await sut({ data: await xlsxBuffer(table), fileName: 'projects.xlsx' });

      expect(result.fileErrors).toEqual([]);
      expect(result.rows.map((r) => r.project)).toEqual([projects[2]]);
      expect(result.errors.map((e) => [e.rowNumber, e.column, e.code])).toEqual([
        [2, '项目名称', 'invalid-characters'],
        [3, '建设单位', 'invalid-characters'],
      ]);
    });

    it('rejects a 2,000,000-character name as too long and keeps the other rows', async () => {
      const projects = [buildProject(), buildProject()];
      const table: Table = registryTable(projects);
      table[1]![col('项目名称')] = '名'.repeat(2_000_000);

      const result = await csv(table);

      expect(result.rows.map((r) => r.project)).toEqual([projects[1]]);
      expect(result.errors).toEqual([
        expect.objectContaining({
          rowNumber: 2,
          column: '项目名称',
          code: 'too-long',
          message: expect.objectContaining({ zh: '第 2 行 「项目名称」: 最多 200 个字符，实为 2000000 个' }),
        }),
      ]);
    });

    it('rejects a repeated 项目编码 on the later row, naming the first', async () => {
      const projects = [buildProject(), buildProject(), buildProject()];
      const table: Table = registryTable(projects);
      table[3]![col('项目编码')] = projects[0]!.code;

      const result = await csv(table);

      expect(result.rows.map((r) => r.rowNumber)).toEqual([2, 3]);
      expect(result.errors).toEqual([
        expect.objectContaining({
          rowNumber: 4,
          column: '项目编码',
          code: 'duplicate-code',
          message: {
            zh: '第 4 行 「项目编码」: 与第 2 行的项目编码重复',
            en: 'row 4 "项目编码": repeats the project code of row 2',
          },
        }),
      ]);
    });

    it('skips fully empty rows but keeps spreadsheet row numbers', async () => {
      const table: Table = registryTable([buildProject(), buildProject()]);
      table.splice(
        2,
        0,
        HEADERS.map(() => ' '),
        [],
      );
      table[4]![col('所属区划')] = '1';

      const result = await csv(table);

      expect(result.totalRows).toBe(2);
      expect(result.rows.map((r) => r.rowNumber)).toEqual([2]);
      expect(result.errors.map((e) => e.rowNumber)).toEqual([5]);
    });
  });

  describe('values', () => {
    it('normalises amounts, splits system names on both semicolons and turns empty optional cells into null', async () => {
      const table = tableWithCell(1, 2, '总投资(万元)', '0350.50');
      table[1]![col('信息系统名称')] = ' 一网通办 ；移动端; ;数据中台 ';
      table[1]![col('一事一议文号')] = '  ';
      table[1]![col('是否增补计划')] = '';

      const [row] = (await csv(table)).rows;

      expect(row?.project).toMatchObject({
        investment: '350.5',
        systemNames: ['一网通办', '移动端', '数据中台'],
        caseByCaseDecision: null,
        supplementaryPlan: null,
      });
    });

    it('reads yyyy/M/d dates as yyyy-MM-dd', async () => {
      const table = tableWithCell(1, 2, '立项日期', '2025/3/7');
      table[1]![col('合同签订日期')] = '2024/2/29';

      const [row] = (await csv(table)).rows;

      expect(row?.project).toMatchObject({ approvedOn: '2025-03-07', contractSignedOn: '2024-02-29' });
    });

    it('reads Excel date cells and numbers as the calendar day and figures Excel shows, whatever the server timezone', async () => {
      const previousTz = process.env.TZ;
      // West of UTC a UTC-midnight Date falls on the previous local day: the shift this test guards against.
      process.env.TZ = 'America/Los_Angeles';
      try {
        const table: Table = registryTable([buildProject()]);
        const row = table[1]!;
        row[col('立项日期')] = 45723; // the serial Excel stores for 2025-03-07
        row[col('合同签订日期')] = new Date(Date.UTC(2025, 4, 20));
        row[col('试运行开始')] = new Date(Date.UTC(2025, 11, 31, 18, 30));
        row[col('总投资(万元)')] = 0.1 + 0.2;
        row[col('计划年度')] = 2025;
        row[col('运维期(月)')] = 36;
        row[col('所属区划')] = 431000;
        const dateColumns = [col('立项日期'), col('合同签订日期'), col('试运行开始')];
        const data = await xlsxBuffer(table, (r, c) =>
          r > 1 && dateColumns.includes(c) ? 'yyyy/m/d' : undefined,
        );

        const result = await sut({ data, fileName: 'a.xlsx' });

        expect(result.errors).toEqual([]);
        expect(result.rows[0]?.project).toMatchObject({
          approvedOn: '2025-03-07',
          contractSignedOn: '2025-05-20',
          trialStartOn: '2025-12-31',
          investment: '0.3',
          planYear: 2025,
          omPeriodMonths: 36,
          region: '431000',
        });
      } finally {
        if (previousTz === undefined) delete process.env.TZ;
        else process.env.TZ = previousTz;
      }
    });

    it('refuses a bare number in a date column instead of guessing it is a serial', async () => {
      const table: Table = registryTable([buildProject()]);
      table[1]![col('立项日期')] = 20250307;

      const result = await sut({ data: await xlsxBuffer(table), fileName: 'a.xlsx' });

      expect(result.errors.map((e) => [e.column, e.code])).toEqual([['立项日期', 'invalid-date']]);
    });

    it('reads rich text, formula results and hyperlinks as the text they show', async () => {
      const project = buildProject();
      const table: Table = registryTable([project]);
      const data = await xlsxBuffer(table);
      const { Workbook } = await import('exceljs');
      const workbook = new Workbook();
      await workbook.xlsx.load(data as never);
      const sheet = workbook.worksheets[0]!;
      sheet.getCell(2, col('项目名称') + 1).value = {
        richText: [{ text: project.name.slice(0, 3) }, { text: project.name.slice(3) }],
      };
      sheet.getCell(2, col('总投资(万元)') + 1).value = { formula: '300+50', result: 350 };
      sheet.getCell(2, col('建设单位') + 1).value = {
        text: project.unitName,
        hyperlink: 'https://example.gov.cn',
      };

      const result = await sut({
        data: Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer),
        fileName: 'a.xlsx',
      });

      expect(result.rows.map((r) => r.project)).toEqual([project]);
    });
  });

  describe('files refused as a whole', () => {
    it.each(['projects.xls', 'projects.json', 'projects'])(
      'refuses %s by its extension',
      async (fileName) => {
        const result = await sut({ data: Buffer.from('项目编码\r\n'), fileName });

        expect(result).toMatchObject({
          format: null,
          rows: [],
          fileErrors: [expect.objectContaining({ code: 'unsupported-format' })],
        });
      },
    );

    it('refuses a file over maxBytes before trying to read it', async () => {
      const result = await sut({ data: Buffer.alloc(2048, 0x41), fileName: 'big.xlsx' }, { maxBytes: 1024 });

      expect(result.fileErrors).toEqual([
        {
          code: 'file-too-large',
          message: { zh: expect.stringContaining('超过上限'), en: expect.stringContaining('over the') },
        },
      ]);
    });

    it('refuses a file with more data rows than maxRows and imports none of them', async () => {
      const table = registryTable(Array.from({ length: 3 }, () => buildProject()));

      const result = await sut({ data: csvBuffer(table), fileName: 'a.csv' }, { maxRows: 2 });

      expect(result).toMatchObject({ rows: [], errors: [], totalRows: 3 });
      expect(result.fileErrors.map((e) => e.code)).toEqual(['too-many-rows']);
      expect(result.fileErrors[0]!.message.zh).toContain('数据行数 3 超过上限 2');
    });

    it('refuses a sheet wider than maxColumns', async () => {
      const result = await sut(
        { data: csvBuffer(registryTable([buildProject()])), fileName: 'a.csv' },
        { maxColumns: 10 },
      );

      expect(result.fileErrors.map((e) => e.code)).toEqual(['too-many-columns']);
    });

    it('refuses an xlsx whose sheet compresses more than 100 times, before exceljs inflates it', async () => {
      const table: Table = registryTable([buildProject()]);
      table[1]![col('项目名称')] = '很长的名称'.repeat(400_000);

      const result = await sut({ data: await xlsxBuffer(table), fileName: 'bomb.xlsx' });

      expect(result.rows).toEqual([]);
      expect(result.fileErrors).toEqual([expect.objectContaining({ code: 'archive-ratio-too-high' })]);
      expect(result.fileErrors[0]!.message.zh).toContain('xl/sharedStrings.xml');
    });

    it('refuses an xlsx whose entries together inflate past 20 × maxBytes', async () => {
      const entries = Array.from({ length: 40 }, (_, i) => ({
        name: `xl/part${i}.xml`,
        data: Buffer.alloc(60_000),
      }));

      const result = await sut({ data: buildZip(entries), fileName: 'a.xlsx' }, { maxBytes: 100_000 });

      expect(result.fileErrors.map((e) => e.code)).toEqual(['archive-too-large']);
    });

    it('refuses an xlsx whose entry inflates past its declared size', async () => {
      const data = buildZip([
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(200_000, 0x20), declaredSize: 5_000 },
      ]);

      const result = await sut({ data, fileName: 'a.xlsx' });

      expect(result.fileErrors.map((e) => e.code)).toEqual(['archive-size-mismatch']);
    });

    it.each([
      ['random bytes', Buffer.from('not a zip at all, just text')],
      ['a zip without a workbook', buildZip([{ name: 'hello.txt', data: Buffer.from('hi') }])],
      ['a truncated workbook', Buffer.alloc(0)],
    ])('reports %s as an unreadable xlsx instead of throwing', async (_, data) => {
      const result = await sut({ data, fileName: 'a.xlsx' });

      expect(result.fileErrors.map((e) => e.code)).toEqual(['unreadable-file']);
    });

    it('reports an unclosed quote as an invalid CSV', async () => {
      const data = Buffer.from(`${HEADERS.join(',')}\r\n"25-430600-0001,名称\r\n`);

      const result = await sut({ data, fileName: 'a.csv' });

      expect(result.fileErrors.map((e) => e.code)).toEqual(['invalid-csv']);
    });

    it('refuses a UTF-16 CSV with a hint to save it as UTF-8', async () => {
      const data = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HEADERS.join(','), 'utf16le')]);

      const result = await sut({ data, fileName: 'a.csv' });

      expect(result.fileErrors.map((e) => e.code)).toEqual(['unsupported-encoding']);
      expect(result.fileErrors[0]!.message.zh).toContain('UTF-8');
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
