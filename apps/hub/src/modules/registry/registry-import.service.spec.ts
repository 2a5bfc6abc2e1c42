import type { INestApplicationContext } from '@nestjs/common';
import { toRegistryCsv, writeRegistryWorkbook } from '@hub/registry';
import { buildProject } from '@hub/registry/testing';
import { createTestDatabase } from '../../../../../test/support/database';
import { AppError } from '../../common/app-error';
import { PrismaService } from '../../infra/database/prisma.service';
import { createTestContext } from '../../testing/test-context';
import { ProjectsRepository, toProject } from '../projects/projects.repository';
import { RegistryImportService } from './registry-import.service';

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
});
