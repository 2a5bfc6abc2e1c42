import type { INestApplication } from '@nestjs/common';
import { writeRegistryWorkbook } from '@hub/registry';
import { extractPdfText } from '@hub/reports/testing';
import { generateDemoCity } from '@hub/sandbox';
import ExcelJS from 'exceljs';
import type request from 'supertest';
import { CHECK_LEASE_MS, ChecksService } from '../apps/hub/src/modules/checks/checks.service';
import { PrismaService } from '../apps/hub/src/infra/database/prisma.service';
import { type ApiClient, DEMO_NOW, startTestHub, type TestHub, userWithToken } from './support/hub';

/** Binary bodies (pdf, xlsx) as a Buffer. */
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

interface Step {
  kind: 'fetch' | 'evaluate';
  source: string | null;
  status: string;
  error: string | null;
}

/**
 * What the dashboard's review screen relies on: a re-check started without waiting whose progress is
 * read step by step, a check abandoned by a crashed process closed once its heartbeat lapses, and the
 * reviewer's remarks on the draft opinion printed in every export.
 */
describe('review check progress and opinion remarks', () => {
  const demo = generateDemoCity({ now: DEMO_NOW });
  let hub: TestHub;
  let app: INestApplication;
  let applicant: ApiClient;
  let reviewer: ApiClient;
  let other: ApiClient;
  const failing = demo.designed.find((d) => d.expected['YY-CLOUD-DEPLOY'] === 'FAIL')!;
  const project = demo.projects.find((p) => p.code === failing.code)!;
  let reviewId: string;
  let firstCheck: string;

  beforeAll(async () => {
    hub = await startTestHub(demo.dataset);
    app = hub.app;
    await hub.http
      .post('/api/registry/imports')
      .attach('file', await writeRegistryWorkbook(demo.projects), 'p.xlsx')
      .expect(201);
    await app.get(ChecksService).scan();
    applicant = (await userWithToken(app, 'applicant', { unitCode: project.unitCode })).http;
    reviewer = (await userWithToken(app, 'reviewer', { username: 'wang.review' })).http;
    const otherUnit = demo.projects.find((p) => p.unitCode !== project.unitCode)!.unitCode;
    other = (await userWithToken(app, 'applicant', { unitCode: otherUnit })).http;
    const applied = await applicant.post('/api/reviews').send({ projectCode: project.code }).expect(201);
    reviewId = applied.body.id;
    firstCheck = applied.body.checkRunId;
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('lists reviews with the construction unit, and only the unit’s own to an applicant', async () => {
    const all = await reviewer.get('/api/reviews').expect(200);
    expect(all.body.find((r: { id: string }) => r.id === reviewId)).toMatchObject({
      unitCode: project.unitCode,
      unitName: project.unitName,
      activeCheckRunId: null,
      comments: null,
    });
    const mine = await applicant.get('/api/reviews').query({ status: 'checked' }).expect(200);
    expect(mine.body.map((r: { id: string }) => r.id)).toEqual([reviewId]);
    const theirs = await other.get('/api/reviews').expect(200);
    expect(theirs.body.map((r: { id: string }) => r.id)).not.toContain(reviewId);
  });

  it('starts a re-check without waiting and reports each source as it answers, then the evaluation', async () => {
    await other.post(`/api/reviews/${reviewId}/check`).query({ wait: 'false' }).expect(404);
    await applicant.post(`/api/reviews/${reviewId}/check`).query({ wait: 'maybe' }).expect(400);
    hub.sandbox.faults.update('mlps', { latencyMs: 2_000 });
    let runId: string;
    try {
      const started = await applicant
        .post(`/api/reviews/${reviewId}/check`)
        .query({ wait: 'false' })
        .expect(202);
      runId = started.body.checkRunId;
      expect(started.body).toEqual({ reviewId, checkRunId: expect.any(String), status: 'running' });
      expect(started.headers.location).toBe(`/api/checks/${runId}`);

      const running = await applicant.get(`/api/checks/${runId}`).expect(200);
      expect(running.body).toMatchObject({ status: 'running', kind: 'targeted', project: null });
      const steps = running.body.steps as Step[];
      expect(steps.at(-1)).toMatchObject({ kind: 'evaluate', status: 'pending' });
      expect(steps.filter((s) => s.kind === 'fetch').map((s) => s.source)).toContain('mlps');
      expect(steps.find((s) => s.source === 'mlps')).toMatchObject({ status: 'running' });

      // One check at a time, and no decision on a check about to be replaced.
      expect((await reviewer.get(`/api/reviews/${reviewId}`).expect(200)).body.activeCheckRunId).toBe(runId);
      const twice = await applicant
        .post(`/api/reviews/${reviewId}/check`)
        .query({ wait: 'false' })
        .expect(409);
      expect(twice.body.error.details.checkRunId).toBe(runId);
      await reviewer
        .post(`/api/reviews/${reviewId}/decision`)
        .send({ decision: 'reject', comments: '不同意' })
        .expect(409);
      await other.get(`/api/checks/${runId}`).expect(404);
    } finally {
      hub.sandbox.faults.reset('mlps');
    }

    let report = (await applicant.get(`/api/checks/${runId}`).expect(200)).body;
    for (let i = 0; i < 100 && report.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      report = (await applicant.get(`/api/checks/${runId}`).expect(200)).body;
    }
    expect(report.status).toBe('completed');
    expect((report.steps as Step[]).every((s) => s.status === 'succeeded')).toBe(true);
    expect(report.project.findings.length).toBe(Object.keys(failing.expected).length);

    // The review points at the run as soon as the run reports completed.
    const review = (await applicant.get(`/api/reviews/${reviewId}`).expect(200)).body;
    expect(review).toMatchObject({
      checkRunId: runId,
      previousCheckRunId: firstCheck,
      activeCheckRunId: null,
    });
  });

  it('keeps waiting for the check by default (the CLI and older clients)', async () => {
    const res = await reviewer.post(`/api/reviews/${reviewId}/check`).expect(200);
    expect(res.body).toMatchObject({ id: reviewId, status: 'checked' });
    const run = (await reviewer.get(`/api/checks/${res.body.checkRunId}`).expect(200)).body;
    expect(run.status).toBe('completed');
    expect((run.steps as Step[]).map((s) => s.kind)).toEqual([
      ...(run.syncs as unknown[]).map(() => 'fetch'),
      'evaluate',
    ]);
  });

  it('closes a check left running by a crashed process once its heartbeat lapses', async () => {
    const prisma = app.get(PrismaService);
    const now = new Date();
    const orphan = await prisma.checkRun.create({
      data: {
        kind: 'targeted',
        projectCode: project.code,
        status: 'running',
        asOf: now,
        startedAt: now,
        syncIds: [],
        steps: [
          { kind: 'fetch', source: 'gov-cloud', status: 'succeeded', error: null, ms: 12 },
          { kind: 'fetch', source: 'mlps', status: 'running', error: null, ms: null },
          { kind: 'evaluate', source: null, status: 'pending', error: null, ms: null },
        ],
        heartbeatAt: now,
      },
    });
    // While its heartbeat is fresh it counts as running: the review waits for it.
    await applicant.post(`/api/reviews/${reviewId}/check`).query({ wait: 'false' }).expect(409);
    await prisma.checkRun.update({
      where: { id: orphan.id },
      data: { heartbeatAt: new Date(Date.now() - CHECK_LEASE_MS - 1_000) },
    });
    expect((await applicant.get(`/api/reviews/${reviewId}`).expect(200)).body.activeCheckRunId).toBeNull();
    const closed = (await applicant.get(`/api/checks/${orphan.id}`).expect(200)).body;
    expect(closed.status).toBe('failed');
    expect(closed.error).toContain('无心跳');
    expect(closed.finishedAt).not.toBeNull();
    expect((closed.steps as Step[]).map((s) => s.status)).toEqual(['succeeded', 'failed', 'failed']);
    // A fresh check may start again.
    await applicant.post(`/api/reviews/${reviewId}/check`).expect(200);
    // A run from before heartbeats existed, left running, is closed the same way.
    const older = await prisma.checkRun.create({
      data: { kind: 'targeted', projectCode: project.code, status: 'running', asOf: now, startedAt: now },
    });
    expect((await reviewer.get(`/api/checks/${older.id}`).expect(200)).body.status).toBe('failed');
  });

  it('lets the reviewer edit the draft opinion, never the unit, and prints the remarks in every export', async () => {
    const url = `/api/reviews/${reviewId}/opinion`;
    await applicant.patch(url).send({ conclusion: '自行修改' }).expect(403);
    await other.patch(url).send({ conclusion: '自行修改' }).expect(403);
    await reviewer.patch(url).send({}).expect(400);
    await reviewer
      .patch(url)
      .send({ sections: { elsewhere: '无此部分' } })
      .expect(400);
    await reviewer
      .patch(`/api/reviews/00000000-0000-4000-8000-000000000000/opinion`)
      .send({ conclusion: 'x' })
      .expect(404);

    const conclusion = '项目尚未部署至政务云，建议整改后复核。';
    const cloud = '系统运行于自建机房，须迁移上云。';
    const edited = await reviewer
      .patch(url)
      .send({ conclusion, sections: { cloud, management: '监理资料齐全。' } })
      .expect(200);
    expect(edited.body.remarks).toMatchObject({ conclusion, updatedBy: 'wang.review' });
    const section = (doc: { sections: { domain: string; remark: string | null }[] }, domain: string) =>
      doc.sections.find((s) => s.domain === domain);
    expect(section(edited.body, 'cloud')?.remark).toBe(cloud);

    // A field left out is kept; an empty one is cleared.
    const again = await reviewer
      .patch(url)
      .send({ sections: { management: '' } })
      .expect(200);
    expect(again.body.remarks.conclusion).toBe(conclusion);
    expect(section(again.body, 'cloud')?.remark).toBe(cloud);
    expect(section(again.body, 'management')?.remark ?? null).toBeNull();

    // What changed since the previous check, rule by rule.
    expect(again.body.comparison).toMatchObject({
      previousCheckRunId: expect.any(String),
      added: expect.any(Array),
      removed: expect.any(Array),
      changed: expect.any(Array),
    });

    const html = await applicant.get(url).query({ format: 'html' }).expect(200);
    expect(html.text).toContain(conclusion);
    expect(html.text).toContain(cloud);
    const pdf = await applicant.get(url).query({ format: 'pdf' }).buffer(true).parse(binary).expect(200);
    const text = (await extractPdfText(pdf.body as Buffer)).text.replace(/\s+/g, '');
    expect(text).toContain(conclusion);
    expect(text).toContain(cloud);
    const xlsx = await reviewer.get(url).query({ format: 'xlsx' }).buffer(true).parse(binary).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as never);
    const summary = workbook.worksheets[0]!.getSheetValues().flat().map(String).join(' ');
    expect(summary).toContain(conclusion);
    expect(summary).toContain(cloud);

    const audit = await hub.http
      .get('/api/audit')
      .query({ objectType: 'review', objectId: reviewId })
      .expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('review.opinion.edit');

    await reviewer
      .post(`/api/reviews/${reviewId}/decision`)
      .send({
        decision: 'rectify',
        comments: conclusion,
        // 整改后复核 lists an item for every blocking rule the check left open
        rectification: (again.body.blockingRuleIds as string[]).map((ruleId) => ({
          ruleId,
          description: ruleId === 'YY-CLOUD-DEPLOY' ? '迁移上云' : `整改 ${ruleId}`,
          deadline: '2026-12-31',
        })),
      })
      .expect(200);
    const refused = await reviewer.patch(url).send({ conclusion: '改过' }).expect(409);
    expect(refused.body.error.message.zh).toContain('已决定');
    const signed = (await reviewer.get(url).expect(200)).body;
    expect(signed.remarks.conclusion).toBe(conclusion);
  });
});
