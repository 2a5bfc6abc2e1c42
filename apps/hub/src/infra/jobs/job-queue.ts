import os from 'node:os';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { HubEnv } from '../../config/env';
import { Lifecycle, settledBy } from '../lifecycle';
import { DATABASE_URL, HUB_ENV, LOGGER } from '../tokens';
import { guardJobCompletions, type JobOutcomeWrites } from './job-completion-guard';

/** The queues the hub's work travels on. */
export const QUEUES = {
  /** start a full scan (scheduled ticks; deduplicated across replicas by the tick's job id) */
  scanStart: 'scan-start',
  /** one source's sync within a scan */
  scanSync: 'scan-sync',
  /** the matching pass once every sync of a scan is done */
  scanBind: 'scan-bind',
  /** one batch of projects judged within a scan */
  scanEvaluate: 'scan-evaluate',
  /** a scan's summary, monitoring and notifications */
  scanFinish: 'scan-finish',
  /** a scheduled incremental sync of one source, outside scans */
  sourceSync: 'source-sync',
  /** one notification message */
  notify: 'notification-deliver',
  /** daily history retention */
  historyPrune: 'history-prune',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobContext {
  id: string;
  /** how many times the job failed before (0 on the first attempt) */
  retryCount: number;
  retryLimit: number;
}

export type JobHandler<T> = (data: T, job: JobContext) => Promise<void>;

export interface SendOptions {
  /** a deterministic id: a second send with the same id is ignored (returns null) */
  id?: string;
  retryLimit?: number;
  retryDelay?: number;
  retryBackoff?: boolean;
  expireInSeconds?: number;
}

/** This process, as the queue and the scan tasks name it. */
export const REPLICA_ID = `${os.hostname()}:${process.pid}`;

const SCHEMA = 'pgboss';

/** How every queue retries and expires jobs; a queue whose settings differ is brought in line. */
function queueSettings(env: Pick<HubEnv, 'HUB_JOB_EXPIRE_SECONDS'>) {
  return {
    retryLimit: 3,
    retryDelay: 5,
    retryBackoff: true,
    expireInSeconds: env.HUB_JOB_EXPIRE_SECONDS,
  };
}

/**
 * As the owner, at start: installs or migrates pg-boss's schema and creates every queue (each is a
 * table of its own, which only the owner of the job table may attach). The application role then
 * only moves jobs through them (its privileges: database-roles.ts).
 */
export async function installJobQueue(
  ownerUrl: string,
  env: Pick<HubEnv, 'HUB_JOB_EXPIRE_SECONDS'>,
  logger: Logger,
): Promise<void> {
  const boss = new PgBoss({
    connectionString: ownerUrl,
    schema: SCHEMA,
    application_name: `hub-jobs-install ${REPLICA_ID}`,
    max: 1,
    migrate: true,
    supervise: false,
    schedule: false,
  });
  boss.on('error', (e: unknown) => logger.error({ err: e }, 'job queue error while installing'));
  await boss.start();
  try {
    for (const queue of Object.values(QUEUES)) {
      if (await boss.getQueue(queue)) continue;
      await boss.createQueue(queue, { name: queue, ...queueSettings(env) }).catch(async (e: unknown) => {
        // Another replica created it between the look and the create.
        if (!(await boss.getQueue(queue))) throw e;
      });
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

/**
 * The PostgreSQL job queue (pg-boss) that replicas share: a job is fetched by one worker at a time
 * (SKIP LOCKED), retried with backoff when it fails, and retried elsewhere when its worker dies
 * (it expires after HUB_JOB_EXPIRE_SECONDS and the queue's maintenance hands it out again).
 * Started on first use, so processes that never queue anything never touch it.
 */
@Injectable()
export class JobQueue implements OnModuleDestroy {
  private boss: Promise<PgBoss> | undefined;
  private outcomes: JobOutcomeWrites | undefined;
  private readonly created = new Set<string>();
  /** this process's workers per queue, woken when this process queues work for them */
  private readonly workers = new Map<string, string[]>();
  /** handlers running now in this process: what a shutdown waits for */
  private readonly running = new Set<Promise<void>>();

  constructor(
    @Inject(HUB_ENV) private readonly env: HubEnv,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
    private readonly lifecycle: Lifecycle,
  ) {}

  /** Whether this process takes jobs (HUB_ROLE all or worker). */
  get runsWorkers(): boolean {
    return this.env.HUB_ROLE !== 'api';
  }

  async send<T extends object>(queue: QueueName, data: T, options: SendOptions = {}): Promise<string | null> {
    const boss = await this.ensureQueue(queue);
    const id = await boss.send(queue, data, options);
    // Without this a local worker would see the job only at its next poll.
    for (const worker of this.workers.get(queue) ?? []) boss.notifyWorker(worker);
    return id;
  }

  /** Takes jobs of `queue` one at a time with `concurrency` workers in this process. */
  async work<T extends object>(queue: QueueName, handler: JobHandler<T>, concurrency = 1): Promise<void> {
    // A process told to stop while it was starting takes no jobs at all.
    if (this.lifecycle.stopping) return;
    const boss = await this.ensureQueue(queue);
    for (let i = 0; i < concurrency && !this.lifecycle.stopping; i++) {
      const workerId = await boss.work<T>(
        queue,
        { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: this.env.HUB_JOBS_POLL_SECONDS },
        async ([job]) => {
          if (!job) return;
          const log = this.logger.child({ queue, jobId: job.id, replica: REPLICA_ID });
          const started = Date.now();
          log.debug('job started');
          const run = handler(job.data, {
            id: job.id,
            retryCount: job.retryCount,
            retryLimit: job.retryLimit,
          });
          const tracked = run.then(
            () => undefined,
            () => undefined,
          );
          this.running.add(tracked);
          try {
            await run;
            log.debug({ ms: Date.now() - started }, 'job done');
          } catch (e) {
            log.warn({ err: e, ms: Date.now() - started, retryCount: job.retryCount }, 'job failed');
            throw e;
          } finally {
            this.running.delete(tracked);
          }
        },
      );
      this.workers.set(queue, [...(this.workers.get(queue) ?? []), workerId]);
    }
  }

  /** How many jobs of a queue wait or run. */
  async pending(queue: QueueName): Promise<number> {
    const boss = await this.ensureQueue(queue);
    return boss.getQueueSize(queue);
  }

  /** Whether the queue's own connections answer (readiness); starts the queue when it has not. */
  async ping(): Promise<void> {
    const boss = await this.started();
    await boss.getDb().executeSql('SELECT 1', []);
  }

  /** Shutdown, first step: this process's workers take no new jobs; those running go on. */
  async stopTaking(): Promise<void> {
    const boss = this.boss && (await this.boss.catch(() => undefined));
    if (!boss) return;
    await Promise.all([...this.workers.keys()].map((queue) => boss.offWork(queue)));
    this.workers.clear();
  }

  /**
   * Shutdown: waits for the jobs running here until `deadline` (wall-clock ms), then gives back those
   * still running (pg-boss fails them, so they are retried, by another replica if this one is gone)
   * and closes the queue's connections.
   */
  async stop(deadline = Date.now() + this.env.HUB_SHUTDOWN_GRACE_SECONDS * 1000): Promise<void> {
    const boss = this.boss && (await this.boss.catch(() => undefined));
    if (!boss) return;
    // Jobs finishing now still queue their follow-ups (the next phase of a scan) through it.
    const finished = await settledBy([...this.running], deadline);
    // Their outcomes are recorded before the pool closes: a finished job is not left to expire.
    await settledBy([this.outcomes?.settled() ?? Promise.resolve()], deadline);
    this.boss = undefined;
    if (!finished) {
      this.logger.warn({ jobs: this.running.size }, 'jobs still running at shutdown given back to the queue');
    }
    await boss.stop({ graceful: finished, wait: true, timeout: 1_000 }).catch((e: unknown) => {
      this.logger.warn({ err: e }, 'job queue did not stop cleanly');
    });
  }

  /** Stopped with the modules (tests, CLI): before the database pool closes, at application shutdown. */
  async onModuleDestroy(): Promise<void> {
    await this.stopTaking();
    await this.stop();
  }

  private async ensureQueue(queue: QueueName): Promise<PgBoss> {
    const boss = await this.started();
    if (!this.created.has(queue)) {
      const settings = queueSettings(this.env);
      const existing = await boss.getQueue(queue);
      if (!existing) {
        // Queues are made at start by installJobQueue as the owner; only a queue added since needs this.
        await boss.createQueue(queue, { name: queue, ...settings }).catch(async (e: unknown) => {
          // Another replica created it between the look and the create.
          if (!(await boss.getQueue(queue))) throw e;
        });
      } else if (
        (Object.keys(settings) as (keyof typeof settings)[]).some((k) => existing[k] !== settings[k])
      ) {
        // A row update, which the application role may do: this process's settings apply.
        await boss.updateQueue(queue, { name: queue, ...settings });
      }
      this.created.add(queue);
    }
    return boss;
  }

  private started(): Promise<PgBoss> {
    if (!this.boss && this.lifecycle.stopping) {
      return Promise.reject(new Error('the job queue is stopped: this process is shutting down'));
    }
    this.boss ??= (async () => {
      const boss = new PgBoss({
        connectionString: this.databaseUrl,
        schema: SCHEMA,
        application_name: `hub-jobs ${REPLICA_ID}`,
        max: 4,
        // Installed and migrated by the owner at start (installJobQueue); this role only checks it.
        migrate: false,
        schedule: false,
        supervise: true,
        maintenanceIntervalSeconds: this.env.HUB_JOBS_MAINTENANCE_SECONDS,
        monitorStateIntervalSeconds: Math.max(this.env.HUB_JOBS_MAINTENANCE_SECONDS, 10),
      });
      this.outcomes = guardJobCompletions(boss, SCHEMA, this.logger);
      boss.on('error', (e: unknown) =>
        // Connections cut by a shutdown in progress are expected, not an incident.
        this.lifecycle.stopping
          ? this.logger.warn({ err: e }, 'job queue error while stopping')
          : this.logger.error({ err: e }, 'job queue error'),
      );
      await boss.start();
      this.logger.info({ replica: REPLICA_ID }, 'job queue started');
      return boss;
    })().catch((e: unknown) => {
      this.boss = undefined;
      throw e;
    });
    return this.boss;
  }
}
