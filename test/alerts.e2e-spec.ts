import type { INestApplication } from '@nestjs/common';
import { ZMlpsFiling } from '@hub/contracts';
import { writeRegistryWorkbook } from '@hub/registry';
import { generateDemoCity } from '@hub/sandbox';
import { AlertsService, type AlertView } from '../apps/hub/src/modules/alerts/alerts.service';
import { ChecksService } from '../apps/hub/src/modules/checks/checks.service';
import { runCli as runCliIn } from './support/cli';
import { DEMO_NOW, startTestHub, type TestHub, userWithToken } from './support/hub';

interface DemoFiling {
  filingNo: string;
  projectCode?: string | null;
  unitCode: string;
  systemName: string;
  level: number;
  gradedAt: string;
  status: string;
}
interface DemoResource {
  resourceId: string;
  tenantId: string;
  projectCode?: string | null;
  systemName: string | null;
  environment: string;
  status: string;
}

/**
 * Continuous monitoring over the demo city: one scan, one evaluation, and the demo's production
 * system whose MLPS filing was revoked is a critical MON-PROD-NO-FILING alert on the API and in the
 * CLI; a scan while the cloud is down judges nothing that reads it and clears nothing.
 */
describe('monitoring alerts (sandbox + hub)', () => {
  const demo = generateDemoCity({ now: DEMO_NOW });
  const filings = demo.dataset.mlps.filings as DemoFiling[];
  const resources = demo.dataset.govCloud.resources as DemoResource[];
  // The designed project whose filing was revoked while production keeps running: no FILED filing.
  const revoked = demo.designed.find(
    (d) =>
      d.expected['YY-MLPS-PROD'] === 'FAIL' &&
      !filings.some((f) => f.projectCode === d.code && f.status === 'FILED'),
  )!;
  const production = resources.filter(
    (r) => r.projectCode === revoked?.code && r.environment === 'production' && r.status === 'running',
  );
  const keys = production.map((r) => `MON-PROD-NO-FILING:gov-cloud:${r.resourceId}`);

  let hub: TestHub;
  let app: INestApplication;
  let scanId: string;

  beforeAll(async () => {
    hub = await startTestHub(demo.dataset, { env: { GOV_CLOUD_TIMEOUT_MS: '3000' } });
    app = hub.app;
    await hub.http
      .post('/api/registry/imports')
      .attach('file', await writeRegistryWorkbook(demo.projects), '项目台账.xlsx')
      .expect(201);
  });
  afterAll(async () => {
    await hub?.stop();
  });

  const runCli = (args: string[]) => runCliIn(hub.envVars, args);

  it('designs a running production system without a FILED filing into the demo city', () => {
    expect(revoked).toBeDefined();
    expect(production.length).toBeGreaterThan(0);
  });

  it('raises a critical MON-PROD-NO-FILING alert for it within one scan', async () => {
    const scan = await app.get(ChecksService).scan();
    expect(scan.status).toBe('completed');
    scanId = scan.id;

    const changes = await app.get(AlertsService).evaluate(scan.id);

    expect(changes).toMatchObject({ checkRunId: scan.id, skippedRules: [], reopened: [], resolved: [] });
    expect(changes.open).toBe(changes.opened.length);
    const raised = changes.opened.filter((a) => keys.includes(a.key));
    expect(raised.map((a) => a.key).sort()).toEqual([...keys].sort());
    for (const alert of raised) {
      expect(alert).toMatchObject({
        ruleId: 'MON-PROD-NO-FILING',
        severity: 'critical',
        status: 'open',
        projectCode: revoked.code,
        ownerUnitCode: demo.projects.find((p) => p.code === revoked.code)!.unitCode,
        lastCheckRunId: scan.id,
        firstSeenAt: new Date(DEMO_NOW).toISOString(),
      });
      expect(alert.evidence).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            source: 'gov-cloud',
            kind: 'resource',
            contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
          }),
          expect.objectContaining({ source: 'mlps', kind: 'filing' }),
        ]),
      );
    }
  });

  it('names the unreadable filing of a production system whose only filing breaks its contract, never "no filing"', async () => {
    const tenantUnits = new Map(
      (demo.dataset.govCloud.tenants as { tenantId: string; unitCode: string }[]).map((t) => [
        t.tenantId,
        t.unitCode,
      ]),
    );
    const broken = filings.filter((f) => !ZMlpsFiling.safeParse(f).success && f.status === 'FILED');
    const covers = (f: DemoFiling, r: DemoResource) =>
      f.projectCode
        ? r.projectCode === f.projectCode
        : !r.projectCode && tenantUnits.get(r.tenantId) === f.unitCode && r.systemName === f.systemName;
    const expected = broken.flatMap((f) =>
      resources
        .filter((r) => r.environment === 'production' && r.status === 'running' && covers(f, r))
        .map((r) => ({ key: `MON-PROD-NO-FILING:gov-cloud:${r.resourceId}`, filing: f })),
    );
    const res = await hub.http
      .get('/api/alerts')
      .query({ ruleId: 'MON-PROD-NO-FILING', status: 'open', pageSize: '500' })
      .expect(200);
    const alerts = new Map((res.body.items as AlertView[]).map((a) => [a.key, a]));

    // Two designed projects (a filing of 30 February, a number without its dash) and a stray system.
    expect(new Set(expected.map((e) => e.filing.projectCode ?? null)).size).toBe(3);
    for (const { key, filing } of expected) {
      const alert = alerts.get(key);
      expect(alert, key).toBeDefined();
      expect(alert!.message.zh).toContain('无法确认');
      expect(alert!.message.zh).toContain(filing.filingNo);
      expect(alert!.message.zh).not.toContain('没有任何备案记录');
      expect(alert!.message.en).not.toContain('no filing on record');
      expect(alert!.details).toMatchObject({ unreadableFilings: [filing.filingNo] });
    }
  });

  it('raises MON-FILING-PENDING for level-2+ filings pending more than 14 days, the designed one not yet due included', async () => {
    const local = (t: string) => Date.parse(`${t.replace(' ', 'T')}+08:00`);
    const overdue = filings.filter(
      (f) =>
        ZMlpsFiling.safeParse(f).success &&
        f.status === 'PENDING' &&
        f.level >= 2 &&
        Date.parse(DEMO_NOW) - local(f.gradedAt) > 14 * 86_400_000,
    );
    const notYetDue = demo.designed.find(
      (d) =>
        d.expected['YY-MLPS-TIMELY'] === 'PASS' &&
        filings.some((f) => f.projectCode === d.code) &&
        filings.filter((f) => f.projectCode === d.code).every((f) => f.status === 'PENDING'),
    )!;
    const res = await hub.http
      .get('/api/alerts')
      .query({ ruleId: 'MON-FILING-PENDING', status: 'open', pageSize: '500' })
      .expect(200);
    const alerts = res.body.items as AlertView[];

    expect(notYetDue).toBeDefined();
    expect(alerts.map((a) => a.key).sort()).toEqual(
      overdue.map((f) => `MON-FILING-PENDING:mlps:${f.filingNo}`).sort(),
    );
    expect(alerts.find((a) => a.projectCode === notYetDue.code)).toMatchObject({
      severity: 'warning',
      message: { zh: expect.stringContaining('仍在受理中（PENDING）') },
      details: { level: 2, pendingDays: expect.any(Number) },
    });
  });

  it('shows the alert on GET /api/alerts and GET /api/alerts/:id', async () => {
    const res = await hub.http
      .get('/api/alerts')
      .query({ ruleId: 'MON-PROD-NO-FILING', projectCode: revoked.code, status: 'open' })
      .expect(200);
    expect(res.body.total).toBe(keys.length);
    const alert = res.body.items[0] as AlertView;
    expect(alert).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        key: expect.stringMatching(/^MON-PROD-NO-FILING:gov-cloud:/),
        ruleId: 'MON-PROD-NO-FILING',
        projectCode: revoked.code,
        status: 'open',
        severity: 'critical',
        firstSeenAt: expect.any(String),
        lastSeenAt: expect.any(String),
        title: { zh: expect.stringContaining('等级保护备案'), en: expect.any(String) },
        message: { zh: expect.any(String), en: expect.any(String) },
        ownerUnitCode: expect.any(String),
        ownerUnitName: expect.any(String),
        details: expect.objectContaining({ resourceId: expect.any(String) }),
      }),
    );
    const one = await hub.http.get(`/api/alerts/${alert.id}`).expect(200);
    expect(one.body).toEqual(alert);
    await hub.http.get('/api/alerts/00000000-0000-4000-8000-000000000000').expect(404);
    await hub.http.get('/api/alerts').query({ status: 'closed' }).expect(400);
  });

  it('prints it from `hub alerts --format json`', async () => {
    const out = await runCli([
      'alerts',
      '--rule',
      'MON-PROD-NO-FILING',
      '--status',
      'open',
      '--format',
      'json',
    ]);
    const listed = JSON.parse(out) as AlertView[];
    const ours = listed.filter((a) => a.projectCode === revoked.code);
    expect(ours.map((a) => a.key).sort()).toEqual([...keys].sort());
    for (const a of listed) {
      expect(a).toEqual(
        expect.objectContaining({
          ruleId: 'MON-PROD-NO-FILING',
          status: 'open',
          severity: 'critical',
          firstSeenAt: expect.any(String),
          lastSeenAt: expect.any(String),
        }),
      );
      expect(a).toHaveProperty('projectCode');
    }
  });

  it('keeps one alert per key when evaluated again from the CLI', async () => {
    const out = await runCli(['alerts', 'evaluate', '--format', 'json']);
    const changes = JSON.parse(out) as { opened: AlertView[]; resolved: AlertView[]; open: number };
    expect(changes.opened).toEqual([]);
    expect(changes.resolved).toEqual([]);
    const res = await hub.http
      .get('/api/alerts')
      .query({ projectCode: revoked.code, ruleId: 'MON-PROD-NO-FILING' });
    expect(res.body.total).toBe(keys.length);
  });

  it('lets the big-data centre acknowledge it, audited; a resolve without a comment is refused', async () => {
    const monitor = await userWithToken(app, 'monitor', { username: 'monitor.wang' });
    const [alert] = (
      await monitor.http.get('/api/alerts').query({ projectCode: revoked.code, ruleId: 'MON-PROD-NO-FILING' })
    ).body.items as AlertView[];
    const acked = await monitor.http
      .post(`/api/alerts/${alert!.id}/acknowledge`)
      .send({ comment: '已通知建设单位' })
      .expect(200);
    expect(acked.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'monitor.wang' });
    await monitor.http.post(`/api/alerts/${alert!.id}/acknowledge`).send({}).expect(409);
    await monitor.http.post(`/api/alerts/${alert!.id}/resolve`).send({}).expect(400);
    const audit = await hub.http.get('/api/audit').query({ actor: 'monitor.wang' }).expect(200);
    expect(audit.body.items[0]).toMatchObject({
      action: 'alert.acknowledge',
      objectType: 'alert',
      objectId: alert!.id,
    });
    const auditor = await userWithToken(app, 'auditor');
    await auditor.http.get('/api/alerts').expect(200);
    await auditor.http.post(`/api/alerts/${alert!.id}/resolve`).send({ comment: '不该允许' }).expect(403);
  });

  it('skips the rules reading the cloud while it is down, and clears none of their alerts', async () => {
    hub.sandbox.faults.update('gov-cloud', { maintenance: true });
    try {
      const scan = await app.get(ChecksService).scan();
      const changes = await app.get(AlertsService).evaluate(scan.id);
      expect(changes.skippedRules.map((s) => s.ruleId)).toEqual(
        expect.arrayContaining(['MON-PROD-NO-FILING', 'MON-ORPHAN', 'MON-IDLE']),
      );
      expect(changes.resolved.filter((a) => keys.includes(a.key))).toEqual([]);
      const res = await hub.http
        .get('/api/alerts')
        .query({ projectCode: revoked.code, ruleId: 'MON-PROD-NO-FILING' });
      expect((res.body.items as AlertView[]).every((a) => a.status !== 'resolved')).toBe(true);
      expect(scanId).not.toBe(scan.id);
    } finally {
      hub.sandbox.faults.reset('gov-cloud');
    }
  });
});
