import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { buildProject } from '@hub/contracts/testing';
import { BUILTIN_PACKS_DIR } from '@hub/rules';
import { writeRegistryWorkbook } from '@hub/registry';
import type { TSandboxDataset } from '@hub/contracts';
import { ChecksService } from '../apps/hub/src/modules/checks/checks.service';
import { runCli as runCliIn } from './support/cli';
import { DEMO_NOW, startTestHub, type TestHub, userWithToken } from './support/hub';

/**
 * A third city added without code: 示例市's pack file (docs/packs.md) copied into a temporary
 * HUB_PACKS_DIR, two of its projects imported from a registry workbook and scanned against the
 * sandbox. Its requirements' findings reach the API, the CLI, the opinion and the dashboard's API.
 */
describe('a third city from a pack file (HUB_PACKS_DIR)', () => {
  const packsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-packs-'));
  fs.copyFileSync(
    path.join(BUILTIN_PACKS_DIR, 'examples', 'shili.pack.yaml'),
    path.join(packsDir, 'shili.pack.yaml'),
  );

  const shili = (region: string, overrides: Parameters<typeof buildProject>[0]) =>
    buildProject({
      region,
      policyPack: 'shili',
      name: `示例市政务服务平台项目${region}`,
      unitName: `示例市数据局${region}`,
      ...overrides,
    });
  /** On the cloud, in production, its expert review on record: every applying requirement passes. */
  const running = shili('439900', { investment: '500', expertReviewRef: '示数专审〔2026〕1号' });
  /** Nothing on the cloud and no expert review: the cloud and review requirements fail. */
  const missing = shili('439901', { investment: '400', expertReviewRef: null });

  const dataset: TSandboxDataset = {
    now: DEMO_NOW,
    govCloud: {
      tenants: [
        {
          tenantId: 'tnt-shili-1',
          tenantName: `${running.unitName}-政务服务平台`,
          unitName: running.unitName,
          unitCode: running.unitCode,
          region: '439900',
          purchaseMode: 'city-allocated',
          createdAt: '2026-01-05T09:00:00+08:00',
        },
      ],
      resources: [
        {
          resourceId: 'ecs-shili-0001',
          tenantId: 'tnt-shili-1',
          projectCode: running.code,
          systemName: running.systemNames[0],
          type: 'ecs',
          spec: { vcpu: 8, memoryGiB: 16, storageGiB: 200 },
          environment: 'production',
          networkZone: 'egov-extranet',
          status: 'running',
          createdAt: '2026-02-01T09:00:00+08:00',
          updatedAt: '2026-10-01T09:00:00+08:00',
          utilization: { cpuAvg30d: 40, memAvg30d: 60 },
        },
      ],
    },
    dataExchange: { systems: [], catalog: [], stats: [] },
    mlps: { filings: [] },
    video: { platforms: [], devices: [] },
    servicePlatforms: { ywtb: [], ybyh: [], brain: [] },
  };

  let hub: TestHub;
  let app: INestApplication;

  beforeAll(async () => {
    hub = await startTestHub(dataset, { env: { HUB_PACKS_DIR: packsDir } });
    app = hub.app;
  });
  afterAll(async () => {
    await hub?.stop();
    fs.rmSync(packsDir, { recursive: true, force: true });
  });

  const EXPECTED = {
    [running.code]: {
      'SL-CLOUD': 'PASS',
      'SL-NET': 'PASS',
      'SL-MLPS-EVAL': 'NOT_APPLICABLE',
      'SL-EXPERT-REVIEW': 'PASS',
      'SL-PROD-RUNNING': 'PASS',
    },
    [missing.code]: {
      'SL-CLOUD': 'FAIL',
      'SL-NET': 'NOT_APPLICABLE',
      'SL-MLPS-EVAL': 'NOT_APPLICABLE',
      'SL-EXPERT-REVIEW': 'FAIL',
      'SL-PROD-RUNNING': 'FAIL',
    },
  };

  it('imports 示例市 projects whose 适用办法 is the new pack, and scans them', async () => {
    const res = await hub.http
      .post('/api/registry/imports')
      .attach('file', await writeRegistryWorkbook([running, missing]), '示例市项目台账.xlsx')
      .expect(201);
    expect(res.body).toMatchObject({ created: 2, rejected: 0 });

    const scan = await app.get(ChecksService).scan();

    expect(scan.status).toBe('completed');
    expect(scan.summary!.projects).toBe(2);
  });

  it('gives the findings of the new pack’s requirements in the API', async () => {
    for (const [code, expected] of Object.entries(EXPECTED)) {
      const res = await hub.http.get(`/api/projects/${code}/findings`).expect(200);
      const got = Object.fromEntries(
        (res.body.findings as { ruleId: string; verdict: string }[]).map((f) => [f.ruleId, f.verdict]),
      );
      expect({ code, got }).toEqual({ code, got: expected });
    }
    const prod = (
      await hub.http.get(`/api/projects/${running.code}/findings`).expect(200)
    ).body.findings.find((f: { ruleId: string }) => f.ruleId === 'SL-PROD-RUNNING');
    expect(prod).toMatchObject({ reason: { zh: '政务云生产环境有运行中的资源' }, clause: '第六条' });
    expect(prod.evidence).toEqual([
      expect.objectContaining({ source: 'gov-cloud', externalId: 'ecs-shili-0001' }),
    ]);
  });

  it('gives the same findings from the CLI', async () => {
    const out = await runCliIn(hub.envVars, ['findings', '--project', missing.code, '--format', 'json']);
    const got = Object.fromEntries(
      (JSON.parse(out) as { ruleId: string; verdict: string }[]).map((f) => [f.ruleId, f.verdict]),
    );

    expect(got).toEqual(EXPECTED[missing.code]);
    const list = await runCliIn(hub.envVars, ['packs', 'list', '--format', 'json']);
    expect((JSON.parse(list) as { id: string; requirements: number }[]).at(-1)).toMatchObject({
      id: 'shili',
      requirements: 5,
    });
  });

  it('drafts the opinion under the new city’s issuer with its requirements', async () => {
    const applicant = (await userWithToken(app, 'applicant', { unitCode: missing.unitCode })).http;
    const reviewer = (await userWithToken(app, 'reviewer', { username: 'shili.review' })).http;
    const review = await applicant.post('/api/reviews').send({ projectCode: missing.code }).expect(201);

    const doc = (await reviewer.get(`/api/reviews/${review.body.id}/opinion`).expect(200)).body;

    const findings = doc.sections.flatMap(
      (s: { findings: { ruleId: string; verdict: string }[] }) => s.findings,
    );
    expect(
      Object.fromEntries(findings.map((f: { ruleId: string; verdict: string }) => [f.ruleId, f.verdict])),
    ).toEqual(EXPECTED[missing.code]);
    expect(doc.blockingRuleIds).toEqual(expect.arrayContaining(['SL-CLOUD', 'SL-PROD-RUNNING']));
    expect(JSON.stringify(doc)).toContain('示例市政务信息化项目技术支持组');
  });

  it('shows the new city and its projects through the dashboard’s API', async () => {
    const packs = (await hub.http.get('/api/packs').expect(200)).body as {
      id: string;
      divisions: unknown[];
    }[];
    expect(packs.map((p) => p.id)).toContain('shili');

    const projects = await hub.http.get('/api/projects').query({ pack: 'shili' }).expect(200);
    expect(JSON.stringify(projects.body)).toContain(running.code);
    expect(JSON.stringify(projects.body)).toContain(missing.code);

    const rules = (await hub.http.get('/api/packs/shili/rules').expect(200)).body as {
      id: string;
      settings: string[];
    }[];
    expect(rules.map((r) => r.id)).toEqual(Object.keys(EXPECTED[running.code]!));
    expect(rules.find((r) => r.id === 'SL-EXPERT-REVIEW')!.settings).toEqual(['expertReviewMinInvestment']);
  });

  it('previews, refuses a misspelt setting, publishes and pins versions of the file-defined pack', async () => {
    const reviewer = (await userWithToken(app, 'reviewer', { username: 'shili.versions' })).http;
    const draft = {
      settings: { expertReviewMinInvestment: 1000 },
      effectiveFrom: '2000-01-02',
      note: '测试',
    };

    const preview = await reviewer.post('/api/packs/shili/preview').send(draft).expect(200);
    // both projects are below 1000 万元: the requirement no longer applies to either
    const flips = preview.body.flips as { projectCode: string; ruleId: string; to: { verdict: string } }[];
    expect(flips.map((f) => [f.projectCode, f.ruleId, f.to.verdict]).sort()).toEqual(
      [
        [missing.code, 'SL-EXPERT-REVIEW', 'NOT_APPLICABLE'],
        [running.code, 'SL-EXPERT-REVIEW', 'NOT_APPLICABLE'],
      ].sort(),
    );
    const typo = await hub.http
      .post('/api/packs/shili/versions')
      .send({ ...draft, settings: { expertReviewMinInvestmnet: 1000 } })
      .expect(400);
    expect(typo.body.error.message.zh).toMatch(/^[\u4e00-\u9fff]/);
    expect(typo.body.error.message.en).toContain('expertReviewMinInvestmnet');

    const published = await hub.http.post('/api/packs/shili/versions').send(draft).expect(201);
    expect(published.body.version).toBe(2);
    const under2 = await hub.http.post('/api/checks').send({ projectCode: missing.code }).expect(201);
    const expert = (f: { ruleId: string }) => f.ruleId === 'SL-EXPERT-REVIEW';
    expect(under2.body.project.findings.find(expert)).toMatchObject({
      verdict: 'NOT_APPLICABLE',
      packVersion: 2,
    });

    await hub.http.post('/api/packs/shili/pins').send({ projectCode: missing.code, version: 1 }).expect(200);
    const pinned = await hub.http.post('/api/checks').send({ projectCode: missing.code }).expect(201);
    expect(pinned.body.project.findings.find(expert)).toMatchObject({ verdict: 'FAIL', packVersion: 1 });
  });
});
