import type { INestApplication } from '@nestjs/common';
import { writeRegistryWorkbook } from '@hub/registry';
import { generateDemoCity } from '@hub/sandbox';
import { ChecksService } from '../apps/hub/src/modules/checks/checks.service';
import { runCli as runCliIn } from './support/cli';
import { DEMO_NOW, startTestHub, type TestHub, userWithToken } from './support/hub';

interface FindingBody {
  ruleId: string;
  verdict: string;
  reason: { zh: string; en: string };
  evidence: { source: string; kind: string; externalId: string }[];
}

/**
 * Exemptions and disputes over HTTP, against the demo city: a construction unit asks, a reviewer
 * decides, and the next check shows the result; a unit contests a finding and an upheld dispute turns
 * into a correction request to the upstream system's owner.
 */
describe('exemptions and disputes (sandbox + hub)', () => {
  const demo = generateDemoCity({ now: DEMO_NOW });
  let hub: TestHub;
  let app: INestApplication;

  beforeAll(async () => {
    hub = await startTestHub(demo.dataset);
    app = hub.app;
    await hub.http
      .post('/api/registry/imports')
      .attach('file', await writeRegistryWorkbook(demo.projects), '项目台账.xlsx')
      .expect(201);
    expect((await app.get(ChecksService).scan()).status).toBe('completed');
  });

  afterAll(async () => {
    await hub?.stop();
  });

  function designedWith(ruleId: string, verdict: string) {
    const found = demo.designed.find((d) => d.expected[ruleId] === verdict);
    if (!found) throw new Error(`the demo city has no designed project with ${ruleId} ${verdict}`);
    return demo.projects.find((p) => p.code === found.code)!;
  }
  const findingOf = (findings: FindingBody[], ruleId: string) => findings.find((f) => f.ruleId === ruleId)!;

  const exemption = (projectCode: string, extra: Record<string, unknown> = {}) => ({
    projectCode,
    ruleIds: ['YY-CLOUD-DEPLOY'],
    reasonCategory: 'higher-rule',
    reasonText: '省级垂直系统，按省厅规定部署于省政务云',
    documentNo: '岳政数函〔2026〕18号',
    authority: '岳阳市数据资源局',
    validFrom: '2026-10-01',
    validUntil: '2026-11-20',
    ...extra,
  });

  it('lets an applicant request an exemption for its own project, a reviewer approve it, and a fresh check WAIVE the rule', async () => {
    const project = designedWith('YY-CLOUD-DEPLOY', 'FAIL');
    const stranger = demo.projects.find(
      (p) => p.unitCode !== project.unitCode && p.policyPack === 'yueyang',
    )!;
    const applicant = await userWithToken(app, 'applicant', { unitCode: project.unitCode });
    const reviewer = await userWithToken(app, 'reviewer', { username: 'zhang.gong' });

    const before = await applicant.http.post('/api/checks').send({ projectCode: project.code }).expect(201);
    expect(findingOf(before.body.project.findings, 'YY-CLOUD-DEPLOY').verdict).toBe('FAIL');

    // Another unit's project is as good as missing; approving one's own request is not the unit's to do.
    const foreign = await applicant.http.post('/api/exemptions').send(exemption(stranger.code)).expect(404);
    expect(foreign.body.error.code).toBe('PROJECT_NOT_FOUND');
    const selfApproved = await applicant.http
      .post('/api/exemptions')
      .send(exemption(project.code, { approved: true }))
      .expect(403);
    expect(selfApproved.body.error).toMatchObject({
      code: 'FORBIDDEN',
      message: { zh: expect.stringContaining('exemptions:decide'), en: expect.any(String) },
    });

    const requested = await applicant.http.post('/api/exemptions').send(exemption(project.code)).expect(201);
    expect(requested.body).toMatchObject({
      projectCode: project.code,
      status: 'requested',
      isCurrent: false,
      requestedBy: applicant.username,
    });
    const id = requested.body.id as string;
    await applicant.http.post(`/api/exemptions/${id}/decision`).send({ decision: 'approve' }).expect(403);

    const approved = await reviewer.http
      .post(`/api/exemptions/${id}/decision`)
      .send({ decision: 'approve', comment: '同意豁免' })
      .expect(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      isCurrent: true,
      daysLeft: 19,
      decidedBy: 'zhang.gong',
      decisionComment: '同意豁免',
    });
    await reviewer.http.post(`/api/exemptions/${id}/decision`).send({ decision: 'reject' }).expect(409);

    const after = await applicant.http.post('/api/checks').send({ projectCode: project.code }).expect(201);
    const waived = findingOf(after.body.project.findings, 'YY-CLOUD-DEPLOY');
    expect(waived.verdict).toBe('WAIVED');
    expect(waived.reason.zh).toContain('岳政数函〔2026〕18号');
    expect(waived.reason.en).toContain('岳政数函〔2026〕18号');

    // The applicant sees its own exemption, not by id through another unit's eyes.
    const mine = await applicant.http.get('/api/exemptions').expect(200);
    expect(mine.body.map((e: { id: string }) => e.id)).toEqual([id]);
    const outsider = await userWithToken(app, 'applicant', { unitCode: stranger.unitCode });
    await outsider.http.get(`/api/exemptions/${id}`).expect(404);
    expect(
      (await outsider.http.get('/api/exemptions').query({ projectCode: project.code }).expect(200)).body,
    ).toEqual([]);
    await applicant.http.get(`/api/exemptions/${id}`).expect(200);

    // Ending on 2026-11-20, 19 days after the demo's today: a renewal notice is due.
    const renewals = await applicant.http.get('/api/exemptions/renewals').expect(200);
    expect(renewals.body).toEqual([
      expect.objectContaining({
        daysLeft: 19,
        exemption: expect.objectContaining({ id }),
        notice: {
          zh: expect.stringContaining('2026-11-20'),
          en: expect.stringContaining('ends in 19 day(s)'),
        },
      }),
    ]);
    expect((await outsider.http.get('/api/exemptions/renewals').expect(200)).body).toEqual([]);
    const expiring = await reviewer.http.get('/api/exemptions').query({ expiringWithinDays: 19 }).expect(200);
    expect(expiring.body.map((e: { id: string }) => e.id)).toContain(id);
    const notYet = await reviewer.http.get('/api/exemptions').query({ expiringWithinDays: 18 }).expect(200);
    expect(notYet.body.map((e: { id: string }) => e.id)).not.toContain(id);

    // Revoked, it is kept and the rule is judged again.
    await reviewer.http.post(`/api/exemptions/${id}/revoke`).send({ reason: '已迁移至市政务云' }).expect(200);
    const revoked = await applicant.http.get(`/api/exemptions/${id}`).expect(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedBy: 'zhang.gong', isCurrent: false });
    const again = await applicant.http.post('/api/checks').send({ projectCode: project.code }).expect(201);
    expect(findingOf(again.body.project.findings, 'YY-CLOUD-DEPLOY').verdict).toBe('FAIL');
    await reviewer.http.post(`/api/exemptions/${id}/decision`).send({ decision: 'approve' }).expect(409);

    const audit = await hub.http
      .get('/api/audit')
      .query({ objectType: 'exemption', objectId: id })
      .expect(200);
    expect(
      audit.body.items.map((e: { action: string; actor: string }) => [e.action, e.actor]).reverse(),
    ).toEqual([
      ['exemption.request', applicant.username],
      ['exemption.approve', 'zhang.gong'],
      ['exemption.revoke', 'zhang.gong'],
    ]);
  });

  it('records an already approved exemption in one step for a reviewer, by rule group', async () => {
    const project = designedWith('YY-CLOUD-DEPLOY', 'FAIL');
    const res = await hub.http
      .post('/api/exemptions')
      .send(
        exemption(project.code, {
          ruleIds: undefined,
          domain: 'cloud',
          documentNo: '岳政数函〔2026〕19号',
          approved: true,
        }),
      )
      .expect(201);
    expect(res.body).toMatchObject({
      status: 'approved',
      ruleIds: ['YY-CLOUD-DEPLOY', 'YY-CLOUD-NO-SELFBUILD', 'YY-CLOUD-COUNTY', 'YY-NET-EGOV'],
    });
    const list = JSON.parse(
      await runCliIn(hub.envVars, [
        'exemptions',
        'list',
        '--project',
        project.code,
        '--status',
        'approved',
        '--format',
        'json',
      ]),
    ) as { id: string }[];
    expect(list.map((e) => e.id)).toEqual([res.body.id]);
    await runCliIn(hub.envVars, ['exemptions', 'revoke', res.body.id, '--reason', '测试完毕']);
    expect((await hub.http.get(`/api/exemptions/${res.body.id}`).expect(200)).body.status).toBe('revoked');
  });

  it('requests, approves and lists renewals from the CLI, naming the operator', async () => {
    const project = designedWith('YY-CLOUD-DEPLOY', 'FAIL');
    const args = (until: string) => [
      'exemptions',
      'request',
      project.code,
      '--rules',
      'YY-CLOUD-DEPLOY, YY-NET-EGOV',
      '--category',
      'internal-equipment',
      '--reason',
      '单位内部设备',
      '--doc',
      '岳政数函〔2026〕20号',
      '--authority',
      '岳阳市数据资源局',
      '--from',
      '2026-10-01',
      '--until',
      until,
      '--format',
      'json',
    ];
    await expect(runCliIn(hub.envVars, args('2026-09-30'))).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      text: { en: expect.stringContaining('validUntil') },
    });
    const requested = JSON.parse(await runCliIn(hub.envVars, args('2026-11-25'))) as Record<string, unknown>;
    expect(requested).toMatchObject({
      status: 'requested',
      ruleIds: ['YY-CLOUD-DEPLOY', 'YY-NET-EGOV'],
      requestedBy: expect.stringMatching(/^cli:/),
    });
    expect(await runCliIn(hub.envVars, ['exemptions', 'approve', requested.id as string])).toContain(
      'approved',
    );
    const renewals = await runCliIn(hub.envVars, ['exemptions', 'renewals']);
    expect(renewals).toContain('岳政数函〔2026〕20号');
    expect(renewals).toContain('还有 24 天到期');
    await runCliIn(hub.envVars, ['exemptions', 'revoke', requested.id as string, '--reason', '测试完毕']);
  });

  it('answers bad exemption input with a 400 naming the field', async () => {
    const project = designedWith('YY-CLOUD-DEPLOY', 'FAIL');
    const cases: [Record<string, unknown>, string][] = [
      [{ validFrom: '2026-12-01', validUntil: '2026-11-01' }, 'validUntil'],
      [{ validUntil: '2026-02-30' }, 'validUntil'],
      [{ ruleIds: ['CZ-CLOUD'] }, 'ruleIds'],
      [{ ruleIds: undefined }, 'ruleIds'],
      [{ domain: 'weather', ruleIds: undefined }, 'domain'],
      [{ reasonCategory: 'because' }, 'reasonCategory'],
      [{ authority: '' }, 'authority'],
    ];
    for (const [change, field] of cases) {
      const res = await hub.http.post('/api/exemptions').send(exemption(project.code, change)).expect(400);
      expect(res.body.error.code).toBe('INVALID_REQUEST');
      expect(res.body.error.message.en).toContain(field);
    }
    await hub.http.get('/api/exemptions').query({ status: 'maybe' }).expect(400);
    await hub.http.get('/api/exemptions/not-a-uuid').expect(400);
    await hub.http
      .post('/api/exemptions/00000000-0000-4000-8000-000000000000/revoke')
      .send({ reason: 'x' })
      .expect(404);
  });

  it('lets an applicant dispute a finding, a reviewer uphold it, and shows the correction request', async () => {
    const project = designedWith('YY-NET-EGOV', 'FAIL');
    const applicant = await userWithToken(app, 'applicant', { unitCode: project.unitCode });
    const reviewer = await userWithToken(app, 'reviewer');
    const latest = await applicant.http.get(`/api/projects/${project.code}/findings`).expect(200);
    const finding = findingOf(latest.body.findings, 'YY-NET-EGOV');
    expect(finding.verdict).toBe('FAIL');
    expect(finding.evidence.length).toBeGreaterThan(0);

    const reason = '门户服务器已迁入电子政务外网，云资源台账网络区域未更新';
    const raised = await applicant.http
      .post('/api/disputes')
      .send({ projectCode: project.code, ruleId: 'YY-NET-EGOV', reason })
      .expect(201);
    expect(raised.body).toMatchObject({
      projectCode: project.code,
      ruleId: 'YY-NET-EGOV',
      status: 'open',
      raisedBy: applicant.username,
      checkRunId: latest.body.checkRunId,
    });
    const twice = await applicant.http
      .post('/api/disputes')
      .send({ projectCode: project.code, ruleId: 'YY-NET-EGOV', reason: '再次提出' })
      .expect(409);
    expect(twice.body.error.code).toBe('CONFLICT');
    await applicant.http
      .post(`/api/disputes/${raised.body.id}/decision`)
      .send({ decision: 'uphold', comment: '自己采纳' })
      .expect(403);
    await applicant.http
      .post('/api/disputes')
      .send({ projectCode: project.code, ruleId: 'YY-PLAN', reason: 'x' })
      .expect(409); // PASS: nothing to contest

    const upheld = await reviewer.http
      .post(`/api/disputes/${raised.body.id}/decision`)
      .send({ decision: 'uphold', comment: '经现场核实，采纳' })
      .expect(200);
    expect(upheld.body.status).toBe('upheld');

    const listed = await applicant.http.get('/api/disputes').query({ projectCode: project.code }).expect(200);
    expect(listed.body).toHaveLength(1);
    const { correction } = listed.body[0];
    expect(correction.sources).toEqual([...new Set(finding.evidence.map((e) => e.source))]);
    expect(correction.sources).toContain('gov-cloud');
    for (const text of [correction.text.zh, correction.text.en]) {
      expect(text).toContain(project.code);
      expect(text).toContain('YY-NET-EGOV');
      expect(text).toContain(reason);
      for (const e of finding.evidence) expect(text).toContain(`${e.source}/${e.kind}/${e.externalId}`);
    }
    expect(correction.text.zh).toContain('政务云资源台账');

    const outsider = await userWithToken(app, 'applicant', {
      unitCode: demo.projects.find((p) => p.unitCode !== project.unitCode)!.unitCode,
    });
    expect((await outsider.http.get('/api/disputes').expect(200)).body).toEqual([]);

    const cli = await runCliIn(hub.envVars, ['disputes', 'list', '--project', project.code]);
    expect(cli).toContain('upheld');
    expect(cli).toContain('更正请求');

    const audit = await hub.http
      .get('/api/audit')
      .query({ objectType: 'dispute', objectId: raised.body.id })
      .expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action).reverse()).toEqual([
      'dispute.raise',
      'dispute.uphold',
    ]);
  });
});
