import type { INestApplication } from '@nestjs/common';
import { writeRegistryWorkbook } from '@hub/registry';
import { generateDemoCity } from '@hub/sandbox';
import pino from 'pino';
import type request from 'supertest';
import { createHttpApp, prepareDatabase } from '../apps/hub/src/bootstrap';
import { loadEnv } from '../apps/hub/src/config/env';
import { PrismaService } from '../apps/hub/src/infra/database/prisma.service';
import {
  type ApiClient,
  apiClient,
  DEMO_NOW,
  startTestHub,
  type TestHub,
  userWithToken,
} from './support/hub';

/**
 * Targeted checks are costly (every upstream is asked): one check of a project at a time and a few
 * per person at a time, whichever replica each request reaches. Two hub applications share one
 * database here, as two replicas would; the MLPS sandbox is slowed so that checks stay running.
 */
describe('limits on running checks, shared by replicas', () => {
  const demo = generateDemoCity({ now: DEMO_NOW });
  /** the unit with the most projects: one applicant can check several at once */
  const unitCode = (() => {
    const counts = new Map<string, number>();
    for (const p of demo.projects) counts.set(p.unitCode, (counts.get(p.unitCode) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  })();
  const projects = demo.projects.filter((p) => p.unitCode === unitCode).map((p) => p.code);
  let hub: TestHub;
  let second: INestApplication;

  beforeAll(async () => {
    hub = await startTestHub(demo.dataset, { env: { HUB_MAX_CONCURRENT_CHECKS_PER_USER: '2' } });
    await hub.http
      .post('/api/registry/imports')
      .attach('file', await writeRegistryWorkbook(demo.projects), 'p.xlsx')
      .expect(201);
    const logger = pino({ level: 'silent' });
    const env = loadEnv(hub.envVars);
    second = await createHttpApp(env, logger, await prepareDatabase(env, logger));
    await second.init();
  });
  afterEach(() => hub.sandbox.faults.reset('mlps'));
  afterAll(async () => {
    await second?.close();
    await hub?.stop();
  });

  /** An applicant of the unit, with a client for each replica. */
  async function applicant(): Promise<{ username: string; replicas: [ApiClient, ApiClient] }> {
    const user = await userWithToken(hub.app, 'applicant', { unitCode });
    return { username: user.username, replicas: [user.http, apiClient(second, user.token)] };
  }

  const runningOf = (where: { requestedBy?: string; projectCode?: string }) =>
    hub.app.get(PrismaService).checkRun.count({ where: { ...where, kind: 'targeted', status: 'running' } });

  async function until(condition: () => Promise<boolean>): Promise<void> {
    for (let i = 0; i < 100; i++) {
      if (await condition()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the condition never held');
  }

  function expectRefusal(res: request.Response, status: number, code: string) {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message.zh).toMatch(/^[\u4e00-\u9fff]/);
    expect(res.body.error.message.en).toMatch(/[a-z]/);
  }

  it('starts one of several simultaneous checks of a project, on either replica, and refuses the rest with 409', async () => {
    hub.sandbox.faults.update('mlps', { latencyMs: 1_500 });
    const code = projects[0]!;
    const callers = await Promise.all([applicant(), applicant(), applicant(), applicant()]);
    const answers = await Promise.all(
      callers.map((c, i) => c.replicas[i % 2]!.post('/api/checks').send({ projectCode: code })),
    );
    const started = answers.filter((r) => r.status === 201);
    const refused = answers.filter((r) => r.status !== 201);
    expect(started).toHaveLength(1);
    expect(refused).toHaveLength(3);
    for (const res of refused) {
      expectRefusal(res, 409, 'CONFLICT');
      expect(res.body.error.message.zh).toContain(`项目 ${code} 正在检查中`);
      expect(res.body.error.details.checkRunId).toBe(started[0]!.body.id);
    }
    expect(await runningOf({ projectCode: code })).toBe(0);
  });

  it('holds one person to two running checks across replicas with 429, and nobody else', async () => {
    hub.sandbox.faults.update('mlps', { latencyMs: 1_500 });
    const me = await applicant();
    const [a, b] = me.replicas;
    const firstThree = Promise.all([
      a.post('/api/checks').send({ projectCode: projects[1] }),
      b.post('/api/checks').send({ projectCode: projects[2] }),
      a.post('/api/checks').send({ projectCode: projects[3] }),
    ]);
    await until(async () => (await runningOf({ requestedBy: me.username })) === 2);

    // While two run: the same person is refused on either replica, a review application included,
    // which is then not recorded; a colleague is not held to the first person's limit.
    const fourth = await b.post('/api/checks').send({ projectCode: projects[4] });
    expectRefusal(fourth, 429, 'TOO_MANY_CHECKS');
    expect(fourth.body.error.message.zh).toMatch(/^您已有 2 项检查正在进行（每人最多同时 2 项）/);
    expect(fourth.body.error.details).toMatchObject({ limit: 2, running: expect.any(Array) });
    expect(fourth.body.error.details.running).toHaveLength(2);
    const application = await a.post('/api/reviews').send({ projectCode: projects[4] });
    expectRefusal(application, 429, 'TOO_MANY_CHECKS');
    expect((await a.get('/api/reviews').query({ projectCode: projects[4] }).expect(200)).body).toEqual([]);
    const colleague = await applicant();
    await colleague.replicas[1].post('/api/checks').send({ projectCode: projects[5] }).expect(201);

    const statuses = (await firstThree).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 429]);
    // Once they finished, the person may check again.
    hub.sandbox.faults.reset('mlps');
    await b.post('/api/checks').send({ projectCode: projects[4] }).expect(201);
    expect(await runningOf({ requestedBy: me.username })).toBe(0);
  });
});
