import os from 'node:os';
import type { INestApplicationContext } from '@nestjs/common';
import { writeRegistryWorkbook } from '@hub/registry';
import { packFor } from '@hub/rules';
import { SANDBOX_SOURCE_IDS, generateDemoCity, startSandbox } from '@hub/sandbox';
import pino from 'pino';
import { envForSandbox } from '../apps/hub/src/demo';
import { PrismaService } from '../apps/hub/src/infra/database/prisma.service';
import { JobQueue, QUEUES } from '../apps/hub/src/infra/jobs/job-queue';
import { RegistryImportService } from '../apps/hub/src/modules/registry/registry-import.service';
import { ScanOrchestrator } from '../apps/hub/src/modules/scans/scan-orchestrator.service';
import { createTestContext } from '../apps/hub/src/testing/test-context';
import { createTestDatabase } from './support/database';
import { DEMO_NOW } from './support/hub';
import { buildHub, errorLines, killFirstToPrint, type Replica, startReplica } from './support/replicas';

/**
 * Several hub processes on one PostgreSQL share a scan through the job queue: the built hub runs as
 * worker replicas (HUB_ROLE=worker) while this process only queues the scan and reads its progress.
 * One replica is killed mid-job with SIGKILL; its job expires and another replica finishes the scan.
 * Another is stopped mid-job with SIGTERM: it finishes what it holds, takes nothing more and exits 0.
 */
