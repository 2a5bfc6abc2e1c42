import type { INestApplication } from '@nestjs/common';
import { writeRegistryWorkbook } from '@hub/registry';
import { generateDemoCity } from '@hub/sandbox';
import { ChecksService } from '../apps/hub/src/modules/checks/checks.service';
import { runCli } from './support/cli';
import {
  type ApiClient,
  DEMO_NOW,
  firstValidUnbound,
  startTestHub,
  type TestHub,
  userWithToken,
} from './support/hub';

interface DiffItem {
  projectCode: string;
  ruleId: string;
  change: string;
  from: string | null;
  to: string | null;
}

/**
 * Check history over HTTP and the CLI on the demo city: a scan, an operator binds an orphan cloud
 * resource to a project whose system was not found on the government cloud, a second scan, then a
 * third while the cloud inventory is down. The diffs, the project's timeline and the rule's trend
 * each show what changed, and an applicant sees only its own unit's history.
 */
describe('check history (timelines, trends, diffs)', () => {
  const demo = generateDemoCity({ now: DEMO_NOW });
  let hub: TestHub;
  let app: INestApplication;
  let applicant: ApiClient;
  let other: ApiClient;
  const failing = demo.designed.find((d) => d.expected['YY-CLOUD-DEPLOY'] === 'FAIL')!;
  const project = demo.projects.find((p) => p.code === failing.code)!;
  let first: string;
  let second: string;

  beforeAll(async () => {
    hub = await startTestHub(demo.dataset);
    app = hub.app;
    await hub.http
      .post('/api/registry/imports')
      .attach('file', await writeRegistryWorkbook(demo.projects), 'p.xlsx')
      .expect(201);
    first = (await app.get(ChecksService).scan()).id;
    const orphan = firstValidUnbound(
      (await hub.http.get('/api/resources/unbound').expect(200)).body as { resourceId: string }[],
      demo.dataset,
    );
    await hub.http
      .post('/api/bindings')
      .send({ record: `gov-cloud/resource/${orphan.resourceId}`, projectCode: project.code })
      .expect(201);
    second = (await app.get(ChecksService).scan()).id;
    applicant = (await userWithToken(app, 'applicant', { unitCode: project.unitCode })).http;
    const otherUnit = demo.projects.find((p) => p.unitCode !== project.unitCode)!.unitCode;
    other = (await userWithToken(app, 'applicant', { unitCode: otherUnit })).http;
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('diffs the two scans: the bound project’s cloud-deployment rule is fixed, nothing else moved', async () => {
    const res = await hub.http.get('/api/scans/diff').query({ from: first, to: second }).expect(200);

    expect(res.body.from).toMatchObject({ id: first, kind: 'scan', projects: demo.projects.length });
    expect(res.body.counts).toMatchObject({
      projectsCompared: demo.projects.length,
      projectsAdded: 0,
      projectsRemoved: 0,
      projectsChanged: 1,
    });
    const items = res.body.changes.items as DiffItem[];
    expect(items).toContainEqual(
      expect.objectContaining({
        projectCode: project.code,
        ruleId: 'YY-CLOUD-DEPLOY',
        change: 'fixed',
        from: 'FAIL',
        to: 'PASS',
      }),
    );
    expect(items.every((i) => i.projectCode === project.code)).toBe(true);
    expect(res.body.changes.total).toBe(items.length);
  });

  it('shows the project’s runs newest first with the rule that changed, to its own unit only', async () => {
    const res = await applicant.get(`/api/projects/${project.code}/history`).expect(200);

    // Binding the resource judged the project again at once (a targeted run on stored data): the
    // rule changed there, and the second scan found it as that run had left it.
    expect(res.body).toMatchObject({ projectCode: project.code, total: 3 });
    const [newest, rejudged, oldest] = res.body.items;
    expect(rejudged).toMatchObject({ kind: 'targeted', previousCheckRunId: first });
    expect(rejudged.changes).toContainEqual({ ruleId: 'YY-CLOUD-DEPLOY', from: 'FAIL', to: 'PASS' });
    expect(rejudged.blockingRuleIds).not.toContain('YY-CLOUD-DEPLOY');
    expect(newest).toMatchObject({
      checkRunId: second,
      kind: 'scan',
      previousCheckRunId: rejudged.checkRunId,
    });
    expect(newest.changes).not.toContainEqual(expect.objectContaining({ ruleId: 'YY-CLOUD-DEPLOY' }));
    expect(newest.blockingRuleIds).not.toContain('YY-CLOUD-DEPLOY');
    expect(oldest).toMatchObject({ checkRunId: first, ready: false, changes: [] });
    expect(oldest.blockingRuleIds).toContain('YY-CLOUD-DEPLOY');

    const refused = await other.get(`/api/projects/${project.code}/history`).expect(404);
    expect(refused.body.error.code).toBe('PROJECT_NOT_FOUND');
    await applicant.get('/api/scans/diff').query({ from: first, to: second }).expect(403);
    await applicant.get('/api/rules/YY-CLOUD-DEPLOY/trend').expect(403);
  });

  it('counts the rule’s verdicts per scan, oldest first: one FAIL fewer after the binding', async () => {
    const res = await hub.http.get('/api/rules/YY-CLOUD-DEPLOY/trend').expect(200);

    expect(res.body.scans.map((s: { checkRunId: string }) => s.checkRunId)).toEqual([first, second]);
    const [before, after] = res.body.scans as { verdicts: Record<string, number>; projects: number }[];
    expect(after!.verdicts.FAIL).toBe(before!.verdicts.FAIL! - 1);
    expect(after!.verdicts.PASS).toBe(before!.verdicts.PASS! + 1);
    expect(after!.projects).toBe(before!.projects);
    await hub.http.get('/api/rules/XX-NO-SUCH-RULE/trend').expect(404);
  });

  it('lists the rules a down cloud inventory turns UNKNOWN as new in the next diff', async () => {
    hub.sandbox.faults.update('gov-cloud', { maintenance: true });
    let third: string;
    try {
      third = (await app.get(ChecksService).scan()).id;
    } finally {
      hub.sandbox.faults.reset('gov-cloud');
    }
    const res = await hub.http
      .get('/api/scans/diff')
      .query({ from: second, to: third, change: 'new', limit: 5 })
      .expect(200);

    expect(res.body.counts.new).toBeGreaterThan(5);
    expect(res.body.changes).toMatchObject({ total: res.body.counts.new, limit: 5 });
    expect(res.body.changes.items).toHaveLength(5);
    for (const item of res.body.changes.items as DiffItem[]) {
      expect(item).toMatchObject({ change: 'new', to: 'UNKNOWN' });
      expect(item.from).not.toMatch(/FAIL|UNKNOWN/);
    }
    const bad = await hub.http.get('/api/scans/diff').query({ from: second }).expect(400);
    expect(bad.body.error.code).toBe('INVALID_REQUEST');
  });

  it('answers the same from the CLI, and prunes nothing younger than the retention', async () => {
    const diff = JSON.parse(await runCli(hub.envVars, ['diff', first, second, '--format', 'json']));
    expect(diff.changes.items).toContainEqual(
      expect.objectContaining({ projectCode: project.code, ruleId: 'YY-CLOUD-DEPLOY', change: 'fixed' }),
    );
    const timeline = await runCli(hub.envVars, ['history', project.code, '--limit', '3']);
    expect(timeline).toContain('YY-CLOUD-DEPLOY: FAIL → PASS');
    const trend = JSON.parse(await runCli(hub.envVars, ['trend', 'YY-CLOUD-DEPLOY', '--format', 'json']));
    expect(trend.scans.slice(0, 2).map((s: { checkRunId: string }) => s.checkRunId)).toEqual([first, second]);

    const pruned = JSON.parse(
      await runCli(hub.envVars, ['history', 'prune', '--days', '400', '--format', 'json']),
    );
    expect(pruned).toMatchObject({ retentionDays: 400, runsDeleted: 0, findingsDeleted: 0 });
    const audit = await hub.http.get('/api/audit').query({ objectType: 'check-history' }).expect(200);
    expect(audit.body.items[0]).toMatchObject({
      action: 'history.prune',
      actor: expect.stringMatching(/^cli:/),
      data: expect.objectContaining({ runsDeleted: 0 }),
    });
  });
});
