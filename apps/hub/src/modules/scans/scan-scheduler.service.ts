import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { SourceId } from '@hub/contracts';
import { getConnector, syncCronKey } from '@hub/connectors';
import { CronJob } from 'cron';
import type { Logger } from 'pino';
import type { HubEnv } from '../../config/env';
import { HUB_ENV, LOGGER } from '../../infra/core.module';
import { JobQueue, type QueueName, QUEUES } from '../../infra/jobs/job-queue';
import { SyncService } from '../sources/sync.service';

export const SCHEDULE_TIME_ZONE = 'Asia/Shanghai';

/**
 * When a source's incremental sync runs: its own `<PREFIX>_SYNC_CRON`, else `HUB_SYNC_CRON` for every
 * source, else the schedule its connector declares.
 */
export function syncCronOf(env: HubEnv, source: SourceId): string {
  const connector = getConnector(source);
  if (!connector) throw new Error(`no connector registered for ${source}`);
  const own = (env as unknown as Record<string, string | undefined>)[syncCronKey(connector)];
  return own ?? env.HUB_SYNC_CRON ?? connector.defaultCron;
}

/** A job id that every replica computes alike for the same tick: the queue keeps only the first. */
export function tickJobId(name: string, tick: Date): string {
  const hex = createHash('sha256').update(`${name}@${tick.toISOString()}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Cron triggers (Beijing time) from configuration: full scans and per-source incremental syncs. Every
 * replica runs the same triggers; each tick becomes one job with an id derived from the tick, so the
 * queue starts it once however many replicas fired.
 */
@Injectable()
export class ScanScheduler {
  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly queue: JobQueue,
    private readonly sync: SyncService,
    @Inject(HUB_ENV) private readonly env: HubEnv,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * A cron trigger (Beijing time) that queues one job per tick: every replica fires it, the job id
   * derived from the tick lets the queue keep only the first. `off` schedules nothing.
   */
  trigger(name: string, cron: string, queue: QueueName, data: object): { name: string; cron: string } | null {
    if (cron === 'off') return null;
    const job = CronJob.from({
      cronTime: cron,
      timeZone: SCHEDULE_TIME_ZONE,
      start: true,
      onTick: () => {
        const tick = new Date(Math.floor(Date.now() / 60_000) * 60_000);
        this.queue
          .send(queue, data, { id: tickJobId(name, tick) })
          .catch((e: unknown) => this.logger.error({ err: e, name }, 'scheduled trigger failed'));
      },
    });
    this.registry.addCronJob(name, job as never);
    return { name, cron };
  }

  /** Registers the scan and sync triggers; returns what was scheduled, for the start-up log. */
  start(): { name: string; cron: string }[] {
    const scheduled = [
      this.trigger('scan', this.env.HUB_SCAN_CRON, QUEUES.scanStart, { trigger: 'schedule' }),
    ];
    for (const source of this.sync.sources()) {
      scheduled.push(
        this.trigger(`sync:${source}`, syncCronOf(this.env, source), QUEUES.sourceSync, { source }),
      );
    }
    const registered = scheduled.filter((s): s is { name: string; cron: string } => s !== null);
    this.logger.info({ scheduled: registered, timeZone: SCHEDULE_TIME_ZONE }, 'schedules registered');
    return registered;
  }

  /** The worker for scheduled syncs outside scans. */
  async startWorkers(): Promise<void> {
    await this.queue.work<{ source: SourceId }>(QUEUES.sourceSync, async ({ source }) => {
      await this.sync.sync(source, 'incremental');
    });
  }
}
