import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { writeRegistryWorkbook } from '@hub/registry';
import { packFor } from '@hub/rules';
import { extractPdfText } from '@hub/reports/testing';
import { generateDemoCity } from '@hub/sandbox';
import ExcelJS from 'exceljs';
import type request from 'supertest';
import { repoRoot } from '../apps/hub/src/infra/paths';
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
import { renderPdfPages } from './support/pdf-pages';

const yueyangPack = packFor('yueyang');

const SCREENSHOTS = path.join(repoRoot(), 'docs', 'screenshots');
/** The opinion's tables fit at least this many findings on an A4 page, with the masthead and signatures. */
const FINDINGS_PER_PAGE = 6;

/** pdf.js may split or space a run differently from how it was laid out: compare without whitespace. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

/** Binary bodies (pdf, xlsx) as a Buffer. */
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/**
 * The pre-acceptance review from application to signed opinion and re-check, through the API and
 * the CLI, on the demo city: a construction unit applies, a reviewer reads the draft, is refused 同意
 * while blocking findings stand, sends the project to rectification, the unit fixes a binding, a
 * re-check shows what was fixed, and the reviewer agrees with a recorded override.
 */
describe('pre-acceptance review workflow', () => {
  const demo = generateDemoCity({ now: DEMO_NOW });
  let hub: TestHub;
  let app: INestApplication;
  let applicant: ApiClient;
  let reviewer: ApiClient;
  let other: ApiClient;
  const failing = demo.designed.find((d) => d.expected['YY-CLOUD-DEPLOY'] === 'FAIL')!;
  const project = demo.projects.find((p) => p.code === failing.code)!;

  beforeAll(async () => {
    hub = await startTestHub(demo.dataset);
    app = hub.app;
    await hub.http
      .post('/api/registry/imports')
      .attach('file', await writeRegistryWorkbook(demo.projects), 'p.xlsx')
      .expect(201);
    await app.get(ChecksService).scan();
    applicant = (await userWithToken(app, 'applicant', { unitCode: project.unitCode })).http;
    reviewer = (await userWithToken(app, 'reviewer', { username: 'li.review', displayName: '王科长' })).http;
    const otherUnit = demo.projects.find((p) => p.unitCode !== project.unitCode)!.unitCode;
    other = (await userWithToken(app, 'applicant', { unitCode: otherUnit })).http;
  });
  afterAll(async () => {
    await hub?.stop();
  });

  let reviewId: string;
  let firstCheck: string;

  it('lets the construction unit apply for its own project only, and checks it at once', async () => {
    await other.post('/api/reviews').send({ projectCode: project.code }).expect(404);
    const res = await applicant
      .post('/api/reviews')
      .send({ projectCode: project.code, note: '申请竣工验收' })
      .expect(201);
    expect(res.body).toMatchObject({
      projectCode: project.code,
      status: 'checked',
      documentNo: expect.stringMatching(/^JSSC-\d{4}-\d{4}$/),
      checkRunId: expect.any(String),
    });
    reviewId = res.body.id;
    firstCheck = res.body.checkRunId;
    await applicant.post('/api/reviews').send({ projectCode: project.code }).expect(409);
    await other.get(`/api/reviews/${reviewId}`).expect(404);
  });

  it('drafts the opinion grouped by the five sections, with clause and evidence for each finding', async () => {
    const res = await reviewer.get(`/api/reviews/${reviewId}/opinion`).expect(200);
    const doc = res.body;
    expect(doc).toMatchObject({ status: 'draft', ready: false, checkRunId: firstCheck, decision: null });
    expect(doc.blockingRuleIds).toContain('YY-CLOUD-DEPLOY');
    expect(doc.sections.map((s: { title: { zh: string } }) => s.title.zh)).toEqual(
      expect.arrayContaining(['政务云资源集约应用', '网络安全', '项目管理']),
    );
    const all = doc.sections.flatMap((s: { findings: unknown[] }) => s.findings);
    expect(all).toHaveLength(Object.keys(failing.expected).length);
    const deploy = all.find((f: { ruleId: string }) => f.ruleId === 'YY-CLOUD-DEPLOY');
    expect(deploy).toMatchObject({ verdict: 'FAIL', clause: '第六条', change: null });
    const withEvidence = all.find((f: { evidence: unknown[] }) => f.evidence.length > 0);
    expect(withEvidence.evidence[0]).toMatchObject({
      sourceTitle: { zh: expect.any(String) },
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('refuses 同意 while blocking findings stand, unless an override reason is given, and never to the unit', async () => {
    await applicant.post(`/api/reviews/${reviewId}/decision`).send({ decision: 'approve' }).expect(403);
    const refused = await reviewer
      .post(`/api/reviews/${reviewId}/decision`)
      .send({ decision: 'approve' })
      .expect(409);
    expect(refused.body.error.details.blockingRuleIds).toContain('YY-CLOUD-DEPLOY');
    expect(refused.body.error.message.zh).toContain('overrideReason');
    const noItems = await reviewer
      .post(`/api/reviews/${reviewId}/decision`)
      .send({ decision: 'rectify' })
      .expect(400);
    expect(noItems.body.error.message.zh).toContain('整改事项');
  });

  /** The blocking rules other than the cloud deployment that the check found open: each needs an item. */
  let otherBlocking: string[];

  it('sends the project to rectification with items, owners and deadlines for every blocking rule', async () => {
    const draft = (await reviewer.get(`/api/reviews/${reviewId}/opinion`).expect(200)).body;
    otherBlocking = (draft.blockingRuleIds as string[]).filter((id) => id !== 'YY-CLOUD-DEPLOY');
    const res = await reviewer
      .post(`/api/reviews/${reviewId}/decision`)
      .send({
        decision: 'rectify',
        comments: '请将系统部署至政务云后申请复核',
        rectification: [
          {
            ruleId: 'YY-CLOUD-DEPLOY',
            description: '迁移上云',
            deadline: '2026-12-31',
            owner: '信息中心 张工',
          },
          { ruleId: null, description: '补充监理报告', deadline: '2026-12-15' },
          ...otherBlocking.map((ruleId) => ({
            ruleId,
            description: `整改 ${ruleId}`,
            deadline: '2027-01-31',
          })),
        ],
      })
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'decided',
      decision: 'rectify',
      decidedBy: 'li.review',
      reviewerName: '王科长',
      // the city's first opinion of the year (the demo clock stands in 2026)
      opinionNo: '岳技审〔2026〕1号',
    });
    expect(
      res.body.items.map((i: { ruleId: string | null; owner: string; status: string }) => [
        i.ruleId,
        i.owner,
        i.status,
      ]),
    ).toEqual([
      // earliest deadline first
      [null, project.unitName, 'open'],
      ['YY-CLOUD-DEPLOY', '信息中心 张工', 'open'],
      ...res.body.items.slice(2).map(() => [expect.any(String), project.unitName, 'open']),
    ]);
    expect(
      res.body.items
        .slice(2)
        .map((i: { ruleId: string }) => i.ruleId)
        .sort(),
    ).toEqual([...otherBlocking].sort());
    await reviewer.post(`/api/reviews/${reviewId}/check`).expect(409);
  });

  const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

  it('lets the unit mark an item done with a note and a file (multipart), and serves the file to those who may read the review', async () => {
    const items = (await applicant.get(`/api/reviews/${reviewId}/items`).expect(200)).body.items as {
      id: string;
      ruleId: string | null;
    }[];
    const deploy = items.find((i) => i.ruleId === 'YY-CLOUD-DEPLOY')!;
    const url = `/api/reviews/${reviewId}/items/${deploy.id}/done`;
    const noNote = await applicant.post(url).send({}).expect(400);
    expect(noNote.body.error.message.zh).toContain('note');
    const badType = await applicant
      .post(url)
      .field('note', '已迁移')
      .attach('file', Buffer.from('MZ'), 'tool.exe')
      .expect(400);
    expect(badType.body.error.message.zh).toContain('只接受 pdf');
    const tooBig = await applicant
      .post(url)
      .field('note', '已迁移')
      .attach('file', Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), '大文件.pdf')
      .expect(413);
    expect(tooBig.body.error.message.zh).toContain('整改附件最大 10 MB');
    const broken = await applicant
      .post(url)
      .set('Content-Type', 'multipart/form-data; boundary=x')
      .send('--x\r\nContent-Disposition: form-data; name="note"\r\n\r\n未结束')
      .expect(400);
    expect(broken.body.error.code).toBe('INVALID_REQUEST');
    const unnamed = await applicant
      .post(url)
      .field('note', '已迁移')
      .attach('file', PDF, 'a\u0001.pdf')
      .expect(400);
    // a control character breaks the part's header itself: refused before the hub reads the file
    expect(unnamed.body.error.code).toBe('INVALID_REQUEST');
    await other.post(url).send({ note: '越权' }).expect(404);
    const res = await applicant
      .post(url)
      .field('note', '已将系统迁移至政务云')
      .attach('file', PDF, { filename: '迁移报告.pdf', contentType: 'application/pdf' })
      .expect(200);
    const done = res.body.items.find((i: { id: string }) => i.id === deploy.id);
    expect(done).toMatchObject({
      status: 'done',
      doneBy: expect.any(String),
      note: '已将系统迁移至政务云',
      attachment: { fileName: '迁移报告.pdf', contentType: 'application/pdf', size: PDF.length },
    });
    const file = await reviewer.get(done.attachment.url).buffer(true).parse(binary).expect(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain(encodeURIComponent('迁移报告.pdf'));
    expect((file.body as Buffer).equals(PDF)).toBe(true);
    await other.get(done.attachment.url).expect(404);
    await applicant.post(url).send({ note: '再次' }).expect(409);
  });

  it('re-checks after rectification, showing what was fixed against the previous check', async () => {
    // The unit's system turns out to run on an orphan cloud resource: binding it is the rectification.
    const orphans = await reviewer.get('/api/resources/unbound').expect(200);
    const orphan = firstValidUnbound(orphans.body as { resourceId: string }[], demo.dataset);
    await reviewer
      .post('/api/bindings')
      .send({
        record: `gov-cloud/resource/${orphan.resourceId}`,
        projectCode: project.code,
        comment: '整改：迁移上云',
      })
      .expect(201);
    const decidedId = reviewId;
    const again = await applicant.post('/api/reviews').send({ projectCode: project.code }).expect(201);
    expect(again.body.previousCheckRunId).toBe(firstCheck);
    expect(again.body.previousReviewId).toBe(decidedId);
    reviewId = again.body.id;
    // The open item comes along; the done one is history, and the re-check passes it: no warning.
    expect(again.body.items).toHaveLength(1 + otherBlocking.length);
    expect(again.body.items).toContainEqual(
      expect.objectContaining({
        ruleId: null,
        status: 'open',
        carriedFrom: expect.objectContaining({ reviewId: decidedId }),
      }),
    );
    expect(
      again.body.items.every(
        (i: { carriedFrom: { reviewId: string } | null }) => i.carriedFrom?.reviewId === decidedId,
      ),
    ).toBe(true);
    expect(again.body.itemHistory).toEqual([
      expect.objectContaining({ ruleId: 'YY-CLOUD-DEPLOY', status: 'done', recheck: null }),
    ]);
    const doc = (await reviewer.get(`/api/reviews/${reviewId}/opinion`).expect(200)).body;
    const all = doc.sections.flatMap((s: { findings: { ruleId: string; change: string }[] }) => s.findings);
    expect(all.find((f: { ruleId: string }) => f.ruleId === 'YY-CLOUD-DEPLOY').change).toBe('fixed');
    expect(all.every((f: { change: string | null }) => f.change !== null)).toBe(true);
  });

  it('agrees with a recorded override when blocking findings remain, and the audit trail says so', async () => {
    const doc = (await reviewer.get(`/api/reviews/${reviewId}/opinion`).expect(200)).body;
    const decision = doc.ready
      ? { decision: 'approve', comments: '同意' }
      : {
          decision: 'approve',
          comments: '同意',
          overrideReason: '剩余问题已由主管部门书面确认，验收后三十日内整改',
        };
    const res = await reviewer.post(`/api/reviews/${reviewId}/decision`).send(decision).expect(200);
    expect(res.body.decision).toBe('approve');
    expect(res.body.overrideReason ?? null).toBe(doc.ready ? null : decision.overrideReason);
    const audit = await hub.http
      .get('/api/audit')
      .query({ objectType: 'review', objectId: reviewId })
      .expect(200);
    const actions = audit.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['review.apply', 'review.check', 'review.decide']));
    if (!doc.ready) expect(actions).toContain('review.override');
  });

  it('exports the signed opinion as a PDF whose text names the project, the conclusion and every failing rule', async () => {
    const res = await applicant
      .get(`/api/reviews/${reviewId}/opinion`)
      .query({ format: 'pdf' })
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const { text, pages } = await extractPdfText(res.body as Buffer);
    const flat = squeeze(text);
    expect(flat).toContain(squeeze(project.name));
    expect(flat).toContain('同意竣工验收');
    const doc = (await reviewer.get(`/api/reviews/${reviewId}/opinion`).expect(200)).body;
    expect(doc.documentNo).toBe('岳技审〔2026〕2号');
    expect(flat).toContain('岳阳市政务信息化项目技术支持组岳技审〔2026〕2号');
    expect(flat).toContain('审查人：王科长');
    expect(flat).not.toContain('li.review');
    expect(flat).toContain('日期：二〇二六年十一月一日'); // decided at 10:00 on 1 November, Beijing time
    const findings = doc.sections.flatMap(
      (s: { findings: { ruleId: string; verdict: string }[] }) => s.findings,
    );
    expect(pages).toBeLessThanOrEqual(Math.ceil(findings.length / FINDINGS_PER_PAGE));
    expect(flat).toContain(`第1页共${pages}页`);
    expect(flat).not.toContain('Notagreed');
    const failingRules = findings
      .filter((f: { verdict: string }) => f.verdict === 'FAIL')
      .map((f: { ruleId: string }) => f.ruleId);
    for (const rule of failingRules) expect(flat).toContain(rule);
  });

  it('prints the opinion with English beside the Chinese when asked for lang=bilingual, and refuses another language', async () => {
    const res = await reviewer
      .get(`/api/reviews/${reviewId}/opinion`)
      .query({ format: 'pdf', lang: 'bilingual' })
      .buffer(true)
      .parse(binary)
      .expect(200);
    const flat = squeeze((await extractPdfText(res.body as Buffer)).text);
    expect(flat).toContain('Technicalreviewopinion');
    expect(flat).toContain('Page1of');
    const refused = await reviewer
      .get(`/api/reviews/${reviewId}/opinion`)
      .query({ format: 'pdf', lang: 'en' })
      .expect(400);
    expect(JSON.stringify(refused.body.error)).toContain('lang');
  });

  it('numbers each city’s opinions on its own sequence: 郴技审 starts at 1 while 岳技审 goes on', async () => {
    const chenzhou = demo.projects.find((p) => p.policyPack === 'chenzhou')!;
    const applied = await reviewer.post('/api/reviews').send({ projectCode: chenzhou.code }).expect(201);
    expect(applied.body.opinionNo).toBeNull();
    const draft = (await reviewer.get(`/api/reviews/${applied.body.id}/opinion`).expect(200)).body;
    expect(draft).toMatchObject({ documentNo: null, issuer: { office: '郴州市政务信息化项目技术支持组' } });
    const decided = await reviewer
      .post(`/api/reviews/${applied.body.id}/decision`)
      .send(
        draft.ready
          ? { decision: 'approve' }
          : { decision: 'approve', overrideReason: '经主管部门书面确认，剩余事项验收后整改' },
      )
      .expect(200);
    expect(decided.body.opinionNo).toBe('郴技审〔2026〕1号');
    const html = await reviewer
      .get(`/api/reviews/${applied.body.id}/opinion`)
      .query({ format: 'html' })
      .expect(200);
    expect(html.text).toContain('<p class="masthead">郴州市政务信息化项目技术支持组</p>');
    expect(html.text).toContain('<p class="doc-no">郴技审〔2026〕1号</p>');
  });

  it('exports the opinion as xlsx with a sheet per section, read back', async () => {
    const res = await reviewer
      .get(`/api/reviews/${reviewId}/opinion`)
      .query({ format: 'xlsx' })
      .buffer(true)
      .parse(binary)
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as never);
    const names = workbook.worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(['政务云资源集约应用', '项目管理']));
    const cloud = workbook.getWorksheet('政务云资源集约应用')!;
    const cells = cloud.getSheetValues().flat().map(String).join(' ');
    expect(cells).toContain('YY-CLOUD-DEPLOY');
    const summary = workbook.getWorksheet('审查概况')!;
    expect(summary.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToWidth: 1 });
    let investment: ExcelJS.CellValue = null;
    summary.eachRow((row) => {
      if (row.getCell(1).value === '总投资（万元）') investment = row.getCell(2).value;
    });
    expect(investment).toBe(Number(project.investment));
  });

  it('writes the opinion from the CLI (hub opinion <code> --format pdf -o FILE)', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'opinion-')), 'opinion.pdf');
    await runCli(hub.envVars, ['opinion', project.code, '--format', 'pdf', '-o', file]);
    const pdf = fs.readFileSync(file);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await extractPdfText(pdf)).text.replace(/\s+/g, '')).toContain(project.code);
  });

  it('goes from application to a signed PDF and a re-check from the CLI alone', async () => {
    const next = demo.designed.find(
      (d) => d.code !== project.code && d.expected['YY-CLOUD-DEPLOY'] === 'FAIL',
    )!;
    const applied = await runCli(hub.envVars, ['review', 'apply', next.code, '--note', '竣工验收申请']);
    const id = /^([0-9a-f-]{36}) /.exec(applied)![1]!;
    expect(applied).toContain('checked');
    await expect(
      runCli(hub.envVars, ['review', 'decide', id, '--decision', 'approve']),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const blockingRuleIds = (await reviewer.get(`/api/reviews/${id}/opinion`).expect(200)).body
      .blockingRuleIds as string[];
    expect(blockingRuleIds).toContain('YY-CLOUD-DEPLOY');
    const nextBlocking = blockingRuleIds.filter((ruleId) => ruleId !== 'YY-CLOUD-DEPLOY');
    // An item naming no rule covers none: every blocking rule still wants its own.
    await expect(
      runCli(hub.envVars, [
        'review',
        'decide',
        id,
        '--decision',
        'rectify',
        '--item',
        '|按审查意见整改|2026-12-31',
      ]),
    ).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      details: { missingRuleIds: [...blockingRuleIds].sort() },
    });
    const decided = await runCli(hub.envVars, [
      'review',
      'decide',
      id,
      '--decision',
      'rectify',
      '--comments',
      '请按整改事项逐项整改，整改完成后重新申请技术审查。',
      '--item',
      'YY-CLOUD-DEPLOY|将系统迁移部署至政务云，并在政务云资源台账中登记|2026-12-31',
      '--item',
      '|按审查意见整改其余不通过项，并提交整改报告|2026-12-31|信息中心',
      ...nextBlocking.flatMap((ruleId) => ['--item', `${ruleId}|按审查意见整改 ${ruleId}|2026-12-31`]),
      '--by',
      '李科长',
    ]);
    expect(decided).toContain('rectify');
    expect(decided).toContain('整改 2026-12-31 open');
    expect(decided).toContain('岳技审〔2026〕3号');

    // The signed opinion as the unit receives it, page by page, for the README and for a look.
    const signed = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'opinion-')), 'rectify.pdf');
    await runCli(hub.envVars, ['opinion', id, '--format', 'pdf', '-o', signed]);
    const rectifyPdf = fs.readFileSync(signed);
    const { text: rectifyText, pages } = await extractPdfText(rectifyPdf);
    const flat = squeeze(rectifyText);
    expect(flat).toContain('岳技审〔2026〕3号');
    expect(flat).toContain('审查人：李科长');
    expect(flat).not.toContain('cli:');
    expect(flat).toContain('审查人（签字）：');
    expect(flat).toContain('岳阳市政务信息化项目技术支持组（盖章）');
    expect(flat).toContain('日期：二〇二六年十一月一日');
    expect(flat).toContain('整改后复核');
    expect(flat).toContain('2026年12月31日');
    expect(flat).toContain(`第1页共${pages}页`);
    for (const rule of Object.keys(next.expected)) expect(flat).toContain(rule);
    expect(Object.keys(next.expected)).toHaveLength(yueyangPack.rules.length);
    expect(pages).toBeLessThanOrEqual(Math.ceil(yueyangPack.rules.length / FINDINGS_PER_PAGE));
    const images = renderPdfPages(rectifyPdf, SCREENSHOTS, 'opinion-page');
    expect(images.map((f) => path.basename(f))).toEqual(
      Array.from({ length: pages }, (_, i) => `opinion-page-${i + 1}.png`),
    );
    for (const image of images) expect(fs.statSync(image).size).toBeGreaterThan(20_000);

    // The unit reports the items done from the CLI: who, what, and the evidence.
    const listed = await runCli(hub.envVars, ['review', 'items', id, '--format', 'json']);
    const { items } = JSON.parse(listed) as { items: { id: string; ruleId: string | null }[] };
    const deployItem = items.find((i) => i.ruleId === 'YY-CLOUD-DEPLOY')!;
    const evidence = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-')), '迁移报告.pdf');
    fs.writeFileSync(evidence, '%PDF-1.4\n%%EOF\n');
    await expect(
      runCli(hub.envVars, ['review', 'done', id, deployItem.id, '--note', ' ', '--by', '张工']),
    ).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    const marked = await runCli(hub.envVars, [
      'review',
      'done',
      id,
      deployItem.id,
      '--note',
      '已迁移至政务云',
      '--attach',
      evidence,
      '--by',
      '张工',
    ]);
    expect(marked).toMatch(/完成 张工 \S+ {2}已迁移至政务云 {2}附件 迁移报告\.pdf/);
    const table = await runCli(hub.envVars, ['review', 'items', id]);
    expect(table).toContain(`${deployItem.id}`);
    expect(table).toContain(`${2 + nextBlocking.length} 项整改事项`);

    const again = await runCli(hub.envVars, ['review', 'apply', next.code]);
    const recheck = /^([0-9a-f-]{36}) /.exec(again)![1]!;
    // The open item is carried; the one marked done still fails the re-check, and the CLI says so.
    expect(again).toContain('(转自 ');
    expect(again).toContain('⚠ 整改事项已标记完成，但复查仍不通过 (FAIL)');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'opinion-')), 'recheck.json');
    await runCli(hub.envVars, ['opinion', recheck, '--format', 'json', '-o', file]);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      sections: { findings: { change: string }[] }[];
    };
    const changes = doc.sections.flatMap((s) => s.findings.map((f) => f.change));
    expect(changes).toContain('still-failing');
    expect(changes.every((c) => c !== null)).toBe(true);
    await runCli(hub.envVars, [
      'review',
      'decide',
      recheck,
      '--decision',
      'approve',
      '--override-reason',
      '经主管部门书面确认，剩余事项验收后整改',
    ]);
    const pdf = path.join(path.dirname(file), 'signed.pdf');
    await runCli(hub.envVars, ['opinion', next.code, '--format', 'pdf', '-o', pdf]);
    const text = (await extractPdfText(fs.readFileSync(pdf))).text.replace(/\s+/g, '');
    expect(text).toContain('同意竣工验收');
    expect(text).toContain('经主管部门书面确认');
  });

  it('filters the portfolio by readiness, rule and verdict, and scopes it to the unit', async () => {
    const failingDeploy = await reviewer
      .get('/api/portfolio')
      .query({ ruleId: 'YY-CLOUD-DEPLOY', verdict: 'FAIL' })
      .expect(200);
    const codes = failingDeploy.body.map((r: { code: string }) => r.code);
    const expected = demo.designed.filter((d) => d.expected['YY-CLOUD-DEPLOY'] === 'FAIL').map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining(expected.filter((c) => c !== project.code)));
    expect(codes).not.toContain(project.code); // fixed by the re-check above
    const notReady = await reviewer.get('/api/portfolio').query({ readiness: 'not-ready' }).expect(200);
    expect(notReady.body.every((r: { ready: boolean }) => r.ready === false)).toBe(true);
    const mine = await applicant.get('/api/portfolio').expect(200);
    expect(mine.body.every((r: { unitCode: string }) => r.unitCode === project.unitCode)).toBe(true);
    const csv = await reviewer.get('/api/portfolio').query({ format: 'csv' }).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).toContain(project.code);
  });

  it('previews which verdicts a draft pack setting would flip, then judges under the published version', async () => {
    const draft = {
      settings: { expertReviewMinInvestment: 1_000_000 },
      effectiveFrom: '2000-01-02',
      note: '测试',
    };
    await applicant.post('/api/packs/yueyang/preview').send(draft).expect(403);
    const preview = await reviewer.post('/api/packs/yueyang/preview').send(draft).expect(200);
    expect(preview.body.flips.length).toBeGreaterThan(0);
    expect(preview.body.flips.every((f: { ruleId: string }) => f.ruleId === 'YY-EXPERT-REVIEW')).toBe(true);
    expect(
      preview.body.flips.every((f: { to: { verdict: string } }) => f.to.verdict === 'NOT_APPLICABLE'),
    ).toBe(true);
    const bad = await hub.http
      .post('/api/packs/yueyang/versions')
      .send({ ...draft, settings: { videoMinOnlineRatio: 3 } })
      .expect(400);
    expect(bad.body.error.message.en).toContain('videoMinOnlineRatio');
    await reviewer.post('/api/packs/yueyang/versions').send(draft).expect(403);
    const published = await hub.http.post('/api/packs/yueyang/versions').send(draft).expect(201);
    expect(published.body.version).toBe(2);
    const flipped = preview.body.flips[0].projectCode;
    const check = await hub.http.post('/api/checks').send({ projectCode: flipped }).expect(201);
    const expert = check.body.project.findings.find(
      (f: { ruleId: string }) => f.ruleId === 'YY-EXPERT-REVIEW',
    );
    expect(expert).toMatchObject({ verdict: 'NOT_APPLICABLE', packVersion: 2 });
    // Pinned back to version 1, the project is judged under it again.
    // The pack in the path must be the project's own: another city's pack, or none, is refused.
    const otherPack = await hub.http
      .post('/api/packs/chenzhou/pins')
      .send({ projectCode: flipped, version: 1 })
      .expect(400);
    expect(otherPack.body.error).toMatchObject({ code: 'INVALID_REQUEST' });
    expect(otherPack.body.error.message.zh).toContain('yueyang');
    expect(otherPack.body.error.message.zh).toMatch(/^[\u4e00-\u9fff]/);
    const noPack = await hub.http
      .post('/api/packs/nowhere/pins')
      .send({ projectCode: flipped, version: 1 })
      .expect(404);
    expect(noPack.body.error.message.zh).toContain('政策包 nowhere 不存在');
    const notPinned = await hub.http.post('/api/checks').send({ projectCode: flipped }).expect(201);
    expect(
      notPinned.body.project.findings.find((f: { ruleId: string }) => f.ruleId === 'YY-EXPERT-REVIEW')
        .packVersion,
    ).toBe(2);
    await hub.http.post('/api/packs/yueyang/pins').send({ projectCode: flipped, version: 1 }).expect(200);
    const pinned = await hub.http.post('/api/checks').send({ projectCode: flipped }).expect(201);
    const again = pinned.body.project.findings.find(
      (f: { ruleId: string }) => f.ruleId === 'YY-EXPERT-REVIEW',
    );
    expect(again.packVersion).toBe(1);
    expect(again.verdict).toBe(preview.body.flips[0].from.verdict);
  });

  it('refuses 整改后复核 covering one of three blocking FAILs, then warns when an item marked done still fails on re-check', async () => {
    const three = demo.designed.find((d) => d.code === '25-431000-0016')!;
    expect(
      Object.entries(three.expected)
        .filter(([, v]) => v === 'FAIL')
        .map(([k]) => k),
    ).toEqual(expect.arrayContaining(['CZ-SUPERVISION', 'CZ-REVIEW-PATH', 'CZ-PREREVIEW']));
    const applied = (await reviewer.post('/api/reviews').send({ projectCode: three.code }).expect(201)).body;
    const blocking = (await reviewer.get(`/api/reviews/${applied.id}/opinion`).expect(200)).body
      .blockingRuleIds as string[];
    expect(blocking).toEqual(['CZ-PREREVIEW', 'CZ-REVIEW-PATH', 'CZ-SUPERVISION']);
    const item = (ruleId: string) => ({ ruleId, description: `整改 ${ruleId}`, deadline: '2026-12-31' });
    const refused = await reviewer
      .post(`/api/reviews/${applied.id}/decision`)
      .send({ decision: 'rectify', rectification: [item('CZ-SUPERVISION')] })
      .expect(400);
    expect(refused.body.error.message.zh).toBe(
      '“整改后复核”须为每个阻断的不通过或无法判断项列出整改事项，缺少：CZ-PREREVIEW、CZ-REVIEW-PATH',
    );
    expect(refused.body.error.details.missingRuleIds).toEqual(['CZ-PREREVIEW', 'CZ-REVIEW-PATH']);
    const decided = (
      await reviewer
        .post(`/api/reviews/${applied.id}/decision`)
        .send({ decision: 'rectify', rectification: blocking.map(item) })
        .expect(200)
    ).body;
    const supervision = decided.items.find((i: { ruleId: string }) => i.ruleId === 'CZ-SUPERVISION');
    await reviewer
      .post(`/api/reviews/${applied.id}/items/${supervision.id}/done`)
      .send({ note: '监理合同已签订' })
      .expect(200);
    // Nothing changed upstream or in the registry: the re-check still fails the rule marked done.
    const again = (await reviewer.post('/api/reviews').send({ projectCode: three.code }).expect(201)).body;
    expect(again.items.map((i: { ruleId: string }) => i.ruleId).sort()).toEqual([
      'CZ-PREREVIEW',
      'CZ-REVIEW-PATH',
    ]);
    expect(again.itemHistory).toEqual([
      expect.objectContaining({
        ruleId: 'CZ-SUPERVISION',
        doneBy: '王科长',
        note: '监理合同已签订',
        recheck: expect.objectContaining({
          verdict: 'FAIL',
          warning: expect.objectContaining({ zh: '整改事项已标记完成，但复查仍不通过' }),
        }),
      }),
    ]);
    const doc = (await reviewer.get(`/api/reviews/${again.id}/opinion`).expect(200)).body;
    expect(doc.rectificationHistory).toEqual([
      expect.objectContaining({
        ruleId: 'CZ-SUPERVISION',
        warning: expect.objectContaining({ zh: '整改事项已标记完成，但复查仍不通过' }),
      }),
    ]);
    const html = (
      await reviewer.get(`/api/reviews/${again.id}/opinion`).query({ format: 'html' }).expect(200)
    ).text;
    expect(html).toContain('⚠ 整改事项已标记完成，但复查仍不通过');
    // The open items carried along already cover the blocking rules still open, but not the one marked done.
    const rest = await reviewer
      .post(`/api/reviews/${again.id}/decision`)
      .send({ decision: 'rectify' })
      .expect(400);
    expect(rest.body.error.details.missingRuleIds).toEqual(['CZ-SUPERVISION']);
  });
});
