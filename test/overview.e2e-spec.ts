import type { INestApplication } from '@nestjs/common';
import { writeRegistryWorkbook } from '@hub/registry';
import { generateDemoCity } from '@hub/sandbox';
import { AlertsService } from '../apps/hub/src/modules/alerts/alerts.service';
import { ChecksService, type CheckReport } from '../apps/hub/src/modules/checks/checks.service';
import type { FindingsSummary } from '../apps/hub/src/modules/checks/findings.repository';
import { type ApiClient, DEMO_NOW, startTestHub, type TestHub, userWithToken } from './support/hub';

/**
 * What the dashboard's overview and monitoring screens read, over the demo city after one scan: the
 * readiness summary (an applicant's narrowed to its unit), the recent scans, the alert summary and the
 * alert list of several rules at once.
 */
describe('overview and monitoring endpoints (sandbox + hub)', () => {
  const demo = generateDemoCity({ now: DEMO_NOW });
  let hub: TestHub;
  let app: INestApplication;
  let scan: CheckReport;
  let applicant: ApiClient;
  let auditor: ApiClient;
  const unitCode = demo.projects[0]!.unitCode;

  beforeAll(async () => {
    hub = await startTestHub(demo.dataset);
    app = hub.app;
    await hub.http
      .post('/api/registry/imports')
      .attach('file', await writeRegistryWorkbook(demo.projects), 'p.xlsx')
      .expect(201);
    scan = await app.get(ChecksService).scan();
    await app.get(AlertsService).evaluate(scan.id);
    applicant = (await userWithToken(app, 'applicant', { unitCode })).http;
    auditor = (await userWithToken(app, 'auditor')).http;
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('summarises readiness as the scan counted it, and an applicant’s over its own unit only', async () => {
    const all = (await hub.http.get('/api/findings/summary').expect(200)).body as FindingsSummary;
    expect(all).toMatchObject({
      projects: demo.projects.length,
      checked: scan.summary!.projects,
      notReady: scan.summary!.notReady,
      ready: scan.summary!.projects - scan.summary!.notReady,
      verdicts: scan.summary!.verdicts,
    });
    expect(all.domains.map((d) => d.domain)).toEqual([
      'cloud',
      'data-sharing',
      'security',
      'platforms',
      'management',
    ]);

    const own = (await applicant.get('/api/findings/summary').expect(200)).body as FindingsSummary;
    const ownCodes = new Set(demo.projects.filter((p) => p.unitCode === unitCode).map((p) => p.code));
    const findings = (await applicant.get('/api/findings').expect(200)).body as {
      projectCode: string;
      verdict: string;
    }[];
    expect(own.projects).toBe(ownCodes.size);
    expect(own.projects).toBeLessThan(all.projects);
    expect(own.ready + own.notReady + own.unchecked).toBe(own.projects);
    expect(Object.values(own.verdicts).reduce((a, b) => a + b, 0)).toBe(findings.length);
    expect(findings.every((f) => ownCodes.has(f.projectCode))).toBe(true);
  });

  it('lists recent scans with their summaries, and still compares two runs at /api/scans/diff', async () => {
    const scans = (await hub.http.get('/api/scans').query({ status: 'completed' }).expect(200)).body;
    expect(scans).toEqual([
      expect.objectContaining({ id: scan.id, status: 'completed', summary: scan.summary }),
    ]);
    await hub.http.get('/api/scans').query({ limit: '0' }).expect(400);
    await auditor.get('/api/scans').expect(200);
    await applicant.get('/api/scans').expect(403);
    await hub.http.get('/api/scans/diff').query({ from: scan.id, to: scan.id }).expect(200);
  });

  it('counts unresolved alerts and lists several rules at once', async () => {
    const summary = (await auditor.get('/api/alerts/summary').expect(200)).body;
    const list = (
      await auditor
        .get('/api/alerts')
        .query({ status: 'unresolved', ruleId: ['MON-ORPHAN', 'MON-IDLE'], pageSize: '500' })
        .expect(200)
    ).body as { total: number; items: { ruleId: string; details: { vcpu?: number } }[] };
    expect(list.total).toBe(summary.byRule['MON-ORPHAN'].open + summary.byRule['MON-IDLE'].open);
    expect(new Set(list.items.map((a) => a.ruleId))).toEqual(
      new Set(['MON-ORPHAN', 'MON-IDLE'].filter((r) => summary.byRule[r].open > 0)),
    );
    expect(list.total).toBeGreaterThan(0);
    expect(summary.resources.orphan.resources + summary.resources.idle.resources).toBe(list.total);
    expect(summary.resources.total.vcpu).toBeGreaterThan(0);
    expect(summary.unresolved).toBe(
      Object.values(summary.bySeverity as Record<string, { open: number; acknowledged: number }>).reduce(
        (n, s) => n + s.open + s.acknowledged,
        0,
      ),
    );
    await applicant.get('/api/alerts/summary').expect(403);
  });
});
