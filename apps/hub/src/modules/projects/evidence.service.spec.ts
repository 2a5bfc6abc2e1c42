import type { INestApplicationContext } from '@nestjs/common';
import { buildProject } from '@hub/contracts/testing';
import { projectContentHash } from '@hub/registry';
import { packFor, type Finding as RuleFinding } from '@hub/rules';
import { createTestDatabase } from '../../../../../test/support/database';
import { PrismaService } from '../../infra/database/prisma.service';
import type { Project } from '../../generated/prisma/client';
import { createTestContext } from '../../testing/test-context';
import { FindingsRepository } from '../checks/findings.repository';
import { JudgementsRepository } from '../checks/judgements.repository';
import { EvidenceService } from './evidence.service';
import { ProjectsRepository } from './projects.repository';

const yueyangPack = packFor('yueyang');

const DEPLOY = yueyangPack.rules.find((r) => r.id === 'YY-CLOUD-DEPLOY')!;

describe(EvidenceService.name, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: INestApplicationContext;
  let prisma: PrismaService;
  let sut: EvidenceService;

  beforeAll(async () => {
    db = await createTestDatabase();
    ctx = await createTestContext(db.url);
    prisma = ctx.get(PrismaService);
    sut = ctx.get(EvidenceService);
  });
  afterAll(async () => {
    await ctx?.close();
    await db?.drop();
  });

  async function addProject(): Promise<Project> {
    const project = buildProject();
    await ctx.get(ProjectsRepository).upsert(project, projectContentHash(project));
    return prisma.project.findUniqueOrThrow({ where: { code: project.code } });
  }

  /** A stored gov-cloud resource of the project and a completed check whose deploy finding cites it. */
  async function judgedOn(project: Project) {
    const fetchedAt = new Date('2026-10-31T16:30:00Z');
    const record = await prisma.sourceRecord.create({
      data: {
        source: 'gov-cloud',
        kind: 'resource',
        externalId: `ecs-${project.code}`,
        projectCode: project.code,
        payload: { resourceId: `ecs-${project.code}`, status: 'running', environment: 'production' },
        contentHash: 'a'.repeat(64),
        firstSeenAt: fetchedAt,
        fetchedAt,
      },
    });
    const run = await prisma.checkRun.create({
      data: { kind: 'targeted', status: 'completed', asOf: fetchedAt, startedAt: fetchedAt, syncIds: [] },
    });
    const evidence = [
      {
        source: 'gov-cloud' as const,
        kind: 'resource',
        externalId: record.externalId,
        recordId: record.id,
        fetchedAt: fetchedAt.toISOString(),
        contentHash: record.contentHash,
      },
      // A record the hub no longer holds still shows what the finding kept of it.
      {
        source: 'mlps' as const,
        kind: 'filing',
        externalId: 'gone-1',
        fetchedAt: fetchedAt.toISOString(),
        contentHash: 'b'.repeat(64),
      },
    ];
    const finding: RuleFinding = {
      ruleId: DEPLOY.id,
      packId: 'yueyang',
      title: DEPLOY.title,
      clause: DEPLOY.clause,
      basis: DEPLOY.basis,
      severity: DEPLOY.severity,
      domain: DEPLOY.domain,
      verdict: 'PASS',
      reason: { zh: '已上云', en: 'on the cloud' },
      evidence,
      registry: null,
      warningOnly: false,
    };
    await ctx
      .get(FindingsRepository)
      .save(run.id, [{ projectId: project.id, packVersion: 1, findings: [finding] }]);
    await ctx.get(JudgementsRepository).recordRun(run.id);
    return { record, run };
  }

  it('gives each evidence reference of the finding with the stored record, its payload and hash', async () => {
    const project = await addProject();
    const { record, run } = await judgedOn(project);

    const evidence = await sut.forFinding(project.code, DEPLOY.id, { kind: 'all' });

    expect(evidence).toMatchObject({
      projectCode: project.code,
      ruleId: DEPLOY.id,
      verdict: 'PASS',
      checkRunId: run.id,
    });
    expect(evidence.items).toHaveLength(2);
    expect(evidence.items[0]).toMatchObject({
      source: 'gov-cloud',
      sourceTitle: { zh: expect.any(String), en: expect.any(String) },
      externalId: record.externalId,
      fetchedAt: '2026-10-31T16:30:00.000Z',
      contentHash: 'a'.repeat(64),
      sameAsEvidence: true,
      record: { id: record.id, payload: { status: 'running', environment: 'production' } },
    });
    expect(evidence.items[1]).toMatchObject({ source: 'mlps', record: null, sameAsEvidence: false });
  });

  it('says when the stored record has changed since it was judged', async () => {
    const project = await addProject();
    const { record } = await judgedOn(project);
    await prisma.sourceRecord.update({
      where: { id: record.id },
      data: { contentHash: 'c'.repeat(64), payload: { status: 'stopped' } },
    });

    const [item] = (await sut.forFinding(project.code, DEPLOY.id, { kind: 'all' })).items;

    expect(item).toMatchObject({ contentHash: 'a'.repeat(64), sameAsEvidence: false });
    expect(item!.record).toMatchObject({ contentHash: 'c'.repeat(64), payload: { status: 'stopped' } });
  });

  it("answers 404 for another unit's project and for a rule the latest check did not judge", async () => {
    const project = await addProject();
    await judgedOn(project);
    const otherUnit = (await addProject()).unitCode;

    await expect(
      sut.forFinding(project.code, DEPLOY.id, { kind: 'unit', unitCode: otherUnit }),
    ).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND', status: 404 });
    await expect(sut.forFinding(project.code, 'YY-PLAN', { kind: 'all' })).rejects.toMatchObject({
      status: 404,
    });
    const own = await sut.forFinding(project.code, DEPLOY.id, { kind: 'unit', unitCode: project.unitCode });
    expect(own.items).toHaveLength(2);
  });
});
