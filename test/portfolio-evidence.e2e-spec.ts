import type { INestApplication } from '@nestjs/common';
import { writeRegistryWorkbook } from '@hub/registry';
import { generateDemoCity } from '@hub/sandbox';
import { ChecksService } from '../apps/hub/src/modules/checks/checks.service';
import { type ApiClient, DEMO_NOW, startTestHub, type TestHub, userWithToken } from './support/hub';

interface Row {
  code: string;
  unitCode: string;
  packId: string;
  ready: boolean | null;
  verdicts: Record<string, string>;
}
interface Finding {
  ruleId: string;
  domain: string;
  verdict: string;
  evidence: { source: string; externalId: string; contentHash: string; fetchedAt: string }[];
}

/**
 * What the dashboard's project screens read: one page of the portfolio with every filter of the view,
 * its export, and the upstream records behind a finding, each narrowed to the caller's unit.
 */
describe('portfolio pages and finding evidence', () => {
  const demo = generateDemoCity({ now: DEMO_NOW });
  let hub: TestHub;
  let app: INestApplication;
  let reviewer: ApiClient;
  let applicant: ApiClient;
  const unitCode = demo.projects[0]!.unitCode;

  beforeAll(async () => {
    hub = await startTestHub(demo.dataset);
    app = hub.app;
    await hub.http
      .post('/api/registry/imports')
      .attach('file', await writeRegistryWorkbook(demo.projects), 'p.xlsx')
      .expect(201);
    await app.get(ChecksService).scan();
    reviewer = (await userWithToken(app, 'reviewer')).http;
    applicant = (await userWithToken(app, 'applicant', { unitCode })).http;
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('answers one page and the size of the whole view when asked for a page', async () => {
    const all = (await reviewer.get('/api/portfolio').expect(200)).body as Row[];
    const page = await reviewer.get('/api/portfolio').query({ page: 2, pageSize: 5 }).expect(200);

    expect(page.body).toMatchObject({ total: all.length, page: 2, pageSize: 5 });
    expect(page.body.items.map((r: Row) => r.code)).toEqual(all.slice(5, 10).map((r) => r.code));
    expect(Object.keys(page.body.items[0].verdicts).length).toBeGreaterThan(0);
    await reviewer.get('/api/portfolio').query({ pageSize: 501 }).expect(400);
  });

  it('filters by text, review domain and verdict together, and exports the same view', async () => {
    const failingCloud = (
      await reviewer.get('/api/portfolio').query({ domain: 'cloud', verdict: 'FAIL' }).expect(200)
    ).body as Row[];
    expect(failingCloud.length).toBeGreaterThan(0);
    const findings = (await reviewer.get(`/api/projects/${failingCloud[0]!.code}/findings`).expect(200)).body
      .findings as Finding[];
    expect(findings.some((f) => f.domain === 'cloud' && f.verdict === 'FAIL')).toBe(true);

    const searched = await reviewer
      .get('/api/portfolio')
      .query({ q: failingCloud[0]!.code.toLowerCase() })
      .expect(200);
    expect(searched.body.map((r: Row) => r.code)).toEqual([failingCloud[0]!.code]);

    const xlsx = await reviewer
      .get('/api/portfolio')
      .query({ domain: 'cloud', verdict: 'FAIL', format: 'xlsx', page: 1 })
      .expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toContain('portfolio.xlsx');
  });

  it("pages an applicant's own unit only", async () => {
    const page = await applicant.get('/api/portfolio').query({ page: 1, pageSize: 500 }).expect(200);
    const own = demo.projects.filter((p) => p.unitCode === unitCode);
    expect(page.body.total).toBe(own.length);
    expect(page.body.items.every((r: Row) => r.unitCode === unitCode)).toBe(true);
  });

  it('gives the stored upstream records behind a finding, and refuses another unit’s project', async () => {
    const rows = (await reviewer.get('/api/portfolio').expect(200)).body as Row[];
    let target: { code: string; finding: Finding } | undefined;
    for (const row of rows) {
      const findings = (await reviewer.get(`/api/projects/${row.code}/findings`).expect(200)).body
        .findings as Finding[];
      const finding = findings.find((f) => f.evidence.length > 0);
      if (finding) {
        target = { code: row.code, finding };
        break;
      }
    }
    expect(target).toBeDefined();
    const { code, finding } = target!;

    const res = await reviewer.get(`/api/projects/${code}/findings/${finding.ruleId}/evidence`).expect(200);

    expect(res.body.items).toHaveLength(finding.evidence.length);
    expect(res.body.items[0]).toMatchObject({
      source: finding.evidence[0]!.source,
      externalId: finding.evidence[0]!.externalId,
      contentHash: finding.evidence[0]!.contentHash,
      sameAsEvidence: true,
      record: { contentHash: finding.evidence[0]!.contentHash, payload: expect.any(Object) },
    });
    const project = demo.projects.find((p) => p.code === code)!;
    const strangerUnit = demo.projects.find((p) => p.unitCode !== project.unitCode)!.unitCode;
    const stranger = (await userWithToken(app, 'applicant', { unitCode: strangerUnit })).http;
    await stranger.get(`/api/projects/${code}/findings/${finding.ruleId}/evidence`).expect(404);
    await reviewer.get(`/api/projects/${code}/findings/NO-SUCH-RULE/evidence`).expect(404);
  });
});
