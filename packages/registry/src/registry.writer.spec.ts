import { REGISTRY_COLUMNS } from '@hub/contracts';
import { Workbook } from 'exceljs';
import * as iconv from 'iconv-lite';
import { REGISTRY_SHEET_NAME, toRegistryCsv, writeRegistryWorkbook } from './registry.writer';
import { buildProject } from '@hub/contracts/testing';

describe(writeRegistryWorkbook.name, () => {
  it('writes one 项目台账 sheet with the registry headers in order and one row per project', async () => {
    const projects = [buildProject(), buildProject()];

    const workbook = new Workbook();
    await workbook.xlsx.load((await writeRegistryWorkbook(projects)) as never);

    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe(REGISTRY_SHEET_NAME);
    expect(sheet.getRow(1).values).toEqual([undefined, ...REGISTRY_COLUMNS.map((c) => c.header)]);
    expect(sheet.actualRowCount).toBe(3);
    expect(sheet.getRow(3).getCell(1).value).toBe(projects[1]!.code);
  });

  it('writes dates and amounts as text so Excel cannot shift or round them', async () => {
    const project = buildProject({ approvedOn: '2025-03-07', investment: '1200.5' });

    const workbook = new Workbook();
    await workbook.xlsx.load((await writeRegistryWorkbook([project])) as never);

    const row = workbook.worksheets[0]!.getRow(2);
    const cellOf = (header: string) =>
      row.getCell(REGISTRY_COLUMNS.findIndex((c) => c.header === header) + 1);
    expect(cellOf('立项日期').value).toBe('2025-03-07');
    expect(cellOf('总投资(万元)').value).toBe('1200.5');
    expect(cellOf('是否涉密').value).toBe('否');
  });
});

describe(toRegistryCsv.name, () => {
  it('quotes fields holding commas, quotes or line breaks and ends every line with CRLF', () => {
    const project = buildProject({ name: '平台,"一期"\n扩容' });

    const text = toRegistryCsv([project], { encoding: 'utf-8' }).toString('utf8');

    expect(text.split('\r\n')).toHaveLength(3);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toContain(`,"平台,""一期""\n扩容",`);
    expect(text).toContain(`${project.code},`);
  });

  it('starts with a BOM by default and only when asked for utf-8-bom', () => {
    const projects = [buildProject()];

    expect([...toRegistryCsv(projects).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect([...toRegistryCsv(projects, { encoding: 'utf-8-bom' }).subarray(0, 3)]).toEqual([
      0xef, 0xbb, 0xbf,
    ]);
    expect(toRegistryCsv(projects, { encoding: 'utf-8' }).toString('utf8').startsWith('项目编码,')).toBe(
      true,
    );
  });

  it('encodes gb18030 so that a Chinese-locale Excel reads the headers', () => {
    const data = toRegistryCsv([buildProject()], { encoding: 'gb18030' });

    expect(data.subarray(0, 8).equals(iconv.encode('项目编码', 'gb18030'))).toBe(true);
    expect(iconv.decode(data, 'gb18030').startsWith('项目编码,项目名称,')).toBe(true);
  });
});
