import type { INestApplication } from '@nestjs/common';
import { SOURCE_IDS } from '@hub/connectors';
import { packFor } from '@hub/rules';
import { writeRegistryWorkbook } from '@hub/registry';
import { generateDemoCity } from '@hub/sandbox';
import request from 'supertest';
import { ChecksService } from '../apps/hub/src/modules/checks/checks.service';
import { runCli as runCliIn } from './support/cli';
import {
  DEMO_NOW,
  firstValidUnbound,
  rulesReading,
  startTestHub,
  type TestHub,
  userWithToken,
} from './support/hub';

const yueyangPack = packFor('yueyang');
const chenzhouPack = packFor('chenzhou');

/**
 * The whole hub against the sandbox upstreams: import the demo registry, scan, and read the verdicts
 * of the designed demo projects through the API and the CLI, with evidence; then the same checks
 * while the gov-cloud sandbox is in maintenance.
 */
describe('pre-acceptance checks (sandbox + hub)', () => {
  const demo = generateDemoCity({ now: DEMO_NOW });
  let hub: TestHub;
  let app: INestApplication;
  let sandbox: TestHub['sandbox'];
  let envVars: Record<string, string>;

  beforeAll(async () => {
    // The outage test's parallel queries open the cloud's circuit; the tests after it find the
    // upstream back within a second, as an operator would after the cool-down.
    hub = await startTestHub(demo.dataset, {
      env: { GOV_CLOUD_TIMEOUT_MS: '3000', GOV_CLOUD_BREAKER_COOLDOWN_MS: '500' },
    });
    ({ app, sandbox, envVars } = hub);
  });

  afterAll(async () => {
    await hub?.stop();
  });

  const http = () => hub.http;

  it('imports the demo registry workbook through the API', async () => {
    const workbook = await writeRegistryWorkbook(demo.projects);
    const res = await http()
      .post('/api/registry/imports')
      .attach('file', workbook, '项目台账.xlsx')
      .expect(201);
    expect(res.body).toMatchObject({ format: 'xlsx', created: demo.projects.length, rejected: 0 });
    expect(demo.projects.length).toBeGreaterThanOrEqual(80);
  });

  it('scans every project and gives each designed demo project its designed verdicts', async () => {
    const scan = await app.get(ChecksService).scan();
    expect(scan.status).toBe('completed');
    expect(scan.syncs.map((x) => x.source).sort()).toEqual([...SOURCE_IDS].sort());
    for (const sync of scan.syncs) expect(sync).toMatchObject({ status: 'succeeded', error: null });
    expect(scan.summary!.projects).toBe(demo.projects.length);
    expect(demo.designed.length).toBeGreaterThanOrEqual(8);
    for (const designed of demo.designed) {
      const res = await http().get(`/api/projects/${designed.code}/findings`).expect(200);
      const got = Object.fromEntries(
        (res.body.findings as { ruleId: string; verdict: string }[]).map((f) => [f.ruleId, f.verdict]),
      );
      // A designed project states the verdict of every rule of its pack.
      expect(Object.keys(designed.expected).sort()).toEqual(Object.keys(got).sort());
      expect({ code: designed.code, scenario: designed.scenario, verdicts: got }).toEqual({
        code: designed.code,
        scenario: designed.scenario,
        verdicts: designed.expected,
      });
    }
  });

  it('checks one project on fresh data through the API, with the evidence each verdict rests on', async () => {
    const compliant = designedWith('YY-CLOUD-DEPLOY', 'PASS');
    const res = await http().post('/api/checks').send({ projectCode: compliant.code }).expect(201);
    expect(res.body).toMatchObject({ kind: 'targeted', status: 'completed', projectCode: compliant.code });
    expect(res.body.syncs).toHaveLength(SOURCE_IDS.length);
    for (const sync of res.body.syncs) expect(sync).toMatchObject({ status: 'succeeded' });
    const deploy = res.body.project.findings.find((f: { ruleId: string }) => f.ruleId === 'YY-CLOUD-DEPLOY');
    expect(deploy).toMatchObject({ verdict: 'PASS', severity: 'blocking', clause: '第六条' });
    expect(deploy.evidence.length).toBeGreaterThan(0);
    for (const e of deploy.evidence) {
      expect(e).toMatchObject({
        source: 'gov-cloud',
        kind: 'resource',
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    }
    const again = await http().get(`/api/checks/${res.body.id}`).expect(200);
    expect(again.body.project.findings).toEqual(res.body.project.findings);
  });

  it('prints the same check as JSON from the CLI', async () => {
    const failing = designedWith('YY-CLOUD-DEPLOY', 'FAIL');
    const out = await runCli(['check', failing.code, '--format', 'json']);
    const findings = JSON.parse(out) as Record<string, unknown>[];
    expect(findings.length).toBe(yueyangPack.rules.length);
    for (const f of findings) {
      expect(f).toEqual(
        expect.objectContaining({
          projectCode: failing.code,
          ruleId: expect.any(String),
          verdict: failing.expected[f.ruleId as string],
          severity: expect.stringMatching(/^(blocking|advisory)$/),
          reason: expect.any(String),
        }),
      );
    }
  });

  it('gives UNKNOWN naming the cloud inventory, never PASS, while the gov-cloud upstream is down', async () => {
    const compliant = designedWith('YY-CLOUD-DEPLOY', 'PASS');
    sandbox.faults.update('gov-cloud', { maintenance: true });
    try {
      const res = await http().post('/api/checks').send({ projectCode: compliant.code }).expect(201);
      const statuses = Object.fromEntries(
        (res.body.syncs as { source: string; status: string }[]).map((x) => [x.source, x.status]),
      );
      expect(statuses).toMatchObject({ 'gov-cloud': 'failed', 'data-exchange': 'succeeded' });
      for (const f of res.body.project.findings as {
        ruleId: string;
        verdict: string;
        reason: { zh: string };
      }[]) {
        // Only the rules that read the cloud inventory are affected: none may pass or fail on the
        // missing data (a registry-only NOT_APPLICABLE or WAIVED is decided before any fetch).
        if (!readsGovCloud.has(f.ruleId)) continue;
        expect(['UNKNOWN', 'NOT_APPLICABLE', 'WAIVED']).toContain(f.verdict);
        if (f.verdict === 'UNKNOWN') expect(f.reason.zh).toContain('政务云资源台账');
      }
      expect(res.body.project.ready).toBe(false);
    } finally {
      sandbox.faults.reset('gov-cloud');
      // Past the circuit's cool-down, so the next check makes its trial call.
      await new Promise((resolve) => setTimeout(resolve, 600));
    }
  });

  it('turns UNKNOWN into a verdict once an operator confirms the suggested matches, and records who did', async () => {
    const suggested = designedWith('YY-CLOUD-DEPLOY', 'UNKNOWN');
    const reviewer = await userWithToken(app, 'reviewer', { username: 'zhang.gong' });
    const pending = await http()
      .get('/api/bindings')
      .query({ status: 'pending', projectCode: suggested.code })
      .expect(200);
    expect(pending.body.total).toBeGreaterThan(0);
    const latestDeploy = async () =>
      (
        (await http().get(`/api/projects/${suggested.code}/findings`).expect(200)).body.findings as {
          ruleId: string;
          verdict: string;
          checkRunId: string;
        }[]
      ).find((f) => f.ruleId === 'YY-CLOUD-DEPLOY')!;
    const before = await latestDeploy();
    expect(before.verdict).toBe('UNKNOWN');
    let last: {
      rejudged: { checkRunId: string; changes: { ruleId: string; from: string; to: string }[] };
    } | null = null;
    const changed: { ruleId: string; from: string; to: string }[] = [];
    for (const b of pending.body.items as { id: string }[]) {
      const res = await reviewer.http
        .post(`/api/bindings/${b.id}/confirm`)
        .send({ comment: '系统名称一致' })
        .expect(200);
      expect(res.body).toMatchObject({
        status: 'confirmed',
        decidedBy: 'zhang.gong',
        rejudged: {
          projectCode: suggested.code,
          checkRunId: expect.any(String),
          message: { zh: expect.stringContaining(`已按已存数据重新判定项目 ${suggested.code}`) },
          error: null,
        },
      });
      changed.push(...res.body.rejudged.changes);
      last = res.body;
    }
    // Confirming the suggestions decided the rule: the project's latest findings say so at once,
    // judged on the stored facts, without a fresh fetch.
    expect(changed).toContainEqual({ ruleId: 'YY-CLOUD-DEPLOY', from: 'UNKNOWN', to: 'PASS' });
    const after = await latestDeploy();
    expect(after).toMatchObject({ verdict: 'PASS', checkRunId: last!.rejudged.checkRunId });
    const run = await http().get(`/api/checks/${after.checkRunId}`).expect(200);
    expect(run.body).toMatchObject({ kind: 'targeted', status: 'completed', projectCode: suggested.code });
    expect(run.body.steps).toEqual([expect.objectContaining({ kind: 'evaluate', status: 'succeeded' })]);
    const check = await http().post('/api/checks').send({ projectCode: suggested.code }).expect(201);
    const deploy = check.body.project.findings.find(
      (f: { ruleId: string }) => f.ruleId === 'YY-CLOUD-DEPLOY',
    );
    expect(deploy.verdict).toBe('PASS');
    const again = await http().post(`/api/bindings/${pending.body.items[0].id}/confirm`).send({}).expect(409);
    expect(again.body.error.code).toBe('CONFLICT');
    const audit = await http().get('/api/audit').query({ actor: 'zhang.gong' }).expect(200);
    expect(audit.body.items.length).toBe(pending.body.items.length);
    expect(audit.body.items[0]).toMatchObject({ action: 'binding.confirm', objectType: 'binding' });
  });

  it('binds and unbinds a record by hand from the CLI', async () => {
    const orphans = await http().get('/api/resources/unbound').expect(200);
    expect(orphans.body.length).toBeGreaterThan(0);
    // A record that breaks the contract binds too, but reaches the rules untrusted: take a valid one.
    const orphan = firstValidUnbound(orphans.body as { resourceId: string }[], demo.dataset);
    const target = designedWith('YY-CLOUD-DEPLOY', 'FAIL');
    const bound = await runCli([
      'bind',
      `gov-cloud/resource/${orphan.resourceId}`,
      target.code,
      '--by',
      '运维-李工',
    ]);
    expect(bound).toContain('confirmed');
    expect(bound).toContain(`已按已存数据重新判定项目 ${target.code}`);
    expect(bound).toContain('YY-CLOUD-DEPLOY: FAIL → PASS');
    const listed = await http()
      .get('/api/bindings')
      .query({ status: 'confirmed', projectCode: target.code })
      .expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        decidedBy: expect.stringMatching(/^cli:.+ \(for 运维-李工\)$/),
        record: expect.objectContaining({ externalId: orphan.resourceId }),
      }),
    ]);
    await runCli(['unbind', `gov-cloud/resource/${orphan.resourceId}`, target.code, '--by', '运维-李工']);
    const after = await http()
      .get('/api/bindings')
      .query({ status: 'rejected', projectCode: target.code })
      .expect(200);
    expect(after.body.items.map((b: { record: { externalId: string } }) => b.record.externalId)).toContain(
      orphan.resourceId,
    );
  });

  it('keeps an intact audit trail of the import and every decision, verifiable from the CLI', async () => {
    const imports = await http().get('/api/audit').query({ objectType: 'registry-import' }).expect(200);
    expect(imports.body.items[0]).toMatchObject({
      action: 'registry.import',
      data: { created: demo.projects.length },
    });
    expect(await runCli(['audit', 'verify'])).toContain('intact');
  });

  it('lists the invalid upstream records of the last sync with their reasons', async () => {
    const res = await http().get('/api/sources/gov-cloud/problems').expect(200);
    expect(res.body.problems.length).toBeGreaterThanOrEqual(3);
    for (const p of res.body.problems) {
      expect(p.reason.zh.length).toBeGreaterThan(0);
      expect(p.issues.length).toBeGreaterThan(0);
    }
    await http().get('/api/sources/nope/problems').expect(404);
  });

  it('shows the rule catalogue of each pack as a reviewer reads it, from the API and the CLI', async () => {
    const packs = await http().get('/api/packs').expect(200);
    expect(packs.body.map((p: { id: string }) => p.id)).toEqual(['yueyang', 'chenzhou']);
    expect(packs.body[1].defaults).toMatchObject({ procurementLimit: 80, approvalThreshold: 1000 });
    expect(packs.body[1].latestVersion).toMatchObject({ version: 1, settings: packs.body[1].defaults });
    // Division codes as the dashboard shows them: the city (市本级) first, then its counties by name.
    expect(packs.body[0].divisions[0]).toEqual({ code: '430600', name: '岳阳市', cityLevel: true });
    expect(packs.body[0].divisions).toContainEqual({
      code: '430602',
      name: '岳阳市岳阳楼区',
      cityLevel: false,
    });
    const rules = await http().get('/api/packs/yueyang/rules').expect(200);
    expect(rules.body.map((r: { id: string }) => r.id)).toEqual(yueyangPack.rules.map((r) => r.id));
    expect(rules.body.find((r: { id: string }) => r.id === 'YY-MLPS-PROD')).toMatchObject({
      clause: '第三十二条',
      severity: 'blocking',
      sources: expect.arrayContaining([expect.objectContaining({ id: 'mlps' })]),
    });
    await http().get('/api/packs/nope/rules').expect(404);
    const cli = JSON.parse(await runCli(['rules', '--pack', 'chenzhou', '--format', 'json'])) as unknown[];
    expect(cli).toHaveLength(chenzhouPack.rules.length);
  });

  it('answers bad requests with a 4xx and a bilingual reason', async () => {
    const bad = await http().post('/api/checks').send({ projectCode: 'nope' }).expect(400);
    expect(bad.body.error).toMatchObject({
      code: 'INVALID_REQUEST',
      message: { zh: expect.any(String), en: expect.any(String) },
    });
    const missing = await http().post('/api/checks').send({ projectCode: '99-430600-9999' }).expect(404);
    expect(missing.body.error.code).toBe('PROJECT_NOT_FOUND');
    await http().get('/api/checks/not-a-uuid').expect(400);
  });

  it('serves public liveness and readiness probes, each source’s last sync to those allowed, and the OpenAPI document', async () => {
    const health = await request(app.getHttpServer()).get('/health').expect(200);
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    expect(health.headers['content-security-policy']).toContain("default-src 'self'");
    expect(health.headers['access-control-allow-origin']).toBeUndefined();
    expect(health.body).toEqual({ status: 'ok' });
    const ready = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(ready.body).toEqual({
      status: 'ready',
      database: { ok: true, latencyMs: expect.any(Number) },
      queue: { ok: true, latencyMs: expect.any(Number) },
    });
    // A browser asking for HTML gets the probe, never the dashboard's page.
    const asBrowser = await request(app.getHttpServer())
      .get('/health/ready')
      .set('Accept', 'text/html')
      .expect(200)
      .expect('Content-Type', /json/);
    expect(asBrowser.body.status).toBe('ready');
    const sources = await http().get('/api/sources').expect(200);
    expect(sources.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          source: 'gov-cloud',
          lastSync: expect.any(Object),
          fresh: true,
          completeness: 1,
        }),
      ]),
    );
    const docs = await http().get('/api/docs/openapi.json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/checks', '/api/projects/{code}/findings']),
    );
  });

  const readsGovCloud = rulesReading('gov-cloud');

  function designedWith(ruleId: string, verdict: string) {
    const found = demo.designed.find((d) => d.expected[ruleId] === verdict);
    if (!found) throw new Error(`the demo city has no designed project with ${ruleId} ${verdict}`);
    return found;
  }

  const runCli = (args: string[]) => runCliIn(envVars, args);
});
