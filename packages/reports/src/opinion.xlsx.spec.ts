import { buildEvidence, buildFinding, buildOpinion, buildSections } from '@hub/reports/testing';
import { Workbook, type Worksheet } from 'exceljs';
import { FINDING_COLUMNS, renderOpinionXlsx } from './opinion.xlsx';

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
function findingRecords(sheet: Worksheet): Array<Record<string, string>> {
  const [, ...rows] = rowsOf(sheet);
  return rows.map((cells) => Object.fromEntries(FINDING_COLUMNS.map((c, i) => [c.key, cells[i] ?? ''])));
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
    const workbook = await readBack(await renderOpinionXlsx(buildOpinion()));
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
      severity: '建议 / Advisory',
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

  it('summarises project, conclusion, counts, decision, override and rectification items', async () => {
    const doc = buildOpinion();
    doc.decision!.override = { reason: '市领导批示', ruleIds: ['YY-CLOUD-DEPLOY', 'YY-DATA-SHARE'] };
    const workbook = await readBack(await renderOpinionXlsx(doc));
    const rows = rowsOf(workbook.getWorksheet('审查概况')!);
    const value = (label: string) => rows.find((r) => r[0] === label)?.[1];

    expect(rows[0]![0]).toBe('政务信息化项目技术审查意见 / Technical review opinion');
    expect(value('文号 / Document No.')).toBe('岳数审〔2026〕12号');
    expect(value('项目名称 / Project name')).toBe('岳阳市智慧应急指挥平台建设项目');
    expect(value('统一社会信用代码 / Unified social credit code')).toBe('11430600MB1234567X');
    expect(value('总投资（万元） / Total investment (10,000 CNY)')).toBe('1280.50');
    expect(value('检查时间 / Checked at')).toBe('2026-03-02 09:35 (北京时间)');
    expect(value('审查结论 / Conclusion')).toBe('不同意竣工验收 / Not agreed');
    expect(value('验收条件 / Readiness')).toBe('不具备验收条件 / not ready for acceptance');
    expect(value('阻断项 / Blocking rules')).toBe('YY-CLOUD-DEPLOY\nYY-DATA-SHARE');
    expect(value('通过 / Pass')).toBe('2');
    expect(value('不通过 / Fail')).toBe('3');
    expect(value('合计 / Total')).toBe('8');
    expect(value('审查决定 / Decision')).toBe('不同意竣工验收 / Not agreed');
    expect(value('审查人 / Reviewed by')).toBe('张审查');
    expect(value('签署时间 / Signed at')).toBe('2026-03-03 15:00 (北京时间)');
    expect(value('理由 / Reason')).toBe('市领导批示');
    expect(value('涉及规则 / Rules')).toBe('YY-CLOUD-DEPLOY\nYY-DATA-SHARE');

    const header = rows.findIndex((r) => r[0] === '序号 / No.');
    expect(rows[header]).toEqual([
      '序号 / No.',
      '规则 / Rule',
      '整改内容 / Description',
      '整改期限 / Deadline',
      '状态 / Status',
    ]);
    expect(rows.slice(header + 1)).toEqual([
      ['1', 'YY-CLOUD-DEPLOY', '将系统迁移至政务云并更新资源台账。', '2026-06-30', '未完成 / open'],
      ['2', '', '补充监理报告。', '2026-04-15', '已完成 / done'],
    ]);
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
    const idCell = workbook.getWorksheet('政务云资源集约应用')!.getRow(2).getCell(12);
    expect(idCell.value).toBe('=1+1');
    expect(idCell.formula).toBeUndefined();
  });
});
