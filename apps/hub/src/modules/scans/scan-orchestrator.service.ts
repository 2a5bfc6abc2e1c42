import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { SOURCE_IDS } from '@hub/connectors';
import type { SourceId } from '@hub/contracts';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError } from '../../common/app-error';
import { Clock } from '../../infra/clock';
import type { HubEnv } from '../../config/env';
import { HUB_ENV, LOGGER } from '../../infra/core.module';
import { PrismaService } from '../../infra/database/prisma.service';
import { type JobContext, JobQueue, QUEUES, REPLICA_ID } from '../../infra/jobs/job-queue';
import { Lifecycle } from '../../infra/lifecycle';
import type { ScanTask } from '../../generated/prisma/client';
import { ChecksService, type ScanSummary } from '../checks/checks.service';
import type { SourceTrust } from '../checks/source-trust';
import { SyncService } from '../sources/sync.service';
import { ZScanListItem, ZScanProgress } from './scans.answers';

/** Serialises a scan's step from one phase to the next across replicas. */
const ADVANCE_LOCK = 7_246_300;

export type ScanTrigger = 'api' | 'cli' | 'schedule' | 'start' | 'bench';

export type ScanProgress = z.infer<typeof ZScanProgress>;

/** Filters of the list of recent scans (GET /api/scans). */
export const ZScanListQuery = z
  .object({
    status: z.enum(['running', 'completed', 'failed']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(30),
  })
  .strict();
export type ScanListQuery = z.infer<typeof ZScanListQuery>;

/** A scan in the list of recent scans: when it ran, who started it, and what it found. */
export type ScanListItem = z.infer<typeof ZScanListItem>;

interface SyncJob {
  runId: string;
  source: SourceId;
  /** incremental from the last complete sync's watermark when absent */
  mode?: 'full' | 'incremental';
}
interface RunJob {
  runId: string;
}
interface EvaluateJob {
  runId: string;
  key: string;
}

/**
 * A scan as a set of jobs on the shared queue: one sync per source, then one matching pass, then the
 * projects judged in batches, then the finish (summary, monitoring, notifications). Each step is a
 * scan task row that is marked done exactly once, in the same transaction as its effect where it has
 * one (findings), so a job that a dead replica left half-done and the queue retried elsewhere never
 * leaves duplicates. Whoever completes the last task of a phase queues the next phase, under a lock.
 */
@Injectable()
export class ScanOrchestrator implements OnModuleDestroy {
  /** run after a scan's findings are complete (monitoring, notifications); set by their modules */
  private readonly finishHooks: { name: string; run: (runId: string) => Promise<unknown> }[] = [];
  private reconciler: NodeJS.Timeout | undefined;
  private reconciling = false;

  constructor(
    private readonly prisma: PrismaService,
    private readonly queue: JobQueue,
    private readonly sync: SyncService,
    private readonly checks: ChecksService,
    private readonly clock: Clock,
    private readonly lifecycle: Lifecycle,
    @Inject(HUB_ENV) private readonly env: HubEnv,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleDestroy(): void {
    clearInterval(this.reconciler);
  }

  onFinish(name: string, run: (runId: string) => Promise<unknown>): void {
    this.finishHooks.push({ name, run });
  }

  /**
   * Registers this replica's workers for every scan queue: every source's sync may run at once (they
   * wait on upstreams, not on this process), evaluation batches `concurrency` at a time.
   */
  async startWorkers(concurrency = 2): Promise<void> {
    await this.queue.work<{ trigger?: ScanTrigger }>(QUEUES.scanStart, async (data) => {
      await this.start(data.trigger ?? 'schedule', 'system');
    });
    await this.queue.work<SyncJob>(
      QUEUES.scanSync,
      (data, job) => this.runSync(data, job),
      SOURCE_IDS.length,
    );
    await this.queue.work<RunJob>(QUEUES.scanBind, (data, job) => this.runBind(data, job));
    await this.queue.work<EvaluateJob>(
      QUEUES.scanEvaluate,
      (data, job) => this.runEvaluate(data, job),
      concurrency,
    );
    await this.queue.work<RunJob>(QUEUES.scanFinish, (data, job) => this.runFinish(data, job));
    // As often as a dead replica's jobs are handed out again: its scans' steps are too.
    this.reconciler ??= setInterval(() => void this.reconcile(), this.env.HUB_JOB_EXPIRE_SECONDS * 1000);
    this.reconciler.unref();
  }

  /**
   * A replica that died between a step's rows and its jobs (a phase's tasks created, their jobs not
   * all queued; the last task of a phase done, the next phase not begun) leaves work no job carries.
   * Every running scan is advanced as far as its tasks allow and each queued task's job queued again:
   * a job still in the queue keeps it (jobs are named by run and task), a missing one is replaced.
   */
  async reconcile(): Promise<void> {
    if (this.reconciling || this.lifecycle.stopping) return;
    this.reconciling = true;
    try {
      const runs = await this.prisma.checkRun.findMany({ where: { kind: 'scan', status: 'running' } });
      for (const run of runs) {
        await this.advance(run.id);
        const queued = await this.prisma.scanTask.findMany({
          where: { checkRunId: run.id, state: 'queued' },
        });
        let requeued = 0;
        for (const task of queued) if (await this.sendTask(run.id, task.key)) requeued++;
        if (requeued > 0) {
          this.logger.warn({ checkRunId: run.id, requeued }, 'scan tasks without a job queued again');
        }
      }
    } catch (e) {
      this.logger.warn({ err: e }, 'scan reconciliation failed; tried again at the next interval');
    } finally {
      this.reconciling = false;
    }
  }

  /** Queues the job of one task, named by run and task: null when that job is already queued. */
  private sendTask(runId: string, key: string, mode?: SyncJob['mode']): Promise<string | null> {
    const id = jobIdOf(runId, key);
    if (key.startsWith('sync:')) {
      const source = key.slice('sync:'.length) as SourceId;
      return this.queue.send<SyncJob>(QUEUES.scanSync, { runId, source, mode }, { id });
    }
    if (key === 'bind') return this.queue.send<RunJob>(QUEUES.scanBind, { runId }, { id });
    if (key === 'finish') return this.queue.send<RunJob>(QUEUES.scanFinish, { runId }, { id });
    return this.queue.send<EvaluateJob>(QUEUES.scanEvaluate, { runId, key }, { id });
  }

  /** Creates the scan run and queues its syncs; returns at once with the run id. */
  async start(trigger: ScanTrigger, requestedBy: string, mode?: 'full' | 'incremental'): Promise<string> {
    const sources = this.sync.sources();
    const run = await this.prisma.$transaction(async (tx) => {
      const created = await tx.checkRun.create({
        data: {
          kind: 'scan',
          status: 'running',
          asOf: this.clock.now(),
          startedAt: this.clock.now(),
          syncIds: [],
          trigger,
          requestedBy,
        },
      });
      await tx.scanTask.createMany({
        data: sources.map((source) => ({
          checkRunId: created.id,
          key: `sync:${source}`,
          kind: 'sync',
          state: 'queued',
        })),
      });
      return created;
    });
    this.logger.info({ checkRunId: run.id, trigger, sources }, 'scan queued');
    for (const source of sources) await this.sendTask(run.id, `sync:${source}`, mode);
    if (sources.length === 0) await this.advance(run.id);
    return run.id;
  }

  /** A scan run's progress, from its task rows. */
  async progress(runId: string): Promise<ScanProgress> {
    const run = await this.prisma.checkRun.findUnique({ where: { id: runId }, include: { tasks: true } });
    if (!run || run.kind !== 'scan') {
      throw new AppError('CHECK_NOT_FOUND', { zh: `扫描 ${runId} 不存在`, en: `No scan ${runId}` });
    }
    const phase = (kind: string) => run.tasks.filter((t) => t.kind === kind);
    const count = (tasks: ScanTask[]) => ({
      done: tasks.filter((t) => t.state === 'done').length,
      total: tasks.length,
    });
    const evaluate = phase('evaluate');
    const plannedBatches =
      evaluate.length || Math.ceil((await this.prisma.project.count()) / this.env.HUB_SCAN_BATCH_SIZE);
    const phases = {
      sync: count(phase('sync')),
      bind: { done: count(phase('bind')).done, total: 1 },
      evaluate: { done: count(evaluate).done, total: plannedBatches },
      finish: { done: count(phase('finish')).done, total: 1 },
    };
    const replicas: Record<string, number> = {};
    for (const t of run.tasks) if (t.doneBy) replicas[t.doneBy] = (replicas[t.doneBy] ?? 0) + 1;
    const done = Object.values(phases).reduce((n, p) => n + p.done, 0);
    const total = Object.values(phases).reduce((n, p) => n + p.total, 0);
    return {
      id: run.id,
      status: run.status,
      trigger: run.trigger,
      requestedBy: run.requestedBy,
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
      jobs: { done, failed: run.tasks.filter((t) => t.state === 'failed').length, total },
      phases,
      replicas,
      report: run.status === 'running' ? null : await this.checks.getRun(run.id),
      error: run.error,
    };
  }

  /** The latest scans, newest first: what a trend over scans is drawn from. */
  async recent(q: ScanListQuery): Promise<ScanListItem[]> {
    const runs = await this.prisma.checkRun.findMany({
      where: { kind: 'scan', ...(q.status ? { status: q.status } : {}) },
      orderBy: [{ startedAt: 'desc' }, { id: 'asc' }],
      take: q.limit,
    });
    return runs.map((run) => ({
      id: run.id,
      status: run.status,
      trigger: run.trigger,
      requestedBy: run.requestedBy,
      asOf: run.asOf.toISOString(),
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
      summary: run.status === 'completed' ? ((run.summary as ScanSummary | null) ?? null) : null,
      error: run.error,
    }));
  }

  /** Resolves when the scan has finished (completed or failed), polling its progress. */
  async waitFor(runId: string, onProgress?: (p: ScanProgress) => void, pollMs = 500): Promise<ScanProgress> {
    for (;;) {
      const p = await this.progress(runId);
      onProgress?.(p);
      // Completed once the finish task is done too (the run's status is set just before it).
      if (p.status === 'failed' || (p.status === 'completed' && p.phases.finish.done === 1)) return p;
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  private async runSync({ runId, source, mode }: SyncJob, job: JobContext): Promise<void> {
    await this.guarded(runId, `sync:${source}`, job, async () => {
      if (!(SOURCE_IDS as readonly string[]).includes(source)) throw new Error(`unknown source ${source}`);
      const summary = await this.sync.syncWithoutRebind(source, mode);
      // A short sync costs only what it must: lost pages were asked again; now the projects' records
      // of the lists still short are fetched by filter, before anything is judged.
      await this.sync.recover(summary);
      return this.markDone(runId, `sync:${source}`, async (tx) => {
        await tx.$executeRaw`UPDATE check_runs SET sync_ids = array_append(sync_ids, ${summary.syncId}) WHERE id = ${runId}::uuid`;
      });
    });
  }

  private async runBind({ runId }: RunJob, job: JobContext): Promise<void> {
    await this.guarded(runId, 'bind', job, async () => {
      await this.sync.rebind();
      return this.markDone(runId, 'bind');
    });
  }

  private async runEvaluate({ runId, key }: EvaluateJob, job: JobContext): Promise<void> {
    await this.guarded(runId, key, job, async () => {
      const task = await this.prisma.scanTask.findUniqueOrThrow({
        where: { checkRunId_key: { checkRunId: runId, key } },
      });
      const projects = await this.prisma.project.findMany({
        where: { code: { gte: task.fromCode!, lte: task.toCode! } },
        orderBy: { code: 'asc' },
      });
      const states = await this.statesOf(runId);
      // Findings and the task's completion commit together: a retry after a crash starts clean.
      return this.markDone(runId, key, async (tx) => {
        await this.checks.evaluateAndSave(runId, projects, states, tx);
      });
    });
  }

  private async runFinish({ runId }: RunJob, job: JobContext): Promise<void> {
    await this.guarded(runId, 'finish', job, async () => {
      for (const hook of this.finishHooks) {
        try {
          await hook.run(runId);
        } catch (e) {
          // Monitoring or notifications failing does not undo the scan; it is logged and retried next scan.
          this.logger.error({ err: e, checkRunId: runId, hook: hook.name }, 'scan finish step failed');
        }
      }
      const report = await this.checks.completeRun(runId);
      const done = await this.markDone(runId, 'finish');
      if (done) {
        const s = report.summary;
        this.logger.info(
          { checkRunId: runId, ms: Date.now() - new Date(report.startedAt).getTime(), ...s },
          `scan completed: ${s?.projects ?? 0} projects, ${s?.notReady ?? 0} not ready`,
        );
      }
      return done;
    });
  }

  /**
   * Runs a task's work unless it is already done; on the last allowed attempt a failure fails the
   * task and the scan, so that a scan never hangs on a job that will not succeed.
   */
  private async guarded(
    runId: string,
    key: string,
    job: JobContext,
    work: () => Promise<boolean>,
  ): Promise<void> {
    const task = await this.prisma.scanTask.findUnique({
      where: { checkRunId_key: { checkRunId: runId, key } },
    });
    if (!task || task.state !== 'queued') return;
    await this.prisma.scanTask.update({
      where: { checkRunId_key: { checkRunId: runId, key } },
      data: { attempts: { increment: 1 } },
    });
    try {
      if (await work()) await this.advance(runId);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (job.retryCount >= job.retryLimit) {
        await this.prisma.$transaction([
          this.prisma.scanTask.update({
            where: { checkRunId_key: { checkRunId: runId, key } },
            data: { state: 'failed', error: message },
          }),
          this.prisma.checkRun.update({
            where: { id: runId },
            data: { status: 'failed', finishedAt: this.clock.now(), error: `${key}: ${message}` },
          }),
        ]);
        this.logger.error({ err: e, checkRunId: runId, key }, 'scan failed');
        return;
      }
      throw e;
    }
  }

  /**
   * Marks a task done (with `effect` in the same transaction); false when another worker already
   * did, in which case the effect is rolled back.
   */
  private async markDone(
    runId: string,
    key: string,
    effect?: (tx: Parameters<Parameters<PrismaService['$transaction']>[0]>[0]) => Promise<void>,
  ): Promise<boolean> {
    try {
      await this.prisma.$transaction(
        async (tx) => {
          await effect?.(tx);
          const marked = await tx.scanTask.updateMany({
            where: { checkRunId: runId, key, state: 'queued' },
            data: { state: 'done', doneAt: this.clock.now(), doneBy: REPLICA_ID },
          });
          if (marked.count !== 1) throw new AlreadyDone();
        },
        { timeout: 120_000 },
      );
      return true;
    } catch (e) {
      if (e instanceof AlreadyDone) return false;
      throw e;
    }
  }

  /** Queues the next phase once the current one is complete; exactly once, under a lock. */
  private async advance(runId: string): Promise<void> {
    const next = await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADVANCE_LOCK}, hashtext(${runId}))`;
      const tasks = await tx.scanTask.findMany({ where: { checkRunId: runId } });
      const of = (kind: string) => tasks.filter((t) => t.kind === kind);
      const complete = (kind: string) => of(kind).length > 0 && of(kind).every((t) => t.state === 'done');
      const syncsDone = of('sync').every((t) => t.state === 'done');
      if (syncsDone && of('bind').length === 0) {
        await tx.scanTask.create({ data: { checkRunId: runId, key: 'bind', kind: 'bind', state: 'queued' } });
        return ['bind'];
      }
      if (complete('bind') && of('evaluate').length === 0) {
        const codes = await tx.project.findMany({ select: { code: true }, orderBy: { code: 'asc' } });
        const batches: { key: string; fromCode: string; toCode: string }[] = [];
        const size = this.env.HUB_SCAN_BATCH_SIZE;
        for (let i = 0; i < codes.length; i += size) {
          const batch = codes.slice(i, i + size);
          batches.push({
            key: `evaluate:${String(batches.length + 1).padStart(4, '0')}`,
            fromCode: batch[0]!.code,
            toCode: batch.at(-1)!.code,
          });
        }
        if (batches.length === 0) {
          await tx.scanTask.create({
            data: { checkRunId: runId, key: 'finish', kind: 'finish', state: 'queued' },
          });
          return ['finish'];
        }
        await tx.scanTask.createMany({
          data: batches.map((b) => ({ checkRunId: runId, kind: 'evaluate', state: 'queued', ...b })),
        });
        return batches.map((b) => b.key);
      }
      if (complete('evaluate') && of('finish').length === 0) {
        await tx.scanTask.create({
          data: { checkRunId: runId, key: 'finish', kind: 'finish', state: 'queued' },
        });
        return ['finish'];
      }
      return [];
    });
    for (const key of next) await this.sendTask(runId, key);
  }

  private async statesOf(runId: string): Promise<SourceTrust> {
    const run = await this.prisma.checkRun.findUniqueOrThrow({ where: { id: runId } });
    return this.checks.sourceStatesOf(run.syncIds);
  }
}

class AlreadyDone extends Error {}

/** The queue's id of a task's job: the same run and task always give the same id (a UUID's shape). */
function jobIdOf(runId: string, key: string): string {
  const h = createHash('sha256').update(`${runId}/${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
