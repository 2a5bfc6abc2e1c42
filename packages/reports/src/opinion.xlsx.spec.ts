import { buildEvidence, buildFinding, buildOpinion, buildSections } from '@hub/reports/testing';
import type ExcelJS from 'exceljs';
import { Workbook, type Worksheet } from 'exceljs';
import { FINDING_COLUMNS, findingColumns, renderOpinionXlsx } from './opinion.xlsx';

async function readBack(buffer: Buffer): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

/** A sheet's rows as arrays of cell texts (row 1 first), empty cells as ''. */
function rowsOf(sheet: Worksheet): string[][] {
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const value = row.getCell(c).value;
      cells.push(value === null || value === undefined ? '' : String(value));
    }
    rows.push(cells);
  });
  return rows;
}

/** A domain sheet's finding rows as records keyed by column key. */
function findingRecords(sheet: Worksheet, columns = FINDING_COLUMNS): Array<Record<string, string>> {
  const [, ...rows] = rowsOf(sheet);
  return rows.map((cells) => Object.fromEntries(columns.map((c, i) => [c.key, cells[i] ?? ''])));
}

describe('renderOpinionXlsx', () => {
  it('writes a summary sheet and one sheet per review domain, named in Chinese, in order', async () => {
    const workbook = await readBack(await renderOpinionXlsx(buildOpinion()));

    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '审查概况',
      '政务云资源集约应用',
      '数据共享',
      '网络安全',
      '平台对接',
      '项目管理',
    ]);
  });

  it('puts a row per finding with bilingual headers and the evidence in four columns, one line per record', async () => {
    const workbook = await readBack(await renderOpinionXlsx(buildOpinion(), { lang: 'bilingual' }));
    const cloud = workbook.getWorksheet('政务云资源集约应用')!;

    expect(rowsOf(cloud)[0]).toEqual(FINDING_COLUMNS.map((c) => `${c.header.zh} / ${c.header.en}`));
    expect(rowsOf(cloud)[0]).toEqual(
      expect.arrayContaining([
        '证据来源 / Evidence source',
        '记录编号 / Record ID',
        '获取时间 / Fetched at',
        '内容哈希 / Content hash',
      ]),
    );
    const [deploy, selfBuild] = findingRecords(cloud);
    expect(deploy).toMatchObject({
      ruleId: 'YY-CLOUD-DEPLOY',
      titleZh: '部署在政务云',
      titleEn: 'Deployed on the government cloud',
      clause: '第十二条',
      basis: '本地规定 / local measures',
      severity: '阻断 / Blocking',
      verdict: '不通过 / Fail',
      verdictCode: 'FAIL',
      reasonZh: '政务云台账中没有本项目的运行资源，系统部署在自建机房。',
      evidenceSource: '政务云资源台账 (gov-cloud · resource)\n政务云资源台账 (gov-cloud · tenant)',
      evidenceRecordId: 'ECS-YY-000123\nTENANT-430600-0042',
      evidenceFetchedAt: '2026-03-02 09:30 (北京时间)\n2026-03-02 09:31 (北京时间)',
      evidenceHash: `a3f1c2d4e5b60718293a4b5c6d7e8f9012345678abcdef0123456789abcdef01\n${'b'.repeat(64)}`,
      change: '上次检查亦未通过 / still failing',
    });
    expect(selfBuild).toMatchObject({ ruleId: 'YY-CLOUD-NO-SELFBUILD', verdictCode: 'PASS' });

    const security = findingRecords(workbook.getWorksheet('网络安全')!);
    expect(security.map((r) => r.ruleId)).toEqual(['YY-MLPS-EVAL', 'YY-CRYPTO', 'YY-SECURITY-SYNC']);
    expect(security[1]).toMatchObject({
      verdict: '豁免 / Waived',
      evidenceSource: '',
      exemption:
        '岳政数函〔2026〕7号；批准机关 / authority: 岳阳市政务服务和大数据管理局；有效期至 / valid until: 2026-12-31',
    });
    expect(security[2]).toMatchObject({
      verdict: '不通过（仅提示） / Fail (warning only)',
      severity: '整改建议 / Advisory',
    });
    expect(findingRecords(workbook.getWorksheet('项目管理')!)[0]).toMatchObject({
      dispute: '异议待处理 / dispute open: 监理报告已线下提交，见附件。',
    });
  });

  it('keeps all five domain sheets, a domain without findings holding the header row only', async () => {
    const doc = buildOpinion({ sections: buildSections([buildFinding()]) });
    const workbook = await readBack(await renderOpinionXlsx(doc));

    expect(workbook.worksheets).toHaveLength(6);
    expect(workbook.getWorksheet('政务云资源集约应用')!.rowCount).toBe(2);
    for (const name of ['数据共享', '网络安全', '平台对接', '项目管理']) {
      expect(workbook.getWorksheet(name)!.rowCount).toBe(1);
    }
  });

  it('writes a Chinese-only workbook by default: Chinese headers, no English columns, no English labels', async () => {
    const workbook = await readBack(await renderOpinionXlsx(buildOpinion()));
    const cloud = workbook.getWorksheet('政务云资源集约应用')!;
    const columns = findingColumns('zh');

    expect(rowsOf(cloud)[0]).toEqual(columns.map((c) => c.header.zh));
    expect(columns.map((c) => c.key)).not.toEqual(expect.arrayContaining(['titleEn']));
    expect(columns.map((c) => c.key)).not.toContain('reasonEn');
    expect(findingRecords(cloud, columns)[0]).toMatchObject({
      ruleId: 'YY-CLOUD-DEPLOY',
      verdict: '不通过',
      severity: '阻断',
      basis: '本地规定',
      change: '上次检查亦未通过',
    });
    const summary = workbook.getWorksheet('审查概况')!.getSheetValues().flat().map(String).join('\n');
    expect(summary).not.toMatch(/Not agreed|Project name|Blocking|open\b/);
  });

  it('summarises issuer, 文号, project, conclusion, counts, decision, override and rectification items', async () => {
    const doc = buildOpinion();
    doc.decision!.override = { reason: '市领导批示', ruleIds: ['YY-CLOUD-DEPLOY', 'YY-DATA-SHARE'] };
    const workbook = await readBack(await renderOpinionXlsx(doc));
    const sheet = workbook.getWorksheet('审查概况')!;
    const rows = rowsOf(sheet);
    const value = (label: string) => rows.find((r) => r[0] === label)?.[1];

    expect(rows[0]![0]).toBe('岳阳市政务信息化项目技术审查意见');
    expect(value('发文机关')).toBe('岳阳市政务信息化项目技术支持组');
    expect(value('文号')).toBe('岳技审〔2026〕12号');
    expect(value('审查编号')).toBe('JSSC-2026-0012');
    expect(value('项目名称')).toBe('岳阳市智慧应急指挥平台建设项目');
    expect(value('所属区划')).toBe('岳阳市（市本级，430600）');
    expect(value('统一社会信用代码')).toBe('11430600MB1234567X');
    expect(value('审查结论')).toBe('不同意竣工验收');
    expect(value('验收条件')).toBe('不具备验收条件');
    expect(value('阻断项')).toBe('YY-CLOUD-DEPLOY\nYY-DATA-SHARE');
    expect(value('审查决定')).toBe('不同意竣工验收');
    expect(value('审查人')).toBe('张审查');
    expect(value('理由')).toBe('市领导批示');
    expect(value('涉及规则')).toBe('YY-CLOUD-DEPLOY\nYY-DATA-SHARE');
    expect(rows.flat()).not.toContain('zhang.review');

    const header = rows.findIndex((r) => r[0] === '序号');
    expect(rows[header]).toEqual(['序号', '整改内容', '对应规则', '责任单位', '整改期限', '完成情况']);
    expect(rows.slice(header + 1).map((r) => [r[0], r[1], r[2], r[3], r[5]])).toEqual([
      ['1', '将系统迁移至政务云并更新资源台账。', 'YY-CLOUD-DEPLOY', '岳阳市应急管理局信息科', '未完成'],
      [
        '2',
        '补充监理报告。',
        '',
        '岳阳市应急管理局',
        '已完成\n张工 2026年3月1日\n说明：监理报告已补交\n附件：监理报告.pdf',
      ],
    ]);
  });

  it('stores numbers as numbers and dates as dates, each with its display format', async () => {
    const workbook = await readBack(await renderOpinionXlsx(buildOpinion()));
    const sheet = workbook.getWorksheet('审查概况')!;
    const cellOf = (label: string) => {
      let found: ExcelJS.Cell | undefined;
      sheet.eachRow((row) => {
        if (row.getCell(1).value === label) found = row.getCell(2);
      });
      if (!found) throw new Error(`no row ${label}`);
      return found;
    };

    expect(cellOf('总投资（万元）').value).toBe(1280.5);
    expect(cellOf('总投资（万元）').numFmt).toBe('#,##0.00');
    expect(cellOf('通过').value).toBe(2);
    expect(cellOf('合计').value).toBe(8);
    // Beijing wall-clock time: 01:35 UTC is 09:35 in Beijing
    expect(cellOf('检查时间（北京时间）').value).toEqual(new Date('2026-03-02T09:35:00Z'));
    expect(cellOf('检查时间（北京时间）').numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(cellOf('签署时间（北京时间）').value).toEqual(new Date('2026-03-03T15:00:00Z'));
    const deadlines: ExcelJS.Cell[] = [];
    sheet.eachRow((row) => {
      if (typeof row.getCell(1).value === 'number') deadlines.push(row.getCell(5));
    });
    expect(deadlines.map((c) => c.value)).toEqual([
      new Date('2026-06-30T00:00:00Z'),
      new Date('2026-04-15T00:00:00Z'),
    ]);
    expect(deadlines.map((c) => c.numFmt)).toEqual(['yyyy-mm-dd', 'yyyy-mm-dd']);
  });

  it('keeps an investment that is not a decimal as the text the registry holds', async () => {
    const workbook = await readBack(
      await renderOpinionXlsx(buildOpinion({ project: { investment: '待定' } })),
    );
    const values = workbook.getWorksheet('审查概况')!.getColumn(2).values;

    expect(values).toContain('待定');
  });

  it('sets every sheet up to print on A4 one page wide, with page numbers and the header row repeated', async () => {
    const workbook = await readBack(await renderOpinionXlsx(buildOpinion()));

    for (const sheet of workbook.worksheets) {
      expect(sheet.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(sheet.pageSetup.margins).toMatchObject({ left: 0.9, right: 0.6, top: 0.7, bottom: 0.7 });
      expect(sheet.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
    }
    expect(workbook.getWorksheet('审查概况')!.pageSetup.orientation).toBe('portrait');
    for (const name of ['政务云资源集约应用', '数据共享', '网络安全', '平台对接', '项目管理']) {
      const sheet = workbook.getWorksheet(name)!;
      expect(sheet.pageSetup.orientation).toBe('landscape');
      expect(sheet.pageSetup.printTitlesRow).toBe('1:1');
    }
  });

  it('writes text that looks like a formula as text, never as a formula', async () => {
    const doc = buildOpinion({
      project: { name: '=HYPERLINK("http://evil.example","点击")' },
      sections: buildSections([buildFinding({ evidence: [buildEvidence({ externalId: '=1+1' })] })]),
    });
    const workbook = await readBack(await renderOpinionXlsx(doc));

    const summary = workbook.getWorksheet('审查概况')!;
    const nameCell = summary
      .getColumn(2)
      .values.find((v) => typeof v === 'string' && v.startsWith('=HYPERLINK'));
    expect(nameCell).toBe('=HYPERLINK("http://evil.example","点击")');
    const idColumn = findingColumns('zh').findIndex((c) => c.key === 'evidenceRecordId') + 1;
    const idCell = workbook.getWorksheet('政务云资源集约应用')!.getRow(2).getCell(idColumn);
    expect(idCell.value).toBe('=1+1');
    expect(idCell.formula).toBeUndefined();
  });
});