describe('scans shared by replicas on one PostgreSQL', () => {
  const demo = generateDemoCity({ now: DEMO_NOW });
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  let ctx: INestApplicationContext;
  let env: Record<string, string>;
  const replicas: Replica[] = [];
  const expectedFindings = demo.projects.reduce((n, p) => n + packFor(p.policyPack).rules.length, 0);
  const expectedPairs = demo.projects
    .flatMap((p) => packFor(p.policyPack).rules.map((rule) => `${p.code}/${rule.id}`))
    .sort();

  beforeAll(async () => {
    buildHub();
    db = await createTestDatabase();
    sandbox = await startSandbox({
      dataset: demo.dataset,
      ports: Object.fromEntries(SANDBOX_SOURCE_IDS.map((s) => [s, 0])),
      logger: pino({ level: 'silent' }),
    });
    env = {
      ...db.env,
      HUB_NOW: DEMO_NOW,
      HUB_SANDBOX: 'off',
      HUB_SCAN_ON_START: 'false',
      HUB_SCAN_CRON: 'off',
      HUB_SYNC_CRON: 'off',
      HUB_SCAN_BATCH_SIZE: '8',
      HUB_JOB_EXPIRE_SECONDS: '6',
      HUB_JOBS_MAINTENANCE_SECONDS: '1',
      HUB_JOBS_POLL_SECONDS: '0.5',
      ...envForSandbox(sandbox.urls),
    };
    ctx = await createTestContext(db.url, { ...env, HUB_ROLE: 'api' });
    await ctx.get(RegistryImportService).import('p.xlsx', await writeRegistryWorkbook(demo.projects), 'test');
    // Installs the queue's schema before replicas race to.
    await ctx.get(JobQueue).pending(QUEUES.scanSync);
  });

  afterEach(async () => {
    await Promise.all(replicas.splice(0).map((r) => r.stop()));
    for (const source of SANDBOX_SOURCE_IDS) sandbox.faults.reset(source);
  });

  afterAll(async () => {
    await ctx?.close();
    await sandbox?.stop();
    await db?.drop();
  });

  const replicaId = (r: Replica) => `${os.hostname()}:${r.process.pid}`;

  async function expectCompleteAndUnique(runId: string) {
    const prisma = ctx.get(PrismaService);
    const [counts] = await prisma.$queryRaw<{ total: bigint; distinct_pairs: bigint }[]>`
      SELECT COUNT(*) AS total, COUNT(DISTINCT (project_id, rule_id)) AS distinct_pairs
      FROM findings WHERE check_run_id = ${runId}::uuid`;
    expect(Number(counts!.total)).toBe(expectedFindings);
    expect(Number(counts!.distinct_pairs)).toBe(expectedFindings);
    // Exactly the expected set: every project × every requirement of its pack, none twice.
    const pairs = await prisma.$queryRaw<{ pair: string }[]>`
      SELECT p.code || '/' || f.rule_id AS pair FROM findings f JOIN projects p ON p.id = f.project_id
      WHERE f.check_run_id = ${runId}::uuid`;
    expect(pairs.map((r) => r.pair).sort()).toEqual(expectedPairs);
    const tasks = await prisma.scanTask.findMany({ where: { checkRunId: runId } });
    expect(tasks.every((t) => t.state === 'done')).toBe(true);
    // Each task's job completed exactly once in the queue, whoever ran it and however often it started
    // (the queue records a job's completion just after its task is done: the last one may lag).
    await vi.waitFor(
      async () => {
        const jobs = await prisma.$queryRaw<{ name: string; task: string; state: string }[]>`
          SELECT name, COALESCE(data->>'key', data->>'source', name) AS task, state::text AS state
          FROM pgboss.job WHERE data->>'runId' = ${runId}`;
        const completed = jobs.filter((j) => j.state === 'completed').map((j) => `${j.name}/${j.task}`);
        expect(new Set(completed).size).toBe(completed.length);
        expect(completed.length).toBe(tasks.length);
      },
      { timeout: 5_000, interval: 200 },
    );
    return tasks;
  }

  it('spreads one scan over two replicas, with every finding written once', async () => {
    for (const source of SANDBOX_SOURCE_IDS) sandbox.faults.update(source, { latencyMs: 100 });
    replicas.push(await startReplica('a', env), await startReplica('b', env));
    const scans = ctx.get(ScanOrchestrator);
    const runId = await scans.start('api', 'test');
    const progress = await scans.waitFor(runId);
    expect(progress.status, progress.error ?? '').toBe('completed');
    expect(progress.jobs.done).toBe(progress.jobs.total);
    expect(progress.report!.summary!.projects).toBe(demo.projects.length);
    const tasks = await expectCompleteAndUnique(runId);
    const by = new Set(tasks.map((t) => t.doneBy));
    expect([...by].sort()).toEqual(replicas.map(replicaId).sort());
  });

  /** The scan tasks whose jobs the queue shows active now. */
  async function activeTasks(runId: string): Promise<string[]> {
    const jobs = await ctx.get(PrismaService).$queryRaw<{ task: string }[]>`
      SELECT CASE name WHEN 'scan-sync' THEN 'sync:' || (data->>'source')
                       WHEN 'scan-evaluate' THEN data->>'key'
                       WHEN 'scan-bind' THEN 'bind' ELSE 'finish' END AS task
      FROM pgboss.job WHERE data->>'runId' = ${runId} AND state = 'active'`;
    return jobs.map((j) => j.task).sort();
  }

  /**
   * Waits until `replica` (the only one running) is in the middle of one of the scan's jobs: the job
   * is active in the queue and the hub has begun its task.
   */
  async function untilAJobIsActive(runId: string, replica: Replica): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const begun = (await activeTasks(runId)).length
        ? await ctx
            .get(PrismaService)
            .scanTask.count({ where: { checkRunId: runId, state: 'queued', attempts: { gt: 0 } } })
        : 0;
      if (begun > 0) return;
      if (Date.now() > deadline) throw new Error(`no job became active:\n${replica.output().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Lets a fresh replica, on fast upstreams again, finish the scan; its tasks, checked complete. */
  async function finishWithNewReplica(name: string, runId: string) {
    for (const source of SANDBOX_SOURCE_IDS) sandbox.faults.update(source, { latencyMs: 50 });
    const survivor = await startReplica(name, env);
    replicas.push(survivor);
    const progress = await ctx.get(ScanOrchestrator).waitFor(runId);
    expect(progress.status, progress.error ?? '').toBe('completed');
    return { survivor, tasks: await expectCompleteAndUnique(runId) };
  }

  const dbNow = async () =>
    (await ctx.get(PrismaService).$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`)[0]!.now;

  it('lets a replica stopped with SIGTERM finish the jobs it holds, take no more, and exit 0', async () => {
    for (const source of SANDBOX_SOURCE_IDS) sandbox.faults.update(source, { latencyMs: 700 });
    const stopping = await startReplica('stopping', { ...env, HUB_SHUTDOWN_GRACE_SECONDS: '60' });
    replicas.push(stopping);
    const scans = ctx.get(ScanOrchestrator);
    const prisma = ctx.get(PrismaService);
    const runId = await scans.start('api', 'test');
    await untilAJobIsActive(runId, stopping);
    stopping.process.kill('SIGTERM');
    // What it holds once the signal has been handled; from then on it may fetch nothing.
    await new Promise((r) => setTimeout(r, 300));
    const held = await activeTasks(runId);
    const heldSince = await dbNow();
    expect(held.length).toBeGreaterThan(0);
    const exit = await stopping.exited;
    expect(exit, stopping.output().slice(-3000)).toEqual({ code: 0, signal: null });
    expect(stopping.output()).toContain('taking no new work');
    expect(errorLines(stopping.output())).toEqual([]);
    const [late] = await prisma.$queryRaw<{ n: bigint }[]>`
      SELECT COUNT(*) AS n FROM pgboss.job WHERE data->>'runId' = ${runId} AND started_on > ${heldSince}`;
    expect(Number(late!.n)).toBe(0);

    const { survivor, tasks } = await finishWithNewReplica('after-stop', runId);
    // Each job it held it finished itself, at the first attempt: none was given back.
    for (const key of held) {
      expect(tasks.find((t) => t.key === key)).toMatchObject({ doneBy: replicaId(stopping), attempts: 1 });
    }
    expect(tasks.some((t) => t.doneBy === replicaId(survivor))).toBe(true);
  });

  it('finishes a scan whose replica was killed in the middle of a job', async () => {
    // Slow pages keep a sync job running long enough to be caught in the middle.
    for (const source of SANDBOX_SOURCE_IDS) sandbox.faults.update(source, { latencyMs: 700 });
    const doomed = await startReplica('doomed', env);
    replicas.push(doomed);
    const runId = await ctx.get(ScanOrchestrator).start('api', 'test');
    await untilAJobIsActive(runId, doomed);
    await new Promise((r) => setTimeout(r, 300));
    doomed.kill();
    const { survivor, tasks } = await finishWithNewReplica('survivor', runId);
    // The job the dead replica held was started twice and completed once, by the survivor.
    const retried = tasks.filter((t) => t.attempts > 1);
    expect(retried.length).toBeGreaterThan(0);
    expect(retried.every((t) => t.doneBy === replicaId(survivor))).toBe(true);
  });

  /**
   * Two replicas share a scan; one is killed the moment it starts a job of `queue`. The other, left
   * alone, takes that job again once it has expired and finishes the scan: every project × requirement
   * once, the killed job completed by the survivor at a later attempt.
   */
  async function killOneOfTwoDuring(queue: string, latencyMs: number, extra: Record<string, string> = {}) {
    for (const source of SANDBOX_SOURCE_IDS) sandbox.faults.update(source, { latencyMs });
    const debug = { ...env, HUB_LOG_LEVEL: 'debug', ...extra };
    const pair = [await startReplica(`a-${queue}`, debug), await startReplica(`b-${queue}`, debug)];
    replicas.push(...pair);
    // Whichever of the two starts such a job first is killed in it; the other survives.
    const started = new RegExp(`"queue":"${queue}".*"msg":"job started"`);
    const killed = killFirstToPrint(pair, started, 60_000);
    const scans = ctx.get(ScanOrchestrator);
    const runId = await scans.start('api', 'test');
    const { replica: doomed, line } = await killed;
    const survivor = pair.find((r) => r !== doomed)!;
    const jobId = /"jobId":"([^"]+)"/.exec(line)![1]!;
    expect((await doomed.exited).signal).toBe('SIGKILL');
    const progress = await Promise.race([
      scans.waitFor(runId),
      new Promise<never>((_, reject) =>
        setTimeout(
          () => reject(new Error(`the scan did not finish:\n${survivor.output().slice(-4000)}`)),
          60_000,
        ),
      ),
    ]);
    expect(progress.status, progress.error ?? survivor.output().slice(-3000)).toBe('completed');
    const tasks = await expectCompleteAndUnique(runId);
    // The job it was killed in: expired, handed out again and completed there.
    const [job] = await ctx.get(PrismaService).$queryRaw<
      { state: string; retry_count: number; task: string }[]
    >`
      SELECT state::text AS state, retry_count, COALESCE(data->>'key', 'sync:' || (data->>'source')) AS task
      FROM pgboss.job WHERE id = ${jobId}::uuid`;
    expect(job).toMatchObject({ state: 'completed', retry_count: expect.any(Number) });
    expect(job!.retry_count).toBeGreaterThan(0);
    expect(tasks.find((t) => t.key === job!.task)).toMatchObject({
      state: 'done',
      doneBy: replicaId(survivor),
    });
    expect(survivor.output()).toContain(`"jobId":"${jobId}"`);
    // The survivor saw the other's jobs expire and lived through it.
    expect(survivor.process.exitCode).toBeNull();
    expect(errorLines(survivor.output())).toEqual([]);
  }

  it('finishes, on the other replica, a scan whose replica was SIGKILLed during its sync step', async () => {
    // Slow pages keep the sync jobs running while the kill lands.
    await killOneOfTwoDuring('scan-sync', 500);
  });

  it('finishes, on the other replica, a scan whose replica was SIGKILLed during its evaluation', async () => {
    // Batches of four: more evaluation jobs than the first replica to poll can take at once.
    await killOneOfTwoDuring('scan-evaluate', 20, { HUB_SCAN_BATCH_SIZE: '4' });
  });
});
