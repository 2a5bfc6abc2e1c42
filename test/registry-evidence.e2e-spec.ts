import { createHash } from 'node:crypto';
import { writeRegistryWorkbook } from '@hub/registry';
import { generateDemoCity } from '@hub/sandbox';
import { DEMO_NOW, startTestHub, type TestHub, userWithToken } from './support/hub';

interface Registry {
  fileName: string | null;
  sha256: string | null;
  importedBy: string | null;
  rowNumber: number | null;
  cells: { header: string; value: string }[];
}

/**
 * Every finding says where its facts came from: the registry cells it read, in the workbook and row
 * they were imported from, with the file's hash and who imported it.
 */
describe('findings cite the registry cells they read', () => {
  const demo = generateDemoCity({ now: DEMO_NOW });
  let hub: TestHub;
  let workbook: Buffer;
  let importer: string;

  beforeAll(async () => {
    hub = await startTestHub(demo.dataset);
    const reviewer = await userWithToken(hub.app, 'reviewer');
    importer = reviewer.username;
    workbook = await writeRegistryWorkbook(demo.projects);
    await reviewer.http
      .post('/api/registry/imports')
      .attach('file', workbook, '2026年度项目台账.xlsx')
      .expect(201);
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it('names the import and the row of a project, and every finding of a registry rule cites its cells there', async () => {
    const index = 5;
    const code = demo.projects[index]!.code;
    await hub.http.post('/api/checks').send({ projectCode: code }).expect(201);

    const project = (await hub.http.get(`/api/projects/${code}`).expect(200)).body as { registry: Registry };
    const provenance = {
      fileName: '2026年度项目台账.xlsx',
      sha256: createHash('sha256').update(workbook).digest('hex'),
      importedBy: importer,
      // the header is row 1; the workbook lists the projects in order
      rowNumber: index + 2,
    };
    expect(project.registry).toMatchObject(provenance);

    const { findings } = (await hub.http.get(`/api/projects/${code}/findings`).expect(200)).body as {
      findings: { ruleId: string; evidence: unknown[]; registry: Registry | null }[];
    };
    for (const f of findings) {
      expect([f.ruleId, f.evidence.length + (f.registry?.cells.length ?? 0) > 0]).toEqual([f.ruleId, true]);
      if (f.registry) expect(f.registry).toMatchObject(provenance);
    }
    const plan = findings.find((f) => f.ruleId === 'YY-PLAN' || f.ruleId === 'CZ-PLAN')!;
    expect(plan.registry!.cells.map((c) => c.header)).toContain('计划年度');

    const evidence = (
      await hub.http.get(`/api/projects/${code}/findings/${plan.ruleId}/evidence`).expect(200)
    ).body as { registry: Registry };
    expect(evidence.registry).toEqual(plan.registry);
  });
});
