import type { INestApplicationContext } from '@nestjs/common';
import type { TProject } from '@hub/contracts';
import { toRegistryCsv, writeRegistryWorkbook } from '@hub/registry';
import { buildProject } from '@hub/registry/testing';
import { createTestDatabase } from '../../../../../test/support/database';
import { AppError } from '../../common/app-error';
import { PrismaService } from '../../infra/database/prisma.service';
import { createTestContext } from '../../testing/test-context';
import { AuditService } from '../audit/audit.service';
import { ProjectsRepository, toProject } from '../projects/projects.repository';
import { MAX_FILE_NAME_LENGTH, RegistryImportService } from './registry-import.service';

describe(RegistryImportService.name, () => {
  let ctx: INestApplicationContext;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sut: RegistryImportService;

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = await createTestContext(db.url);
    sut = ctx.get(RegistryImportService);
  });
  afterAll(async () => {
    await ctx?.close();
    await db?.drop();
  });

  it('creates every project of a workbook and stores each field as the registry gave it', async () => {
    const projects = [
      buildProject({ trialStartOn: '2025-03-07', investment: '1200.5' }),
      buildProject({ planYear: null }),
    ];
    const report = await sut.import('plan.xlsx', await writeRegistryWorkbook(projects));
    expect(report).toMatchObject({ format: 'xlsx', created: 2, updated: 0, unchanged: 0, rejected: 0 });
    for (const p of projects) {
      const row = await ctx.get(ProjectsRepository).findByCode(p.code);
      expect(toProject(row!)).toEqual(p);
    }
  });

  it('is idempotent: the same file again changes nothing, an edited row is an update', async () => {
    const projects = [buildProject(), buildProject()];
    const csv = toRegistryCsv(projects, { encoding: 'gb18030' });
    expect(await sut.import('plan.csv', csv)).toMatchObject({ created: 2, encoding: 'gb18030' });
    expect(await sut.import('plan.csv', csv)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const edited = [{ ...projects[0]!, name: '改名后的项目' }, projects[1]!];
    expect(await sut.import('plan.csv', toRegistryCsv(edited))).toMatchObject({ updated: 1, unchanged: 1 });
    expect((await ctx.get(ProjectsRepository).findByCode(projects[0]!.code))!.name).toBe('改名后的项目');
  });

  it('keeps the valid rows of a mixed file and reports each bad row with its number and column', async () => {
    const good = buildProject();
    const valid = buildProject();
    const wrongCheck = valid.unitCode.endsWith('0') ? '1' : '0';
    const bad = { ...valid, unitCode: valid.unitCode.slice(0, 17) + wrongCheck };
    const report = await sut.import('mixed.csv', toRegistryCsv([good, bad]));
    expect(report).toMatchObject({ created: 1, rejected: 1 });
    expect(report.errors[0]).toMatchObject({ rowNumber: 3, column: '统一社会信用代码' });
    expect(report.errors[0]!.message.zh).toContain('第 3 行');
    expect(await ctx.get(ProjectsRepository).findByCode(good.code)).not.toBeNull();
    expect(await ctx.get(ProjectsRepository).findByCode(bad.code)).toBeNull();
  });

  it('rejects a whole file it cannot read, with a bilingual reason, and records nothing', async () => {
    const before = await ctx.get(PrismaService).registryImport.count();
    const attempt = sut.import('plan.txt', Buffer.from('not a workbook'));
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({
      code: 'INVALID_FILE',
      text: { zh: expect.stringContaining('项目台账') },
    });
    expect(await ctx.get(PrismaService).registryImport.count()).toBe(before);
  });

  /** Everything an import can change, to compare before and after. */
  async function snapshot() {
    const prisma = ctx.get(PrismaService);
    return {
      projects: await prisma.project.findMany({ orderBy: { code: 'asc' } }),
      imports: await prisma.registryImport.count(),
      audit: await prisma.auditEntry.count(),
    };
  }

  /** `count` valid projects with codes no other test of this file uses (buildProject's wrap at 10,000). */
  function bulkProjects(count: number, year: number): TProject[] {
    return Array.from({ length: count }, (_, i) =>
      buildProject({
        code: `${year + Math.floor(i / 10_000)}-430600-${String(i % 10_000).padStart(4, '0')}`,
      }),
    );
  }

  /** CSV lines of a file: the header, then one line per project. */
  const csvLines = (projects: TProject[]) =>
    toRegistryCsv(projects, { encoding: 'utf-8' }).toString('utf8').trimEnd().split('\r\n');

  it('imports a file whose last row holds a NUL byte: the rename before it lands, the NUL row is reported', async () => {
    const existing = buildProject();
    await sut.import('first.csv', toRegistryCsv([existing]));
    const renamed = { ...existing, name: '岳阳市协同办公平台（更名）' };
    const fresh = buildProject();
    const last = buildProject();
    const lines = csvLines([renamed, fresh, last]);
    lines[3] = lines[3]!.replace(last.name, `${last.name}\u0000`);
    const before = await snapshot();

    const report = await sut.import('nul.csv', Buffer.from(lines.join('\r\n'), 'utf8'));

    expect(report).toMatchObject({ created: 1, updated: 1, unchanged: 0, rejected: 1 });
    expect(report.errors).toEqual([
      expect.objectContaining({ rowNumber: 4, column: '项目名称', code: 'invalid-characters' }),
    ]);
    const projects = ctx.get(ProjectsRepository);
    expect((await projects.findByCode(existing.code))!.name).toBe(renamed.name);
    expect(await projects.findByCode(fresh.code)).not.toBeNull();
    expect(await projects.findByCode(last.code)).toBeNull();
    const stored = await ctx
      .get(PrismaService)
      .registryImport.findUniqueOrThrow({ where: { id: report.importId } });
    expect(stored.errors).toEqual(report.errors);
    const after = await snapshot();
    expect(after.imports).toBe(before.imports + 1);
    expect(after.audit).toBe(before.audit + 1);
  });

  it('imports 500 valid rows among 19,000 bad ones in one transaction, keeping every row error', async () => {
    const valid = bulkProjects(500, 80);
    const [header, ...good] = csvLines(valid);
    const template = csvLines([buildProject()])[1]!;
    const code = template.split(',')[0]!;
    const bad = Array.from({ length: 19_000 }, (_, i) => template.replace(code, `bad-${i}`));
    const data = Buffer.from([header, ...good, ...bad].join('\r\n'), 'utf8');
    const before = await snapshot();

    const started = Date.now();
    const report = await sut.import('mostly-bad.csv', data);
    const ms = Date.now() - started;

    expect(report).toMatchObject({ totalRows: 19_500, created: 500, rejected: 19_000 });
    expect(report.errors).toHaveLength(19_000);
    expect(report.errors[18_999]).toMatchObject({ rowNumber: 19_501, column: '项目编码' });
    const stored = await ctx
      .get(PrismaService)
      .registryImport.findUniqueOrThrow({ where: { id: report.importId } });
    expect(stored).toMatchObject({ created: 500, rejected: 19_000 });
    expect(stored.errors).toHaveLength(19_000);
    const entry = await ctx.get(PrismaService).auditEntry.findFirstOrThrow({
      where: { action: 'registry.import', objectId: report.importId },
    });
    expect(entry.data).toMatchObject({ created: 500, rejected: 19_000 });
    const after = await snapshot();
    expect(after.projects.length).toBe(before.projects.length + 500);
    console.info(`500 valid + 19,000 bad rows imported in ${ms} ms`);
  });

  it('imports 20,000 new rows, then updates all of them, each within the transaction bound', async () => {
    const projects = bulkProjects(20_000, 90);
    let started = Date.now();
    expect(await sut.import('plan.csv', toRegistryCsv(projects))).toMatchObject({ created: 20_000 });
    const createMs = Date.now() - started;
    const pinned = await ctx.get(PrismaService).project.update({
      where: { code: projects[0]!.code },
      data: { packVersionPinned: 1 },
    });

    const edited = projects.map((p) => ({ ...p, investment: '999.5' }));
    started = Date.now();
    expect(await sut.import('plan.csv', toRegistryCsv(edited))).toMatchObject({
      created: 0,
      updated: 20_000,
    });
    const updateMs = Date.now() - started;

    const row = await ctx.get(ProjectsRepository).findByCode(projects[0]!.code);
    // an update replaces the registry fields and keeps the project's identity and pinned version
    expect(row).toMatchObject({ id: pinned.id, packVersionPinned: 1, createdAt: pinned.createdAt });
    expect(toProject(row!)).toEqual(edited[0]);
    console.info(`20,000 rows: created in ${createMs} ms, updated in ${updateMs} ms`);
  });

  it('leaves the database exactly as it was when the transaction fails after the rows were written', async () => {
    const existing = buildProject();
    await sut.import('first.csv', toRegistryCsv([existing]));
    const before = await snapshot();
    const renamed = { ...existing, name: '不应保存的新名称' };
    const fresh = buildProject();
    const bad = { ...buildProject(), code: 'not-a-code' };
    const audit = ctx.get(AuditService);
    const append = vi.spyOn(audit, 'append').mockRejectedValueOnce(new Error('connection reset by peer'));

    const attempt = sut.import('doomed.csv', toRegistryCsv([renamed, fresh, bad]));

    await expect(attempt).rejects.toMatchObject({
      code: 'IMPORT_FAILED',
      status: 503,
      text: { zh: expect.stringContaining('数据库未作任何更改') },
      details: { errors: [expect.objectContaining({ rowNumber: 4, column: '项目编码' })] },
    });
    expect(append).toHaveBeenCalledTimes(1);
    append.mockRestore();
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a file name holding a NUL or longer than the limit before reading the file', async () => {
    const before = await snapshot();
    const data = toRegistryCsv([buildProject()]);
    await expect(sut.import('plan\u0000.csv', data)).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      text: { zh: expect.stringContaining('file 文件名含空字符 (U+0000)') },
      details: { issues: [expect.objectContaining({ path: 'file' })] },
    });
    await expect(sut.import('plan\udc00.csv', data)).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await expect(sut.import(`${'项'.repeat(MAX_FILE_NAME_LENGTH)}.csv`, data)).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      text: { zh: expect.stringContaining(`文件名最多 ${MAX_FILE_NAME_LENGTH} 个字符`) },
    });
    expect(await snapshot()).toEqual(before);
  });
});
