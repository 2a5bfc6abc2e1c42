import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import type { HubEnv } from '../../config/env';
import { Clock } from '../../infra/clock';
import { HUB_ENV, LOGGER } from '../../infra/core.module';
import { JobQueue, QUEUES } from '../../infra/jobs/job-queue';
import { AlertsService } from '../alerts/alerts.service';
import { HistoryService } from '../history/history.service';
import { toNotifiableAlert } from '../notifications/notification.types';
import { NotificationsService } from '../notifications/notifications.service';
import { ScanOrchestrator } from './scan-orchestrator.service';
import { ScanScheduler } from './scan-scheduler.service';

/** History retention runs daily at 03:30 Beijing time. */
const PRUNE_CRON = '30 3 * * *';

/**
 * What follows a scan and what runs beside it: monitoring (alerts) and notifications at each scan's
 * finish, and the daily history prune — kept here so that the scan orchestrator knows none of them.
 */
@Injectable()
export class ScanWiring implements OnModuleInit {
  constructor(
    private readonly scans: ScanOrchestrator,
    private readonly alerts: AlertsService,
    private readonly notifications: NotificationsService,
    private readonly history: HistoryService,
    private readonly queue: JobQueue,
    private readonly scheduler: ScanScheduler,
    private readonly clock: Clock,
    @Inject(HUB_ENV) private readonly env: HubEnv,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.scans.onFinish('monitoring', async (runId) => {
      const changes = await this.alerts.evaluate(runId);
      this.logger.info(
        {
          checkRunId: runId,
          opened: changes.opened.length,
          reopened: changes.reopened.length,
          resolved: changes.resolved.length,
          open: changes.open,
        },
        'monitoring evaluated',
      );
      await this.notifications.notifyScan(runId, {
        opened: changes.opened.map(toNotifiableAlert),
        reopened: changes.reopened.map(toNotifiableAlert),
        resolved: changes.resolved.map(toNotifiableAlert),
        open: changes.open,
      });
    });
  }

  async startWorkers(): Promise<void> {
    await this.notifications.startWorkers();
    await this.queue.work(QUEUES.historyPrune, async () => {
      const report = await this.history.prune(this.env.HUB_HISTORY_RETENTION_DAYS, this.clock.now(), {
        actor: 'system',
      });
      this.logger.info({ report }, 'history pruned');
    });
  }

  /** The daily prune trigger; one job per tick across replicas. */
  schedule(): { name: string; cron: string } {
    return this.scheduler.trigger('history-prune', PRUNE_CRON, QUEUES.historyPrune, {})!;
  }
}
