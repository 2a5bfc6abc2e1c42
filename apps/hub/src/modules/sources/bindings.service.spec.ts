import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { buildProject } from '@hub/registry/testing';
import { projectContentHash } from '@hub/registry';
import { createTestDatabase } from '../../../../../test/support/database';
import { PrismaService } from '../../infra/database/prisma.service';
import { createTestContext } from '../../testing/test-context';
import { ProjectsRepository } from '../projects/projects.repository';
import { BindingsService } from './bindings.service';

describe(BindingsService.name, () => {
  let ctx: INestApplicationContext;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let prisma: PrismaService;
  let sut: BindingsService;

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = await createTestContext(db.url);
    prisma = ctx.get(PrismaService);
    sut = ctx.get(BindingsService);
  });
  afterAll(async () => {
    await ctx?.close();
    await db?.drop();
  });

  let seq = 0;
  async function addProject(overrides: Parameters<typeof buildProject>[0] = {}) {
    const project = buildProject(overrides);
    await ctx.get(ProjectsRepository).upsert(project, projectContentHash(project));
    return await prisma.project.findUniqueOrThrow({ where: { code: project.code } });
  }
  function addRecord(fields: {
    projectCode?: string | null;
    unitCode?: string | null;
    systemName?: string | null;
    lastSyncId?: string;
  }) {
    seq++;
    return prisma.sourceRecord.create({
      data: {
        source: 'gov-cloud',
        kind: 'resource',
        externalId: `ecs-binding-${seq}`,
        projectCode: fields.projectCode ?? null,
        unitCode: fields.unitCode ?? null,
        systemName: fields.systemName ?? null,
        lastSyncId: fields.lastSyncId ?? null,
        payload: { resourceId: `ecs-binding-${seq}` },
        contentHash: `hash-${seq}`,
        firstSeenAt: new Date(),
        fetchedAt: new Date(),
      },
    });
  }
  const bindingsOf = (recordId: string) => prisma.binding.findMany({ where: { recordId } });

  it('binds a record to the project its projectCode names', async () => {
    const project = await addProject();
    const record = await addRecord({ projectCode: project.code });
    await sut.rebind();
    expect(await bindingsOf(record.id)).toEqual([
      expect.objectContaining({ projectId: project.id, method: 'code' }),
    ]);
  });

  it('suggests a record without a code to the project of the same unit whose system name matches after normalising', async () => {
    const project = await addProject({ systemNames: ['医保智能监管(二期)系统'] });
    const match = await addRecord({ unitCode: project.unitCode, systemName: '医保智能监管（二期） 系统' });
    const otherUnit = await addRecord({
      unitCode: '91430600MA0000001X',
      systemName: '医保智能监管(二期)系统',
    });
    const otherName = await addRecord({ unitCode: project.unitCode, systemName: '门户网站' });
    await sut.rebind();
    expect(await bindingsOf(match.id)).toEqual([
      expect.objectContaining({ projectId: project.id, method: 'suggested', score: 1 }),
    ]);
    expect(await bindingsOf(otherUnit.id)).toEqual([]);
    expect(await bindingsOf(otherName.id)).toEqual([]);
  });

  it('never suggests a record whose projectCode names an unknown project', async () => {
    const project = await addProject({ systemNames: ['电子证照系统'] });
    const record = await addRecord({
      projectCode: '99-430600-9999',
      unitCode: project.unitCode,
      systemName: '电子证照系统',
    });
    await sut.rebind();
    expect(await bindingsOf(record.id)).toEqual([]);
  });

  it('keeps operator decisions: a rejected suggestion is not offered again, a confirmed one stays', async () => {
    const project = await addProject({ systemNames: ['应急指挥平台'] });
    const rejected = await addRecord({ unitCode: project.unitCode, systemName: '应急指挥平台' });
    const confirmed = await addRecord({ unitCode: project.unitCode, systemName: '应急指挥' });
    await sut.rebind();
    await prisma.binding.updateMany({
      where: { recordId: rejected.id },
      data: { method: 'rejected', decidedBy: 't' },
    });
    await prisma.binding.updateMany({
      where: { recordId: confirmed.id },
      data: { method: 'confirmed', decidedBy: 't' },
    });
    await sut.rebind();
    expect((await bindingsOf(rejected.id)).map((b) => b.method)).toEqual(['rejected']);
    expect((await bindingsOf(confirmed.id)).map((b) => b.method)).toEqual(['confirmed']);
  });

  it('drops a suggestion once the record carries a project code, binding it by code instead', async () => {
    const project = await addProject({ systemNames: ['不动产登记系统'] });
    const record = await addRecord({ unitCode: project.unitCode, systemName: '不动产登记系统' });
    await sut.rebind();
    expect((await bindingsOf(record.id)).map((b) => b.method)).toEqual(['suggested']);
    await prisma.sourceRecord.update({ where: { id: record.id }, data: { projectCode: project.code } });
    await sut.rebind();
    expect((await bindingsOf(record.id)).map((b) => b.method)).toEqual(['code']);
  });

  it('changes nothing when run twice', async () => {
    await sut.rebind();
    expect(await sut.rebind()).toEqual({ created: 0, removed: 0 });
  });

  describe('for the records one check fetched', () => {
    it('binds and unbinds only those, leaving every other record as it stands', async () => {
      await sut.rebind();
      const fetchedBy = randomUUID();
      const project = await addProject();
      const fetched = await addRecord({ projectCode: project.code, lastSyncId: fetchedBy });
      const elsewhere = await addRecord({ projectCode: project.code, lastSyncId: randomUUID() });
      const moved = await addRecord({ projectCode: project.code, lastSyncId: fetchedBy });
      await sut.rebind({ syncIds: [fetchedBy] });
      const other = await addProject({ unitCode: project.unitCode });
      await prisma.sourceRecord.update({ where: { id: moved.id }, data: { projectCode: other.code } });

      expect(await sut.rebind({ syncIds: [fetchedBy] })).toEqual({ created: 1, removed: 1 });

      expect((await bindingsOf(fetched.id)).map((b) => b.projectId)).toEqual([project.id]);
      expect((await bindingsOf(moved.id)).map((b) => b.projectId)).toEqual([other.id]);
      // Not fetched by the check: matched by the next scan's city-wide pass, not by the check.
      expect(await bindingsOf(elsewhere.id)).toEqual([]);
      await sut.rebind();
      expect((await bindingsOf(elsewhere.id)).map((b) => b.projectId)).toEqual([project.id]);
    });

    it('suggests a fetched record without a code to the projects of its unit', async () => {
      const fetchedBy = randomUUID();
      const project = await addProject({ systemNames: ['社会救助信息管理系统'] });
      const record = await addRecord({
        unitCode: project.unitCode,
        systemName: '社会救助信息管理系统',
        lastSyncId: fetchedBy,
      });

      await sut.rebind({ syncIds: [fetchedBy] });

      expect(await bindingsOf(record.id)).toEqual([
        expect.objectContaining({ projectId: project.id, method: 'suggested' }),
      ]);
    });
  });
});
